//! About / Diagnostics: what the app is, the keyring probe of development builds, and the
//! facts "Copy diagnostics" reports (never a secret).

use std::sync::Arc;

use serde::Serialize;
use zoho_core::store::{KEYRING_TIMEOUT, TokenStore, run_blocking};
use zoho_core::{ExposeSecret, SecretString};

use crate::account::{Mode, SessionStatus};
use crate::error::{AppError, ErrorCode};
use crate::logging::Facts;
use crate::settings::Settings;

/// What the app is and where it keeps things, for the About / Diagnostics view.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct AppInfo {
    pub name: String,
    pub version: String,
    pub deep_link_scheme: String,
    pub keyring_service: String,
    /// A development build: the diagnostics panel offers the keyring probe.
    pub debug_build: bool,
}

impl AppInfo {
    pub fn new(name: String, version: String, keyring_service: &str) -> Self {
        Self {
            name,
            version,
            deep_link_scheme: crate::desktop_entry::SCHEME.to_owned(),
            keyring_service: keyring_service.to_owned(),
            debug_build: cfg!(debug_assertions),
        }
    }
}

/// The keyring entry the diagnostics probe writes; nothing else uses it.
const PROBE_KEY: &str = "diagnostics-probe";
const PROBE_MAX_LEN: usize = 256;

/// Stores, reads back and deletes a probe value, to check that secrets can be kept. It
/// exists in development builds only: a release build grants no window its commands (see
/// `build.rs`), so the refusal here is a second line, not the first.
pub struct KeyringProbe {
    store: Arc<dyn TokenStore>,
    available: bool,
}

impl KeyringProbe {
    pub fn new(store: Arc<dyn TokenStore>) -> Self {
        Self {
            store,
            available: cfg!(debug_assertions),
        }
    }

    fn check_available(&self) -> Result<(), AppError> {
        if self.available {
            return Ok(());
        }
        Err(AppError::new(
            ErrorCode::NotAvailable,
            "The keyring probe exists in development builds only.",
        ))
    }

    pub async fn store(&self, value: String) -> Result<(), AppError> {
        self.check_available()?;
        if value.is_empty() || value.len() > PROBE_MAX_LEN {
            return Err(AppError::invalid(
                "value",
                format!("must be 1 to {PROBE_MAX_LEN} characters"),
            ));
        }
        let store = Arc::clone(&self.store);
        let value = SecretString::from(value);
        run_blocking(KEYRING_TIMEOUT, move || store.put(PROBE_KEY, &value)).await?;
        Ok(())
    }

    /// The probe value; `None` when there is none.
    pub async fn read(&self) -> Result<Option<String>, AppError> {
        self.check_available()?;
        let store = Arc::clone(&self.store);
        let value = run_blocking(KEYRING_TIMEOUT, move || store.get(PROBE_KEY)).await?;
        Ok(value.map(|secret| secret.expose_secret().to_owned()))
    }

    pub async fn delete(&self) -> Result<(), AppError> {
        self.check_available()?;
        let store = Arc::clone(&self.store);
        run_blocking(KEYRING_TIMEOUT, move || store.delete(PROBE_KEY)).await?;
        Ok(())
    }
}

/// The facts of a diagnostics report: the build, the mode, and the data centre of the
/// signed-in account, else the one the settings name.
pub fn facts(
    name: String,
    version: String,
    status: &SessionStatus,
    settings: impl FnOnce() -> Result<Settings, AppError>,
) -> Facts {
    let user_data_centre = status.user.as_ref().map(|user| user.data_centre.clone());
    facts_of(name, version, status.mode, user_data_centre, settings)
}

fn facts_of(
    name: String,
    version: String,
    mode: Mode,
    user_data_centre: Option<String>,
    settings: impl FnOnce() -> Result<Settings, AppError>,
) -> Facts {
    let mode = match mode {
        Mode::Demo => "Demo",
        Mode::Custom => "Custom endpoints",
        Mode::Zoho => "Zoho",
    };
    let (data_centre, source) = match user_data_centre {
        Some(data_centre) => (data_centre, "signed in"),
        None => match settings() {
            Ok(settings) => (settings.data_centre, "settings"),
            Err(error) => {
                tracing::warn!("diagnostics: settings unreadable: {error}");
                ("unknown".to_owned(), "settings unreadable")
            }
        },
    };
    Facts {
        name,
        version,
        debug_build: cfg!(debug_assertions),
        mode: mode.to_owned(),
        data_centre,
        data_centre_source: source.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use zoho_core::store::MemoryStore;

    #[test]
    fn the_data_centre_is_the_accounts_else_the_settings() {
        let never = || -> Result<Settings, AppError> { panic!("settings read while signed in") };
        let signed_in = facts_of(
            "zmeet".into(),
            "1".into(),
            Mode::Custom,
            Some("eu".into()),
            never,
        );
        assert_eq!(signed_in.data_centre, "eu");
        assert_eq!(signed_in.data_centre_source, "signed in");
        assert_eq!(signed_in.mode, "Custom endpoints");
        let in_file = Settings {
            data_centre: "in".to_owned(),
            ..Settings::default()
        };
        let from_file = facts_of("zmeet".into(), "1".into(), Mode::Demo, None, || Ok(in_file));
        assert_eq!(
            (
                from_file.data_centre.as_str(),
                from_file.data_centre_source.as_str()
            ),
            ("in", "settings")
        );
        assert_eq!(from_file.mode, "Demo");
        let broken = || Err(AppError::new(ErrorCode::Config, "broken"));
        let unreadable = facts_of("zmeet".into(), "1".into(), Mode::Zoho, None, broken);
        assert_eq!(unreadable.data_centre_source, "settings unreadable");
        assert_eq!(unreadable.mode, "Zoho");
    }

    #[tokio::test]
    async fn the_probe_keeps_reads_and_deletes_a_bounded_value() {
        let probe = KeyringProbe::new(Arc::new(MemoryStore::new()));
        assert_eq!(
            probe
                .store(String::new())
                .await
                .unwrap_err()
                .field
                .as_deref(),
            Some("value")
        );
        assert!(probe.store("x".repeat(PROBE_MAX_LEN + 1)).await.is_err());
        probe.store("hello".to_owned()).await.unwrap();
        assert_eq!(probe.read().await.unwrap().as_deref(), Some("hello"));
        probe.delete().await.unwrap();
        assert_eq!(probe.read().await.unwrap(), None);
    }

    #[tokio::test]
    async fn a_release_build_refuses_the_probe() {
        let probe = KeyringProbe {
            store: Arc::new(MemoryStore::new()),
            available: false,
        };
        let error = probe.read().await.unwrap_err();
        assert_eq!(error.code, ErrorCode::NotAvailable);
        assert!(probe.store("x".to_owned()).await.is_err());
    }
}
