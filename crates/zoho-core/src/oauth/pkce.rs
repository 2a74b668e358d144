//! PKCE (RFC 7636, S256) and the random `state`.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use rand::RngCore;
use sha2::{Digest, Sha256};

use crate::secret::Secret;

/// Bytes of randomness in a verifier: 48 bytes = 64 base64url characters (43–128 allowed).
const VERIFIER_BYTES: usize = 48;
/// Bytes of randomness in a `state`: 32 bytes = 256 bits.
const STATE_BYTES: usize = 32;

fn random_token(bytes: usize) -> String {
    let mut buffer = vec![0u8; bytes];
    rand::rng().fill_bytes(&mut buffer);
    URL_SAFE_NO_PAD.encode(buffer)
}

/// A fresh PKCE code verifier.
pub fn new_verifier() -> Secret {
    Secret::new(random_token(VERIFIER_BYTES))
}

/// The S256 challenge of a verifier: base64url(SHA-256(verifier)), no padding.
pub fn challenge_s256(verifier: &Secret) -> String {
    URL_SAFE_NO_PAD.encode(Sha256::digest(verifier.expose().as_bytes()))
}

/// A fresh `state` value.
pub fn new_state() -> Secret {
    Secret::new(random_token(STATE_BYTES))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn challenge_matches_an_independent_sha256() {
        // Computed with Python's hashlib + base64.urlsafe_b64encode, padding stripped.
        let verifier = Secret::new("zmeet-pkce-test-verifier-0123456789-abcdefghijklmnop");
        assert_eq!(
            challenge_s256(&verifier),
            "1BcmKTaZc25BJp1CK1IFwy1aNTLmWtoRb6APF97GYPA"
        );
    }

    #[test]
    fn verifiers_and_states_are_long_random_and_unreserved() {
        let a = new_verifier();
        let b = new_verifier();
        assert!(a.expose().len() >= 43 && a.expose().len() <= 128);
        assert_ne!(a.expose(), b.expose());
        let allowed = |c: char| c.is_ascii_alphanumeric() || "-._~".contains(c);
        assert!(a.expose().chars().all(allowed));
        let state = new_state();
        // At least 128 bits: 22+ base64 characters.
        assert!(state.expose().len() * 6 >= 128);
        assert_ne!(state.expose(), new_state().expose());
    }
}
