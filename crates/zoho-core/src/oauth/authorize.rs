//! The authorization request and the sign-in it leaves pending.

use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant, UNIX_EPOCH};

use tokio_util::sync::CancellationToken;
use url::Url;

use super::callback::{CallbackParams, parse_callback, redirect_error};
use super::loopback::LoopbackListener;
use super::pkce::{challenge_s256, new_state, new_verifier};
use crate::clock::{SharedClock, system_clock};
use crate::dc::{DataCenter, Endpoints, join};
use crate::error::{Error, Result};
use crate::secret::Secret;

/// The scopes zmeet asks for, comma-separated on the wire (API.md §2.2).
pub const SCOPES: &[&str] = &[
    "ZohoMeeting.manageOrg.READ",
    "ZohoMeeting.meeting.READ",
    "ZohoMeeting.meeting.CREATE",
    "ZohoMeeting.meeting.UPDATE",
    "ZohoMeeting.meeting.DELETE",
    "ZohoMeeting.webinar.READ",
    "ZohoMeeting.webinar.CREATE",
    "ZohoMeeting.webinar.UPDATE",
    "ZohoMeeting.webinar.DELETE",
];

/// The custom-scheme redirect URI the app registers.
pub const DEEP_LINK_REDIRECT_URI: &str = "dev.zmeet.desktop:/oauth/callback";

/// Where Zoho sends the browser back.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum RedirectKind {
    /// The custom-scheme deep link (default).
    #[default]
    DeepLink,
    /// `http://127.0.0.1:<port>/callback` served by this process (RFC 8252 §7.3).
    Loopback,
}

/// What the authorization URL carries besides the client id.
pub struct AuthorizationParams<'a> {
    pub client_id: &'a str,
    pub redirect_uri: &'a str,
    pub scopes: &'a [String],
    pub state: &'a Secret,
    pub code_challenge: &'a str,
    /// `prompt=consent`: only when no usable refresh token is stored (each consent spends
    /// one of Zoho's 20 refresh-token slots).
    pub prompt_consent: bool,
}

/// `GET {accounts}/oauth/v2/auth?…`.
pub fn authorization_url(accounts: &Url, params: &AuthorizationParams<'_>) -> Url {
    let mut url = join(accounts, "/oauth/v2/auth");
    {
        let mut query = url.query_pairs_mut();
        query
            .append_pair("response_type", "code")
            .append_pair("client_id", params.client_id)
            .append_pair("scope", &params.scopes.join(","))
            .append_pair("redirect_uri", params.redirect_uri)
            .append_pair("access_type", "offline")
            .append_pair("state", params.state.expose())
            .append_pair("code_challenge", params.code_challenge)
            .append_pair("code_challenge_method", "S256");
        if params.prompt_consent {
            query.append_pair("prompt", "consent");
        }
    }
    url
}

/// A callback that passed every check: the code and the allow-listed DC to redeem it at.
#[derive(Debug)]
pub struct AcceptedCallback {
    pub code: Secret,
    pub dc: DataCenter,
}

/// Where the callback of a pending sign-in goes.
#[derive(Debug)]
pub enum RedirectTarget {
    /// A registered URI (the deep link); the app delivers the callback itself.
    Uri(String),
    /// A listener this process serves.
    Loopback(LoopbackListener),
}

/// What [`PendingSignIn::to_saved`] keeps: secrets, so only ever in the keyring.
#[derive(serde::Serialize, serde::Deserialize)]
struct SavedSignIn {
    authorization_url: String,
    state: String,
    verifier: String,
    redirect_uri: String,
    start_dc: DataCenter,
    created_unix_ms: u64,
    lifetime_ms: u64,
    prompt_consent: bool,
}

/// A sign-in waiting for its one callback. Holds the `state`, the PKCE verifier and, for a
/// loopback redirect, the listener. Its `Debug` shows no secret.
pub struct PendingSignIn {
    authorization_url: Url,
    state: Secret,
    verifier: Secret,
    redirect_uri: String,
    start_dc: DataCenter,
    created: Instant,
    clock: SharedClock,
    lifetime: Duration,
    consumed: AtomicBool,
    prompt_consent: bool,
    loopback: Mutex<Option<LoopbackListener>>,
    /// Set when the user gives up: the loopback listener closes at once.
    cancelled: CancellationToken,
}

