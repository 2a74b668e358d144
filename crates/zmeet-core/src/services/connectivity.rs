//! Whether Zoho could be reached on the last try, and when the data was last synced.

use std::sync::Mutex;

use tokio::sync::Notify;

use super::{AppCore, AppEvent};
use crate::error::{AppError, ErrorCode};

/// What the header shows: offline or not, and the time of the last successful sync.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ConnectionStatus {
    /// Zoho could not be reached on the last try (DNS, refused, timeout, 5xx after retries).
    pub offline: bool,
    /// Epoch ms of the last successful sync (this run or a previous one), if any.
    pub last_synced_ms: Option<f64>,
}

#[derive(Default)]
pub(super) struct Connectivity {
    inner: Mutex<Inner>,
    /// Woken when the app goes offline (which starts the retry loop's backoff) and when the
    /// network comes back (which ends its wait).
    pub(super) wake: Notify,
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

    fn status(&self) -> ConnectionStatus {
        self.with(|inner| ConnectionStatus {
            offline: inner.offline,
            last_synced_ms: inner.last_synced_ms.map(|ms| ms as f64),
        })
    }

    pub(super) fn is_offline(&self) -> bool {
        self.with(|inner| inner.offline)
    }

    pub(super) fn failures(&self) -> u32 {
        self.with(|inner| inner.failures)
    }
}

/// Whether an error means Zoho could not be reached, as opposed to Zoho answering no.
pub fn is_unreachable(error: &AppError) -> bool {
    matches!(error.code, ErrorCode::Network | ErrorCode::Offline)
}

impl AppCore {
    /// The connection's state now.
    pub fn connection_status(&self) -> ConnectionStatus {
        self.connectivity.status()
    }

    /// A sync (or any call) reached Zoho: online again; `synced_at_ms` when it was a sync.
    pub(super) fn record_success(&self, synced_at_ms: Option<i64>) {
        let before = self.connectivity.status();
        self.connectivity.with(|inner| {
            inner.offline = false;
            inner.failures = 0;
            if synced_at_ms.is_some() {
                inner.last_synced_ms = synced_at_ms;
            }
        });
        self.announce_if_changed(before);
    }

    /// A call failed; if Zoho could not be reached, the app is offline from now on.
    pub(super) fn record_failure(&self, error: &AppError) {
        if !is_unreachable(error) {
            return;
        }
        let before = self.connectivity.status();
        self.connectivity.with(|inner| {
            inner.offline = true;
            inner.failures = inner.failures.saturating_add(1);
        });
        if !before.offline {
            tracing::warn!("Zoho cannot be reached; working offline ({error})");
            self.connectivity.wake.notify_one();
        }
        self.announce_if_changed(before);
    }

    /// Notes what a call to Zoho says about the connection: any answer means online.
    pub(super) fn observe<T>(&self, result: &Result<T, AppError>) {
        match result {
            Ok(_) => self.record_success(None),
            Err(error) => self.record_failure(error),
        }
    }

    /// Starts over for another account (online until proven otherwise), with the last
    /// sync time read from its store.
    pub(super) fn set_last_synced(&self, last_synced_ms: Option<i64>) {
        let before = self.connectivity.status();
        self.connectivity.with(|inner| {
            *inner = Inner {
                last_synced_ms,
                ..Inner::default()
            }
        });
        self.announce_if_changed(before);
    }

    fn announce_if_changed(&self, before: ConnectionStatus) {
        let now = self.connectivity.status();
        if now != before {
            self.emit(AppEvent::ConnectionStatus(now));
        }
    }

    /// Refuses a change (create, edit, delete) while offline, before anything is sent.
    pub fn ensure_online(&self) -> Result<(), AppError> {
        if self.connectivity.is_offline() {
            return Err(AppError::new(
                ErrorCode::Offline,
                "You are offline: nothing was sent to Zoho. Your input is kept; try again once \
                 the header no longer says Offline.",
            ));
        }
        Ok(())
    }
}
