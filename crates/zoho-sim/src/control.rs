//! Operations tests and the admin endpoint use to steer a running simulator.

use std::time::Duration;

use serde_json::Value;

use crate::faults::FaultConfig;
use crate::meeting::format::{Shape, render_session};
use crate::shared::Shared;
use crate::store::SessionKind;

impl Shared {
    pub fn set_faults(&self, faults: FaultConfig) {
        self.faults().replace(faults);
    }

    pub fn current_faults(&self) -> FaultConfig {
        self.faults().config.clone()
    }

    pub fn advance_clock(&self, by: Duration) {
        self.clock.advance(by);
    }

    /// Returns how many access tokens were live.
    pub fn expire_all_access_tokens(&self) -> usize {
        let now = self.clock.now();
        self.tokens().expire_all_access_tokens(now)
    }

    /// Revokes a refresh token (or an access token) as if the user removed the app.
    pub fn revoke_token(&self, token: &str) -> bool {
        self.tokens().revoke(token)
    }

    /// The person's answer to a device sign-in, as on the verification page. `false` when
    /// no live, unanswered sign-in has this user code.
    pub fn decide_device(&self, user_code: &str, approve: bool) -> bool {
        let now = self.clock.now();
        self.tokens().devices.decide(user_code, approve, now)
    }

    /// Stored sessions of `kind` as "get" bodies' inner objects, in start order.
    pub fn sessions_as_json(&self, kind: SessionKind) -> Vec<Value> {
        let now = self.clock.now();
        let store = self.store();
        let mut sessions: Vec<_> = store.of_kind(kind).collect();
        sessions.sort_by_key(|session| (session.start, session.key));
        sessions
            .into_iter()
            .map(|session| render_session(&store, session, Shape::Get, now, true))
            .collect()
    }
}
