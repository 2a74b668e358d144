//! "Copy diagnostics" in About: the facts a bug report needs, on the clipboard.

use tauri::AppHandle;
use tauri_plugin_clipboard_manager::ClipboardExt;
use zmeet_core::logging::{self, Facts};

use crate::account::Mode;
use crate::app_paths::settings_path;
use crate::error::{AppError, ErrorCode};
use crate::settings::Settings;

/// Copies the build, mode, data centre, log folder and the last warnings and errors (never
/// a secret) to the clipboard, and returns the text copied.
#[tauri::command]
#[specta::specta]
pub async fn copy_diagnostics(app: AppHandle) -> Result<String, AppError> {
    let text = logging::diagnostics_text(&facts(&app).await, logging::get());
    app.clipboard().write_text(text.clone()).map_err(|error| {
        tracing::warn!("diagnostics not copied: {error}");
        AppError::new(
            ErrorCode::ClipboardFailed,
            format!("Could not copy the diagnostics: {error}"),
        )
    })?;
    Ok(text)
}

async fn facts(app: &AppHandle) -> Facts {
    let package = app.package_info();
    let status = crate::session::status(app).await;
    let mode = match status.mode {
        Mode::Demo => "Demo",
        Mode::Custom => "Custom endpoints",
        Mode::Zoho => "Zoho",
    };
    let (data_centre, source) = match status.user {
        Some(user) => (user.data_centre, "signed in"),
        None => match settings_path(app).and_then(|path| Settings::load(&path)) {
            Ok(settings) => (settings.data_centre, "settings"),
            Err(error) => {
                tracing::warn!("diagnostics: settings unreadable: {error}");
                ("unknown".to_owned(), "settings unreadable")
            }
        },
    };
    Facts {
        name: package.name.clone(),
        version: package.version.to_string(),
        debug_build: cfg!(debug_assertions),
        mode: mode.to_owned(),
        data_centre,
        data_centre_source: source.to_owned(),
    }
}
