//! Connecting the account (at start and after settings change), signing in and signing
//! out, which the commands, the deep-link handler and the tray share.

use std::sync::Arc;
use std::time::Duration;

use super::{AppCore, AppEvent};
use crate::account::{self, Account};
use crate::connection::{Outcome, Ticket};
use crate::error::{AppError, ErrorCode};
use crate::settings::{RedirectMode, Settings};

/// How long a sign-in answer waits for a connect under way (a callback that started the
/// app cold arrives before the keyring has been read).
const CONNECT_WAIT: Duration = Duration::from_secs(30);

impl AppCore {
    /// (Re)connects the account from the current settings and environment and tells the
    /// UI. A new generation: whatever an older connect or sync still brings back is
    /// dropped, so the connect started last wins however the connects' ends are ordered.
    pub async fn connect(self: &Arc<Self>) {
        let ticket = self.connection.begin_connect();
        let previous = self.account.write().await.take();
        if let Some(previous) = previous {
            // A code still shown belongs to the old connection: stop polling for it.
            previous.cancel_device().await;
        }
        self.cache.lock().await.clear();
        self.emit_status().await;
        let result = async {
            let mut settings = Settings::load(&self.desktop.settings_path()?)?;
            self.desktop.tidy_settings(&mut settings).await;
            let plan = account::plan(&settings, std::env::var(account::ENDPOINTS_ENV).ok())?;
            Account::connect(plan, settings.redirect_mode, &self.keyring_service).await
        }
        .await;
        let outcome = match result {
            Ok(account) => {
                let account = Arc::new(account);
                let mut slot = self.account.write().await;
                if self.connection.is_current(&ticket.guard()) {
                    *slot = Some(Arc::clone(&account));
                }
                drop(slot);
                if account.is_signed_in().await {
                    Outcome::Ready(account)
                } else {
                    Outcome::SignedOut
                }
            }
            Err(error) => Outcome::Failed(error),
        };
        if self.connection.is_current(&ticket.guard()) {
            // Paint from the local store before any network call, then sync in the
            // background.
            self.open_and_sync().await;
        }
        if !self.connection.finish(ticket, outcome) {
            tracing::info!(
                "a newer connect or a sign-out overtook this connect; its result is dropped"
            );
            return;
        }
        self.emit_status().await;
        self.emit(AppEvent::DataChanged);
    }

    /// The account, waiting (on the connection's channel) while it connects.
    async fn connected_account(&self) -> Result<Arc<Account>, AppError> {
        if !self.settled_within(CONNECT_WAIT).await {
            tracing::warn!(
                "still connecting after {CONNECT_WAIT:?}; a sign-in answer cannot wait longer"
            );
        }
        self.account().await
    }

    /// Starts a sign-in the way the settings ask: in the system browser (never in a
    /// webview), or with a code shown in the main window.
    pub async fn sign_in(self: &Arc<Self>) -> Result<(), AppError> {
        let account = self.account().await?;
        if account.method() == RedirectMode::Device {
            return self.sign_in_with_code(account).await;
        }
        let pending = account.begin_sign_in().await?;
        self.emit_status().await;
        if let Err(error) = self.open_in_browser(pending.authorization_url().as_str()) {
            account.cancel_sign_in().await;
            self.emit_status().await;
            return Err(error);
        }
        if pending.is_loopback() {
            let core = Arc::clone(self);
            tokio::spawn(async move {
                match pending.wait_for_loopback_callback().await {
                    Ok(callback) => core.complete_sign_in(&callback).await,
                    // The user pressed Cancel (or started another sign-in): nothing to report.
                    Err(zoho_core::Error::SignInCancelled) => {}
                    Err(error) => {
                        account.cancel_sign_in().await;
                        core.emit(AppEvent::SignInFailed(error.into()));
                        core.emit_status().await;
                    }
                }
            });
        }
        Ok(())
    }

