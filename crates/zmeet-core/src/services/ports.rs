//! The two traits through which the core reaches the outside; the shell implements each
//! once over Tauri, unit tests with in-memory fakes.

use std::path::PathBuf;

use futures_util::future::BoxFuture;

use super::connectivity::ConnectionStatus;
use crate::account::SessionStatus;
use crate::calendar::SyncShortfall;
use crate::error::AppError;
use crate::settings::Settings;

/// What the UI and the tray are told.
#[derive(Debug, Clone)]
pub enum AppEvent {
    /// The account's status changed.
    SessionStatus(SessionStatus),
    /// A sign-in ended without success; nothing was stored.
    SignInFailed(AppError),
    /// Meetings or webinars changed (a sync, a save, a delete, a sign-out).
    DataChanged,
    SyncProgress(SyncProgress),
    /// Offline or not, and when the data was last synced.
    ConnectionStatus(ConnectionStatus),
}

/// Sync progress for the UI's indicator.
#[derive(Debug, Clone, PartialEq)]
pub struct SyncProgress {
    /// `true` while the sync runs; the last one has `false`.
    pub running: bool,
    /// Events loaded so far.
    pub loaded: u32,
    /// On the last one: what the sync could not fetch (`None`: nothing is missing).
    pub shortfall: Option<SyncShortfall>,
}

/// Where [`AppEvent`]s go (the webviews and the tray, in the app).
pub trait EventSink: Send + Sync {
    /// Sends `event`; a failure to deliver is the sink's to log.
    fn emit(&self, event: AppEvent);
}

/// The desktop around the core: files, the browser, the main window.
pub trait Desktop: Send + Sync {
    /// The settings file.
    fn settings_path(&self) -> Result<PathBuf, AppError>;
    /// Called with the settings a connect is about to use: an older version may have left
    /// a client secret in them, which belongs in the keyring (the shell moves it there).
    fn tidy_settings<'a>(&'a self, settings: &'a mut Settings) -> BoxFuture<'a, ()>;
    /// The app's data directory (the calendar stores live under it), or why there is none.
    fn data_dir(&self) -> Result<PathBuf, String>;
    /// Opens an http(s) `url` in the user's browser, or with `program` when given.
    fn open_url(&self, url: &str, program: Option<String>) -> Result<(), String>;
    /// Brings the main window up (a sign-in's end, a code to show).
    fn show_main_window(&self);
}