impl std::fmt::Debug for PendingSignIn {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // The authorization URL carries the state: leave it out.
        f.debug_struct("PendingSignIn")
            .field("redirect_uri", &self.redirect_uri)
            .field("start_dc", &self.start_dc)
            .field("remaining", &self.remaining())
            .field("consumed", &self.consumed.load(Ordering::SeqCst))
            .field("state", &self.state)
            .field("verifier", &self.verifier)
            .finish_non_exhaustive()
    }
}

impl PendingSignIn {
    /// Prepares a sign-in starting at `start_dc` of `endpoints`. A loopback `listener`
    /// decides the redirect URI; without one, `redirect_uri` is used.
    pub fn new(
        endpoints: &Endpoints,
        start_dc: DataCenter,
        client_id: &str,
        scopes: &[String],
        redirect: RedirectTarget,
        prompt_consent: bool,
        lifetime: Duration,
    ) -> Result<Self> {
        let hosts = endpoints
            .hosts(start_dc)
            .ok_or_else(|| Error::Config(format!("no hosts for {start_dc}")))?;
        let (redirect_uri, loopback) = match redirect {
            RedirectTarget::Loopback(listener) => (listener.redirect_uri(), Some(listener)),
            RedirectTarget::Uri(uri) => (uri, None),
        };
        let state = new_state();
        let verifier = new_verifier();
        // The system clock until `with_clock` says otherwise (it restarts the lifetime).
        let clock = system_clock();
        let url = authorization_url(
            &hosts.accounts,
            &AuthorizationParams {
                client_id,
                redirect_uri: &redirect_uri,
                scopes,
                state: &state,
                code_challenge: &challenge_s256(&verifier),
                prompt_consent,
            },
        );
        Ok(Self {
            authorization_url: url,
            state,
            verifier,
            redirect_uri,
            start_dc,
            created: clock.now(),
            clock,
            lifetime,
            consumed: AtomicBool::new(false),
            prompt_consent,
            loopback: Mutex::new(loopback),
            cancelled: CancellationToken::new(),
        })
    }

    /// Measures the sign-in's lifetime on `clock` (from now) instead of the system clock.
    pub fn with_clock(mut self, clock: SharedClock) -> Self {
        self.created = clock.now();
        self.clock = clock;
        self
    }

    fn elapsed(&self) -> Duration {
        self.clock.now().saturating_duration_since(self.created)
    }

    /// The sign-in as a secret to keep until its callback arrives, so a callback that starts
    /// the app cold (the user quit while the browser was open) can still complete it.
    /// `None` for a loopback sign-in: its listener dies with the process.
    pub fn to_saved(&self) -> Option<Secret> {
        if self.is_loopback() {
            return None;
        }
        let elapsed = self.elapsed();
        let created_unix_ms = self
            .clock
            .wall()
            .duration_since(UNIX_EPOCH)
            .ok()?
            .saturating_sub(elapsed)
            .as_millis() as u64;
        let saved = SavedSignIn {
            authorization_url: self.authorization_url.to_string(),
            state: self.state.expose().to_owned(),
            verifier: self.verifier.expose().to_owned(),
            redirect_uri: self.redirect_uri.clone(),
            start_dc: self.start_dc,
            created_unix_ms,
            lifetime_ms: self.lifetime.as_millis() as u64,
            prompt_consent: self.prompt_consent,
        };
        Some(Secret::new(
            serde_json::to_string(&saved).expect("serializes"),
        ))
    }

    /// A sign-in saved by [`PendingSignIn::to_saved`], with the lifetime it had left.
    pub fn from_saved(saved: &Secret) -> Result<Self> {
        Self::from_saved_with_clock(saved, system_clock())
    }

