//! The in-memory access token and the single-flight refresh.
//!
//! One `tokio::sync::Mutex` guards the cached token. A caller that finds it stale refreshes
//! while holding the lock; everyone who queued behind it then finds the fresh token, so N
//! concurrent callers cause one token request. Each refresh bumps a generation number: a
//! caller whose token was rejected (Meeting error 2000) asks for "newer than generation g",
//! which refreshes only if nobody has done so since.

use std::time::{Duration, Instant};

use tokio::sync::Mutex;
use url::Url;

use super::account_store::AccountStore;
use crate::clock::{SharedClock, system_clock};
use crate::error::{Error, Result};
use crate::oauth::{TokenEndpoint, TokenGrant};
use crate::secret::Secret;

/// An access token and when to stop using it.
#[derive(Clone, Debug)]
pub struct CachedToken {
    pub value: Secret,
    /// Refresh from this moment on (expiry minus a margin).
    pub refresh_at: Instant,
    pub generation: u64,
}

#[derive(Debug, Default)]
struct State {
    cached: Option<CachedToken>,
    generation: u64,
    throttled_until: Option<Instant>,
    signed_out: bool,
}

/// When to refresh and how long to back off.
#[derive(Clone, Copy, Debug)]
pub struct RefreshPolicy {
    /// Refresh this long before expiry (capped at a quarter of the token's lifetime).
    pub margin: Duration,
    /// After the throttle answer, no token request for this long.
    pub throttle_backoff: Duration,
}

impl Default for RefreshPolicy {
    fn default() -> Self {
        Self {
            margin: Duration::from_secs(300),
            throttle_backoff: Duration::from_secs(15 * 60),
        }
    }
}

/// The access-token source of one session.
pub struct TokenSource {
    endpoint: TokenEndpoint,
    accounts: Url,
    refresh_token: Secret,
    store: AccountStore,
    policy: RefreshPolicy,
    state: Mutex<State>,
    clock: SharedClock,
}

impl TokenSource {
    pub fn new(
        endpoint: TokenEndpoint,
        accounts: Url,
        refresh_token: Secret,
        store: AccountStore,
        policy: RefreshPolicy,
    ) -> Self {
        Self {
            endpoint,
            accounts,
            refresh_token,
            store,
            policy,
            state: Mutex::new(State::default()),
            clock: system_clock(),
        }
    }

    /// Reads expiry and back-off times from `clock` instead of the system clock.
    pub fn with_clock(mut self, clock: SharedClock) -> Self {
        self.clock = clock;
        self
    }

    pub(crate) fn refresh_token(&self) -> &Secret {
        &self.refresh_token
    }

    pub(crate) fn endpoint(&self) -> &TokenEndpoint {
        &self.endpoint
    }

    pub(crate) fn store(&self) -> &AccountStore {
        &self.store
    }

    pub(crate) fn accounts(&self) -> &Url {
        &self.accounts
    }

    fn cache(&self, state: &mut State, grant: &TokenGrant) -> CachedToken {
        let margin = self.policy.margin.min(grant.expires_in / 4);
        state.generation += 1;
        let token = CachedToken {
            value: grant.access_token.clone(),
            refresh_at: self.clock.now() + grant.expires_in.saturating_sub(margin),
            generation: state.generation,
        };
        state.cached = Some(token.clone());
        state.throttled_until = None;
        token
    }

    /// Seeds the cache with the token a code exchange returned.
    pub async fn seed(&self, grant: &TokenGrant) {
        let mut state = self.state.lock().await;
        self.cache(&mut state, grant);
    }

    /// A usable access token. With `rejected = Some(g)`, the token of generation `g` was
    /// refused by the API: a newer one is returned, refreshing if nobody has yet.
    pub async fn access_token(&self, rejected: Option<u64>) -> Result<CachedToken> {
        let mut state = self.state.lock().await;
        if state.signed_out {
            return Err(Error::SignedOut);
        }
        if let Some(token) = &state.cached {
            let superseded = rejected.is_some_and(|g| token.generation > g);
            let fresh = self.clock.now() < token.refresh_at && rejected.is_none();
            if superseded || fresh {
                return Ok(token.clone());
            }
        }
        if let Some(until) = state.throttled_until {
            let now = self.clock.now();
            if now < until {
                return Err(Error::Throttled {
                    retry_after: until - now,
                });
            }
        }
        match self
            .endpoint
            .refresh(&self.accounts, &self.refresh_token)
            .await
        {
            Ok(grant) => Ok(self.cache(&mut state, &grant)),
            Err(Error::Throttled { retry_after }) => {
                state.throttled_until = Some(self.clock.now() + retry_after);
                Err(Error::Throttled { retry_after })
            }
            Err(Error::SignedOut) => {
                state.signed_out = true;
                state.cached = None;
                // Clearing the store is best effort: the typed error is what matters.
                if let Err(error) = self.store.clear().await {
                    tracing::warn!("signed out by Zoho, but the keyring was not cleared: {error}");
                }
                Err(Error::SignedOut)
            }
            Err(other) => Err(other),
        }
    }

    /// Marks the session signed out (after sign-out) and drops the cached token.
    pub async fn invalidate(&self) {
        let mut state = self.state.lock().await;
        state.signed_out = true;
        state.cached = None;
    }
}
