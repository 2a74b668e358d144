//! What a caller needs to use a running simulator: the JSON line the binary prints.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

/// Its `Debug` hides the client secret (the JSON keeps it: that is how clients get it).
#[derive(Serialize, Deserialize, Clone, PartialEq)]
pub struct SimInfo {
    /// location ("us") -> accounts base URL, e.g. "http://127.0.0.1:40123" (no trailing slash)
    pub accounts: BTreeMap<String, String>,
    /// location -> Meeting base URL
    pub meeting: BTreeMap<String, String>,
    /// admin base URL
    pub admin: String,
    pub client_id: String,
    pub client_secret: String,
    /// Registered redirect URIs: the deep link, the loopback one, then any extras.
    pub redirect_uris: Vec<String>,
    pub user: SimUser,
}

#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct SimUser {
    pub zsoid: String,
    pub zuid: String,
    pub email: String,
    pub display_name: String,
    /// Location the user lives in.
    pub dc: String,
}

/// Tokens handed out without the browser flow (`Simulator::grant_tokens`), for demo mode.
/// Secrets: never log them (`Debug` hides them).
#[derive(Serialize, Deserialize, Clone, PartialEq)]
pub struct GrantedTokens {
    pub access_token: String,
    pub refresh_token: String,
    /// Access-token lifetime in seconds.
    pub expires_in: u64,
    /// The user's DC, as the consent redirect's `location` would say.
    pub location: String,
    /// The user's accounts base URL, as the redirect's `accounts-server` would say.
    pub accounts_server: String,
    /// The user's Meeting base URL.
    pub meeting_server: String,
}

/// What `Debug` prints instead of a secret.
const HIDDEN: &str = "[redacted]";

impl std::fmt::Debug for SimInfo {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SimInfo")
            .field("accounts", &self.accounts)
            .field("meeting", &self.meeting)
            .field("admin", &self.admin)
            .field("client_id", &self.client_id)
            .field("client_secret", &HIDDEN)
            .field("redirect_uris", &self.redirect_uris)
            .field("user", &self.user)
            .finish()
    }
}

impl std::fmt::Debug for GrantedTokens {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("GrantedTokens")
            .field("access_token", &HIDDEN)
            .field("refresh_token", &HIDDEN)
            .field("expires_in", &self.expires_in)
            .field("location", &self.location)
            .field("accounts_server", &self.accounts_server)
            .field("meeting_server", &self.meeting_server)
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_hides_the_client_secret_and_tokens() {
        let info = SimInfo {
            accounts: BTreeMap::new(),
            meeting: BTreeMap::new(),
            admin: "http://127.0.0.1:1".into(),
            client_id: "1000.SIM".into(),
            client_secret: "CLIENT-SECRET-VALUE".into(),
            redirect_uris: Vec::new(),
            user: SimUser {
                zsoid: "1".into(),
                zuid: "2".into(),
                email: "a@b.c".into(),
                display_name: "A".into(),
                dc: "us".into(),
            },
        };
        let tokens = GrantedTokens {
            access_token: "ACCESS-VALUE".into(),
            refresh_token: "REFRESH-VALUE".into(),
            expires_in: 3600,
            location: "us".into(),
            accounts_server: "http://127.0.0.1:2".into(),
            meeting_server: "http://127.0.0.1:3".into(),
        };
        let shown = format!("{info:?} {info:#?} {tokens:?} {tokens:#?}");
        for secret in ["CLIENT-SECRET-VALUE", "ACCESS-VALUE", "REFRESH-VALUE"] {
            assert!(!shown.contains(secret), "{secret} in {shown}");
        }
        assert!(shown.contains("1000.SIM"), "{shown}");
        // The JSON a client reads still carries the secret.
        assert!(
            serde_json::to_string(&info)
                .unwrap()
                .contains("CLIENT-SECRET-VALUE")
        );
    }
}
