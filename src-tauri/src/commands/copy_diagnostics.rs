//! "Copy diagnostics" in About: the facts a bug report needs, on the clipboard.

use tauri::AppHandle;
use tauri_plugin_clipboard_manager::ClipboardExt;
use zmeet_core::{diagnostics, logging};

use crate::error::{AppError, ErrorCode};

/// Copies the build, mode, data centre, log folder and the last warnings and errors (never
/// a secret) to the clipboard, and returns the text copied.
#[tauri::command]
#[specta::specta]
pub async fn copy_diagnostics(app: AppHandle) -> Result<String, AppError> {
    let package = app.package_info();
    let status = crate::session::status(&app).await;
    let settings = || crate::state::settings_service(&app)?.load();
    let (name, version) = (package.name.clone(), package.version.to_string());
    let facts = diagnostics::facts(name, version, &status, settings);
    let text = logging::diagnostics_text(&facts, logging::get());
    app.clipboard().write_text(text.clone()).map_err(|error| {
        tracing::warn!("diagnostics not copied: {error}");
        AppError::new(
            ErrorCode::ClipboardFailed,
            format!("Could not copy the diagnostics: {error}"),
        )
    })?;
    Ok(text)
}
