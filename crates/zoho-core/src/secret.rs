//! A wrapper for every secret the crate handles: tokens, authorization codes, PKCE
//! verifiers, the client secret, host-only links. Its `Debug`, `Display` and `Serialize`
//! print a fixed placeholder, never the value; the value is zeroed on drop (via `secrecy`).

use std::fmt;

use secrecy::{ExposeSecret, SecretString};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// What `Debug`, `Display` and `Serialize` print instead of a secret.
pub const REDACTED: &str = "[redacted]";

/// A secret string. Read it only with [`Secret::expose`], at the point of use.
#[derive(Clone)]
pub struct Secret(SecretString);

impl Secret {
    pub fn new(value: impl Into<String>) -> Self {
        Self(SecretString::from(value.into()))
    }

    /// The value. Never log or format what this returns.
    pub fn expose(&self) -> &str {
        self.0.expose_secret()
    }

    /// Constant-time comparison (for `state` and similar values).
    pub fn ct_eq(&self, other: &str) -> bool {
        ct_eq(self.expose().as_bytes(), other.as_bytes())
    }

    pub fn to_secret_string(&self) -> SecretString {
        SecretString::from(self.expose().to_owned())
    }
}

/// Constant-time byte comparison; the length is not secret.
pub fn ct_eq(a: &[u8], b: &[u8]) -> bool {
    use subtle::ConstantTimeEq;
    a.len() == b.len() && bool::from(a.ct_eq(b))
}

impl From<SecretString> for Secret {
    fn from(value: SecretString) -> Self {
        Self(value)
    }
}

impl From<&SecretString> for Secret {
    fn from(value: &SecretString) -> Self {
        Self::new(value.expose_secret().to_owned())
    }
}

impl From<String> for Secret {
    fn from(value: String) -> Self {
        Self::new(value)
    }
}

impl From<&str> for Secret {
    fn from(value: &str) -> Self {
        Self::new(value)
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Secret({REDACTED})")
    }
}

impl fmt::Display for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(REDACTED)
    }
}

impl Serialize for Secret {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(REDACTED)
    }
}

/// Reads a secret from a string (a pasted endpoints JSON's `client_secret`, say); only
/// writing it out is redacted.
impl<'de> Deserialize<'de> for Secret {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        String::deserialize(deserializer).map(Secret::new)
    }
}

impl PartialEq for Secret {
    fn eq(&self, other: &Self) -> bool {
        self.ct_eq(other.expose())
    }
}

impl Eq for Secret {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn never_formats_or_serializes_the_value() {
        let secret = Secret::new("1000.abcdef.123456");
        assert!(!format!("{secret:?}").contains("abcdef"));
        assert!(!format!("{secret:#?}").contains("abcdef"));
        assert!(!format!("{secret}").contains("abcdef"));
        assert!(!serde_json::to_string(&secret).unwrap().contains("abcdef"));
        assert_eq!(secret.expose(), "1000.abcdef.123456");
    }

    #[test]
    fn compares_in_constant_time_by_value() {
        let a = Secret::new("state-value");
        assert!(a.ct_eq("state-value"));
        assert!(!a.ct_eq("state-valuf"));
        assert!(!a.ct_eq("state-value-longer"));
        assert_eq!(a, Secret::from("state-value".to_owned()));
        let from_store = Secret::from(SecretString::from("x"));
        assert_eq!(from_store.to_secret_string().expose_secret(), "x");
    }
}
