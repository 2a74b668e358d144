use std::sync::Mutex;

use zoho_core::store::KeyringStore;

use crate::deep_link::ReceivedLink;

/// The keyring service name: one per build channel, so a development build never reads or
/// overwrites the secrets of an installed release.
pub const KEYRING_SERVICE: &str = if cfg!(debug_assertions) {
    "dev.zmeet.desktop.debug"
} else {
    "dev.zmeet.desktop"
};

/// State shared by the commands and the deep-link handler.
pub struct AppState {
    pub store: std::sync::Arc<KeyringStore>,
    /// Deep links received since start, newest last, already redacted.
    pub received_links: Mutex<Vec<ReceivedLink>>,
}

impl AppState {
    pub fn new() -> Self {
        Self {
            store: std::sync::Arc::new(KeyringStore::new(KEYRING_SERVICE)),
            received_links: Mutex::new(Vec::new()),
        }
    }
}