    /// [`PendingSignIn::from_saved`], measuring time on `clock`.
    pub fn from_saved_with_clock(saved: &Secret, clock: SharedClock) -> Result<Self> {
        let saved: SavedSignIn = serde_json::from_str(saved.expose())
            .map_err(|_| Error::InvalidCallback("the saved sign-in is unreadable".into()))?;
        let now_ms = clock
            .wall()
            .duration_since(UNIX_EPOCH)
            .map(|d| d.as_millis() as u64)
            .unwrap_or(0);
        let elapsed = Duration::from_millis(now_ms.saturating_sub(saved.created_unix_ms));
        let lifetime = Duration::from_millis(saved.lifetime_ms);
        if elapsed > lifetime {
            return Err(Error::SignInExpired);
        }
        Ok(Self {
            authorization_url: Url::parse(&saved.authorization_url)
                .map_err(|_| Error::InvalidCallback("the saved sign-in is unreadable".into()))?,
            state: Secret::new(saved.state),
            verifier: Secret::new(saved.verifier),
            redirect_uri: saved.redirect_uri,
            start_dc: saved.start_dc,
            created: clock.now().checked_sub(elapsed).unwrap_or(clock.now()),
            clock,
            lifetime,
            consumed: AtomicBool::new(false),
            prompt_consent: saved.prompt_consent,
            loopback: Mutex::new(None),
            cancelled: CancellationToken::new(),
        })
    }

    /// The URL to open in the browser. It carries `state` (not a secret once sent) and the
    /// PKCE challenge (public by design), never the verifier.
    pub fn authorization_url(&self) -> &Url {
        &self.authorization_url
    }

    pub fn redirect_uri(&self) -> &str {
        &self.redirect_uri
    }

    pub fn is_loopback(&self) -> bool {
        self.redirect_uri.starts_with("http://127.0.0.1:")
    }

    pub fn prompts_consent(&self) -> bool {
        self.prompt_consent
    }

    /// Time left before the sign-in expires.
    pub fn remaining(&self) -> Duration {
        self.lifetime.saturating_sub(self.elapsed())
    }

    pub(crate) fn verifier(&self) -> &Secret {
        &self.verifier
    }

    /// For a loopback sign-in: serves the listener until the browser delivers the callback
    /// (or the sign-in expires) and returns the callback URL for `complete_sign_in`.
    pub async fn wait_for_loopback_callback(&self) -> Result<String> {
        if self.cancelled.is_cancelled() {
            return Err(Error::SignInCancelled);
        }
        let listener = self
            .loopback
            .lock()
            .expect("loopback lock")
            .take()
            .ok_or_else(|| {
                Error::InvalidCallback("not a loopback sign-in, or already waited".into())
            })?;
        listener
            .wait_for_callback(&self.state, self.remaining(), self.cancelled.clone())
            .await
    }

    /// Gives the sign-in up: a loopback listener closes now (its wait ends with
    /// [`Error::SignInCancelled`]), and no callback is accepted any more.
    pub fn cancel(&self) {
        self.consumed.store(true, Ordering::SeqCst);
        self.cancelled.cancel();
        drop(self.loopback.lock().expect("loopback lock").take());
    }

    /// Checks that `callback` is addressed to this sign-in (redirect URI, no duplicated
    /// parameter) and carries its `state`, without using the sign-in up: a callback that
    /// fails here may be forged or mangled, and the real one may still come.
    pub fn check_callback(&self, callback: &str) -> Result<CallbackParams> {
        let params = parse_callback(callback, &self.redirect_uri)?;
        if !params.state.as_deref().is_some_and(|s| self.state.ct_eq(s)) {
            return Err(Error::StateMismatch);
        }
        Ok(params)
    }

