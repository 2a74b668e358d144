//! Fault injection: what can go wrong, which hosts it hits, and the seeded dice that decide
//! per request (so a test with a fixed seed sees the same faults on every run).

use std::time::Duration;

use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use serde::{Deserialize, Serialize};

use crate::log::HostKind;

/// Which hosts a fault applies to. The admin host is never faulted.
#[derive(Serialize, Deserialize, Clone, Copy, Debug, Default, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum FaultHosts {
    #[default]
    All,
    Accounts,
    Meeting,
}

impl FaultHosts {
    pub fn covers(self, host: HostKind) -> bool {
        match (self, host) {
            (_, HostKind::Admin) => false,
            (FaultHosts::All, _) => true,
            (FaultHosts::Accounts, HostKind::Accounts) => true,
            (FaultHosts::Meeting, HostKind::Meeting) => true,
            _ => false,
        }
    }
}

/// Extra delay before a request is handled.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Latency {
    /// `{"kind":"fixed","ms":250}`
    Fixed {
        ms: u64,
        #[serde(default)]
        hosts: FaultHosts,
    },
    /// `{"kind":"random","min_ms":10,"max_ms":500}` (uniform, inclusive, seeded)
    Random {
        min_ms: u64,
        max_ms: u64,
        #[serde(default)]
        hosts: FaultHosts,
    },
}

/// A fault that hits a fraction of requests.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct RateFault {
    /// 0.0 (never) to 1.0 (every request).
    pub rate: f64,
    #[serde(default)]
    pub hosts: FaultHosts,
}

/// Answer a fraction of requests with a 5xx status instead of handling them.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct ServerErrorFault {
    pub rate: f64,
    /// 500, 502, 503 or 504; default 503.
    #[serde(default = "default_server_error_status")]
    pub status: u16,
    #[serde(default)]
    pub hosts: FaultHosts,
}

fn default_server_error_status() -> u16 {
    503
}

/// The faults in force. `{}` (the default) means none. Sent as JSON to `POST /admin/faults`.
#[derive(Serialize, Deserialize, Clone, Debug, Default, PartialEq)]
#[serde(default)]
pub struct FaultConfig {
    pub latency: Option<Latency>,
    pub server_errors: Option<ServerErrorFault>,
    /// Drop the TCP connection (RST) without an answer.
    pub resets: Option<RateFault>,
    /// Never answer (the connection stays open until the client gives up).
    pub hangs: Option<RateFault>,
    /// Every token-endpoint request gets the throttle body.
    pub force_token_throttle: bool,
    /// Faults aimed at particular requests (the third page of a list, say), applied before
    /// the rate faults.
    pub targeted: Vec<TargetedFault>,
    /// Every request gets a huge answer instead (a broken or hostile server).
    pub huge_body: Option<HugeBodyFault>,
}

/// A fault that hits matching requests by their position: the `nth` matching request
/// (1-based, counted from when the faults were set) and the `times - 1` matching requests
/// after it (so a client's retries of that request fail too).
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct TargetedFault {
    /// HTTP method to match, e.g. `"GET"`; `None` matches any.
    #[serde(default)]
    pub method: Option<String>,
    /// The request path must end with this, e.g. `"/sessions.json"`.
    pub path_suffix: String,
    pub nth: u32,
    #[serde(default = "one")]
    pub times: u32,
    pub action: TargetedAction,
}

fn one() -> u32 {
    1
}

/// What a [`TargetedFault`] does to the requests it hits.
#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum TargetedAction {
    /// Reset the connection before the request is handled.
    Reset,
    /// Handle the request (a create is stored), then reset the connection instead of
    /// answering: the client never learns the outcome.
    ResetAfterHandling,
}

/// `{"bytes":67108864}`: answer every request with a 200 body of that many bytes, streamed
/// (chunked, so the client learns the size only by reading). With `"lie":true` the answer
/// announces that size in `Content-Length` but sends a few bytes only.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct HugeBodyFault {
    pub bytes: u64,
    #[serde(default)]
    pub lie: bool,
    #[serde(default)]
    pub hosts: FaultHosts,
}

/// What to do with one request, decided before it is handled.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FaultAction {
    Proceed,
    ServerError(u16),
    Reset,
    Hang,
    /// A huge body (or a `Content-Length` that says so) instead of the real answer.
    HugeBody {
        bytes: u64,
        lie: bool,
    },
}

/// The fault settings plus the seeded dice. Re-seeded whenever the faults change, so the
/// sequence of decisions after a `set_faults` is repeatable.
#[derive(Debug)]
pub struct FaultState {
    pub config: FaultConfig,
    seed: u64,
    dice: StdRng,
    /// Per targeted fault: matching requests seen since the faults were set.
    targeted_seen: Vec<u32>,
}

