//! [`ZohoClient`]: what the app holds. Sign-in (deep link, loopback or device code),
//! restore, sign-out,
//! and the [`Session`] that calls the Meeting API.

use std::sync::Arc;
use std::time::Duration;

use crate::api::ListPaging;
use crate::api::user::{USER_PATH, parse_user};
use crate::clock::{SharedClock, system_clock};
use crate::dc::{DataCenter, Endpoints};
use crate::error::{Error, Result};
use crate::http::{HttpConfig, build_client};
use crate::model::CurrentUser;
use crate::oauth::{
    DEEP_LINK_REDIRECT_URI, DevicePolicy, LoopbackListener, PendingDeviceSignIn, PendingSignIn,
    RedirectKind, RedirectTarget, SCOPES, TokenEndpoint, TokenGrant,
};
use crate::secret::Secret;
use crate::session::{AccountInfo, AccountStore, RefreshPolicy, Session, TokenSource};
use crate::store::TokenStore;

/// Everything a [`ZohoClient`] is told at start.
#[derive(Clone, Debug)]
pub struct ZohoConfig {
    pub client_id: String,
    /// `None`: read it from the store (key `client-secret`).
    pub client_secret: Option<Secret>,
    /// The allow-listed DCs and their hosts (override for the simulator).
    pub endpoints: Endpoints,
    /// The user's expected DC: authorization starts at `.com`, except for China.
    pub home_dc: DataCenter,
    pub deep_link_redirect_uri: String,
    pub scopes: Vec<String>,
    /// How long a pending sign-in waits for its callback.
    pub sign_in_lifetime: Duration,
    pub http: HttpConfig,
    pub refresh: RefreshPolicy,
    pub paging: ListPaging,
    /// Polling of the device flow (the minimum interval between polls).
    pub device: DevicePolicy,
    /// Where token expiry, back-offs and sign-in lifetimes read the time.
    pub clock: SharedClock,
}

impl ZohoConfig {
    /// Real Zoho hosts and the defaults documented in the README.
    pub fn new(client_id: impl Into<String>, client_secret: Option<Secret>) -> Self {
        Self {
            client_id: client_id.into(),
            client_secret,
            endpoints: Endpoints::zoho(),
            home_dc: DataCenter::Us,
            deep_link_redirect_uri: DEEP_LINK_REDIRECT_URI.to_owned(),
            scopes: SCOPES.iter().map(|s| (*s).to_owned()).collect(),
            sign_in_lifetime: Duration::from_secs(5 * 60),
            http: HttpConfig::default(),
            refresh: RefreshPolicy::default(),
            paging: ListPaging::default(),
            device: DevicePolicy::default(),
            clock: system_clock(),
        }
    }
}

/// A completed sign-in.
#[derive(Debug)]
pub struct SignedIn {
    pub session: Session,
    pub user: CurrentUser,
}

/// What sign-out managed to do. The local account is always forgotten.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SignOutReport {
    /// Zoho confirmed the refresh token is revoked (or did not know it).
    pub revoked: bool,
}

/// The entry point: one per app.
pub struct ZohoClient {
    config: ZohoConfig,
    http: reqwest::Client,
    store: AccountStore,
}

impl std::fmt::Debug for ZohoClient {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ZohoClient")
            .field("config", &self.config)
            .finish_non_exhaustive()
    }
}

impl ZohoClient {
    pub fn new(config: ZohoConfig, store: Arc<dyn TokenStore>) -> Result<Self> {
        if config.client_id.trim().is_empty() {
            return Err(Error::Config("client_id is empty".into()));
        }
        let http = build_client(&config.http)?;
        // Secrets are bound to the endpoints that issued them: this client sees only the
        // keyring entries of its own endpoint set.
        let store = AccountStore::new(store, config.endpoints.namespace());
        Ok(Self {
            config,
            http,
            store,
        })
    }

    pub fn config(&self) -> &ZohoConfig {
        &self.config
    }

    pub fn account_store(&self) -> &AccountStore {
        &self.store
    }

    async fn client_secret(&self) -> Result<Secret> {
        if let Some(secret) = &self.config.client_secret {
            return Ok(secret.clone());
        }
        self.store
            .client_secret()
            .await?
            .ok_or_else(|| Error::Config("no client secret".into()))
    }

    async fn token_endpoint(&self) -> Result<TokenEndpoint> {
        Ok(TokenEndpoint::new(
            self.http.clone(),
            self.config.http.clone(),
            self.config.client_id.clone(),
            self.client_secret().await?,
            self.config.refresh.throttle_backoff,
        ))
    }

