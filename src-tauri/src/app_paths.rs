//! Where the app keeps its files, as Tauri's path resolver says.

use std::path::PathBuf;

use tauri::Manager;

use crate::error::{AppError, ErrorCode};

/// Where the settings file lives: `$XDG_CONFIG_HOME/dev.zmeet.desktop/settings.json`.
pub fn settings_path(app: &tauri::AppHandle) -> Result<PathBuf, AppError> {
    let dir = app
        .path()
        .app_config_dir()
        .map_err(|error| AppError::new(ErrorCode::Config, error.to_string()))?;
    Ok(dir.join("settings.json"))
}
