//! Settings: the Zoho client, data centre, redirect mode and reminders.

use tauri::{AppHandle, Manager};

use crate::error::AppError;
use crate::global_shortcuts::GlobalShortcutStatus;
use crate::lifecycle;
use crate::settings::{Settings, Theme};
use crate::state::{AppState, settings_service};
use zmeet_core::settings_service::SettingsView;

#[tauri::command]
#[specta::specta]
pub async fn get_settings(app: AppHandle) -> Result<SettingsView, AppError> {
    settings_service(&app)?.view().await
}

/// Saves the settings (a client secret, typed or pasted in the endpoints JSON, goes to the
/// keyring, never to the file) and reconnects. Nothing is written unless every field is
/// valid. While signed in, switching to other endpoints needs `confirm_switch`: the first
/// call answers `switch_not_confirmed` naming the new hosts.
#[tauri::command]
#[specta::specta]
pub async fn save_settings(
    app: AppHandle,
    settings: Settings,
    client_secret: Option<String>,
    confirm_switch: bool,
) -> Result<(), AppError> {
    let current = app.state::<AppState>().account().await.ok();
    let saved = settings_service(&app)?
        .save(settings, client_secret, confirm_switch, current.as_deref())
        .await?;
    crate::global_shortcuts::apply(&app, &saved.settings);
    if saved.reconnect {
        lifecycle::connect(&app).await;
    }
    Ok(())
}

/// Whether the session supports global shortcuts (and why not), and which are registered.
#[tauri::command]
#[specta::specta]
pub fn global_shortcut_status(app: AppHandle) -> GlobalShortcutStatus {
    crate::global_shortcuts::status(&app)
}

/// Leaves the configured Zoho client for the built-in demo (the client secret stays in the
/// keyring for when the user comes back).
#[tauri::command]
#[specta::specta]
pub async fn use_demo_mode(app: AppHandle) -> Result<(), AppError> {
    settings_service(&app)?.use_demo_mode()?;
    lifecycle::connect(&app).await;
    Ok(())
}

/// The colour theme the settings ask for (every window follows it).
#[tauri::command]
#[specta::specta]
pub fn get_theme(app: AppHandle) -> Theme {
    settings_service(&app)
        .map(|settings| settings.theme())
        .inspect_err(|error| tracing::warn!("no settings folder, default theme: {error}"))
        .unwrap_or_default()
}
