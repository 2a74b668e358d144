//! Settings: the Zoho client, data centre, redirect mode and reminders.

use std::sync::Arc;

use tauri::AppHandle;
use zoho_core::Secret;
use zoho_core::session::AccountStore;

use crate::error::AppError;
use crate::global_shortcuts::GlobalShortcutStatus;
use crate::lifecycle;
use crate::settings::{Settings, Theme, settings_path};

#[tauri::command]
#[specta::specta]
pub fn get_settings(app: AppHandle) -> Result<Settings, AppError> {
    Settings::load(&settings_path(&app)?)
}

/// Saves the settings (the client secret, when given, to the keyring) and reconnects.
/// Nothing is written unless every field is valid.
#[tauri::command]
#[specta::specta]
pub async fn save_settings(
    app: AppHandle,
    settings: Settings,
    client_secret: Option<String>,
) -> Result<(), AppError> {
    let mut settings = settings;
    settings.client_id = settings
        .client_id
        .map(|id| id.trim().to_owned())
        .filter(|id| !id.is_empty());
    settings.endpoints = settings
        .endpoints
        .map(|e| e.trim().to_owned())
        .filter(|e| !e.is_empty());
    settings.validate()?;
    let client_secret = client_secret
        .map(|s| s.trim().to_owned())
        .filter(|s| !s.is_empty());
    if let Some(secret) = &client_secret {
        if secret.len() > 200 || secret.chars().any(char::is_whitespace) {
            return Err(AppError::invalid(
                "clientSecret",
                "must be the client secret from the Zoho API console",
            ));
        }
        let store = Arc::new(zoho_core::store::KeyringStore::new(
            crate::state::KEYRING_SERVICE,
        ));
        AccountStore::new(store)
            .save_client_secret(&Secret::new(secret.clone()))
            .await?;
    }
    let path = settings_path(&app)?;
    let before = Settings::load(&path).ok();
    settings.save(&path)?;
    crate::global_shortcuts::apply(&app, &settings);
    // Only a change to the account's settings (or a new secret) needs a new connection;
    // the theme or a shortcut does not.
    if client_secret.is_some() || before.is_none_or(|before| !same_account(&before, &settings)) {
        lifecycle::connect(&app).await;
    }
    Ok(())
}

fn same_account(a: &Settings, b: &Settings) -> bool {
    a.client_id == b.client_id
        && a.data_centre == b.data_centre
        && a.redirect_mode == b.redirect_mode
        && a.endpoints == b.endpoints
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
    let path = settings_path(&app)?;
    let settings = Settings {
        client_id: None,
        endpoints: None,
        ..Settings::load(&path)?
    };
    settings.save(&path)?;
    lifecycle::connect(&app).await;
    Ok(())
}

/// The colour theme the settings ask for (every window follows it).
#[tauri::command]
#[specta::specta]
pub fn get_theme(app: AppHandle) -> Theme {
    settings_path(&app)
        .and_then(|path| Settings::load(&path))
        .map(|settings| settings.theme)
        .unwrap_or_default()
}
