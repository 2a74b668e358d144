//! The user's settings: a small JSON file in the app's config folder, readable by the user
//! only. No secret is ever here: the client secret lives in the keyring.

use std::path::Path;

use global_hotkey::hotkey::HotKey;

use serde::{Deserialize, Serialize};

use crate::error::{AppError, ErrorCode};

/// How the sign-in comes back to the app (the sign-in method).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum RedirectMode {
    /// The `dev.zmeet.desktop:/oauth/callback` deep link.
    #[default]
    DeepLink,
    /// `http://127.0.0.1:<port>/callback`, open only during sign-in.
    Loopback,
    /// No redirect: Zoho's device flow. The app shows a code the person approves on any
    /// device, and polls until they do.
    Device,
}

/// The UI's colours: the desktop's choice (`prefers-color-scheme`), or always one.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum Theme {
    #[default]
    System,
    Light,
    Dark,
}

#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase", default)]
pub struct Settings {
    /// The Zoho API console client id; none means demo mode.
    pub client_id: Option<String>,
    /// Where the user's Zoho account lives (`us`, `eu`, …).
    pub data_centre: String,
    pub redirect_mode: RedirectMode,
    /// Minutes before a meeting that its reminder shows.
    pub reminder_minutes: u32,
    /// Zoho-compatible endpoints instead of Zoho's own, as JSON (the simulator's ready
    /// line has this shape); none means Zoho's hosts.
    pub endpoints: Option<String>,
    pub theme: Theme,
    /// Whether the global shortcuts are registered; none means the session's default: on
    /// where the session lets apps register them (X11), off where it does not (Wayland).
    pub global_shortcuts: Option<bool>,
    /// Opens the quick-create window from anywhere, e.g. `Ctrl+Alt+N`.
    pub shortcut_quick_create: String,
    /// Joins the meeting running now or starting soon, from anywhere.
    pub shortcut_join_next: String,
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            client_id: None,
            data_centre: "us".to_owned(),
            redirect_mode: RedirectMode::DeepLink,
            reminder_minutes: 5,
            endpoints: None,
            theme: Theme::System,
            global_shortcuts: None,
            shortcut_quick_create: "Ctrl+Alt+N".to_owned(),
            shortcut_join_next: "Ctrl+Alt+J".to_owned(),
        }
    }
}

/// By hand: `endpoints` is pasted text and, in a file from an older version, may still
/// hold a client secret, so only its size is shown.
impl std::fmt::Debug for Settings {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Settings")
            .field("client_id", &self.client_id)
            .field("data_centre", &self.data_centre)
            .field("redirect_mode", &self.redirect_mode)
            .field("reminder_minutes", &self.reminder_minutes)
            .field(
                "endpoints",
                &self
                    .endpoints
                    .as_ref()
                    .map(|json| format!("[{} bytes of JSON]", json.len())),
            )
            .field("theme", &self.theme)
            .field("global_shortcuts", &self.global_shortcuts)
            .field("shortcut_quick_create", &self.shortcut_quick_create)
            .field("shortcut_join_next", &self.shortcut_join_next)
            .finish()
    }
}

pub const MAX_REMINDER_MINUTES: u32 = 24 * 60;

impl Settings {
    /// Checks every field, naming the first bad one.
    pub fn validate(&self) -> Result<(), AppError> {
        if let Some(id) = &self.client_id
            && (id.trim().is_empty() || id.len() > 200 || id.chars().any(char::is_whitespace))
        {
            return Err(AppError::invalid(
                "clientId",
                "must be the client id from the Zoho API console (no spaces)",
            ));
        }
        if zoho_core::DataCenter::from_location(&self.data_centre).is_none() {
            return Err(AppError::invalid("dataCentre", "is not a Zoho data centre"));
        }
        if self.reminder_minutes > MAX_REMINDER_MINUTES {
            return Err(AppError::invalid(
                "reminderMinutes",
                format!("must be 0 to {MAX_REMINDER_MINUTES} minutes"),
            ));
        }
        if let Some(json) = &self.endpoints {
            crate::endpoint_override::EndpointOverride::parse(json)
                .map_err(|reason| AppError::invalid("endpoints", reason))?;
        }
        let quick = parse_shortcut("shortcutQuickCreate", &self.shortcut_quick_create)?;
        let join = parse_shortcut("shortcutJoinNext", &self.shortcut_join_next)?;
        if quick == join {
            return Err(AppError::invalid(
                "shortcutJoinNext",
                "must differ from the quick-create shortcut",
            ));
        }
        Ok(())
    }

    /// Reads the settings; a missing file gives the defaults, a broken one an error.
    pub fn load(path: &Path) -> Result<Self, AppError> {
        match std::fs::read_to_string(path) {
            Ok(text) => serde_json::from_str(&text).map_err(|error| {
                AppError::new(
                    ErrorCode::Config,
                    format!("{} is not valid: {error}", path.display()),
                )
            }),
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => Ok(Self::default()),
            Err(error) => Err(AppError::new(
                ErrorCode::Config,
                format!("cannot read settings: {error}"),
            )),
        }
    }

