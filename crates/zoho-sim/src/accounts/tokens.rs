//! Grants Zoho Accounts keeps: pending consents, authorization codes, refresh tokens and
//! access tokens, with the limits of API.md §1.7 (code life, 20 refresh tokens per user and
//! client, N mints per window per refresh token, M live access tokens per refresh token).

use std::collections::{HashMap, HashSet, VecDeque};

use chrono::{DateTime, Utc};
use rand::Rng;

use crate::clock::to_chrono;
use crate::config::SimConfig;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PkceMethod {
    S256,
    Plain,
}

#[derive(Clone, Debug)]
pub struct Challenge {
    pub method: PkceMethod,
    pub value: String,
}

/// An authorization request waiting for the person to click Accept or Deny.
#[derive(Clone, Debug)]
pub struct PendingConsent {
    pub client_id: String,
    pub redirect_uri: String,
    pub scopes: Vec<String>,
    pub state: Option<String>,
    pub challenge: Option<Challenge>,
    pub offline: bool,
    pub prompt_consent: bool,
}

#[derive(Clone, Debug)]
pub struct CodeGrant {
    pub client_id: String,
    pub redirect_uri: String,
    pub scopes: Vec<String>,
    pub dc: String,
    pub expires_at: DateTime<Utc>,
    pub challenge: Option<Challenge>,
    pub issue_refresh_token: bool,
}

#[derive(Clone, Debug)]
pub struct RefreshGrant {
    pub client_id: String,
    pub dc: String,
    pub scopes: Vec<String>,
    window_start: Option<DateTime<Utc>>,
    window_mints: usize,
    /// Live access tokens minted from this refresh token, oldest first.
    access_tokens: VecDeque<String>,
}

#[derive(Clone, Debug)]
pub struct AccessGrant {
    pub dc: String,
    pub scopes: Vec<String>,
    pub expires_at: DateTime<Utc>,
    pub refresh_token: Option<String>,
}

/// Why a refresh-token mint was refused.
#[derive(Debug, PartialEq, Eq)]
pub enum RefreshRefusal {
    /// Unknown, revoked, another client's or another DC's token.
    Invalid,
    /// Too many access tokens from this refresh token in the current window.
    Throttled,
}

#[derive(Debug, Default)]
pub struct TokenStore {
    consents: HashMap<String, PendingConsent>,
    codes: HashMap<String, CodeGrant>,
    refresh: HashMap<String, RefreshGrant>,
    /// Per client id (the simulator has one user), refresh tokens oldest first.
    refresh_order: HashMap<String, VecDeque<String>>,
    access: HashMap<String, AccessGrant>,
    /// Clients the user has already granted offline access to.
    offline_consented: HashSet<String>,
    /// Device-flow sign-ins (API.md §1.10).
    pub devices: super::device_grants::DeviceGrants,
    /// Every code, token and device code handed out, newest last (at most
    /// [`MAX_ISSUED_KEPT`]): for tests that check no secret leaked (never in the request log).
    issued: VecDeque<String>,
}

/// How many issued secrets [`TokenStore::issued`] remembers (a demo runs for days).
pub const MAX_ISSUED_KEPT: usize = 10_000;

/// A token in Zoho's shape: `1000.<32 hex>.<32 hex>`.
pub fn new_token() -> String {
    let mut rng = rand::rng();
    format!(
        "1000.{:032x}.{:032x}",
        rng.random::<u128>(),
        rng.random::<u128>()
    )
}

impl TokenStore {
    /// Remembers a secret handed out, for [`TokenStore::issued`].
    pub fn record_issued(&mut self, secret: &str) {
        if self.issued.len() == MAX_ISSUED_KEPT {
            self.issued.pop_front();
        }
        self.issued.push_back(secret.to_owned());
    }

    /// The secrets handed out so far (codes, refresh and access tokens, device codes),
    /// oldest first, whether still valid or not.
    pub fn issued(&self) -> Vec<String> {
        self.issued.iter().cloned().collect()
    }

    pub fn add_consent(&mut self, consent: PendingConsent) -> String {
        let id = format!("{:032x}", rand::rng().random::<u128>());
        self.consents.insert(id.clone(), consent);
        id
    }

    pub fn take_consent(&mut self, id: &str) -> Option<PendingConsent> {
        self.consents.remove(id)
    }

    /// Issues a code after Accept. Zoho returns a refresh token only on a client's first
    /// offline consent, or with `prompt=consent` (switchable).
    pub fn issue_code(
        &mut self,
        consent: PendingConsent,
        dc: &str,
        now: DateTime<Utc>,
        config: &SimConfig,
    ) -> String {
        let issue_refresh_token = self.record_consent(
            &consent.client_id,
            consent.offline,
            consent.prompt_consent,
            config,
        );
        let code = new_token();
        self.record_issued(&code);
        self.codes.insert(
            code.clone(),
            CodeGrant {
                client_id: consent.client_id,
                redirect_uri: consent.redirect_uri,
                scopes: consent.scopes,
                dc: dc.to_string(),
                expires_at: now + to_chrono(config.code_lifetime),
                challenge: consent.challenge,
                issue_refresh_token,
            },
        );
        code
    }

