//! Registers the app as the handler of its URL scheme for development runs.
//!
//! Installed packages register through their .desktop file (see `zmeet.desktop.hbs`). For
//! a binary run from a build folder the shell writes a handler entry at start, in a form
//! that both GIO and Debian 12's xdg-utils 1.1.3 can launch: the deep-link plugin's own
//! entry always quotes the `Exec=` path, which that xdg-open cannot parse.

use std::path::Path;
use std::process::Command;

use crate::desktop_entry::{SCHEME, scheme_handler};

const DESKTOP_FILE: &str = "zmeet-handler.desktop";

/// Whether a program at `exe` registers itself: not when installed in a system location
/// (its package did), and only on Linux.
pub fn wanted(exe: &Path) -> bool {
    cfg!(target_os = "linux") && !exe.starts_with("/usr/")
}

/// Writes the handler entry for `exe` into `data_dir/applications` (unless it is already
/// there as is) and makes it the scheme's default handler.
pub fn register(data_dir: &Path, exe: &Path) -> std::io::Result<()> {
    let dir = write_entry(data_dir, exe)?;
    let status = Command::new("xdg-mime")
        .args([
            "default",
            DESKTOP_FILE,
            &format!("x-scheme-handler/{SCHEME}"),
        ])
        .status()?;
    if !status.success() {
        return Err(std::io::Error::other(format!(
            "xdg-mime default failed: {status}"
        )));
    }
    // Refreshes mimeinfo.cache for tools that read it; optional, so its absence is fine.
    if let Err(error) = Command::new("update-desktop-database").arg(&dir).status() {
        tracing::warn!("update-desktop-database not run (optional): {error}");
    }
    Ok(())
}

/// Writes the entry; returns its folder.
fn write_entry(data_dir: &Path, exe: &Path) -> std::io::Result<std::path::PathBuf> {
    let dir = data_dir.join("applications");
    std::fs::create_dir_all(&dir)?;
    let entry = scheme_handler(&exe.to_string_lossy());
    let path = dir.join(DESKTOP_FILE);
    if std::fs::read_to_string(&path).ok().as_deref() != Some(entry.as_str()) {
        std::fs::write(&path, entry)?;
    }
    Ok(dir)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_build_folder_registers_an_installed_program_does_not() {
        assert!(!wanted(Path::new("/usr/bin/zmeet")));
        assert_eq!(
            wanted(Path::new("/home/me/zmeet/target/debug/zmeet")),
            cfg!(target_os = "linux")
        );
    }

    #[test]
    fn the_entry_is_written_once_with_the_program_and_scheme() {
        let data = tempfile::tempdir().unwrap();
        let exe = Path::new("/home/me/my builds/zmeet");
        let dir = write_entry(data.path(), exe).unwrap();
        let path = dir.join(DESKTOP_FILE);
        let text = std::fs::read_to_string(&path).unwrap();
        assert_eq!(text, scheme_handler("/home/me/my builds/zmeet"));
        assert!(
            text.contains(&format!("x-scheme-handler/{SCHEME}")),
            "{text}"
        );
        let written = std::fs::metadata(&path).unwrap().modified().unwrap();
        write_entry(data.path(), exe).unwrap();
        assert_eq!(
            std::fs::metadata(&path).unwrap().modified().unwrap(),
            written
        );
    }
}