    /// Starts a sign-in: returns the pending sign-in whose `authorization_url()` the app
    /// opens in the browser. `prompt=consent` is added only when no refresh token is stored.
    /// A loopback sign-in opens its listener now; call
    /// [`PendingSignIn::wait_for_loopback_callback`] next.
    pub async fn begin_sign_in(&self, redirect: RedirectKind) -> Result<PendingSignIn> {
        let prompt_consent = self.store.refresh_token().await?.is_none();
        let target = match redirect {
            RedirectKind::DeepLink => {
                RedirectTarget::Uri(self.config.deep_link_redirect_uri.clone())
            }
            RedirectKind::Loopback => RedirectTarget::Loopback(LoopbackListener::bind().await?),
        };
        let start = self
            .config
            .endpoints
            .authorization_dc(self.config.home_dc)?;
        PendingSignIn::new(
            &self.config.endpoints,
            start,
            &self.config.client_id,
            &self.config.scopes,
            target,
            prompt_consent,
            self.config.sign_in_lifetime,
        )
        .map(|pending| pending.with_clock(self.config.clock.clone()))
    }

    /// Completes a sign-in with the callback URL (deep link or loopback): checks it,
    /// exchanges the code at the allow-listed accounts server, reads the user and stores
    /// the account.
    pub async fn complete_sign_in(
        &self,
        pending: &PendingSignIn,
        callback: &str,
    ) -> Result<SignedIn> {
        let accepted = pending.accept_callback(callback, &self.config.endpoints)?;
        let hosts = self
            .config
            .endpoints
            .hosts(accepted.dc)
            .expect("resolved DCs are configured");
        let endpoint = self.token_endpoint().await?;
        let grant = endpoint
            .exchange_code(
                &hosts.accounts,
                &accepted.code,
                pending.redirect_uri(),
                pending.verifier(),
            )
            .await?;
        self.finish_sign_in(endpoint, accepted.dc, grant).await
    }

    /// Starts a sign-in with Zoho's device flow (API.md §1.10): asks the accounts server
    /// where authorization starts for a user code. Show [`PendingDeviceSignIn::code`] to
    /// the person, then call [`ZohoClient::complete_device_sign_in`].
    pub async fn begin_device_sign_in(&self) -> Result<PendingDeviceSignIn> {
        let prompt_consent = self.store.refresh_token().await?.is_none();
        let start = self
            .config
            .endpoints
            .authorization_dc(self.config.home_dc)?;
        let accounts = &self
            .config
            .endpoints
            .hosts(start)
            .ok_or_else(|| Error::Config(format!("no hosts for {start}")))?
            .accounts;
        let endpoint = self.token_endpoint().await?;
        let (code, device_code) = endpoint
            .request_device_code(accounts, &self.config.scopes, prompt_consent)
            .await?;
        Ok(PendingDeviceSignIn::new(
            code,
            device_code,
            start,
            prompt_consent,
            self.config.clock.clone(),
        ))
    }

    /// Polls until the person approves the device sign-in (following `other_dc` to their
    /// data centre), then reads the user and stores the account like the other methods.
    /// Ends with `access_denied`, `sign_in_expired`, `sign_in_cancelled` (after
    /// [`PendingDeviceSignIn::cancel`]) or the error Zoho named. Dropping the future stops
    /// the polling too.
    pub async fn complete_device_sign_in(&self, pending: &PendingDeviceSignIn) -> Result<SignedIn> {
        let endpoint = self.token_endpoint().await?;
        let (dc, grant) = pending
            .wait_for_grant(&endpoint, &self.config.endpoints, self.config.device)
            .await?;
        self.finish_sign_in(endpoint, dc, grant).await
    }

