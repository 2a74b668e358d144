//! Sign-in, sign-out and the account's status.

use tauri::AppHandle;

use crate::account::SessionStatus;
use crate::error::AppError;
use crate::lifecycle;

#[tauri::command]
#[specta::specta]
pub async fn session_status(app: AppHandle) -> SessionStatus {
    crate::session::status(&app).await
}

/// Opens Zoho's consent page in the system browser; the answer comes back through the
/// deep link (or the loopback listener) and ends in a `SessionStatus` or `SignInFailed` event.
#[tauri::command]
#[specta::specta]
pub async fn sign_in(app: AppHandle) -> Result<(), AppError> {
    lifecycle::sign_in(&app).await
}

/// Gives up a sign-in the user did not finish in the browser.
#[tauri::command]
#[specta::specta]
pub async fn cancel_sign_in(app: AppHandle) -> Result<(), AppError> {
    use tauri::Manager;
    let account = app.state::<crate::state::AppState>().account().await?;
    account.cancel_sign_in().await;
    crate::session::emit_status(&app).await;
    Ok(())
}

/// Revokes the refresh token at Zoho and empties the keyring.
#[tauri::command]
#[specta::specta]
pub async fn sign_out(app: AppHandle) -> Result<(), AppError> {
    lifecycle::sign_out(&app).await
}

/// Opens the verification page of the sign-in code being shown, in the system browser.
#[tauri::command]
#[specta::specta]
pub async fn open_verification_url(app: AppHandle) -> Result<(), AppError> {
    lifecycle::open_verification_url(&app).await
}

/// Copies the verification URL of the sign-in code being shown to the clipboard.
#[tauri::command]
#[specta::specta]
pub async fn copy_verification_url(app: AppHandle) -> Result<(), AppError> {
    use tauri_plugin_clipboard_manager::ClipboardExt;
    let url = lifecycle::verification_url(&app).await?;
    app.clipboard().write_text(url).map_err(|error| {
        AppError::new(
            crate::error::ErrorCode::ClipboardFailed,
            format!("Could not copy the address: {error}"),
        )
    })
}
