//! [`Account`]: one connection to Zoho (or the demo simulator) and its signed-in session.

use std::sync::Arc;
use zmeet_core::logging::WarnOnErr;

use tokio::sync::{Mutex, RwLock};
use zoho_core::store::KeyringStore;
use zoho_core::{PendingSignIn, RedirectKind, Session, ZohoClient, ZohoConfig};

use super::connection::{Mode, Plan};
use super::demo;
use super::device::{DeviceSignIn, policy_from_env};
use super::status::{SessionStatus, SignInState, UserSummary};
use crate::error::{AppError, ErrorCode};
use crate::settings::RedirectMode;

pub struct Account {
    mode: Mode,
    client: ZohoClient,
    method: RedirectMode,
    session: RwLock<Option<Session>>,
    /// The sign-in waiting for its callback; taken by the first callback that arrives.
    pending: Mutex<Option<Arc<PendingSignIn>>>,
    /// The device sign-in whose code is shown, while the person approves it.
    device: Mutex<Option<Arc<DeviceSignIn>>>,
    /// Why the stored session could not be restored, shown until the next sign-in.
    problem: std::sync::Mutex<Option<AppError>>,
    /// Keeps the demo simulator running as long as the account lives.
    _simulator: Option<zoho_sim::Simulator>,
}

impl Account {
    /// Connects as planned: starts the demo, or restores a stored session from the keyring.
    pub async fn connect(
        plan: Plan,
        method: RedirectMode,
        keyring_service: &str,
    ) -> Result<Self, AppError> {
        match plan {
            Plan::Demo => {
                let demo = demo::start().await?;
                Ok(Self::new(
                    Mode::Demo,
                    demo.client,
                    method,
                    Some(demo.session),
                    None,
                    Some(demo.simulator),
                ))
            }
            Plan::Remote {
                mode,
                endpoints,
                client_id,
                client_secret,
                home_dc,
            } => {
                let mut config = ZohoConfig::new(client_id, client_secret);
                config.endpoints = endpoints;
                config.home_dc = home_dc;
                config.device = policy_from_env();
                let client = ZohoClient::new(config, Arc::new(KeyringStore::new(keyring_service)))?;
                // A keyring problem leaves the app usable (signed out) with the reason shown.
                let (session, problem) = match client.restore().await {
                    Ok(session) => (session, None),
                    Err(error) => (None, Some(AppError::from(error))),
                };
                Ok(Self::new(mode, client, method, session, problem, None))
            }
        }
    }

    fn new(
        mode: Mode,
        client: ZohoClient,
        method: RedirectMode,
        session: Option<Session>,
        problem: Option<AppError>,
        simulator: Option<zoho_sim::Simulator>,
    ) -> Self {
        Self {
            mode,
            client,
            method,
            session: RwLock::new(session),
            pending: Mutex::new(None),
            device: Mutex::new(None),
            problem: std::sync::Mutex::new(problem),
            _simulator: simulator,
        }
    }

    /// The allow-listed hosts this account talks to.
    pub fn endpoints(&self) -> &zoho_core::Endpoints {
        &self.client.config().endpoints
    }

    /// The keyring namespace of this account's endpoints; `None` in demo mode, which keeps
    /// nothing in the keyring.
    pub fn namespace(&self) -> Option<&str> {
        (self.mode != Mode::Demo).then(|| self.client.account_store().namespace())
    }

    pub async fn is_signed_in(&self) -> bool {
        self.session.read().await.is_some()
    }

    pub async fn status(&self) -> SessionStatus {
        let session = self.session.read().await;
        let device = self
            .device
            .lock()
            .await
            .as_ref()
            .map(|device| device.prompt().clone());
        let state = if session.is_some() {
            SignInState::SignedIn
        } else if self.pending.lock().await.is_some() || device.is_some() {
            SignInState::SigningIn
        } else {
            SignInState::SignedOut
        };
        let user = session.as_ref().map(|session| {
            let account = session.account();
            UserSummary {
                display_name: account.display_name.clone(),
                email: account.email.clone(),
                data_centre: account.dc.location().to_owned(),
            }
        });
        SessionStatus {
            mode: self.mode,
            state,
            user,
            problem: self.problem.lock().expect("problem lock").clone(),
            device: device.filter(|_| session.is_none()),
        }
    }

    /// How this account signs in (the setting it was connected with).
    pub fn method(&self) -> RedirectMode {
        self.method
    }

    /// The signed-in session, or `signed_out`.
    pub async fn session(&self) -> Result<Session, AppError> {
        self.session
            .read()
            .await
            .clone()
            .ok_or_else(|| AppError::new(ErrorCode::SignedOut, "Sign in to see your meetings."))
    }

