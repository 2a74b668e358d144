//! Connecting the account (at start and after settings change) and the sign-in flow, which
//! the commands, the deep-link handler and the tray share.

use std::sync::Arc;
use zmeet_core::logging::WarnOnErr;

use tauri::{AppHandle, Manager};
use tauri_plugin_opener::OpenerExt;
use tauri_specta::Event;

use crate::account::{self, Account, Mode, SessionStatus, SignInFailed, SignInState};
use crate::calendar::DataChanged;
use crate::error::{AppError, ErrorCode};
use crate::settings::{RedirectMode, Settings, settings_path};
use crate::state::{AppState, KEYRING_SERVICE};

/// Runs a program of the user's choice instead of the desktop's browser (tests use it to
/// stand in for a person in a browser).
pub const BROWSER_ENV: &str = "ZMEET_BROWSER";

/// (Re)connects the account from the current settings and environment and tells the UI.
pub async fn connect(app: &AppHandle) {
    let state = app.state::<AppState>();
    let previous = state.account.write().await.take();
    if let Some(previous) = previous {
        // A code still shown belongs to the old connection: stop polling for it.
        previous.cancel_device().await;
    }
    state.cache.lock().await.clear();
    *state.connect_problem.lock().expect("problem lock") = None;
    emit_status(app).await;
    let result = async {
        let mut settings = Settings::load(&settings_path(app)?)?;
        crate::commands::settings::move_pasted_secret_to_keyring(app, &mut settings).await;
        let plan = account::plan(&settings, std::env::var(account::ENDPOINTS_ENV).ok())?;
        Account::connect(plan, settings.redirect_mode, KEYRING_SERVICE).await
    }
    .await;
    match result {
        Ok(account) => *state.account.write().await = Some(Arc::new(account)),
        Err(error) => *state.connect_problem.lock().expect("problem lock") = Some(error),
    }
    // Paint from the local store before any network call, then sync in the background.
    crate::offline::open_and_sync(app).await;
    emit_status(app).await;
    DataChanged
        .emit(app)
        .warn_on_err("data-changed after connecting not sent to the UI");
}

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

/// The account, waiting while it connects: a callback that started the app cold arrives
/// before the keyring has been read.
async fn connected_account(app: &AppHandle) -> Result<Arc<Account>, AppError> {
    let state = app.state::<AppState>();
    for _ in 0..300 {
        match state.account().await {
            Err(error) if error.code == ErrorCode::NotReady => {
                tokio::time::sleep(std::time::Duration::from_millis(100)).await
            }
            other => return other,
        }
    }
    state.account().await
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
    status(app)
        .await
        .emit(app)
        .warn_on_err("session status not sent to the UI");
}

/// Starts a sign-in the way the settings ask: in the system browser (never in a webview),
/// or with a code shown in the main window (the tray's Sign in brings the window up).
pub async fn sign_in(app: &AppHandle) -> Result<(), AppError> {
    let account = app.state::<AppState>().account().await?;
    if account.method() == RedirectMode::Device {
        return sign_in_with_code(app, account).await;
    }
    let pending = account.begin_sign_in().await?;
    emit_status(app).await;
    if let Err(error) = open_in_browser(app, pending.authorization_url().as_str()) {
        account.cancel_sign_in().await;
        emit_status(app).await;
        return Err(error);
    }
    if pending.is_loopback() {
        let app = app.clone();
        tauri::async_runtime::spawn(async move {
            match pending.wait_for_loopback_callback().await {
                Ok(callback) => complete_sign_in(&app, &callback).await,
                // The user pressed Cancel (or started another sign-in): nothing to report.
                Err(zoho_core::Error::SignInCancelled) => {}
                Err(error) => {
                    account.cancel_sign_in().await;
                    SignInFailed(error.into())
                        .emit(&app)
                        .warn_on_err("sign-in failure not sent to the UI");
                    emit_status(&app).await;
                }
            }
        });
    }
    Ok(())
}

