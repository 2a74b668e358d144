//! A client secret pasted with the endpoints belongs in the keyring, never in the settings
//! file: this moves one that an older version left there.

use tauri::{AppHandle, Manager};
use zoho_core::Endpoints;
use zoho_core::session::AccountStore;

use crate::account::EndpointOverride;
use crate::app_paths::settings_path;
use crate::error::AppError;
use crate::settings::Settings;
use crate::state::AppState;

/// A settings file written by an older version may hold a client secret pasted with the
/// endpoints: move it to the keyring of those endpoints and rewrite the file without it.
/// On failure the file is left as it was (the secret is then only used, never shown).
pub async fn move_to_keyring(app: &AppHandle, settings: &mut Settings) {
    let Some(Ok(parsed)) = settings.endpoints.as_deref().map(EndpointOverride::parse) else {
        return;
    };
    let (Some(secret), Ok(endpoints)) = (parsed.client_secret.clone(), parsed.endpoints()) else {
        return;
    };
    let moved = async {
        store_for(app, &endpoints)
            .save_client_secret(&secret)
            .await?;
        let cleaned = Settings {
            endpoints: Some(parsed.to_saved_json()),
            ..settings.clone()
        };
        cleaned.save(&settings_path(app)?)?;
        Ok::<_, AppError>(cleaned)
    }
    .await;
    match moved {
        Ok(cleaned) => *settings = cleaned,
        Err(error) => {
            tracing::warn!("cannot move the pasted client secret to the keyring: {error}")
        }
    }
}

/// The keyring entries of `endpoints`.
pub fn store_for(app: &AppHandle, endpoints: &Endpoints) -> AccountStore {
    let raw = app.state::<AppState>().store.clone();
    AccountStore::new(raw, endpoints.namespace())
}
