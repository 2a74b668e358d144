//! Whether Zoho could be reached on the last try, and when the data was last synced.

use std::sync::Mutex;
use zmeet_core::logging::WarnOnErr;

use serde::Serialize;
use specta::Type;
use tauri::{AppHandle, Manager};
use tauri_specta::Event;

use crate::error::{AppError, ErrorCode};

/// What the header shows: offline or not, and the time of the last successful sync.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Type, Event)]
#[serde(rename_all = "camelCase")]
pub struct ConnectionStatus {
    /// Zoho could not be reached on the last try (DNS, refused, timeout, 5xx after retries).
    pub offline: bool,
    /// Epoch ms of the last successful sync (this run or a previous one), if any.
    pub last_synced_ms: Option<f64>,
}

/// The app's view of the connection, managed by Tauri.
#[derive(Default)]
pub struct Connectivity {
    inner: Mutex<Inner>,
    /// Woken when the app goes offline, which starts the retry loop's backoff.
    pub(crate) wake: tokio::sync::Notify,
}

#[derive(Default)]
struct Inner {
    offline: bool,
    last_synced_ms: Option<i64>,
    /// Failed tries in a row, for the retry backoff.
    failures: u32,
}

impl Connectivity {
    fn with<T>(&self, f: impl FnOnce(&mut Inner) -> T) -> T {
        f(&mut self.inner.lock().expect("connectivity lock"))
    }

    pub fn status(&self) -> ConnectionStatus {
        self.with(|inner| ConnectionStatus {
            offline: inner.offline,
            last_synced_ms: inner.last_synced_ms.map(|ms| ms as f64),
        })
    }

    pub fn is_offline(&self) -> bool {
        self.with(|inner| inner.offline)
    }

    pub fn failures(&self) -> u32 {
        self.with(|inner| inner.failures)
    }

    /// Starts over for another account: online until proven otherwise.
    pub fn reset(&self, last_synced_ms: Option<i64>) {
        self.with(|inner| {
            *inner = Inner {
                last_synced_ms,
                ..Inner::default()
            }
        });
    }
}

/// Whether an error means Zoho could not be reached, as opposed to Zoho answering no.
pub fn is_unreachable(error: &AppError) -> bool {
    matches!(error.code, ErrorCode::Network | ErrorCode::Offline)
}

/// The connection's state now.
pub fn status(app: &AppHandle) -> ConnectionStatus {
    app.state::<Connectivity>().status()
}

/// A sync (or any call) reached Zoho: online again; `synced_at_ms` when it was a sync.
pub fn record_success(app: &AppHandle, synced_at_ms: Option<i64>) {
    let connectivity = app.state::<Connectivity>();
    let before = connectivity.status();
    connectivity.with(|inner| {
        inner.offline = false;
        inner.failures = 0;
        if synced_at_ms.is_some() {
            inner.last_synced_ms = synced_at_ms;
        }
    });
    announce_if_changed(app, before);
}

/// A call failed; if Zoho could not be reached, the app is offline from now on.
pub fn record_failure(app: &AppHandle, error: &AppError) {
    if !is_unreachable(error) {
        return;
    }
    let connectivity = app.state::<Connectivity>();
    let before = connectivity.status();
    connectivity.with(|inner| {
        inner.offline = true;
        inner.failures = inner.failures.saturating_add(1);
    });
    if !before.offline {
        tracing::warn!("Zoho cannot be reached; working offline ({error})");
        // Starts the retry loop's backoff.
        connectivity.wake.notify_one();
    }
    announce_if_changed(app, before);
}

/// Notes what a call to Zoho says about the connection: any answer means online.
pub fn observe<T>(app: &AppHandle, result: &Result<T, AppError>) {
    match result {
        Ok(_) => record_success(app, None),
        Err(error) => record_failure(app, error),
    }
}

/// Sets the last sync time read from the store at launch.
pub fn set_last_synced(app: &AppHandle, synced_at_ms: Option<i64>) {
    let connectivity = app.state::<Connectivity>();
    let before = connectivity.status();
    connectivity.reset(synced_at_ms);
    announce_if_changed(app, before);
}

fn announce_if_changed(app: &AppHandle, before: ConnectionStatus) {
    let now = status(app);
    if now != before {
        now.emit(app)
            .warn_on_err("connection status not sent to the UI");
    }
}

/// Refuses a change (create, edit, delete) while offline, before anything is sent.
pub fn ensure_online(app: &AppHandle) -> Result<(), AppError> {
    if app.state::<Connectivity>().is_offline() {
        return Err(AppError::new(
            ErrorCode::Offline,
            "You are offline: nothing was sent to Zoho. Your input is kept; try again once \
             the header no longer says Offline.",
        ));
    }
    Ok(())
}