/// Shows a sign-in code and polls for its approval in the background. The panel closes on
/// success; a denial, an expiry or any other failure is reported as `SignInFailed`;
/// a cancelled sign-in just ends.
async fn sign_in_with_code(app: &AppHandle, account: Arc<Account>) -> Result<(), AppError> {
    let device = match account.begin_device_sign_in().await {
        Ok(device) => device,
        Err(error) => {
            emit_status(app).await;
            return Err(error);
        }
    };
    emit_status(app).await;
    crate::windows::show_main(app);
    let app = app.clone();
    tauri::async_runtime::spawn(async move {
        match account.complete_device_sign_in(&device).await {
            Ok(()) => {
                let state = app.state::<AppState>();
                state.cache.lock().await.clear();
                DataChanged
                    .emit(&app)
                    .warn_on_err("data-changed after a code sign-in not sent to the UI");
            }
            Err(zoho_core::Error::SignInCancelled) => {}
            Err(error) => {
                SignInFailed(account::explain_device_failure(error))
                    .emit(&app)
                    .warn_on_err("code sign-in failure not sent to the UI");
            }
        }
        emit_status(&app).await;
    });
    Ok(())
}

/// Opens the verification page of the sign-in code being shown (its URL comes from
/// zoho-core, checked there; never from the UI).
pub async fn open_verification_url(app: &AppHandle) -> Result<(), AppError> {
    let url = verification_url(app).await?;
    open_in_browser(app, &url)
}

pub async fn verification_url(app: &AppHandle) -> Result<String, AppError> {
    let account = app.state::<AppState>().account().await?;
    account.verification_url().await.ok_or_else(|| {
        AppError::new(
            ErrorCode::NoSignInPending,
            "No sign-in code is being shown.",
        )
    })
}

/// Completes the waiting sign-in with a deep link's callback URL, unless a loopback sign-in
/// is waiting: its answer comes to its own port only, so a deep link then is not ours.
pub async fn complete_deep_link_sign_in(app: &AppHandle, callback: &str) {
    if let Ok(account) = app.state::<AppState>().account().await
        && account.loopback_waiting().await
    {
        tracing::warn!("a sign-in deep link arrived while a loopback sign-in waits; ignored");
        return;
    }
    complete_sign_in(app, callback).await
}

/// Completes the waiting sign-in with a callback URL (from the deep link or the loopback
/// listener). Failures are reported to the UI as `SignInFailed`; nothing is stored.
pub async fn complete_sign_in(app: &AppHandle, callback: &str) {
    let state = app.state::<AppState>();
    let result = match connected_account(app).await {
        Ok(account) => account.complete_sign_in(callback).await,
        Err(error) => Err(error),
    };
    match result {
        Ok(()) => {
            tracing::info!("signed in");
            state.cache.lock().await.clear();
            crate::offline::open_and_sync(app).await;
            DataChanged
                .emit(app)
                .warn_on_err("data-changed after sign-in not sent to the UI");
        }
        Err(error) => {
            tracing::warn!(code = ?error.code, "sign-in failed: {}", error.message);
            SignInFailed(error)
                .emit(app)
                .warn_on_err("sign-in failure not sent to the UI");
        }
    }
    emit_status(app).await;
    crate::windows::show_main(app);
}

pub async fn sign_out(app: &AppHandle) -> Result<(), AppError> {
    let state = app.state::<AppState>();
    let account = state.account().await?;
    let result = account.sign_out().await;
    match &result {
        Ok(()) => tracing::info!("signed out"),
        Err(error) => tracing::warn!(code = ?error.code, "sign-out: {}", error.message),
    }
    // The account's local copy goes with it.
    state.cache.lock().await.clear_and_delete_store();
    emit_status(app).await;
    DataChanged
        .emit(app)
        .warn_on_err("data-changed after sign-out not sent to the UI");
    result
}

/// Opens a URL in the user's browser, or in the program named by `ZMEET_BROWSER`.
/// Only http(s) URLs are opened. The URL is never logged: it may carry a host's start link.
pub fn open_in_browser(app: &AppHandle, url: &str) -> Result<(), AppError> {
    if !(url.starts_with("https://") || url.starts_with("http://")) {
        return Err(AppError::new(
            ErrorCode::BrowserFailed,
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
    let account = app.state::<AppState>().account().await?;
    let result = call(account.session().await?).await;
    crate::offline::observe(app, &result);
    if let Err(error) = &result
        && error.code == ErrorCode::SignedOut
    {
        account.forget_session().await;
        app.state::<AppState>().cache.lock().await.clear();
        emit_status(app).await;
    }
    result
}
