//! Settings: the Zoho client, data centre, redirect mode and reminders.

use serde::Serialize;
use specta::Type;
use tauri::{AppHandle, Manager};
use zoho_core::{Endpoints, Secret};

use crate::account::{self, ENDPOINTS_ENV, EndpointOverride};
use crate::app_paths::settings_path;
use crate::error::{AppError, ErrorCode};
use crate::global_shortcuts::GlobalShortcutStatus;
use crate::lifecycle;
use crate::pasted_secret::store_for;
use crate::settings::{Settings, Theme};
use crate::state::AppState;

/// The settings as the UI sees them: never a secret, only whether one is stored.
#[derive(Debug, Clone, Serialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct SettingsView {
    #[serde(flatten)]
    pub settings: Settings,
    /// A client secret is in the keyring for the endpoints these settings select.
    pub client_secret_stored: bool,
}

#[tauri::command]
#[specta::specta]
pub async fn get_settings(app: AppHandle) -> Result<SettingsView, AppError> {
    let mut settings = Settings::load(&settings_path(&app)?)?;
    // A file from an older version may still hold a pasted secret: never hand it out.
    if let Some(Ok(parsed)) = settings.endpoints.as_deref().map(EndpointOverride::parse) {
        settings.endpoints = Some(parsed.to_saved_json());
    }
    let client_secret_stored = match account::selected_endpoints(&settings, env_endpoints()) {
        Ok(endpoints) => match store_for(&app, &endpoints).client_secret().await {
            Ok(secret) => secret.is_some(),
            Err(error) => {
                tracing::warn!("cannot tell whether a client secret is stored: {error}");
                false
            }
        },
        Err(error) => {
            tracing::warn!("no usable endpoints to look up a client secret for: {error}");
            false
        }
    };
    Ok(SettingsView {
        settings,
        client_secret_stored,
    })
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
    if let Some(secret) = &client_secret
        && (secret.len() > 200 || secret.chars().any(char::is_whitespace))
    {
        return Err(AppError::invalid(
            "clientSecret",
            "must be the client secret from the Zoho API console",
        ));
    }
    // A secret pasted inside the endpoints JSON belongs to those endpoints' keyring entries.
    let mut pasted = None;
    if let Some(json) = &settings.endpoints {
        let parsed = EndpointOverride::parse(json)
            .map_err(|reason| AppError::invalid("endpoints", reason))?;
        settings.endpoints = Some(parsed.to_saved_json());
        if let Some(secret) = parsed.client_secret.clone() {
            let endpoints = parsed
                .endpoints()
                .map_err(|reason| AppError::invalid("endpoints", reason))?;
            pasted = Some((endpoints, secret));
        }
    }
    let selected = account::selected_endpoints(&settings, env_endpoints())?;
    if !confirm_switch {
        confirm_needed(&app, &selected).await?;
    }
    let secret_changed = client_secret.is_some() || pasted.is_some();
    if let Some((endpoints, secret)) = &pasted {
        store_for(&app, endpoints)
            .save_client_secret(secret)
            .await?;
    }
    if let Some(secret) = client_secret {
        store_for(&app, &selected)
            .save_client_secret(&Secret::new(secret))
            .await?;
    }
    let path = settings_path(&app)?;
    let before = Settings::load(&path)
        .inspect_err(|error| tracing::warn!("previous settings unreadable: {error}"))
        .ok();
    settings.save(&path)?;
    crate::global_shortcuts::apply(&app, &settings);
    // Only a change to the account's settings (or a new secret) needs a new connection;
    // the theme or a shortcut does not.
    if secret_changed || before.is_none_or(|before| !same_account(&before, &settings)) {
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
        .inspect_err(|error| tracing::warn!("settings unreadable, default theme: {error}"))
        .unwrap_or_default()
}

fn env_endpoints() -> Option<String> {
    std::env::var(ENDPOINTS_ENV).ok()
}

/// Refuses a silent switch away from the endpoints the user is signed in with: their
/// session stays in the keyring, but the person should know where the app will talk next.
async fn confirm_needed(app: &AppHandle, selected: &Endpoints) -> Result<(), AppError> {
    let Ok(account) = app.state::<AppState>().account().await else {
        return Ok(());
    };
    let switching = account
        .namespace()
        .is_some_and(|current| current != selected.namespace());
    if switching && account.is_signed_in().await {
        return Err(AppError::new(
            ErrorCode::SwitchNotConfirmed,
            format!(
                "You are signed in with other endpoints. Switch to {}? Your current session \
                 stays in the keyring for when you switch back.",
                selected.host_names().join(", ")
            ),
        ));
    }
    Ok(())
}
