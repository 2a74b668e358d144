use std::sync::{Arc, Mutex};

use tauri::{AppHandle, Manager};
use zmeet_core::connection::{Connection, ConnectionState};
use zmeet_core::settings_service::SettingsService;
use zoho_core::store::KeyringStore;

use crate::account::{Account, ENDPOINTS_ENV};
use crate::calendar::EventCache;
use crate::error::{AppError, ErrorCode};
use crate::events::ReceivedLink;

/// The keyring service name: one per build channel, so a development build never reads or
/// overwrites the secrets of an installed release.
pub const KEYRING_SERVICE: &str = zoho_core::keyring_service(cfg!(debug_assertions));

/// State shared by the commands, the deep-link handler and the tray.
pub struct AppState {
    pub store: Arc<KeyringStore>,
    /// Deep links received since start, newest last, already redacted.
    pub received_links: Mutex<Vec<ReceivedLink>>,
    /// The connected account (signed in or not); `None` while connecting. Set only by the
    /// connect whose generation is current (see `lifecycle::connect`).
    pub account: tokio::sync::RwLock<Option<Arc<Account>>>,
    /// Where the connection stands, and its generation: what waiting code waits on, and
    /// what a sync checks before writing the cache.
    pub connection: Connection<Arc<Account>, AppError>,
    pub cache: tokio::sync::Mutex<EventCache>,
    /// Held while a sync runs, so concurrent calendar requests cause one sync.
    pub sync_lock: tokio::sync::Mutex<()>,
}

impl AppState {
    pub fn new() -> Self {
        Self {
            store: Arc::new(KeyringStore::new(KEYRING_SERVICE)),
            received_links: Mutex::new(Vec::new()),
            account: tokio::sync::RwLock::new(None),
            connection: Connection::new(),
            cache: tokio::sync::Mutex::new(EventCache::default()),
            sync_lock: tokio::sync::Mutex::new(()),
        }
    }

    /// The connected account, or `not_ready` while it connects.
    pub async fn account(&self) -> Result<Arc<Account>, AppError> {
        if let Some(account) = self.account.read().await.as_ref() {
            return Ok(Arc::clone(account));
        }
        Err(match self.connection.current() {
            ConnectionState::Failed(problem) => problem,
            _ => AppError::new(
                ErrorCode::NotReady,
                "Still connecting; try again in a moment.",
            ),
        })
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