impl FaultState {
    pub fn new(config: FaultConfig, seed: u64) -> Self {
        Self {
            targeted_seen: vec![0; config.targeted.len()],
            config,
            seed,
            dice: dice_for(seed),
        }
    }

    pub fn replace(&mut self, config: FaultConfig) {
        self.targeted_seen = vec![0; config.targeted.len()];
        self.config = config;
        self.dice = dice_for(self.seed);
    }

    /// The targeted fault (if any) that hits this request; counts it for every fault it
    /// matches. Never hits the admin host.
    pub fn decide_targeted(
        &mut self,
        host: HostKind,
        method: &str,
        path: &str,
    ) -> Option<TargetedAction> {
        if host == HostKind::Admin {
            return None;
        }
        let mut hit = None;
        for (fault, seen) in self.config.targeted.iter().zip(&mut self.targeted_seen) {
            let matches = path.ends_with(&fault.path_suffix)
                && fault
                    .method
                    .as_deref()
                    .is_none_or(|m| m.eq_ignore_ascii_case(method));
            if !matches {
                continue;
            }
            *seen += 1;
            let last = fault.nth.saturating_add(fault.times.max(1) - 1);
            if hit.is_none() && (fault.nth..=last).contains(seen) {
                hit = Some(fault.action);
            }
        }
        hit
    }

    /// Decides latency and outcome for one request on `host`. Every rate fault rolls its
    /// die whenever it covers the host, so the sequence depends only on the request order.
    pub fn decide(&mut self, host: HostKind) -> (Duration, FaultAction) {
        let delay = match &self.config.latency {
            Some(Latency::Fixed { ms, hosts }) if hosts.covers(host) => Duration::from_millis(*ms),
            Some(Latency::Random {
                min_ms,
                max_ms,
                hosts,
            }) if hosts.covers(host) => {
                let (low, high) = (*min_ms.min(max_ms), *min_ms.max(max_ms));
                Duration::from_millis(self.dice.random_range(low..=high))
            }
            _ => Duration::ZERO,
        };
        let reset = roll(&mut self.dice, self.config.resets.as_ref(), host);
        let hang = roll(&mut self.dice, self.config.hangs.as_ref(), host);
        let server_error = match &self.config.server_errors {
            Some(fault) if fault.hosts.covers(host) => self
                .dice
                .random_bool(fault.rate.clamp(0.0, 1.0))
                .then_some(fault.status),
            _ => None,
        };
        let huge = match &self.config.huge_body {
            Some(fault) if fault.hosts.covers(host) => Some(FaultAction::HugeBody {
                bytes: fault.bytes,
                lie: fault.lie,
            }),
            _ => None,
        };
        let action = if let Some(huge) = huge {
            huge
        } else if reset {
            FaultAction::Reset
        } else if hang {
            FaultAction::Hang
        } else if let Some(status) = server_error {
            FaultAction::ServerError(status)
        } else {
            FaultAction::Proceed
        };
        (delay, action)
    }
}

fn roll(dice: &mut StdRng, fault: Option<&RateFault>, host: HostKind) -> bool {
    match fault {
        Some(fault) if fault.hosts.covers(host) => dice.random_bool(fault.rate.clamp(0.0, 1.0)),
        _ => false,
    }
}

fn dice_for(seed: u64) -> StdRng {
    // A different stream from the demo data's, so changing faults never changes the data.
    StdRng::seed_from_u64(seed ^ 0xFA17_5EED_0000_0001)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_targeted_fault_hits_the_nth_matching_request_and_its_repeats() {
        let config = FaultConfig {
            targeted: vec![TargetedFault {
                method: Some("GET".into()),
                path_suffix: "/sessions.json".into(),
                nth: 3,
                times: 2,
                action: TargetedAction::Reset,
            }],
            ..FaultConfig::default()
        };
        let mut state = FaultState::new(config, 1);
        let mut hits = Vec::new();
        for _ in 0..5 {
            hits.push(state.decide_targeted(HostKind::Meeting, "GET", "/api/v2/1/sessions.json"));
            // Other requests are not counted.
            assert_eq!(
                state.decide_targeted(HostKind::Meeting, "POST", "/api/v2/1/sessions.json"),
                None
            );
            assert_eq!(
                state.decide_targeted(HostKind::Admin, "GET", "/x/sessions.json"),
                None
            );
        }
        let reset = Some(TargetedAction::Reset);
        assert_eq!(hits, [None, None, reset, reset, None]);
    }
}