    /// Checks a callback: addressed to our redirect URI, the right `state` (constant time),
    /// the first one, in time, not an error redirect, with a code and an allow-listed DC.
    /// A callback with a wrong `state` does not use the sign-in up (it may be forged).
    pub fn accept_callback(
        &self,
        callback: &str,
        endpoints: &Endpoints,
    ) -> Result<AcceptedCallback> {
        if self.consumed.load(Ordering::SeqCst) {
            return Err(Error::CallbackReplayed);
        }
        let params = self.check_callback(callback)?;
        if self.consumed.swap(true, Ordering::SeqCst) {
            return Err(Error::CallbackReplayed);
        }
        // The listener (if any) is no longer needed.
        drop(self.loopback.lock().expect("loopback lock").take());
        if self.elapsed() > self.lifetime {
            return Err(Error::SignInExpired);
        }
        if let Some(error) = params.error {
            return Err(redirect_error(&error, params.error_description));
        }
        let code = params
            .code
            .ok_or_else(|| Error::InvalidCallback("no code".into()))?;
        let dc = match params.location.as_deref() {
            Some(location) => {
                endpoints.resolve_redirect(location, params.accounts_server.as_deref())?
            }
            None => endpoints
                .resolve_redirect(self.start_dc.location(), params.accounts_server.as_deref())?,
        };
        Ok(AcceptedCallback { code, dc })
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_saved_deep_link_sign_in_restores_with_its_state_and_remaining_life() {
        use super::*;
        let endpoints = Endpoints::zoho();
        let pending = PendingSignIn::new(
            &endpoints,
            DataCenter::Us,
            "1000.CLIENT",
            &["ZohoMeeting.meeting.READ".to_owned()],
            RedirectTarget::Uri("dev.zmeet.desktop:/oauth/callback".into()),
            true,
            Duration::from_secs(300),
        )
        .unwrap();
        let saved = pending.to_saved().expect("deep-link sign-ins can be saved");
        assert!(
            !format!("{saved:?}").contains(pending.state.expose()),
            "Debug redacts"
        );
        let restored = PendingSignIn::from_saved(&saved).unwrap();
        assert_eq!(restored.authorization_url(), pending.authorization_url());
        assert!(restored.state.ct_eq(pending.state.expose()));
        assert_eq!(restored.verifier().expose(), pending.verifier().expose());
        assert!(restored.remaining() > Duration::from_secs(290));
        assert!(restored.prompts_consent());
        // A sign-in saved long ago has expired.
        let mut old: serde_json::Value = serde_json::from_str(saved.expose()).unwrap();
        old["created_unix_ms"] = serde_json::json!(1);
        let old = Secret::new(old.to_string());
        assert!(matches!(
            PendingSignIn::from_saved(&old),
            Err(Error::SignInExpired)
        ));
        assert!(matches!(
            PendingSignIn::from_saved(&Secret::new("{")),
            Err(Error::InvalidCallback(_))
        ));
    }

    use super::*;

    fn scopes() -> Vec<String> {
        SCOPES.iter().map(|s| s.to_string()).collect()
    }

    fn pending(lifetime: Duration, prompt: bool) -> PendingSignIn {
        PendingSignIn::new(
            &Endpoints::zoho(),
            DataCenter::Us,
            "1000.CLIENT",
            &scopes(),
            RedirectTarget::Uri(DEEP_LINK_REDIRECT_URI.into()),
            prompt,
            lifetime,
        )
        .unwrap()
    }

    fn query(url: &Url, name: &str) -> Option<String> {
        url.query_pairs()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.into_owned())
    }

    fn callback(p: &PendingSignIn, extra: &str) -> String {
        let state = query(p.authorization_url(), "state").unwrap();
        format!("{DEEP_LINK_REDIRECT_URI}?state={state}{extra}")
    }

    #[test]
    fn the_authorization_url_has_every_required_parameter() {
        let p = pending(Duration::from_secs(300), false);
        let url = p.authorization_url();
        assert_eq!(url.host_str(), Some("accounts.zoho.com"));
        assert_eq!(url.path(), "/oauth/v2/auth");
        assert_eq!(query(url, "response_type").as_deref(), Some("code"));
        assert_eq!(query(url, "client_id").as_deref(), Some("1000.CLIENT"));
        assert_eq!(query(url, "access_type").as_deref(), Some("offline"));
        assert_eq!(
            query(url, "redirect_uri").as_deref(),
            Some(DEEP_LINK_REDIRECT_URI)
        );
        assert_eq!(query(url, "code_challenge_method").as_deref(), Some("S256"));
        assert_eq!(
            query(url, "scope").unwrap().split(',').collect::<Vec<_>>(),
            SCOPES
        );
        assert_eq!(query(url, "prompt"), None);
        assert_eq!(
            query(url, "code_challenge").unwrap(),
            challenge_s256(p.verifier())
        );
        assert!(query(url, "state").unwrap().len() >= 22);
        assert!(!url.as_str().contains(p.verifier().expose()));
        let consent = pending(Duration::from_secs(300), true);
        assert_eq!(
            query(consent.authorization_url(), "prompt").as_deref(),
            Some("consent")
        );
        assert!(consent.prompts_consent());
        assert_ne!(
            query(consent.authorization_url(), "state"),
            query(url, "state")
        );
    }

