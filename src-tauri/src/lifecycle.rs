//! Connecting the account (at start and after settings change) and the sign-in flow, which
//! the commands, the deep-link handler and the tray share.

use std::sync::Arc;
use zmeet_core::logging::WarnOnErr;

use tauri::{AppHandle, Manager};
use tauri_specta::Event;
use zmeet_core::connection::{Outcome, Ticket};

use crate::account::{self, Account};
use crate::app_paths::settings_path;
use crate::error::{AppError, ErrorCode};
use crate::events::{DataChanged, SignInFailed};
use crate::session::{emit_status, open_in_browser};
use crate::settings::{RedirectMode, Settings};
use crate::state::{AppState, KEYRING_SERVICE};

/// (Re)connects the account from the current settings and environment and tells the UI.
/// A new generation: whatever an older connect or sync still brings back is dropped, so
/// the connect started last wins however the connects' ends are ordered.
pub async fn connect(app: &AppHandle) {
    let state = app.state::<AppState>();
    let ticket = state.connection.begin_connect();
    let previous = state.account.write().await.take();
    if let Some(previous) = previous {
        // A code still shown belongs to the old connection: stop polling for it.
        previous.cancel_device().await;
    }
    state.cache.lock().await.clear();
    emit_status(app).await;
    let result = async {
        let mut settings = Settings::load(&settings_path(app)?)?;
        crate::pasted_secret::move_to_keyring(app, &mut settings).await;
        let plan = account::plan(&settings, std::env::var(account::ENDPOINTS_ENV).ok())?;
        Account::connect(plan, settings.redirect_mode, KEYRING_SERVICE).await
    }
    .await;
    let outcome = match result {
        Ok(account) => {
            let account = Arc::new(account);
            let mut slot = state.account.write().await;
            if state.connection.is_current(&ticket.guard()) {
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
    if state.connection.is_current(&ticket.guard()) {
        // Paint from the local store before any network call, then sync in the background.
        crate::offline::open_and_sync(app).await;
    }
    if !state.connection.finish(ticket, outcome) {
        tracing::info!(
            "a newer connect or a sign-out overtook this connect; its result is dropped"
        );
        return;
    }
    emit_status(app).await;
    DataChanged
        .emit(app)
        .warn_on_err("data-changed after connecting not sent to the UI");
}

/// The account, waiting (on the connection's channel, up to half a minute) while it
/// connects: a callback that started the app cold arrives before the keyring has been read.
async fn connected_account(app: &AppHandle) -> Result<Arc<Account>, AppError> {
    let state = app.state::<AppState>();
    let wait = std::time::Duration::from_secs(30);
    if tokio::time::timeout(wait, state.connection.settled())
        .await
        .is_err()
    {
        tracing::warn!("still connecting after {wait:?}; a sign-in answer cannot wait longer");
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
    let seen = app.state::<AppState>().connection.ticket();
    let app = app.clone();
    tauri::async_runtime::spawn(async move {
        match account.complete_device_sign_in(&device).await {
            Ok(()) => signed_in(&app, account, &seen).await,
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
    let result = match connected_account(app).await {
        Ok(account) => {
            let seen = app.state::<AppState>().connection.ticket();
            match account.complete_sign_in(callback).await {
                Ok(()) => Ok((account, seen)),
                Err(error) => Err(error),
            }
        }
        Err(error) => Err(error),
    };
    match result {
        Ok((account, seen)) => signed_in(app, account, &seen).await,
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

/// A sign-in on `account` (started in `seen`'s generation) completed: a new generation, the
/// account's store opened, then Ready. Dropped when a connect or a sign-out came since.
async fn signed_in(app: &AppHandle, account: Arc<Account>, seen: &Ticket) {
    let state = app.state::<AppState>();
    let Some(connect) = state.connection.reconnect_after(seen) else {
        tracing::warn!("a sign-in completed after a newer connect or a sign-out; dropped");
        return;
    };
    tracing::info!("signed in");
    state.cache.lock().await.clear();
    crate::offline::open_and_sync(app).await;
    if state.connection.finish(connect, Outcome::Ready(account)) {
        DataChanged
            .emit(app)
            .warn_on_err("data-changed after sign-in not sent to the UI");
    }
}

pub async fn sign_out(app: &AppHandle) -> Result<(), AppError> {
    let state = app.state::<AppState>();
    let account = state.account().await?;
    // The generation ends first: a sync or token refresh still under way can no longer
    // write what it brings back, nor bring Ready back.
    state.connection.sign_out();
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
