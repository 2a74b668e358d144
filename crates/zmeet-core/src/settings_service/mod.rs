//! What Settings does with the file and the keyring: the view the UI gets (never a secret),
//! the save flow (trim, validate every field, secrets to the keyring, refuse a silent switch
//! of endpoints, tell whether to reconnect), demo mode, and moving a secret an older version
//! left in the file. The shell passes the file's path and the keyring in.

use std::path::PathBuf;
use std::sync::Arc;

use serde::Serialize;
use zoho_core::session::AccountStore;
use zoho_core::store::TokenStore;
use zoho_core::{Endpoints, Secret};

use crate::account::{self, Account};
use crate::endpoint_override::EndpointOverride;
use crate::error::{AppError, ErrorCode};
use crate::settings::{Settings, Theme};

/// The settings as the UI sees them: never a secret, only whether one is stored.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct SettingsView {
    #[serde(flatten)]
    pub settings: Settings,
    /// A client secret is in the keyring for the endpoints these settings select.
    pub client_secret_stored: bool,
}

/// What a save did.
#[derive(Debug)]
pub struct Saved {
    /// The settings as written.
    pub settings: Settings,
    /// The account's settings (or its secret) changed, so the app must connect again; the
    /// theme or a shortcut alone does not need that.
    pub reconnect: bool,
}

/// The settings file at `path`, with the keyring for the client secrets.
pub struct SettingsService {
    path: PathBuf,
    keyring: Arc<dyn TokenStore>,
    /// `ZMEET_ZOHO_ENDPOINTS`, which wins over the settings' endpoints.
    env_endpoints: Option<String>,
}

impl SettingsService {
    pub fn new(path: PathBuf, keyring: Arc<dyn TokenStore>, env_endpoints: Option<String>) -> Self {
        Self {
            path,
            keyring,
            env_endpoints,
        }
    }

    pub fn load(&self) -> Result<Settings, AppError> {
        Settings::load(&self.path)
    }

    /// The keyring entries of `endpoints`.
    pub fn store_for(&self, endpoints: &Endpoints) -> AccountStore {
        AccountStore::new(Arc::clone(&self.keyring), endpoints.namespace())
    }

    /// The colour theme, the default one when the file is unreadable (logged).
    pub fn theme(&self) -> Theme {
        self.load()
            .map(|settings| settings.theme)
            .inspect_err(|error| tracing::warn!("settings unreadable, default theme: {error}"))
            .unwrap_or_default()
    }

    /// The settings for the UI, with whether a client secret is stored for them.
    pub async fn view(&self) -> Result<SettingsView, AppError> {
        let mut settings = self.load()?;
        // A file from an older version may still hold a pasted secret: never hand it out.
        if let Some(Ok(parsed)) = settings.endpoints.as_deref().map(EndpointOverride::parse) {
            settings.endpoints = Some(parsed.to_saved_json());
        }
        let client_secret_stored =
            match account::selected_endpoints(&settings, self.env_endpoints.clone()) {
                Ok(endpoints) => match self.store_for(&endpoints).client_secret().await {
                    Ok(secret) => secret.is_some(),
                    Err(error) => {
                        tracing::warn!("cannot tell whether a client secret is stored: {error}");
                        false
                    }
                },
                Err(error) => {
                    tracing::warn!("no usable endpoints to look up a client secret for: {error}");
                    false
                }
            };
        Ok(SettingsView {
            settings,
            client_secret_stored,
        })
    }

    /// Saves `settings` (a client secret, typed or pasted in the endpoints JSON, goes to the
    /// keyring, never to the file). Nothing is written unless every field is valid. While
    /// `current` is signed in with other endpoints, the save needs `confirm_switch`.
    pub async fn save(
        &self,
        settings: Settings,
        client_secret: Option<String>,
        confirm_switch: bool,
        current: Option<&Account>,
    ) -> Result<Saved, AppError> {
        let form = checked_form(settings, client_secret)?;
        let selected = account::selected_endpoints(&form.settings, self.env_endpoints.clone())?;
        if !confirm_switch && let Some(account) = current {
            refuse_silent_switch(account.namespace(), account.is_signed_in().await, &selected)?;
        }
        let secret_changed = form.client_secret.is_some() || form.pasted.is_some();
        if let Some((endpoints, secret)) = &form.pasted {
            self.store_for(endpoints).save_client_secret(secret).await?;
        }
        if let Some(secret) = &form.client_secret {
            self.store_for(&selected).save_client_secret(secret).await?;
        }
        let before = self
            .load()
            .inspect_err(|error| tracing::warn!("previous settings unreadable: {error}"))
            .ok();
        form.settings.save(&self.path)?;
        let reconnect =
            secret_changed || before.is_none_or(|before| !same_account(&before, &form.settings));
        Ok(Saved {
            settings: form.settings,
            reconnect,
        })
    }

