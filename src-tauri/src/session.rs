//! The account as the rest of the shell sees it: its status for the UI, the signed-in
//! session for a call to Zoho, and the browser for the links that leave the app.

use tauri::{AppHandle, Manager};
use tauri_plugin_opener::OpenerExt;
use tauri_specta::Event;
use zmeet_core::logging::WarnOnErr;

use crate::account::{self, Mode, SessionStatus, SignInState};
use crate::app_paths::settings_path;
use crate::error::{AppError, ErrorCode};
use crate::settings::Settings;
use crate::state::AppState;

/// Runs a program of the user's choice instead of the desktop's browser (tests use it to
/// stand in for a person in a browser).
pub const BROWSER_ENV: &str = "ZMEET_BROWSER";

/// The account's status, or a stand-in while connecting or when connecting failed.
pub async fn status(app: &AppHandle) -> SessionStatus {
    let state = app.state::<AppState>();
    match state.account().await {
        Ok(account) => account.status().await,
        Err(problem) => SessionStatus {
            mode: planned_mode(app),
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
fn planned_mode(app: &AppHandle) -> Mode {
    let settings = settings_path(app)
        .and_then(|path| Settings::load(&path))
        .inspect_err(|error| tracing::warn!("settings unreadable, planning with defaults: {error}"))
        .unwrap_or_default();
    match account::plan(&settings, std::env::var(account::ENDPOINTS_ENV).ok()) {
        Ok(account::Plan::Remote { mode, .. }) => mode,
        Ok(account::Plan::Demo) => Mode::Demo,
        // Unusable endpoints or settings: not the demo either.
        Err(_) if settings.client_id.is_some() => Mode::Zoho,
        Err(_) => Mode::Custom,
    }
}

pub async fn emit_status(app: &AppHandle) {
    crate::events::SessionStatus(status(app).await)
        .emit(app)
        .warn_on_err("session status not sent to the UI");
}

/// Opens a URL in the user's browser, or in the program named by `ZMEET_BROWSER`.
/// Only http(s) URLs are opened. The URL is never logged: it may carry a host's start link.
pub fn open_in_browser(app: &AppHandle, url: &str) -> Result<(), AppError> {
    if !(url.starts_with("https://") || url.starts_with("http://")) {
        return Err(AppError::new(
            ErrorCode::LinkRefused,
            "Only web links can be opened.",
        ));
    }
    let program = std::env::var(BROWSER_ENV).ok().filter(|p| !p.is_empty());
    app.opener().open_url(url, program).map_err(|error| {
        AppError::new(
            ErrorCode::BrowserFailed,
            format!("Could not open the browser: {error}"),
        )
    })
}

/// Runs `call` with the signed-in session; a `signed_out` answer forgets the session and
/// tells the UI, so it offers sign-in again.
pub async fn with_session<T, F, Fut>(app: &AppHandle, call: F) -> Result<T, AppError>
where
    F: FnOnce(zoho_core::Session) -> Fut,
    Fut: std::future::Future<Output = Result<T, AppError>>,
{
    let state = app.state::<AppState>();
    let account = state.account().await?;
    let ticket = state.connection.ticket();
    let result = call(account.session().await?).await;
    crate::connectivity::observe(app, &result);
    // Only an answer to a call of the current generation ends it: a late one must not
    // sign out a session started since.
    if let Err(error) = &result
        && error.code == ErrorCode::SignedOut
        && state.connection.session_lost(&ticket)
    {
        account.forget_session().await;
        app.state::<AppState>().cache.lock().await.clear();
        emit_status(app).await;
    }
    result
}
