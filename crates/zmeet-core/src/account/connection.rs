//! Which Zoho the app talks to, decided at start and whenever settings change.

use serde::Serialize;
use zoho_core::{DataCenter, Endpoints, Secret};

use crate::endpoint_override::EndpointOverride;
use crate::error::{AppError, ErrorCode};
use crate::settings::Settings;

/// Points the app at Zoho-compatible endpoints (a simulator started separately, say): the
/// JSON itself or the path of a file holding it. The simulator's ready line fits as is.
pub const ENDPOINTS_ENV: &str = "ZMEET_ZOHO_ENDPOINTS";

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum Mode {
    /// No Zoho client configured: the built-in simulator, with demo data.
    Demo,
    /// Zoho-compatible endpoints from settings or the environment.
    Custom,
    /// Zoho itself.
    Zoho,
}

/// What to connect to. Its `Debug` never shows the client secret (a [`Secret`]).
#[derive(Debug)]
pub enum Plan {
    Demo,
    Remote {
        mode: Mode,
        endpoints: Endpoints,
        client_id: String,
        /// `None`: read from the keyring (the entry of these endpoints).
        client_secret: Option<Secret>,
        home_dc: DataCenter,
    },
}

/// The custom endpoints in force: the environment variable's (the JSON or a file holding
/// it) before the settings'. `None`: Zoho's own. Errors name where the bad value came from.
pub fn endpoint_override(
    settings: &Settings,
    env_value: Option<String>,
) -> Result<Option<EndpointOverride>, AppError> {
    let from_env = env_value.filter(|v| !v.trim().is_empty());
    let (json, source) = match from_env {
        Some(value) if value.trim_start().starts_with('{') => (value, ENDPOINTS_ENV),
        Some(path) => {
            let text = std::fs::read_to_string(path.trim()).map_err(|error| {
                AppError::new(
                    ErrorCode::Config,
                    format!("{ENDPOINTS_ENV} names a file that cannot be read: {error}"),
                )
            })?;
            (text, ENDPOINTS_ENV)
        }
        None => match &settings.endpoints {
            Some(json) => (json.clone(), "Settings → Endpoints"),
            None => return Ok(None),
        },
    };
    EndpointOverride::parse(&json)
        .map(Some)
        .map_err(|reason| AppError::new(ErrorCode::Config, format!("{source}: {reason}")))
}

/// The endpoint set the settings and environment select (Zoho's own without an override).
pub fn selected_endpoints(
    settings: &Settings,
    env_value: Option<String>,
) -> Result<Endpoints, AppError> {
    match endpoint_override(settings, env_value)? {
        Some(endpoint_override) => endpoint_override
            .endpoints()
            .map_err(|reason| AppError::new(ErrorCode::Config, format!("endpoints {reason}"))),
        None => Ok(Endpoints::zoho()),
    }
}

