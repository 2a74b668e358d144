//! Device-flow sign-ins (API.md §1.10): a device code and its user code, waiting for the
//! person's answer, with the documented rules: the code lives `device_code_lifetime`
//! (5 minutes), two polls closer than `device_slow_down_under` (30 s) get `slow_down`.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use rand::Rng;

use super::tokens::new_token;
use crate::clock::to_chrono;
use crate::config::SimConfig;

/// What the person decided.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Decision {
    Pending,
    Approved,
    Denied,
}

#[derive(Clone, Debug)]
pub struct DeviceGrant {
    pub client_id: String,
    pub user_code: String,
    pub scopes: Vec<String>,
    pub offline: bool,
    pub prompt_consent: bool,
    pub expires_at: DateTime<Utc>,
    pub decision: Decision,
    last_poll: Option<DateTime<Utc>>,
}

/// A poll's outcome, before any token is minted.
#[derive(Debug, PartialEq, Eq)]
pub enum PollOutcome {
    Unknown,
    Expired,
    SlowDown,
    Pending,
    Denied,
    /// Approved: the grant is handed out (and forgotten, so it redeems once).
    Approved(Box<DeviceGrantSummary>),
}

/// What an approved grant turns into tokens with.
#[derive(Debug, PartialEq, Eq)]
pub struct DeviceGrantSummary {
    pub client_id: String,
    pub scopes: Vec<String>,
    pub offline: bool,
    pub prompt_consent: bool,
}

#[derive(Debug, Default)]
pub struct DeviceGrants {
    /// By device code.
    grants: HashMap<String, DeviceGrant>,
}

/// A user code in the shape people type: `XXXX-XXXX`, from letters and digits that are
/// hard to confuse (GAP: Zoho's format is not documented).
fn new_user_code() -> String {
    const ALPHABET: &[u8] = b"BCDFGHJKLMNPQRSTVWXZ23456789";
    let mut rng = rand::rng();
    let mut code = String::with_capacity(9);
    for i in 0..8 {
        if i == 4 {
            code.push('-');
        }
        code.push(ALPHABET[rng.random_range(0..ALPHABET.len())] as char);
    }
    code
}

/// User codes compare without case, spaces or dashes, as people type them.
fn normalized(code: &str) -> String {
    code.chars()
        .filter(char::is_ascii_alphanumeric)
        .map(|c| c.to_ascii_uppercase())
        .collect()
}

impl DeviceGrants {
    /// Starts a device sign-in; returns `(device_code, user_code)`.
    pub fn start(
        &mut self,
        client_id: &str,
        scopes: Vec<String>,
        offline: bool,
        prompt_consent: bool,
        now: DateTime<Utc>,
        config: &SimConfig,
    ) -> (String, String) {
        let device_code = new_token().replacen("1000.", "1004.", 1);
        let user_code = new_user_code();
        self.grants.insert(
            device_code.clone(),
            DeviceGrant {
                client_id: client_id.to_string(),
                user_code: user_code.clone(),
                scopes,
                offline,
                prompt_consent,
                expires_at: now + to_chrono(config.device_code_lifetime),
                decision: Decision::Pending,
                last_poll: None,
            },
        );
        (device_code, user_code)
    }

    /// The person's answer on the verification page (or through the admin call). `false`
    /// when no live, unanswered sign-in has this user code.
    pub fn decide(&mut self, user_code: &str, approve: bool, now: DateTime<Utc>) -> bool {
        let wanted = normalized(user_code);
        if wanted.is_empty() {
            return false;
        }
        let Some(grant) = self.grants.values_mut().find(|grant| {
            normalized(&grant.user_code) == wanted
                && grant.decision == Decision::Pending
                && now < grant.expires_at
        }) else {
            return false;
        };
        grant.decision = if approve {
            Decision::Approved
        } else {
            Decision::Denied
        };
        true
    }

    /// One poll of `device_code` by `client_id`. Expiry first, then the poll rate, then
    /// the answer. Every poll counts towards the rate, `slow_down` ones too.
    pub fn poll(
        &mut self,
        device_code: &str,
        client_id: &str,
        now: DateTime<Utc>,
        config: &SimConfig,
        at_user_dc: bool,
    ) -> PollOutcome {
        let Some(grant) = self
            .grants
            .get_mut(device_code)
            .filter(|grant| grant.client_id == client_id)
        else {
            return PollOutcome::Unknown;
        };
        if now >= grant.expires_at {
            return PollOutcome::Expired;
        }
        let previous = grant.last_poll.replace(now);
        if previous.is_some_and(|at| now - at < to_chrono(config.device_slow_down_under)) {
            return PollOutcome::SlowDown;
        }
        match grant.decision {
            Decision::Pending => PollOutcome::Pending,
            Decision::Denied => PollOutcome::Denied,
            Decision::Approved if !at_user_dc => PollOutcome::Approved(Box::new(summary(grant))),
            Decision::Approved => {
                let grant = self.grants.remove(device_code).expect("present");
                PollOutcome::Approved(Box::new(summary(&grant)))
            }
        }
    }
}

fn summary(grant: &DeviceGrant) -> DeviceGrantSummary {
    DeviceGrantSummary {
        client_id: grant.client_id.clone(),
        scopes: grant.scopes.clone(),
        offline: grant.offline,
        prompt_consent: grant.prompt_consent,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    fn config() -> SimConfig {
        SimConfig {
            device_slow_down_under: Duration::from_secs(30),
            ..SimConfig::default()
        }
    }

    #[test]
    fn polls_follow_the_documented_rules() {
        let config = config();
        let mut grants = DeviceGrants::default();
        let t0 = Utc::now();
        let (device, user) = grants.start("c", vec!["s".into()], true, false, t0, &config);
        assert_eq!(user.len(), 9);
        let at = |s: i64| t0 + chrono::TimeDelta::seconds(s);
        assert_eq!(
            grants.poll(&device, "c", at(1), &config, true),
            PollOutcome::Pending
        );
        assert_eq!(
            grants.poll(&device, "c", at(20), &config, true),
            PollOutcome::SlowDown
        );
        assert_eq!(
            grants.poll(&device, "other", at(60), &config, true),
            PollOutcome::Unknown
        );
        assert!(grants.decide(&user.to_lowercase().replace('-', " "), true, at(61)));
        assert!(!grants.decide(&user, false, at(62)), "answered already");
        assert!(matches!(
            grants.poll(&device, "c", at(100), &config, false),
            PollOutcome::Approved(_)
        ));
        assert!(matches!(
            grants.poll(&device, "c", at(140), &config, true),
            PollOutcome::Approved(_)
        ));
        assert_eq!(
            grants.poll(&device, "c", at(180), &config, true),
            PollOutcome::Unknown,
            "redeemed once"
        );
        let (device, user) = grants.start("c", vec![], false, false, t0, &config);
        assert!(grants.decide(&user, false, at(1)));
        assert_eq!(
            grants.poll(&device, "c", at(2), &config, true),
            PollOutcome::Denied
        );
        let (device, user) = grants.start("c", vec![], false, false, t0, &config);
        assert_eq!(
            grants.poll(&device, "c", at(301), &config, true),
            PollOutcome::Expired
        );
        assert!(!grants.decide(&user, true, at(301)), "too late to approve");
    }
}
