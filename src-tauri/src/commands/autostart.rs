//! Settings → Start at login: read and switch the XDG autostart entry.

use tauri::{AppHandle, Manager};
use zmeet_core::start_at_login;

use crate::error::{AppError, ErrorCode};

fn config_home(app: &AppHandle) -> Result<std::path::PathBuf, AppError> {
    app.path()
        .config_dir()
        .map_err(|error| AppError::new(ErrorCode::Config, error.to_string()))
}

/// Whether zmeet starts (in the tray) at login: whether its autostart entry exists.
#[tauri::command]
#[specta::specta]
pub fn get_start_at_login(app: AppHandle) -> Result<bool, AppError> {
    Ok(start_at_login::is_enabled(&config_home(&app)?))
}

/// Writes or removes the autostart entry; returns the state the file is in afterwards.
#[tauri::command]
#[specta::specta]
pub fn set_start_at_login(app: AppHandle, enabled: bool) -> Result<bool, AppError> {
    start_at_login::set(&config_home(&app)?, enabled, std::env::current_exe())
}
