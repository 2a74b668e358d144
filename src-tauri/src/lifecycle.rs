//! Connecting the account, sign-in and sign-out, for the commands, the deep-link handler
//! and the tray (`zmeet_core::services` does the work).

use tauri::AppHandle;

use crate::error::AppError;
use crate::session::core;

/// (Re)connects the account from the current settings and environment and tells the UI.
pub async fn connect(app: &AppHandle) {
    core(app).connect().await
}

/// Starts a sign-in the way the settings ask (browser, loopback or a code).
pub async fn sign_in(app: &AppHandle) -> Result<(), AppError> {
    core(app).sign_in().await
}

pub async fn open_verification_url(app: &AppHandle) -> Result<(), AppError> {
    core(app).open_verification_url().await
}

pub async fn verification_url(app: &AppHandle) -> Result<String, AppError> {
    core(app).verification_url().await
}

/// Completes the waiting sign-in with a deep link's callback URL.
pub async fn complete_deep_link_sign_in(app: &AppHandle, callback: &str) {
    core(app).complete_deep_link_sign_in(callback).await
}

pub async fn sign_out(app: &AppHandle) -> Result<(), AppError> {
    core(app).sign_out().await
}
