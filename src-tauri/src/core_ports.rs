//! The core's two ways out (`zmeet_core::services`), over Tauri: its events go to the
//! webviews (and, through them, the tray), its desktop needs to Tauri's paths, the opener
//! and the main window.

use std::path::PathBuf;
use std::sync::Arc;

use tauri::{AppHandle, Manager};
use tauri_plugin_opener::OpenerExt;
use tauri_specta::Event;
use zmeet_core::services::{AppCore, AppEvent, BoxFuture, Desktop, EventSink};

use crate::connectivity::ConnectionStatus;
use crate::error::AppError;
use crate::events;
use crate::settings::Settings;
use crate::state::{AppState, KEYRING_SERVICE};

/// Builds the core over this app and hands it to Tauri's state.
pub fn manage_state(app: &AppHandle) {
    let core = AppCore::new(
        Arc::new(TauriEvents(app.clone())),
        Arc::new(TauriDesktop(app.clone())),
        KEYRING_SERVICE,
    );
    app.manage(AppState::new(core));
}

struct TauriEvents(AppHandle);

impl EventSink for TauriEvents {
    fn emit(&self, event: AppEvent) {
        let app = &self.0;
        let (name, sent) = match event {
            AppEvent::SessionStatus(status) => {
                ("session status", events::SessionStatus(status).emit(app))
            }
            AppEvent::SignInFailed(error) => {
                ("sign-in failure", events::SignInFailed(error).emit(app))
            }
            AppEvent::DataChanged => ("data-changed", events::DataChanged.emit(app)),
            AppEvent::SyncProgress(progress) => (
                "sync progress",
                events::SyncProgress {
                    running: progress.running,
                    loaded: progress.loaded,
                    shortfall: progress.shortfall,
                }
                .emit(app),
            ),
            AppEvent::ConnectionStatus(status) => (
                "connection status",
                ConnectionStatus::from(status).emit(app),
            ),
        };
        if let Err(error) = sent {
            tracing::warn!("{name} not sent to the UI: {error}");
        }
    }
}

struct TauriDesktop(AppHandle);

impl Desktop for TauriDesktop {
    fn settings_path(&self) -> Result<PathBuf, AppError> {
        crate::app_paths::settings_path(&self.0)
    }

    fn tidy_settings<'a>(&'a self, settings: &'a mut Settings) -> BoxFuture<'a, ()> {
        Box::pin(crate::pasted_secret::move_to_keyring(&self.0, settings))
    }

    fn data_dir(&self) -> Result<PathBuf, String> {
        self.0
            .path()
            .app_data_dir()
            .map_err(|error| error.to_string())
    }

    fn open_url(&self, url: &str, program: Option<String>) -> Result<(), String> {
        self.0
            .opener()
            .open_url(url, program)
            .map_err(|error| error.to_string())
    }

    fn show_main_window(&self) {
        crate::windows::show_main(&self.0);
    }
}
