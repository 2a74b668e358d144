//! Everything a simulator run can be told at start. Defaults follow API.md; every GAP choice
//! that a client might trip over has a switch here (see the crate README).

use std::time::Duration;

use chrono::{DateTime, Utc};

use crate::faults::FaultConfig;

/// The Zoho data centres ("locations") in the order used for port numbering.
pub const ALL_DCS: [&str; 9] = ["us", "eu", "in", "au", "jp", "ca", "sa", "uk", "cn"];

/// The custom-scheme redirect URI the desktop app registers.
pub const DEEP_LINK_REDIRECT_URI: &str = "dev.zmeet.desktop:/oauth/callback";
/// The loopback redirect URI the desktop app registers (RFC 8252 §7.3; the port varies).
pub const LOOPBACK_REDIRECT_URI: &str = "http://127.0.0.1/callback";

/// Its `Debug` shows what shapes a run and leaves out the client secret, so a config printed
/// in a test failure or a log never carries it.
#[derive(Clone)]
pub struct SimConfig {
    /// Seed for the demo data and for the fault dice.
    pub seed: u64,
    /// Number of generated meetings.
    pub meetings: usize,
    /// Number of generated webinars.
    pub webinars: usize,
    /// Locations served; each gets an accounts host and a Meeting host.
    pub dcs: Vec<String>,
    /// Where the demo user lives: the consent redirect names this DC, and codes and tokens
    /// only work on its hosts.
    pub user_dc: String,
    /// 0 = an ephemeral port for every host; otherwise admin = base, then for the i-th DC in
    /// `dcs` accounts = base + 1 + 2i and meeting = base + 2 + 2i.
    pub base_port: u16,
    pub access_token_lifetime: Duration,
    pub code_lifetime: Duration,
    /// Legacy token responses: `expires_in` in milliseconds plus `expires_in_sec`.
    pub legacy_expires_in_ms: bool,
    /// HTTP status of the token-throttle body (sources disagree: 400 or 200).
    pub throttle_http_status: u16,
    /// Registered redirect URIs besides the deep link and the loopback one.
    pub extra_redirect_uris: Vec<String>,
    pub faults: FaultConfig,

    /// The registered client.
    pub client_id: String,
    pub client_secret: String,
    /// GAP: whether a loopback redirect URI matches a registered one whatever its port.
    /// `true` (default): `http://127.0.0.1:<any>/callback` matches `http://127.0.0.1/callback`.
    /// `false`: exact string match only.
    pub loopback_any_port: bool,
    /// GAP: `true` rejects authorization requests without `code_challenge`.
    pub require_pkce: bool,
    /// Zoho only returns a refresh token on the first `offline` consent of a user for a
    /// client, or with `prompt=consent`. `false` returns one on every `offline` consent.
    pub refresh_token_only_on_first_consent: bool,
    /// Access tokens one refresh token may mint per `mint_window` before the throttle.
    pub mints_per_window: usize,
    pub mint_window: Duration,
    /// Refresh tokens per (user, client); the next one evicts the oldest (FIFO).
    pub max_refresh_tokens: usize,
    /// Live access tokens per refresh token; the next one evicts the oldest (GAP: 15 or 30).
    pub max_access_tokens_per_refresh_token: usize,
    /// GAP: `error` value for a redirect URI mismatch at the token endpoint.
    pub redirect_mismatch_error: String,
    /// GAP: list `index` base (0 or 1).
    pub list_index_base: u64,
    /// GAP: `false` (default) = `index` is the position of the first record;
    /// `true` = `index` is a page number (pages of `count` records).
    pub list_index_is_page: bool,
    /// GAP: `count` when a list request omits it.
    pub list_default_count: usize,
    /// The get example has no participants; `true` adds them (handy for demo mode).
    pub get_includes_participants: bool,
    /// Simulated "now" at start; `None` = the real clock. Demo data is laid out around the
    /// start of this day (UTC), so a fixed value makes the data fully repeatable.
    pub start_time: Option<DateTime<Utc>>,
    /// Print one line per request (method, path, status; never a query) on stderr.
    pub log_to_stderr: bool,
    /// Device flow (API.md §1.10): how long a user code is valid (documented: 5 minutes).
    pub device_code_lifetime: Duration,
    /// The `interval` the device-code answer announces (Zoho's: 5 s).
    pub device_interval: Duration,
    /// Two polls of one device code closer than this get `slow_down` (documented: 30 s).
    /// Tests shorten it, together with the client's minimum poll interval.
    pub device_slow_down_under: Duration,
    /// GAP: `interval` and `expires_in` of the device-code answer in seconds instead of
    /// milliseconds (the older doc page and public clients show milliseconds).
    pub device_times_in_seconds: bool,
    /// A server that cannot page deep: lists end after this many records, while the
    /// top-level `count` still reports every match. `None` (default): no such limit.
    pub list_records_cap: Option<usize>,
    /// Days before the start day the generated sessions are spread over (years of history
    /// for paging costs); the 42 days after it stay.
    pub history_days: u32,
    /// Serve the admin API (faults, clock, request log, revoke). An app embedding the
    /// simulator (demo mode) turns it off: nothing on the machine should steer it.
    pub admin_api: bool,
}