    /// Starts a sign-in and returns the URL to open in the browser. A sign-in already
    /// waiting is replaced: its callback will no longer be accepted. A deep-link sign-in is
    /// also kept in the keyring, so its callback completes it even if the app was quit
    /// while the browser was open.
    pub async fn begin_sign_in(&self) -> Result<Arc<PendingSignIn>, AppError> {
        let redirect = match self.method {
            RedirectMode::Loopback => RedirectKind::Loopback,
            RedirectMode::DeepLink | RedirectMode::Device => RedirectKind::DeepLink,
        };
        self.cancel_device().await;
        let pending = Arc::new(self.client.begin_sign_in(redirect).await?);
        if let Some(saved) = pending.to_saved() {
            // Without a keyring the sign-in still works while the app runs.
            self.client
                .account_store()
                .save_pending_sign_in(&saved)
                .await
                .warn_on_err("the waiting sign-in is not kept in the keyring");
        }
        if let Some(replaced) = self.pending.lock().await.replace(Arc::clone(&pending)) {
            replaced.cancel();
        }
        Ok(pending)
    }

    /// Starts a sign-in with a code: asks Zoho for the code the person approves on any
    /// device. A sign-in already waiting (of either kind) is cancelled.
    pub async fn begin_device_sign_in(&self) -> Result<Arc<DeviceSignIn>, AppError> {
        self.cancel_sign_in().await;
        let device = DeviceSignIn::new(self.client.begin_device_sign_in().await?);
        *self.device.lock().await = Some(Arc::clone(&device));
        Ok(device)
    }

    /// Polls until the person answers `device` (or it is cancelled). On success the session
    /// is stored like any other sign-in's. The panel closes either way.
    pub async fn complete_device_sign_in(
        &self,
        device: &Arc<DeviceSignIn>,
    ) -> Result<(), zoho_core::Error> {
        let result = self.client.complete_device_sign_in(&device.pending).await;
        {
            let mut current = self.device.lock().await;
            if current.as_ref().is_some_and(|d| Arc::ptr_eq(d, device)) {
                current.take();
            }
        }
        let signed_in = result?;
        *self.session.write().await = Some(signed_in.session);
        self.problem.lock().expect("problem lock").take();
        Ok(())
    }

    /// The verification URL of the device sign-in being shown, for Open and Copy.
    pub async fn verification_url(&self) -> Option<String> {
        self.device
            .lock()
            .await
            .as_ref()
            .map(|device| device.prompt().verification_url.clone())
    }

    /// Stops polling for the code being shown, if any.
    pub async fn cancel_device(&self) {
        if let Some(device) = self.device.lock().await.take() {
            device.pending.cancel();
        }
    }

    /// Forgets the waiting sign-in (the user gave up, or its loopback listener timed out);
    /// a loopback listener closes at once, a code stops being polled.
    pub async fn cancel_sign_in(&self) {
        self.cancel_device().await;
        if let Some(pending) = self.pending.lock().await.take() {
            pending.cancel();
        }
        self.client
            .account_store()
            .take_pending_sign_in()
            .await
            .warn_on_err("cannot remove the cancelled sign-in from the keyring");
    }

    /// Whether a loopback sign-in is waiting (deep links are then ignored).
    pub async fn loopback_waiting(&self) -> bool {
        self.pending
            .lock()
            .await
            .as_ref()
            .is_some_and(|pending| pending.is_loopback())
    }

    /// Completes the waiting sign-in (in memory, or kept in the keyring by a previous run)
    /// with the callback URL. A callback that fails before its `state` is validated (a
    /// duplicated parameter, another authority or path, a wrong `state`) leaves the sign-in
    /// waiting: it may be forged, and the real one may still come. Any other outcome ends
    /// it, so a replay finds nothing.
    pub async fn complete_sign_in(&self, callback: &str) -> Result<(), AppError> {
        let store = self.client.account_store();
        let in_memory = self.pending.lock().await.clone();
        let pending = match in_memory {
            Some(pending) => pending,
            None => match store.pending_sign_in().await {
                Ok(Some(saved)) => match PendingSignIn::from_saved(&saved) {
                    Ok(pending) => Arc::new(pending),
                    Err(error) => {
                        // Expired or unreadable: of no use to any callback.
                        store
                            .take_pending_sign_in()
                            .await
                            .warn_on_err("cannot remove an unusable waiting sign-in");
                        return Err(error.into());
                    }
                },
                Ok(None) => return Err(no_sign_in_pending()),
                Err(error) => {
                    tracing::warn!("cannot read the waiting sign-in: {error}");
                    return Err(no_sign_in_pending());
                }
            },
        };
        pending.check_callback(callback)?;
        // From here on the callback is the sign-in's own: it is used up whatever happens.
        if let Err(error) = store.take_pending_sign_in().await {
            tracing::warn!("cannot remove the waiting sign-in from the keyring: {error}");
        }
        self.pending.lock().await.take();
        let signed_in = self.client.complete_sign_in(&pending, callback).await?;
        *self.session.write().await = Some(signed_in.session);
        self.problem.lock().expect("problem lock").take();
        Ok(())
    }

    /// Revokes the refresh token at Zoho and empties the keyring. The local session is gone
    /// even when Zoho cannot be reached.
    pub async fn sign_out(&self) -> Result<(), AppError> {
        let session = self.session.write().await.take();
        self.pending.lock().await.take();
        self.cancel_device().await;
        self.client.sign_out(session.as_ref()).await?;
        Ok(())
    }

