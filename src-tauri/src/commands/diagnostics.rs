//! Diagnostics: what the app is, a keyring probe, and the deep links received.

use tauri::State;

use crate::deep_link::ReceivedLink;
use crate::error::AppError;
use crate::state::{AppState, KEYRING_SERVICE};
use zmeet_core::diagnostics::{AppInfo, KeyringProbe};

#[tauri::command]
#[specta::specta]
pub fn app_info(app: tauri::AppHandle) -> AppInfo {
    let package = app.package_info();
    AppInfo::new(
        package.name.clone(),
        package.version.to_string(),
        KEYRING_SERVICE,
    )
}

fn probe(state: &AppState) -> KeyringProbe {
    KeyringProbe::new(state.store.clone())
}

/// Stores a probe value in the keyring, to check that secrets can be kept.
#[tauri::command]
#[specta::specta]
pub async fn keyring_probe_store(
    state: State<'_, AppState>,
    value: String,
) -> Result<(), AppError> {
    probe(&state).store(value).await
}

/// Reads the probe value back; `null` when there is none.
#[tauri::command]
#[specta::specta]
pub async fn keyring_probe_read(state: State<'_, AppState>) -> Result<Option<String>, AppError> {
    probe(&state).read().await
}

/// Deletes the probe value.
#[tauri::command]
#[specta::specta]
pub async fn keyring_probe_delete(state: State<'_, AppState>) -> Result<(), AppError> {
    probe(&state).delete().await
}

/// The deep links received since start (redacted), oldest first.
#[tauri::command]
#[specta::specta]
pub fn received_deep_links(state: State<'_, AppState>) -> Vec<ReceivedLink> {
    state.received_links.lock().expect("links lock").clone()
}
