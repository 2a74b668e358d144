use std::ops::Deref;
use std::sync::{Arc, Mutex};

use tauri::{AppHandle, Manager};
use zmeet_core::services::AppCore;
use zmeet_core::settings_service::SettingsService;
use zoho_core::store::KeyringStore;

use crate::account::ENDPOINTS_ENV;
use crate::error::AppError;
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

/// The settings file with the keyring that keeps its client secrets.
pub fn settings_service(app: &AppHandle) -> Result<SettingsService, AppError> {
    let path = crate::app_paths::settings_path(app)?;
    let store = app.state::<AppState>().store.clone();
    Ok(SettingsService::new(
        path,
        store,
        std::env::var(ENDPOINTS_ENV).ok(),
    ))
}
