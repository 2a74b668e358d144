//! Connecting the account (at start and after settings change) and the sign-in flow, which
//! the commands, the deep-link handler and the tray share.

use std::sync::Arc;

use tauri::{AppHandle, Manager};
use tauri_specta::Event;

use crate::account::{self, Account};
use crate::app_paths::settings_path;
use crate::error::{AppError, ErrorCode};
use crate::events::{DataChanged, SignInFailed};
use crate::session::{emit_status, open_in_browser};
use crate::settings::{RedirectMode, Settings};
use crate::state::{AppState, KEYRING_SERVICE};

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
        crate::pasted_secret::move_to_keyring(app, &mut settings).await;
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
    let _ = DataChanged.emit(app);
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
                    let _ = SignInFailed(error.into()).emit(&app);
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
                let _ = DataChanged.emit(&app);
            }
            Err(zoho_core::Error::SignInCancelled) => {}
            Err(error) => {
                let _ = SignInFailed(account::explain_device_failure(error)).emit(&app);
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
        eprintln!("zmeet: a sign-in deep link arrived while a loopback sign-in waits; ignored");
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
            state.cache.lock().await.clear();
            crate::offline::open_and_sync(app).await;
            let _ = DataChanged.emit(app);
        }
        Err(error) => {
            let _ = SignInFailed(error).emit(app);
        }
    }
    emit_status(app).await;
    crate::windows::show_main(app);
}

pub async fn sign_out(app: &AppHandle) -> Result<(), AppError> {
    let state = app.state::<AppState>();
    let account = state.account().await?;
    let result = account.sign_out().await;
    // The account's local copy goes with it.
    state.cache.lock().await.clear_and_delete_store();
    emit_status(app).await;
    let _ = DataChanged.emit(app);
    result
}
