//! Diagnostics: what the app is, a keyring probe, and the deep links received.

use std::sync::Arc;

use serde::Serialize;
use specta::Type;
use tauri::State;
use zoho_core::store::{KEYRING_TIMEOUT, TokenStore, run_blocking};
use zoho_core::{ExposeSecret, SecretString};

use crate::deep_link::{ReceivedLink, SCHEME};
use crate::error::{AppError, ErrorCode};
use crate::state::{AppState, KEYRING_SERVICE};

/// What the app is and where it keeps things, for the About / Diagnostics view.
#[derive(Debug, Clone, Serialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct AppInfo {
    pub name: String,
    pub version: String,
    pub deep_link_scheme: String,
    pub keyring_service: String,
    /// A development build: the diagnostics panel offers the keyring probe.
    pub debug_build: bool,
}

#[tauri::command]
#[specta::specta]
pub fn app_info(app: tauri::AppHandle) -> AppInfo {
    let package = app.package_info();
    AppInfo {
        name: package.name.clone(),
        version: package.version.to_string(),
        deep_link_scheme: SCHEME.to_owned(),
        keyring_service: KEYRING_SERVICE.to_owned(),
        debug_build: cfg!(debug_assertions),
    }
}

/// The keyring entry the diagnostics probe writes; nothing else uses it.
const PROBE_KEY: &str = "diagnostics-probe";
const PROBE_MAX_LEN: usize = 256;

/// The probe exists in development builds only. A release build grants no window these
/// commands (see `build.rs`), so this refusal is a second line, not the first.
fn probe_available() -> Result<(), AppError> {
    if cfg!(debug_assertions) {
        Ok(())
    } else {
        Err(AppError::new(
            ErrorCode::NotAvailable,
            "The keyring probe exists in development builds only.",
        ))
    }
}

/// Stores a probe value in the keyring, to check that secrets can be kept.
#[tauri::command]
#[specta::specta]
pub async fn keyring_probe_store(
    state: State<'_, AppState>,
    value: String,
) -> Result<(), AppError> {
    probe_available()?;
    if value.is_empty() || value.len() > PROBE_MAX_LEN {
        return Err(AppError::invalid(
            "value",
            format!("must be 1 to {PROBE_MAX_LEN} characters"),
        ));
    }
    let store = Arc::clone(&state.store);
    run_blocking(KEYRING_TIMEOUT, move || {
        store.put(PROBE_KEY, &SecretString::from(value))
    })
    .await?;
    Ok(())
}

/// Reads the probe value back; `null` when there is none.
#[tauri::command]
#[specta::specta]
pub async fn keyring_probe_read(state: State<'_, AppState>) -> Result<Option<String>, AppError> {
    probe_available()?;
    let store = Arc::clone(&state.store);
    let value = run_blocking(KEYRING_TIMEOUT, move || store.get(PROBE_KEY)).await?;
    Ok(value.map(|secret| secret.expose_secret().to_owned()))
}

/// Deletes the probe value.
#[tauri::command]
#[specta::specta]
pub async fn keyring_probe_delete(state: State<'_, AppState>) -> Result<(), AppError> {
    probe_available()?;
    let store = Arc::clone(&state.store);
    run_blocking(KEYRING_TIMEOUT, move || store.delete(PROBE_KEY)).await?;
    Ok(())
}

/// The deep links received since start (redacted), oldest first.
#[tauri::command]
#[specta::specta]
pub fn received_deep_links(state: State<'_, AppState>) -> Vec<ReceivedLink> {
    state.received_links.lock().expect("links lock").clone()
}
