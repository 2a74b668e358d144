//! The account as the rest of the app sees it: its status for the UI, the signed-in session
//! for a call to Zoho, and the browser for the links that leave the app.

use std::future::Future;
use std::sync::Arc;

use super::{AppCore, AppEvent};
use crate::account::{self, Account, Mode, SessionStatus, SignInState};
use crate::connection::ConnectionState;
use crate::error::{AppError, ErrorCode};
use crate::settings::Settings;

/// Runs a program of the user's choice instead of the desktop's browser (tests use it to
/// stand in for a person in a browser).
pub const BROWSER_ENV: &str = "ZMEET_BROWSER";

impl AppCore {
    /// The connected account, or `not_ready` while it connects (the connect's error when it
    /// failed).
    pub async fn account(&self) -> Result<Arc<Account>, AppError> {
        if let Some(account) = self.account.read().await.as_ref() {
            return Ok(Arc::clone(account));
        }
        Err(match self.connection.current() {
            ConnectionState::Failed(problem) => problem,
            _ => AppError::new(
                ErrorCode::NotReady,
                "Still connecting; try again in a moment.",
            ),
        })
    }

    /// The account's status, or a stand-in while connecting or when connecting failed.
    pub async fn status(&self) -> SessionStatus {
        match self.account().await {
            Ok(account) => account.status().await,
            Err(problem) => SessionStatus {
                mode: self.planned_mode(),
                state: if problem.code == ErrorCode::NotReady {
                    SignInState::Connecting
                } else {
                    SignInState::SignedOut
                },
                user: None,
                problem: (problem.code != ErrorCode::NotReady).then_some(problem),
                device: None,
            },
        }
    }

    /// The mode the settings and environment ask for, so the UI does not call a Zoho
    /// connection "Demo" while it is still connecting (or failed to).
    fn planned_mode(&self) -> Mode {
        let settings = self
            .desktop
            .settings_path()
            .and_then(|path| Settings::load(&path))
            .inspect_err(|error| {
                tracing::warn!("settings unreadable, planning with defaults: {error}")
            })
            .unwrap_or_default();
        match account::plan(&settings, std::env::var(account::ENDPOINTS_ENV).ok()) {
            Ok(account::Plan::Remote { mode, .. }) => mode,
            Ok(account::Plan::Demo) => Mode::Demo,
            // Unusable endpoints or settings: not the demo either.
            Err(_) if settings.client_id.is_some() => Mode::Zoho,
            Err(_) => Mode::Custom,
        }
    }

    /// Tells the UI and the tray the account's status.
    pub async fn emit_status(&self) {
        self.emit(AppEvent::SessionStatus(self.status().await));
    }

    /// Opens a URL in the user's browser, or in the program named by `ZMEET_BROWSER`.
    /// Only http(s) URLs are opened. The URL is never logged: it may carry a host's start
    /// link.
    pub fn open_in_browser(&self, url: &str) -> Result<(), AppError> {
        if !(url.starts_with("https://") || url.starts_with("http://")) {
            return Err(AppError::new(
                ErrorCode::LinkRefused,
                "Only web links can be opened.",
            ));
        }
        let program = std::env::var(BROWSER_ENV).ok().filter(|p| !p.is_empty());
        self.desktop.open_url(url, program).map_err(|error| {
            AppError::new(
                ErrorCode::BrowserFailed,
                format!("Could not open the browser: {error}"),
            )
        })
    }

    /// Runs `call` with the signed-in session; a `signed_out` answer forgets the session
    /// and tells the UI, so it offers sign-in again.
    pub async fn with_session<T, F, Fut>(&self, call: F) -> Result<T, AppError>
    where
        F: FnOnce(zoho_core::Session) -> Fut,
        Fut: Future<Output = Result<T, AppError>>,
    {
        let account = self.account().await?;
        let ticket = self.connection.ticket();
        let result = call(account.session().await?).await;
        self.observe(&result);
        // Only an answer to a call of the current generation ends it: a late one must not
        // sign out a session started since.
        if let Err(error) = &result
            && error.code == ErrorCode::SignedOut
            && self.connection.session_lost(&ticket)
        {
            account.forget_session().await;
            self.cache.lock().await.clear();
            self.emit_status().await;
        }
        result
    }
}
