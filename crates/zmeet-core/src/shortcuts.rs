//! Global shortcuts as the app sees them, apart from registering them (`global_keys` grabs
//! them on the X server): whether the desktop session allows them, and what Settings shows.
//! Parsing a shortcut is `settings::parse_shortcut`.

use serde::Serialize;

/// What Settings shows about the global shortcuts.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct GlobalShortcutStatus {
    /// Whether this desktop session lets apps register global shortcuts.
    pub supported: bool,
    /// Why not, when not.
    pub note: Option<String>,
    /// Whether they are on: the setting, or the session's default.
    pub enabled: bool,
    /// The shortcuts registered now, as written in the settings.
    pub active: Vec<String>,
    /// Shortcuts that could not be registered (another app holds them, say).
    pub problem: Option<String>,
}

/// Whether the session can have global shortcuts; the reason when not. `session_type`,
/// `wayland_display` and `display` are `XDG_SESSION_TYPE`, `WAYLAND_DISPLAY` and `DISPLAY`.
pub fn session_support(
    session_type: Option<&str>,
    wayland_display: Option<&str>,
    display: Option<&str>,
) -> Result<(), String> {
    let present = |value: Option<&str>| value.is_some_and(|v| !v.is_empty());
    if session_type == Some("wayland") || present(wayland_display) {
        return Err(
            "This is a Wayland session, where apps cannot register global shortcuts. \
                    Bind a key to zmeet in your desktop's keyboard settings instead."
                .to_owned(),
        );
    }
    if !present(display) {
        return Err("There is no X11 display to register global shortcuts with.".to_owned());
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::session_support;

    #[test]
    fn x11_sessions_support_global_shortcuts_and_wayland_ones_do_not() {
        assert!(session_support(Some("x11"), None, Some(":0")).is_ok());
        // Xvfb and other bare X servers set no session type.
        assert!(session_support(None, None, Some(":99")).is_ok());
        let wayland = session_support(Some("wayland"), Some("wayland-0"), Some(":0"));
        assert!(wayland.unwrap_err().contains("Wayland"));
        assert!(session_support(None, Some("wayland-0"), None).is_err());
        assert!(session_support(Some("tty"), None, None).is_err());
    }
}