    /// Drops the session after Zoho said it is gone (`signed_out`).
    pub async fn forget_session(&self) {
        self.session.write().await.take();
    }
}

fn no_sign_in_pending() -> AppError {
    AppError::new(
        ErrorCode::NoSignInPending,
        "A sign-in answer arrived, but no sign-in was started here. It was ignored.",
    )
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use zoho_core::store::MemoryStore;
    use zoho_core::{Endpoints, ZohoConfig};
    use zoho_sim::{SimConfig, Simulator};

    use super::*;

    /// An account on a simulator with an in-memory store, and its store.
    async fn account(sim: &Simulator) -> (Account, Arc<MemoryStore>) {
        account_with(sim, RedirectMode::DeepLink).await
    }

    async fn account_with(sim: &Simulator, redirect: RedirectMode) -> (Account, Arc<MemoryStore>) {
        let info = sim.info();
        let mut config = ZohoConfig::new(
            info.client_id.clone(),
            Some(zoho_core::Secret::new(info.client_secret.clone())),
        );
        config.endpoints = Endpoints::from_maps(&info.accounts, &info.meeting).unwrap();
        let store = Arc::new(MemoryStore::new());
        let client = ZohoClient::new(config, store.clone()).unwrap();
        let account = Account::new(Mode::Custom, client, redirect, None, None, None);
        (account, store)
    }

    /// Every way a callback can fail before its `state` is checked leaves the waiting
    /// sign-in, in memory and in the keyring, so the real callback still completes it.
    #[tokio::test]
    async fn callbacks_failing_before_the_state_check_leave_the_sign_in_waiting() {
        let sim = Simulator::start(SimConfig::default()).await.unwrap();
        let (account, _store) = account(&sim).await;
        let pending = account.begin_sign_in().await.unwrap();
        let real = zoho_sim::browser::accept(pending.authorization_url().as_str())
            .await
            .unwrap();
        let query = real.split_once('?').unwrap().1.to_owned();
        for bad in [
            format!("{real}&code=again"),
            format!("{real}&state=again"),
            format!("dev.zmeet.desktop://evil.example/oauth/callback?{query}"),
            format!("dev.zmeet.desktop:/oauth/other?{query}"),
            format!("dev.zmeet.desktop:/oauth/callback/x?{query}"),
            format!("evil.scheme:/oauth/callback?{query}"),
            "dev.zmeet.desktop:/oauth/callback?code=1000.x&state=forged".to_owned(),
            "dev.zmeet.desktop:/oauth/callback?code=1000.x".to_owned(),
            "not a url".to_owned(),
        ] {
            let error = account.complete_sign_in(&bad).await.unwrap_err();
            assert!(
                matches!(
                    error.code,
                    ErrorCode::InvalidCallback | ErrorCode::StateMismatch
                ),
                "{bad}: {error:?}"
            );
            assert_eq!(
                account.status().await.state,
                SignInState::SigningIn,
                "{bad}"
            );
            let kept = account.client.account_store().pending_sign_in().await;
            assert!(kept.unwrap().is_some(), "{bad}: the keyring copy is gone");
        }
        let exchanges = || {
            sim.requests()
                .iter()
                .filter(|r| r.grant_type.as_deref() == Some("authorization_code"))
                .count()
        };
        assert_eq!(exchanges(), 0, "no code was sent for a bad callback");
        account.complete_sign_in(&real).await.unwrap();
        assert_eq!(account.status().await.state, SignInState::SignedIn);
        // Used up: the same callback again finds nothing.
        let replay = account.complete_sign_in(&real).await.unwrap_err();
        assert_eq!(replay.code, ErrorCode::NoSignInPending);
        assert_eq!(exchanges(), 1);
    }

    /// Cancel closes a loopback sign-in's port at once, not when its five minutes are up.
    #[tokio::test]
    async fn cancel_closes_the_loopback_listener() {
        let sim = Simulator::start(SimConfig::default()).await.unwrap();
        let (account, _) = account_with(&sim, RedirectMode::Loopback).await;
        let pending = account.begin_sign_in().await.unwrap();
        let redirect = pending
            .authorization_url()
            .query_pairs()
            .find(|(k, _)| k == "redirect_uri")
            .map(|(_, v)| url::Url::parse(&v).unwrap())
            .unwrap();
        let port = redirect.port().unwrap();
        let waiting = Arc::clone(&pending);
        let waiter = tokio::spawn(async move { waiting.wait_for_loopback_callback().await });
        assert!(account.loopback_waiting().await);
        account.cancel_sign_in().await;
        let error = waiter.await.unwrap().unwrap_err();
        assert_eq!(error.code(), "sign_in_cancelled");
        assert!(std::net::TcpStream::connect(("127.0.0.1", port)).is_err());
        assert_eq!(account.status().await.state, SignInState::SignedOut);
    }
}
