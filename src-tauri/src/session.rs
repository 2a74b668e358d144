//! The account as the rest of the shell sees it (`zmeet_core::services` does the work): its
//! status for the UI, the signed-in session for a call to Zoho, and the browser.

use std::sync::Arc;

use tauri::{AppHandle, Manager};
use zmeet_core::services::AppCore;

use crate::account::SessionStatus;
use crate::error::AppError;
use crate::state::AppState;

pub use zmeet_core::services::BROWSER_ENV;

/// The application core the shell drives.
pub fn core(app: &AppHandle) -> Arc<AppCore> {
    Arc::clone(&app.state::<AppState>().core)
}

/// The account's status, or a stand-in while connecting or when connecting failed.
pub async fn status(app: &AppHandle) -> SessionStatus {
    core(app).status().await
}

pub async fn emit_status(app: &AppHandle) {
    core(app).emit_status().await
}

/// Opens an http(s) URL in the user's browser, or in the program named by `ZMEET_BROWSER`.
pub fn open_in_browser(app: &AppHandle, url: &str) -> Result<(), AppError> {
    core(app).open_in_browser(url)
}

/// Runs `call` with the signed-in session (see `AppCore::with_session`).
pub async fn with_session<T, F, Fut>(app: &AppHandle, call: F) -> Result<T, AppError>
where
    F: FnOnce(zoho_core::Session) -> Fut,
    Fut: std::future::Future<Output = Result<T, AppError>>,
{
    core(app).with_session(call).await
}