    /// The common end of every sign-in method: keep (or find) the refresh token, read the
    /// user, store the account, and seed the session with the fresh access token.
    async fn finish_sign_in(
        &self,
        endpoint: TokenEndpoint,
        dc: DataCenter,
        grant: TokenGrant,
    ) -> Result<SignedIn> {
        let hosts = self
            .config
            .endpoints
            .hosts(dc)
            .expect("resolved DCs are configured");
        let (refresh_token, issued) = match &grant.refresh_token {
            Some(token) => (token.clone(), true),
            None => match self.store.load().await? {
                Some((stored, token)) if stored.dc == dc => (token, false),
                _ => {
                    self.store.clear().await?;
                    return Err(Error::ConsentRequired);
                }
            },
        };
        let mut account = AccountInfo {
            dc,
            accounts_server: hosts.accounts.to_string(),
            meeting_server: hosts.meeting.to_string(),
            zsoid: String::new(),
            zuid: String::new(),
            email: None,
            display_name: None,
            scopes: grant.scope.clone(),
            client_id: self.config.client_id.clone(),
        };
        let user = match self
            .read_user(&endpoint, &account, &refresh_token, &grant)
            .await
        {
            Ok(user) => user,
            Err(error) => {
                if issued {
                    // Do not leave an unused refresh token behind in one of the 20 slots.
                    if let Err(revoke) = endpoint.revoke(&hosts.accounts, &refresh_token).await {
                        tracing::warn!("an unused refresh token was not revoked: {revoke}");
                    }
                }
                return Err(error);
            }
        };
        if !issued {
            let stored = self.store.account().await?;
            if stored.is_none_or(|s| s.zuid != user.zuid) {
                // The stored refresh token belongs to someone else: consent is needed.
                self.store.clear().await?;
                return Err(Error::ConsentRequired);
            }
        }
        account.zsoid = user.zsoid.clone();
        account.zuid = user.zuid.clone();
        account.email = user.email.clone();
        account.display_name = user.display_name.clone();
        if let Err(error) = self.store.save(&account, &refresh_token).await {
            if issued {
                // A refresh token nobody can find again must not stay valid at Zoho.
                if let Err(revoke) = endpoint.revoke(&hosts.accounts, &refresh_token).await {
                    tracing::warn!("an unsaved refresh token was not revoked: {revoke}");
                }
            }
            return Err(error);
        }
        if let Some(secret) = &self.config.client_secret {
            self.store.save_client_secret(secret).await?;
        }
        let session = self.session(endpoint, account, refresh_token);
        session.tokens().seed(&grant).await;
        Ok(SignedIn { session, user })
    }

    async fn read_user(
        &self,
        endpoint: &TokenEndpoint,
        account: &AccountInfo,
        refresh_token: &Secret,
        grant: &TokenGrant,
    ) -> Result<CurrentUser> {
        let probe = self.session(endpoint.clone(), account.clone(), refresh_token.clone());
        probe.tokens().seed(grant).await;
        let reply = probe
            .call(reqwest::Method::GET, USER_PATH, &[], None)
            .await?;
        parse_user(reply.status.as_u16(), reply.body)
    }

    fn session(
        &self,
        endpoint: TokenEndpoint,
        account: AccountInfo,
        refresh_token: Secret,
    ) -> Session {
        let hosts = self
            .config
            .endpoints
            .hosts(account.dc)
            .expect("configured DC");
        let tokens = TokenSource::new(
            endpoint,
            hosts.accounts.clone(),
            refresh_token,
            self.store.clone(),
            self.config.refresh,
        )
        .with_clock(self.config.clock.clone());
        Session::new(
            self.http.clone(),
            self.config.http.clone(),
            tokens,
            account,
            hosts.meeting.clone(),
            self.config.paging,
        )
    }

    /// The stored account as a session, without any request (the first call refreshes the
    /// access token). `None` when nothing usable is stored, its DC is not allowed, or it
    /// was issued by another accounts server than the one configured for its DC.
    pub async fn restore(&self) -> Result<Option<Session>> {
        let Some((account, refresh_token)) = self.store.load().await? else {
            return Ok(None);
        };
        let Some(hosts) = self.config.endpoints.hosts(account.dc) else {
            return Ok(None);
        };
        if account.accounts_server != hosts.accounts.as_str() || account.zsoid.is_empty() {
            return Ok(None);
        }
        let endpoint = self.token_endpoint().await?;
        Ok(Some(self.session(endpoint, account, refresh_token)))
    }

    /// Revokes the refresh token (of `session`, else the stored one) and forgets the
    /// account. The local state is cleared even when Zoho cannot be reached.
    pub async fn sign_out(&self, session: Option<&Session>) -> Result<SignOutReport> {
        let revoked = match session {
            Some(session) => {
                let tokens = session.tokens();
                tokens.invalidate().await;
                tokens
                    .endpoint()
                    .revoke(tokens.accounts(), tokens.refresh_token())
                    .await
                    .is_ok()
            }
            None => match self.store.load().await? {
                Some((account, token)) => match self.config.endpoints.hosts(account.dc) {
                    // The token goes back only to the server that issued it.
                    Some(hosts) if account.accounts_server == hosts.accounts.as_str() => {
                        let endpoint = self.token_endpoint().await?;
                        endpoint.revoke(&hosts.accounts, &token).await.is_ok()
                    }
                    _ => false,
                },
                None => true,
            },
        };
        self.store.clear().await?;
        Ok(SignOutReport { revoked })
    }
}