    /// Shows a sign-in code and polls for its approval in the background. The panel closes
    /// on success; a denial, an expiry or any other failure is reported as `SignInFailed`;
    /// a cancelled sign-in just ends.
    async fn sign_in_with_code(self: &Arc<Self>, account: Arc<Account>) -> Result<(), AppError> {
        let device = match account.begin_device_sign_in().await {
            Ok(device) => device,
            Err(error) => {
                self.emit_status().await;
                return Err(error);
            }
        };
        self.emit_status().await;
        self.desktop.show_main_window();
        let seen = self.connection.ticket();
        let core = Arc::clone(self);
        tokio::spawn(async move {
            match account.complete_device_sign_in(&device).await {
                Ok(()) => core.signed_in(account, &seen).await,
                Err(zoho_core::Error::SignInCancelled) => {}
                Err(error) => core.emit(AppEvent::SignInFailed(account::explain_device_failure(
                    error,
                ))),
            }
            core.emit_status().await;
        });
        Ok(())
    }

    /// The verification page of the sign-in code being shown (its URL comes from
    /// zoho-core, checked there; never from the UI).
    pub async fn verification_url(&self) -> Result<String, AppError> {
        let account = self.account().await?;
        account.verification_url().await.ok_or_else(|| {
            AppError::new(
                ErrorCode::NoSignInPending,
                "No sign-in code is being shown.",
            )
        })
    }

    /// Opens the verification page of the sign-in code being shown.
    pub async fn open_verification_url(&self) -> Result<(), AppError> {
        let url = self.verification_url().await?;
        self.open_in_browser(&url)
    }

    /// Completes the waiting sign-in with a deep link's callback URL, unless a loopback
    /// sign-in is waiting: its answer comes to its own port only, so a deep link then is
    /// not ours.
    pub async fn complete_deep_link_sign_in(self: &Arc<Self>, callback: &str) {
        if let Ok(account) = self.account().await
            && account.loopback_waiting().await
        {
            tracing::warn!("a sign-in deep link arrived while a loopback sign-in waits; ignored");
            return;
        }
        self.complete_sign_in(callback).await
    }

    /// Completes the waiting sign-in with a callback URL (from the deep link or the
    /// loopback listener). Failures are reported as `SignInFailed`; nothing is stored.
    pub async fn complete_sign_in(self: &Arc<Self>, callback: &str) {
        let result = match self.connected_account().await {
            Ok(account) => {
                let seen = self.connection.ticket();
                account
                    .complete_sign_in(callback)
                    .await
                    .map(|()| (account, seen))
            }
            Err(error) => Err(error),
        };
        match result {
            Ok((account, seen)) => self.signed_in(account, &seen).await,
            Err(error) => {
                tracing::warn!(code = ?error.code, "sign-in failed: {}", error.message);
                self.emit(AppEvent::SignInFailed(error));
            }
        }
        self.emit_status().await;
        self.desktop.show_main_window();
    }

    /// A sign-in on `account` (started in `seen`'s generation) completed: a new
    /// generation, the account's store opened, then Ready. Dropped when a connect or a
    /// sign-out came since.
    async fn signed_in(self: &Arc<Self>, account: Arc<Account>, seen: &Ticket) {
        let Some(connect) = self.connection.reconnect_after(seen) else {
            tracing::warn!("a sign-in completed after a newer connect or a sign-out; dropped");
            return;
        };
        tracing::info!("signed in");
        self.cache.lock().await.clear();
        self.open_and_sync().await;
        if self.connection.finish(connect, Outcome::Ready(account)) {
            self.emit(AppEvent::DataChanged);
        }
    }

    /// Revokes the refresh token at Zoho, empties the keyring and deletes the account's
    /// local copy.
    pub async fn sign_out(&self) -> Result<(), AppError> {
        let account = self.account().await?;
        // The generation ends first: a sync or token refresh still under way can no longer
        // write what it brings back, nor bring Ready back.
        self.connection.sign_out();
        let result = account.sign_out().await;
        match &result {
            Ok(()) => tracing::info!("signed out"),
            Err(error) => tracing::warn!(code = ?error.code, "sign-out: {}", error.message),
        }
        // The account's local copy goes with it.
        self.cache.lock().await.clear_and_delete_store();
        self.emit_status().await;
        self.emit(AppEvent::DataChanged);
        result
    }

    /// Gives up a sign-in the user did not finish in the browser.
    pub async fn cancel_sign_in(&self) -> Result<(), AppError> {
        self.account().await?.cancel_sign_in().await;
        self.emit_status().await;
        Ok(())
    }
}
