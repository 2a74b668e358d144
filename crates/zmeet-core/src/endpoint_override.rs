//! Endpoints pasted into the settings or given in the environment: parsed, bounded and
//! checked before anything connects to them.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use zoho_core::{Endpoints, Secret};

/// Endpoints (and optionally a client) given from outside. Its `Debug` never shows the
/// client secret (a [`Secret`]).
#[derive(Debug, Clone, Deserialize)]
pub struct EndpointOverride {
    pub accounts: BTreeMap<String, String>,
    pub meeting: BTreeMap<String, String>,
    pub client_id: Option<String>,
    pub client_secret: Option<Secret>,
}

/// What is kept of pasted endpoints in the settings file: never a secret.
#[derive(Serialize)]
struct SavedEndpoints<'a> {
    accounts: &'a BTreeMap<String, String>,
    meeting: &'a BTreeMap<String, String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    client_id: &'a Option<String>,
}

/// Longest endpoints JSON accepted (the simulator's ready line is well under 2 KiB).
pub const MAX_ENDPOINTS_JSON: usize = 16 * 1024;

impl EndpointOverride {
    /// Parses and checks the JSON: every location must be a Zoho DC with both hosts, each
    /// `https` (or `http` on this machine).
    pub fn parse(json: &str) -> Result<Self, String> {
        if json.len() > MAX_ENDPOINTS_JSON {
            return Err(format!("is longer than {} KiB", MAX_ENDPOINTS_JSON / 1024));
        }
        let parsed: Self = serde_json::from_str(json)
            .map_err(|error| format!("is not valid JSON endpoints: {error}"))?;
        parsed.endpoints()?;
        Ok(parsed)
    }

    pub fn endpoints(&self) -> Result<Endpoints, String> {
        if self.accounts.is_empty() {
            return Err("names no accounts server".into());
        }
        Endpoints::from_maps(&self.accounts, &self.meeting).map_err(|error| error.to_string())
    }

    /// The JSON to keep in the settings file: the hosts and the client id, no secret.
    pub fn to_saved_json(&self) -> String {
        serde_json::to_string(&SavedEndpoints {
            accounts: &self.accounts,
            meeting: &self.meeting,
            client_id: &self.client_id,
        })
        .expect("endpoints serialize")
    }
}
