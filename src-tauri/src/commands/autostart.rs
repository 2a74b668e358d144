//! Settings → Start at login: read and switch the XDG autostart entry.

use tauri::{AppHandle, Manager};

use crate::autostart;
use crate::error::{AppError, ErrorCode};

fn entry_path(app: &AppHandle) -> Result<std::path::PathBuf, AppError> {
    let config_home = app
        .path()
        .config_dir()
        .map_err(|error| AppError::new(ErrorCode::Config, error.to_string()))?;
    Ok(autostart::entry_path(&config_home))
}

/// Whether zmeet starts (in the tray) at login: whether its autostart entry exists.
#[tauri::command]
#[specta::specta]
pub fn get_start_at_login(app: AppHandle) -> Result<bool, AppError> {
    Ok(autostart::is_enabled(&entry_path(&app)?))
}

/// Writes or removes the autostart entry; returns the state the file is in afterwards.
#[tauri::command]
#[specta::specta]
pub fn set_start_at_login(app: AppHandle, enabled: bool) -> Result<bool, AppError> {
    let path = entry_path(&app)?;
    let exe = std::env::current_exe().map_err(|error| {
        AppError::new(
            ErrorCode::AutostartFailed,
            format!("cannot find the zmeet program: {error}"),
        )
    })?;
    autostart::set_enabled(&path, enabled, &exe).map_err(|error| {
        tracing::warn!("start at login: {}: {error}", path.display());
        AppError::new(
            ErrorCode::AutostartFailed,
            format!("cannot change {}: {error}", path.display()),
        )
    })?;
    Ok(autostart::is_enabled(&path))
}
