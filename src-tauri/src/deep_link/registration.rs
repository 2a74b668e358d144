//! Registers the app as the handler of its URL scheme for development runs.
//!
//! Installed packages register through their .desktop file (see `zmeet.desktop.hbs`). For
//! a binary run from a build folder we write a handler entry at start, in a form that both
//! GIO and Debian 12's xdg-utils 1.1.3 can launch: the deep-link plugin's own entry always
//! quotes the `Exec=` path, which that xdg-open cannot parse.

use std::path::Path;
use std::process::Command;

use tauri::{AppHandle, Manager};

use super::SCHEME;
use zmeet_core::desktop_entry::scheme_handler as desktop_entry;

const DESKTOP_FILE: &str = "zmeet-handler.desktop";

/// Registers the scheme handler unless the app runs from a system location.
pub fn register_scheme(app: &AppHandle) {
    if !cfg!(target_os = "linux") {
        return;
    }
    let Ok(exe) = std::env::current_exe() else {
        return;
    };
    if exe.starts_with("/usr/") {
        return;
    }
    if let Err(error) = write_handler(app, &exe) {
        tracing::warn!("could not register the {SCHEME}: URL handler: {error}");
    }
}

fn write_handler(app: &AppHandle, exe: &Path) -> std::io::Result<()> {
    let dir = app
        .path()
        .data_dir()
        .map_err(std::io::Error::other)?
        .join("applications");
    std::fs::create_dir_all(&dir)?;
    let entry = desktop_entry(&exe.to_string_lossy());
    let path = dir.join(DESKTOP_FILE);
    if std::fs::read_to_string(&path).ok().as_deref() != Some(entry.as_str()) {
        std::fs::write(&path, entry)?;
    }
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
