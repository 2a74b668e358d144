//! Reading a redirect back from Zoho: `?code=…&state=…&location=…&accounts-server=…` or
//! `?error=…&state=…`.

use url::Url;

use crate::error::{Error, Result};
use crate::secret::Secret;

/// The query of a callback. `code` and `state` are secret: `Debug` shows neither.
#[derive(Default)]
pub struct CallbackParams {
    pub code: Option<Secret>,
    pub state: Option<String>,
    pub error: Option<String>,
    pub error_description: Option<String>,
    pub location: Option<String>,
    pub accounts_server: Option<String>,
}

impl std::fmt::Debug for CallbackParams {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CallbackParams")
            .field("code", &self.code)
            .field(
                "state",
                &self.state.as_ref().map(|_| crate::secret::REDACTED),
            )
            .field("error", &self.error)
            .field("error_description", &self.error_description)
            .field("location", &self.location)
            .field("accounts_server", &self.accounts_server)
            .finish()
    }
}

/// Parses a callback URL and checks that it is addressed to `redirect_uri` (same scheme,
/// host, port and path).
pub fn parse_callback(callback: &str, redirect_uri: &str) -> Result<CallbackParams> {
    let url =
        Url::parse(callback.trim()).map_err(|_| Error::InvalidCallback("not a URL".into()))?;
    let expected = Url::parse(redirect_uri)
        .map_err(|e| Error::Config(format!("redirect URI {redirect_uri:?}: {e}")))?;
    let same_target = url.scheme() == expected.scheme()
        && url.host_str() == expected.host_str()
        && url.port_or_known_default() == expected.port_or_known_default()
        && url.path() == expected.path();
    if !same_target {
        return Err(Error::InvalidCallback(
            "addressed to another redirect URI".into(),
        ));
    }
    let mut params = CallbackParams::default();
    for (name, value) in url.query_pairs() {
        let value = value.into_owned();
        let slot = match name.as_ref() {
            "code" => {
                if params.code.replace(Secret::new(value)).is_some() {
                    return Err(Error::InvalidCallback("more than one code".into()));
                }
                continue;
            }
            "state" => &mut params.state,
            "error" => &mut params.error,
            "error_description" => &mut params.error_description,
            "location" => &mut params.location,
            "accounts-server" => &mut params.accounts_server,
            _ => continue,
        };
        if slot.replace(value).is_some() {
            return Err(Error::InvalidCallback(format!("more than one {name}")));
        }
    }
    Ok(params)
}

/// Turns an error redirect into its typed error.
pub fn redirect_error(error: &str, description: Option<String>) -> Error {
    let description = description.map(|d| d.chars().take(300).collect());
    match error {
        "access_denied" => Error::AccessDenied { description },
        other => Error::AuthorizationFailed {
            error: other.chars().take(80).collect(),
            description,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const DEEP: &str = "dev.zmeet.desktop:/oauth/callback";

    #[test]
    fn reads_the_documented_redirect() {
        let p = parse_callback(
            "dev.zmeet.desktop:/oauth/callback?code=1000.abc&state=s1&location=in&accounts-server=https%3A%2F%2Faccounts.zoho.in",
            DEEP,
        )
        .unwrap();
        let shown = format!("{p:?}");
        assert!(
            !shown.contains("1000.abc") && !shown.contains("s1"),
            "{shown}"
        );
        assert_eq!(p.code.unwrap().expose(), "1000.abc");
        assert_eq!(p.state.as_deref(), Some("s1"));
        assert_eq!(p.location.as_deref(), Some("in"));
        assert_eq!(
            p.accounts_server.as_deref(),
            Some("https://accounts.zoho.in")
        );
    }

    #[test]
    fn refuses_other_targets_and_duplicates() {
        for bad in [
            "dev.zmeet.desktop:/other?code=1",
            "evil.scheme:/oauth/callback?code=1",
            "http://127.0.0.1:9/callback?code=1",
            "dev.zmeet.desktop:/oauth/callback?code=1&code=2",
            "dev.zmeet.desktop:/oauth/callback?state=1&state=2",
            "dev.zmeet.desktop://evil.example/oauth/callback?code=1",
            "dev.zmeet.desktop:/oauth/callback/../x?code=1",
            "::not a url",
        ] {
            assert_eq!(
                parse_callback(bad, DEEP).unwrap_err().code(),
                "invalid_callback",
                "{bad}"
            );
        }
        let loopback = "http://127.0.0.1:5000/callback";
        assert!(parse_callback("http://127.0.0.1:5000/callback?code=1", loopback).is_ok());
        assert!(parse_callback("http://127.0.0.1:5001/callback?code=1", loopback).is_err());
        assert_eq!(
            parse_callback("x:/y", "::bad").unwrap_err().code(),
            "config"
        );
    }

    #[test]
    fn error_redirects_become_typed_errors() {
        assert_eq!(
            redirect_error("access_denied", None).code(),
            "access_denied"
        );
        let other = redirect_error("server_error", Some("down".into()));
        assert_eq!(other.code(), "authorization_failed");
        assert!(other.to_string().contains("down"));
    }
}
