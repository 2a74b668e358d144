//! Settings → Start at login: reads and switches the XDG autostart entry (see `autostart`),
//! with errors the UI can show.

use std::path::Path;

use crate::autostart;
use crate::error::{AppError, ErrorCode};

/// Whether zmeet starts (in the tray) at login, given `$XDG_CONFIG_HOME`.
pub fn is_enabled(config_home: &Path) -> bool {
    autostart::is_enabled(&autostart::entry_path(config_home))
}

/// Writes (starting `exe`, the running program) or removes the entry; returns the state the
/// file is in afterwards.
pub fn set(
    config_home: &Path,
    enabled: bool,
    exe: std::io::Result<std::path::PathBuf>,
) -> Result<bool, AppError> {
    let path = autostart::entry_path(config_home);
    let exe = exe.map_err(|error| {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn switching_on_and_off_reports_the_files_state() {
        let config = tempfile::tempdir().unwrap();
        let exe = || Ok(std::path::PathBuf::from("/opt/zmeet/zmeet"));
        assert!(!is_enabled(config.path()));
        assert!(set(config.path(), true, exe()).unwrap());
        assert!(is_enabled(config.path()));
        assert!(!set(config.path(), false, exe()).unwrap());
        assert!(!is_enabled(config.path()));
    }

    #[test]
    fn failures_are_autostart_errors() {
        let config = tempfile::tempdir().unwrap();
        let lost = Err(std::io::Error::other("gone"));
        assert_eq!(
            set(config.path(), true, lost).unwrap_err().code,
            ErrorCode::AutostartFailed
        );
        // A file where the autostart folder should be.
        std::fs::write(config.path().join("autostart"), "").unwrap();
        let exe = Ok(std::path::PathBuf::from("/opt/zmeet/zmeet"));
        let error = set(config.path(), true, exe).unwrap_err();
        assert_eq!(error.code, ErrorCode::AutostartFailed);
        assert!(error.message.contains("autostart"), "{}", error.message);
    }
}
