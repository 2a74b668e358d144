//! Start at login: the XDG autostart entry `$XDG_CONFIG_HOME/autostart/dev.zmeet.desktop`,
//! which desktops run at login. Its presence is the setting: there is no second copy of it
//! in settings.json to drift apart from what the desktop will actually do.

use std::io;
use std::path::{Path, PathBuf};

use crate::desktop_entry::exec_argument;

/// Starts the app in the tray, without opening the main window.
pub const MINIMIZED_ARG: &str = "--minimized";

/// The entry's file name: the app identifier, as the installed launcher is named.
pub const FILE_NAME: &str = "dev.zmeet.desktop";

/// Where the entry lives, given `$XDG_CONFIG_HOME` (or its default).
pub fn entry_path(config_home: &Path) -> PathBuf {
    config_home.join("autostart").join(FILE_NAME)
}

/// Whether zmeet starts at login.
pub fn is_enabled(path: &Path) -> bool {
    path.is_file()
}

/// Writes the entry (starting `exe` in the tray) or removes it. Removing a missing entry
/// is fine; writing goes through a temporary file so a crash never leaves half an entry.
pub fn set_enabled(path: &Path, enabled: bool, exe: &Path) -> io::Result<()> {
    if !enabled {
        return match std::fs::remove_file(path) {
            Err(error) if error.kind() != io::ErrorKind::NotFound => Err(error),
            _ => Ok(()),
        };
    }
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir)?;
    }
    let temporary = path.with_extension("desktop.tmp");
    std::fs::write(&temporary, entry(exe))?;
    std::fs::rename(&temporary, path)
}

/// The autostart entry: the running binary (the installed one or a development build),
/// started in the tray.
fn entry(exe: &Path) -> String {
    format!(
        "[Desktop Entry]\nType=Application\nName=zmeet\n\
         Comment=Starts zmeet in the system tray at login\n\
         Exec={} {MINIMIZED_ARG}\nIcon=zmeet\nTerminal=false\nNoDisplay=true\n\
         X-GNOME-Autostart-enabled=true\n",
        exec_argument(&exe.to_string_lossy())
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn enabling_writes_a_minimized_entry_and_disabling_removes_it() {
        let dir = tempfile::tempdir().unwrap();
        let path = entry_path(dir.path());
        assert_eq!(path, dir.path().join("autostart/dev.zmeet.desktop"));
        assert!(!is_enabled(&path));

        set_enabled(&path, true, Path::new("/usr/bin/zmeet")).unwrap();
        assert!(is_enabled(&path));
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(text.starts_with("[Desktop Entry]\n"), "{text}");
        assert!(
            text.contains("\nExec=/usr/bin/zmeet --minimized\n"),
            "{text}"
        );
        assert!(!path.with_extension("desktop.tmp").exists());

        set_enabled(&path, false, Path::new("/usr/bin/zmeet")).unwrap();
        assert!(!is_enabled(&path));
        // Switching off twice is not an error.
        set_enabled(&path, false, Path::new("/usr/bin/zmeet")).unwrap();
    }

    #[test]
    fn a_path_with_spaces_is_quoted_in_exec() {
        let dir = tempfile::tempdir().unwrap();
        let path = entry_path(dir.path());
        set_enabled(&path, true, Path::new("/home/a b/zmeet")).unwrap();
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(
            text.contains("\nExec=\"/home/a b/zmeet\" --minimized\n"),
            "{text}"
        );
    }
}
