//! What a caller needs to use a running simulator: the JSON line the binary prints.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
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
/// Secrets: never log them.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
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