    /// Records a consent (browser or device flow) and says whether it earns a refresh
    /// token: only a client's first `offline` consent, or one with `prompt=consent`.
    pub fn record_consent(
        &mut self,
        client_id: &str,
        offline: bool,
        prompt_consent: bool,
        config: &SimConfig,
    ) -> bool {
        let first_offline = !self.offline_consented.contains(client_id);
        if offline {
            self.offline_consented.insert(client_id.to_string());
        }
        offline && (first_offline || prompt_consent || !config.refresh_token_only_on_first_consent)
    }

    /// Takes a code out for exchange: single use, so it is gone whether or not the exchange
    /// then succeeds. `None` when unknown, used, expired or presented at another DC (which
    /// does not know it, so it stays usable at its own DC).
    pub fn take_code(&mut self, code: &str, dc: &str, now: DateTime<Utc>) -> Option<CodeGrant> {
        if self.codes.get(code)?.dc != dc {
            return None;
        }
        let grant = self.codes.remove(code)?;
        (now < grant.expires_at).then_some(grant)
    }

    pub fn create_refresh_token(
        &mut self,
        client_id: &str,
        dc: &str,
        scopes: &[String],
        max_per_client: usize,
    ) -> String {
        let token = new_token();
        self.record_issued(&token);
        let order = self.refresh_order.entry(client_id.to_string()).or_default();
        order.push_back(token.clone());
        let mut evicted = Vec::new();
        while order.len() > max_per_client.max(1) {
            evicted.extend(order.pop_front());
        }
        for old in evicted {
            self.revoke(&old);
        }
        self.refresh.insert(
            token.clone(),
            RefreshGrant {
                client_id: client_id.to_string(),
                dc: dc.to_string(),
                scopes: scopes.to_vec(),
                window_start: None,
                window_mints: 0,
                access_tokens: VecDeque::new(),
            },
        );
        token
    }

    /// Mints an access token, tied to `refresh_token` when there is one (so revoking or
    /// evicting the refresh token kills it, and the live-token limit applies).
    pub fn mint_access_token(
        &mut self,
        dc: &str,
        scopes: &[String],
        refresh_token: Option<&str>,
        now: DateTime<Utc>,
        config: &SimConfig,
    ) -> String {
        let token = new_token();
        self.record_issued(&token);
        self.access.insert(
            token.clone(),
            AccessGrant {
                dc: dc.to_string(),
                scopes: scopes.to_vec(),
                expires_at: now + to_chrono(config.access_token_lifetime),
                refresh_token: refresh_token.map(str::to_string),
            },
        );
        if let Some(grant) = refresh_token.and_then(|rt| self.refresh.get_mut(rt)) {
            grant.access_tokens.push_back(token.clone());
            let mut evicted = Vec::new();
            while grant.access_tokens.len() > config.max_access_tokens_per_refresh_token.max(1) {
                evicted.extend(grant.access_tokens.pop_front());
            }
            for old in evicted {
                self.access.remove(&old);
            }
        }
        token
    }

    /// Checks a refresh grant and counts the mint against its window.
    pub fn refresh_grant(
        &mut self,
        refresh_token: &str,
        client_id: &str,
        dc: &str,
        now: DateTime<Utc>,
        config: &SimConfig,
    ) -> Result<Vec<String>, RefreshRefusal> {
        let grant = self
            .refresh
            .get_mut(refresh_token)
            .ok_or(RefreshRefusal::Invalid)?;
        if grant.client_id != client_id || grant.dc != dc {
            return Err(RefreshRefusal::Invalid);
        }
        // A fixed window from the first mint: once full, blocked for the rest of it.
        let window = to_chrono(config.mint_window);
        match grant.window_start {
            Some(start) if now < start + window => {}
            _ => {
                grant.window_start = Some(now);
                grant.window_mints = 0;
            }
        }
        if grant.window_mints >= config.mints_per_window {
            return Err(RefreshRefusal::Throttled);
        }
        grant.window_mints += 1;
        Ok(grant.scopes.clone())
    }

    pub fn refresh_token_exists(&self, token: &str) -> bool {
        self.refresh.contains_key(token)
    }

    pub fn access_token_exists(&self, token: &str) -> bool {
        self.access.contains_key(token)
    }

    /// A live access token, or `None` when unknown, revoked or expired.
    pub fn live_access(&self, token: &str, now: DateTime<Utc>) -> Option<&AccessGrant> {
        self.access
            .get(token)
            .filter(|grant| now < grant.expires_at)
    }

    /// Revokes a refresh token (and every access token minted from it) or one access token.
    pub fn revoke(&mut self, token: &str) -> bool {
        if let Some(grant) = self.refresh.remove(token) {
            for access in grant.access_tokens {
                self.access.remove(&access);
            }
            self.access
                .retain(|_, access| access.refresh_token.as_deref() != Some(token));
            if let Some(order) = self.refresh_order.get_mut(&grant.client_id) {
                order.retain(|existing| existing != token);
            }
            return true;
        }
        self.access.remove(token).is_some()
    }

    /// Makes every access token expired as of `now`; returns how many were live.
    pub fn expire_all_access_tokens(&mut self, now: DateTime<Utc>) -> usize {
        let mut expired = 0;
        for grant in self.access.values_mut() {
            if now < grant.expires_at {
                expired += 1;
            }
            grant.expires_at = grant.expires_at.min(now);
        }
        expired
    }

    pub fn refresh_token_count(&self) -> usize {
        self.refresh.len()
    }

    pub fn has_refresh_token(&self, token: &str) -> bool {
        self.refresh.contains_key(token)
    }
}