    /// Writes the settings atomically (a crash leaves the old file or the new one), readable
    /// by the user only: mode 0600 in a 0700 folder.
    pub fn save(&self, path: &Path) -> Result<(), AppError> {
        write_private(
            path,
            &serde_json::to_vec_pretty(self).expect("settings serialize"),
        )
        .map_err(|error| AppError::new(ErrorCode::Config, format!("cannot save settings: {error}")))
    }
}

/// A global shortcut as written in the settings (`Ctrl+Alt+N`); it needs a modifier, so
/// it cannot swallow a key the user types into other apps.
pub fn parse_shortcut(field: &str, text: &str) -> Result<HotKey, AppError> {
    use global_hotkey::hotkey::Modifiers;
    let text = text.trim();
    if text.is_empty() || text.len() > 60 {
        return Err(AppError::invalid(
            field,
            "must be a key combination like Ctrl+Alt+N",
        ));
    }
    let shortcut: HotKey = text
        .parse()
        .map_err(|_| AppError::invalid(field, "must be a key combination like Ctrl+Alt+N"))?;
    let needed = Modifiers::CONTROL | Modifiers::ALT | Modifiers::SUPER | Modifiers::META;
    if !shortcut.mods.intersects(needed) {
        return Err(AppError::invalid(field, "needs Ctrl, Alt or Super"));
    }
    Ok(shortcut)
}

/// Writes `bytes` to `path` through a temporary file and a rename, the file 0600 and its
/// folder 0700 (created if missing).
fn write_private(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    use std::io::Write;
    use std::os::unix::fs::{DirBuilderExt, OpenOptionsExt, PermissionsExt};
    if let Some(dir) = path.parent() {
        std::fs::DirBuilder::new()
            .recursive(true)
            .mode(0o700)
            .create(dir)?;
        // An existing folder (made by an older version) is tightened too.
        std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o700))?;
    }
    let temporary = path.with_extension("json.tmp");
    // A leftover temporary file from a crash may have other permissions: start afresh.
    match std::fs::remove_file(&temporary) {
        Err(error) if error.kind() != std::io::ErrorKind::NotFound => return Err(error),
        _ => {}
    }
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o600)
        .open(&temporary)?;
    file.write_all(bytes)?;
    file.sync_all()?;
    drop(file);
    std::fs::rename(&temporary, path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_missing_file_gives_defaults_and_saved_settings_load_back() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("zmeet/settings.json");
        assert_eq!(Settings::load(&path).unwrap(), Settings::default());
        let settings = Settings {
            client_id: Some("1000.ABC".into()),
            data_centre: "eu".into(),
            redirect_mode: RedirectMode::Loopback,
            reminder_minutes: 10,
            endpoints: None,
            theme: Theme::Dark,
            global_shortcuts: Some(false),
            ..Settings::default()
        };
        settings.save(&path).unwrap();
        assert_eq!(Settings::load(&path).unwrap(), settings);
    }

    #[test]
    fn the_file_is_private_and_replaced_atomically() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let folder = dir.path().join("zmeet");
        std::fs::create_dir(&folder).unwrap();
        std::fs::set_permissions(&folder, std::fs::Permissions::from_mode(0o755)).unwrap();
        let path = folder.join("settings.json");
        std::fs::write(&path, "{}").unwrap();
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644)).unwrap();
        Settings::default().save(&path).unwrap();
        let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode(&path), 0o600);
        assert_eq!(mode(&folder), 0o700);
        assert!(!path.with_extension("json.tmp").exists());
    }

    #[test]
    fn debug_never_shows_the_endpoints_text() {
        let settings = Settings {
            endpoints: Some(r#"{"client_secret":"s3cret"}"#.into()),
            ..Settings::default()
        };
        assert!(!format!("{settings:?}").contains("s3cret"));
    }

    #[test]
    fn a_broken_file_is_an_error_not_silently_defaults() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("settings.json");
        std::fs::write(&path, "{ not json").unwrap();
        assert_eq!(Settings::load(&path).unwrap_err().code, ErrorCode::Config);
    }

    #[test]
    fn validation_names_the_bad_field() {
        let bad = |settings: Settings| settings.validate().unwrap_err().field.unwrap();
        let base = Settings::default();
        assert_eq!(
            bad(Settings {
                client_id: Some("has space".into()),
                ..base.clone()
            }),
            "clientId"
        );
        assert_eq!(
            bad(Settings {
                data_centre: "mars".into(),
                ..base.clone()
            }),
            "dataCentre"
        );
        assert_eq!(
            bad(Settings {
                reminder_minutes: 100_000,
                ..base.clone()
            }),
            "reminderMinutes"
        );
        assert_eq!(
            bad(Settings {
                endpoints: Some("{}".into()),
                ..base.clone()
            }),
            "endpoints"
        );
        assert_eq!(
            bad(Settings {
                shortcut_quick_create: "Ctrl+Banana".into(),
                ..base.clone()
            }),
            "shortcutQuickCreate"
        );
        assert_eq!(
            bad(Settings {
                shortcut_quick_create: "N".into(),
                ..base.clone()
            }),
            "shortcutQuickCreate"
        );
        assert_eq!(
            bad(Settings {
                shortcut_join_next: "ctrl+alt+n".into(),
                ..base.clone()
            }),
            "shortcutJoinNext"
        );
        assert!(base.validate().is_ok());
    }
}
