//! PKCE (RFC 7636) as Zoho's mobile/desktop client type uses it: S256 or plain, plain being
//! the documented default method.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use sha2::{Digest, Sha256};

use super::tokens::{Challenge, PkceMethod};

pub fn parse_method(method: Option<&str>) -> Option<PkceMethod> {
    match method {
        None | Some("plain") => Some(PkceMethod::Plain),
        Some("S256") => Some(PkceMethod::S256),
        Some(_) => None,
    }
}

pub fn verifies(challenge: &Challenge, verifier: &str) -> bool {
    match challenge.method {
        PkceMethod::Plain => verifier == challenge.value,
        PkceMethod::S256 => {
            URL_SAFE_NO_PAD.encode(Sha256::digest(verifier.as_bytes())) == challenge.value
        }
    }
}

/// The S256 challenge of a verifier (used by tests and the README example).
pub fn s256_challenge(verifier: &str) -> String {
    URL_SAFE_NO_PAD.encode(Sha256::digest(verifier.as_bytes()))
}