impl std::fmt::Debug for SimConfig {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SimConfig")
            .field("seed", &self.seed)
            .field("meetings", &self.meetings)
            .field("webinars", &self.webinars)
            .field("dcs", &self.dcs)
            .field("user_dc", &self.user_dc)
            .field("base_port", &self.base_port)
            .field("faults", &self.faults)
            .field("client_id", &self.client_id)
            .field("start_time", &self.start_time)
            .finish_non_exhaustive()
    }
}

impl Default for SimConfig {
    fn default() -> Self {
        Self {
            seed: 42,
            meetings: 40,
            webinars: 10,
            dcs: ALL_DCS.iter().map(|dc| dc.to_string()).collect(),
            user_dc: "us".into(),
            base_port: 0,
            access_token_lifetime: Duration::from_secs(3600),
            code_lifetime: Duration::from_secs(120),
            legacy_expires_in_ms: false,
            throttle_http_status: 400,
            extra_redirect_uris: Vec::new(),
            faults: FaultConfig::default(),
            client_id: "1000.ZMEETSIMCLIENT0000000000000000".into(),
            client_secret: "5f1b0c3a9e7d4b2a8c6e0f1d3b5a7c9e2f4d6b8a0c".into(),
            loopback_any_port: true,
            require_pkce: false,
            refresh_token_only_on_first_consent: true,
            mints_per_window: 10,
            mint_window: Duration::from_secs(600),
            max_refresh_tokens: 20,
            max_access_tokens_per_refresh_token: 15,
            redirect_mismatch_error: "invalid_redirect_uri".into(),
            list_index_base: 1,
            list_index_is_page: false,
            list_default_count: 20,
            get_includes_participants: false,
            start_time: None,
            log_to_stderr: false,
            device_code_lifetime: Duration::from_secs(300),
            device_interval: Duration::from_secs(5),
            device_slow_down_under: Duration::from_secs(30),
            device_times_in_seconds: false,
            list_records_cap: None,
            history_days: 42,
            admin_api: true,
        }
    }
}

impl SimConfig {
    /// All registered redirect URIs, the app's two first.
    pub fn redirect_uris(&self) -> Vec<String> {
        let mut uris = vec![
            DEEP_LINK_REDIRECT_URI.to_string(),
            LOOPBACK_REDIRECT_URI.to_string(),
        ];
        uris.extend(self.extra_redirect_uris.iter().cloned());
        uris
    }

    /// Rejects configurations the simulator cannot serve.
    pub fn validate(&self) -> Result<(), String> {
        if self.dcs.is_empty() {
            return Err("at least one DC must be served".into());
        }
        for dc in &self.dcs {
            if !ALL_DCS.contains(&dc.as_str()) {
                return Err(format!("unknown DC {dc:?}; known: {}", ALL_DCS.join(",")));
            }
        }
        if !self.dcs.contains(&self.user_dc) {
            return Err(format!(
                "user DC {:?} is not among the served DCs",
                self.user_dc
            ));
        }
        if self.list_index_base > 1 {
            return Err("list_index_base must be 0 or 1".into());
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::SimConfig;

    #[test]
    fn debug_output_leaves_out_the_client_secret() {
        let config = SimConfig::default();
        let shown = format!("{config:?}");
        assert!(shown.contains(&config.client_id), "{shown}");
        assert!(!shown.contains(&config.client_secret), "{shown}");
    }
}
