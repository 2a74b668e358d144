//! A client secret pasted with the endpoints belongs in the keyring, never in the settings
//! file (the rules are `zmeet_core::settings_service`'s).

use tauri::AppHandle;

use crate::settings::Settings;
use crate::state::settings_service;

/// A settings file written by an older version may hold a client secret pasted with the
/// endpoints: move it to the keyring of those endpoints and rewrite the file without it.
pub async fn move_to_keyring(app: &AppHandle, settings: &mut Settings) {
    match settings_service(app) {
        Ok(service) => service.move_pasted_secret(settings).await,
        Err(error) => tracing::warn!("cannot move the pasted client secret: {error}"),
    }
}