    #[test]
    fn accepts_exactly_one_callback() {
        let p = pending(Duration::from_secs(300), false);
        let ok = callback(
            &p,
            "&code=1000.c&location=eu&accounts-server=https%3A%2F%2Faccounts.zoho.eu",
        );
        // A forged callback does not use the sign-in up.
        let forged = format!("{DEEP_LINK_REDIRECT_URI}?state=forged&code=x");
        assert_eq!(
            p.accept_callback(&forged, &Endpoints::zoho())
                .unwrap_err()
                .code(),
            "state_mismatch"
        );
        let no_state = format!("{DEEP_LINK_REDIRECT_URI}?code=x");
        assert_eq!(
            p.accept_callback(&no_state, &Endpoints::zoho())
                .unwrap_err()
                .code(),
            "state_mismatch"
        );
        let accepted = p.accept_callback(&ok, &Endpoints::zoho()).unwrap();
        assert_eq!(accepted.dc, DataCenter::Eu);
        assert_eq!(accepted.code.expose(), "1000.c");
        assert_eq!(
            p.accept_callback(&ok, &Endpoints::zoho())
                .unwrap_err()
                .code(),
            "callback_replayed"
        );
    }

    #[test]
    fn typed_failures() {
        let endpoints = Endpoints::zoho();
        let cases = [
            ("&error=access_denied", "access_denied"),
            (
                "&error=server_error&error_description=oops",
                "authorization_failed",
            ),
            ("", "invalid_callback"),
            ("&code=c&location=xx", "unknown_data_center"),
            (
                "&code=c&location=in&accounts-server=https%3A%2F%2Fevil.example",
                "untrusted_accounts_server",
            ),
        ];
        for (extra, expected) in cases {
            let p = pending(Duration::from_secs(300), false);
            assert_eq!(
                p.accept_callback(&callback(&p, extra), &endpoints)
                    .unwrap_err()
                    .code(),
                expected
            );
        }
        // Without location the DC where the sign-in started is assumed.
        let p = pending(Duration::from_secs(300), false);
        assert_eq!(
            p.accept_callback(&callback(&p, "&code=c"), &endpoints)
                .unwrap()
                .dc,
            DataCenter::Us
        );
    }

    #[test]
    fn refuses_an_expired_sign_in() {
        let clock = crate::clock::ManualClock::shared();
        let p = pending(Duration::from_millis(1), false).with_clock(clock.clone());
        assert_eq!(p.remaining(), Duration::from_millis(1));
        clock.advance(Duration::from_millis(2));
        assert_eq!(p.remaining(), Duration::ZERO);
        let err = p
            .accept_callback(&callback(&p, "&code=c"), &Endpoints::zoho())
            .unwrap_err();
        assert_eq!(err.code(), "sign_in_expired");
    }

    #[test]
    fn a_saved_sign_in_expires_on_the_clock_it_is_restored_with() {
        let clock = crate::clock::ManualClock::shared();
        let saved = pending(Duration::from_secs(300), false)
            .with_clock(clock.clone())
            .to_saved()
            .unwrap();
        clock.advance(Duration::from_secs(200));
        let restored = PendingSignIn::from_saved_with_clock(&saved, clock.clone()).unwrap();
        assert_eq!(restored.remaining(), Duration::from_secs(100));
        clock.advance(Duration::from_secs(101));
        assert_eq!(restored.remaining(), Duration::ZERO);
        assert!(matches!(
            PendingSignIn::from_saved_with_clock(&saved, clock),
            Err(Error::SignInExpired)
        ));
    }

    #[test]
    fn debug_shows_no_secret() {
        let p = pending(Duration::from_secs(300), false);
        let shown = format!("{p:?}");
        assert!(!shown.contains(p.verifier().expose()));
        assert!(!shown.contains(p.state.expose()));
    }
}
