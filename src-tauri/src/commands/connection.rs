//! Whether Zoho can be reached, for the header's "Offline — last synced …".

use tauri::AppHandle;

use crate::offline::ConnectionStatus;

/// The connection now; changes arrive as `ConnectionStatus` events.
#[tauri::command]
#[specta::specta]
pub fn connection_status(app: AppHandle) -> ConnectionStatus {
    crate::offline::status(&app)
}