    /// Leaves the configured Zoho client for the built-in demo (the client secret stays in
    /// the keyring for when the user comes back).
    pub fn use_demo_mode(&self) -> Result<(), AppError> {
        let settings = Settings {
            client_id: None,
            endpoints: None,
            ..self.load()?
        };
        settings.save(&self.path)
    }

    /// A settings file written by an older version may hold a client secret pasted with the
    /// endpoints: moves it to the keyring of those endpoints and rewrites the file without
    /// it. On failure the file is left as it was (the secret is then only used, never shown).
    pub async fn move_pasted_secret(&self, settings: &mut Settings) {
        let Some(Ok(parsed)) = settings.endpoints.as_deref().map(EndpointOverride::parse) else {
            return;
        };
        let (Some(secret), Ok(endpoints)) = (parsed.client_secret.clone(), parsed.endpoints())
        else {
            return;
        };
        let moved = async {
            self.store_for(&endpoints)
                .save_client_secret(&secret)
                .await?;
            let cleaned = Settings {
                endpoints: Some(parsed.to_saved_json()),
                ..settings.clone()
            };
            cleaned.save(&self.path)?;
            Ok::<_, AppError>(cleaned)
        }
        .await;
        match moved {
            Ok(cleaned) => *settings = cleaned,
            Err(error) => {
                tracing::warn!("cannot move the pasted client secret to the keyring: {error}")
            }
        }
    }
}

/// The form's input, trimmed and checked.
struct CheckedForm {
    /// The settings to write: the endpoints JSON without any secret.
    settings: Settings,
    /// A typed client secret, for the selected endpoints.
    client_secret: Option<Secret>,
    /// A secret pasted inside the endpoints JSON, for those endpoints.
    pasted: Option<(Endpoints, Secret)>,
}

fn trimmed(text: Option<String>) -> Option<String> {
    text.map(|text| text.trim().to_owned())
        .filter(|text| !text.is_empty())
}

fn checked_form(
    mut settings: Settings,
    client_secret: Option<String>,
) -> Result<CheckedForm, AppError> {
    settings.client_id = trimmed(settings.client_id);
    settings.endpoints = trimmed(settings.endpoints);
    settings.validate()?;
    let client_secret = trimmed(client_secret);
    if let Some(secret) = &client_secret
        && (secret.len() > 200 || secret.chars().any(char::is_whitespace))
    {
        return Err(AppError::invalid(
            "clientSecret",
            "must be the client secret from the Zoho API console",
        ));
    }
    let mut pasted = None;
    if let Some(json) = &settings.endpoints {
        let parsed = EndpointOverride::parse(json)
            .map_err(|reason| AppError::invalid("endpoints", reason))?;
        settings.endpoints = Some(parsed.to_saved_json());
        if let Some(secret) = parsed.client_secret.clone() {
            let endpoints = parsed
                .endpoints()
                .map_err(|reason| AppError::invalid("endpoints", reason))?;
            pasted = Some((endpoints, secret));
        }
    }
    Ok(CheckedForm {
        settings,
        client_secret: client_secret.map(Secret::new),
        pasted,
    })
}

/// Refuses a silent switch away from the endpoints the user is signed in with: their
/// session stays in the keyring, but the person should know where the app will talk next.
fn refuse_silent_switch(
    current_namespace: Option<&str>,
    signed_in: bool,
    selected: &Endpoints,
) -> Result<(), AppError> {
    let switching = current_namespace.is_some_and(|current| current != selected.namespace());
    if switching && signed_in {
        return Err(AppError::new(
            ErrorCode::SwitchNotConfirmed,
            format!(
                "You are signed in with other endpoints. Switch to {}? Your current session \
                 stays in the keyring for when you switch back.",
                selected.host_names().join(", ")
            ),
        ));
    }
    Ok(())
}

fn same_account(a: &Settings, b: &Settings) -> bool {
    a.client_id == b.client_id
        && a.data_centre == b.data_centre
        && a.redirect_mode == b.redirect_mode
        && a.endpoints == b.endpoints
}

#[cfg(test)]
mod tests;