/// Decides the connection from the settings and the environment variable's value. Nothing
/// is contacted: a bad endpoint (plain http to another machine, say) stops here.
pub fn plan(settings: &Settings, env_value: Option<String>) -> Result<Plan, AppError> {
    let home_dc = DataCenter::from_location(&settings.data_centre).unwrap_or(DataCenter::Us);
    if let Some(endpoint_override) = endpoint_override(settings, env_value)? {
        let endpoints = endpoint_override
            .endpoints()
            .map_err(|reason| AppError::new(ErrorCode::Config, format!("endpoints {reason}")))?;
        let client_id = endpoint_override
            .client_id
            .clone()
            .or_else(|| settings.client_id.clone())
            .ok_or_else(|| {
                AppError::new(
                    ErrorCode::Config,
                    "the custom endpoints need a client id (in settings or in the endpoints JSON)",
                )
            })?;
        // Start where the user lives when that DC is served, else wherever the endpoints allow.
        let home_dc = if endpoints.hosts(home_dc).is_some() {
            home_dc
        } else {
            endpoints.data_centers().next().unwrap_or(home_dc)
        };
        return Ok(Plan::Remote {
            mode: Mode::Custom,
            endpoints,
            client_id,
            client_secret: endpoint_override.client_secret,
            home_dc,
        });
    }
    match &settings.client_id {
        Some(client_id) => Ok(Plan::Remote {
            mode: Mode::Zoho,
            endpoints: Endpoints::zoho(),
            client_id: client_id.clone(),
            client_secret: None,
            home_dc,
        }),
        None => Ok(Plan::Demo),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SIM_LINE: &str = r#"{"accounts":{"us":"http://127.0.0.1:4001","eu":"http://127.0.0.1:4003"},
        "meeting":{"us":"http://127.0.0.1:4002","eu":"http://127.0.0.1:4004"},"admin":"http://127.0.0.1:4000",
        "client_id":"1000.SIM","client_secret":"s3cret","redirect_uris":[],"user":{}}"#;

    #[test]
    fn no_client_means_demo() {
        assert!(matches!(
            plan(&Settings::default(), None).unwrap(),
            Plan::Demo
        ));
    }

    #[test]
    fn a_client_id_means_zoho() {
        let settings = Settings {
            client_id: Some("1000.X".into()),
            data_centre: "eu".into(),
            ..Settings::default()
        };
        match plan(&settings, None).unwrap() {
            Plan::Remote {
                mode,
                client_id,
                client_secret,
                home_dc,
                ..
            } => {
                assert_eq!(mode, Mode::Zoho);
                assert_eq!(client_id, "1000.X");
                assert!(client_secret.is_none(), "the secret comes from the keyring");
                assert_eq!(home_dc, DataCenter::Eu);
            }
            Plan::Demo => panic!("expected Zoho"),
        }
    }

    #[test]
    fn the_simulators_ready_line_in_the_environment_means_custom() {
        match plan(&Settings::default(), Some(SIM_LINE.into())).unwrap() {
            Plan::Remote {
                mode,
                client_id,
                client_secret,
                endpoints,
                ..
            } => {
                assert_eq!(mode, Mode::Custom);
                assert_eq!(client_id, "1000.SIM");
                assert!(client_secret.is_some());
                assert!(endpoints.hosts(DataCenter::Eu).is_some());
                assert!(endpoints.hosts(DataCenter::In).is_none());
            }
            Plan::Demo => panic!("expected custom"),
        }
    }

    #[test]
    fn the_environment_may_name_a_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("sim.json");
        std::fs::write(&path, SIM_LINE).unwrap();
        let chosen = plan(&Settings::default(), Some(path.display().to_string())).unwrap();
        assert!(matches!(
            chosen,
            Plan::Remote {
                mode: Mode::Custom,
                ..
            }
        ));
    }

    #[test]
    fn broken_endpoints_are_a_config_error() {
        let error = plan(&Settings::default(), Some("{\"accounts\":{}}".into())).unwrap_err();
        assert_eq!(error.code, ErrorCode::Config);
    }

    #[test]
    fn plain_http_to_another_machine_is_refused_naming_the_source_and_host() {
        let remote = SIM_LINE.replace("http://127.0.0.1:4003", "http://zoho.example.net:4003");
        let error = plan(&Settings::default(), Some(remote.clone())).unwrap_err();
        assert_eq!(error.code, ErrorCode::Config);
        assert!(error.message.contains(ENDPOINTS_ENV), "{}", error.message);
        assert!(
            error.message.contains("zoho.example.net"),
            "{}",
            error.message
        );
        let settings = Settings {
            endpoints: Some(remote),
            ..Settings::default()
        };
        let error = plan(&settings, None).unwrap_err();
        assert!(error.message.contains("Endpoints"), "{}", error.message);
        assert!(
            error.message.contains("zoho.example.net"),
            "{}",
            error.message
        );
    }

    #[test]
    fn the_saved_form_keeps_no_secret_and_debug_shows_none() {
        let parsed = EndpointOverride::parse(SIM_LINE).unwrap();
        assert!(!format!("{parsed:?}").contains("s3cret"));
        let saved = parsed.to_saved_json();
        assert!(!saved.contains("s3cret"), "{saved}");
        let again = EndpointOverride::parse(&saved).unwrap();
        assert!(again.client_secret.is_none());
        assert_eq!(again.client_id.as_deref(), Some("1000.SIM"));
        assert_eq!(again.endpoints().unwrap(), parsed.endpoints().unwrap());
        let plan = plan(&Settings::default(), Some(SIM_LINE.into())).unwrap();
        assert!(!format!("{plan:?}").contains("s3cret"));
    }

    proptest::proptest! {
        /// Whatever the client secret pasted with the endpoints, neither the parsed form,
        /// the plan, the settings nor what is saved or shown of them contain it.
        #[test]
        fn no_form_of_pasted_endpoints_shows_the_secret(secret in "[A-Za-z0-9]{6}\\.[A-Za-z0-9]{10,40}") {
            let line = SIM_LINE.replace("s3cret", &secret);
            let parsed = EndpointOverride::parse(&line).unwrap();
            let settings = Settings { endpoints: Some(line.clone()), ..Settings::default() };
            let chosen = plan(&settings, None).unwrap();
            let saved = Settings { endpoints: Some(parsed.to_saved_json()), ..Settings::default() };
            let shown = format!(
                "{parsed:?} {parsed:#?} {chosen:?} {chosen:#?} {settings:?} {settings:#?} {}",
                serde_json::to_string(&saved).unwrap()
            );
            proptest::prop_assert!(!shown.contains(&secret), "{}", shown);
        }
    }
}
