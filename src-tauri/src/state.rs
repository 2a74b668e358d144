use std::ops::Deref;
use std::sync::{Arc, Mutex};

use zmeet_core::services::AppCore;
use zoho_core::store::KeyringStore;

use crate::events::ReceivedLink;

/// The keyring service name: one per build channel, so a development build never reads or
/// overwrites the secrets of an installed release.
pub const KEYRING_SERVICE: &str = zoho_core::keyring_service(cfg!(debug_assertions));

/// State shared by the commands, the deep-link handler and the tray.
pub struct AppState {
    pub store: Arc<KeyringStore>,
    /// Deep links received since start, newest last, already redacted.
    pub received_links: Mutex<Vec<ReceivedLink>>,
    /// The application's services and what they share: the account, the connection state
    /// machine, the calendar cache (`state.cache`, `state.account()` reach it through
    /// `Deref`).
    pub core: Arc<AppCore>,
}

impl AppState {
    pub fn new(core: AppCore) -> Self {
        Self {
            store: Arc::new(KeyringStore::new(KEYRING_SERVICE)),
            received_links: Mutex::new(Vec::new()),
            core: Arc::new(core),
        }
    }
}

impl Deref for AppState {
    type Target = AppCore;

    fn deref(&self) -> &AppCore {
        &self.core
    }
}
