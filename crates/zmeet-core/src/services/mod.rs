//! The application's services, driven by the shell through two small traits: connecting the
//! account, signing in and out, keeping the calendar synced, saving meetings, working
//! offline (the local store, the retry loop, a lost create) and the background loop.
//!
//! [`AppCore`] holds what they share: the account, the connection state machine
//! (`crate::connection`), the calendar cache and whether Zoho can be reached. It reaches the
//! outside only through [`EventSink`] (what the UI and the tray are told) and [`Desktop`]
//! (the settings file, the data directory, the browser, the main window), so its tests run
//! with in-memory fakes and no display.

mod background;
mod connectivity;
mod lifecycle;
mod local_store;
mod meetings;
mod ports;
mod reconcile;
mod retry;
mod session;
mod sync;

use std::sync::Arc;

use tokio::sync::{Mutex, RwLock};

use crate::account::Account;
use crate::calendar::EventCache;
use crate::connection::Connection;
use crate::error::AppError;

pub use connectivity::{ConnectionStatus, is_unreachable};
/// The future [`Desktop::tidy_settings`] returns.
pub use futures_util::future::BoxFuture;
pub use meetings::fetch;
pub use ports::{AppEvent, Desktop, EventSink, SyncProgress};
pub use retry::backoff;
pub use session::BROWSER_ENV;
pub use sync::{MAX_AGE, default_past_since_ms};

/// The state the services share, and the two ways out of the core.
pub struct AppCore {
    /// The connected account (signed in or not); `None` while connecting. Set only by the
    /// connect whose generation is current (see [`AppCore::connect`]).
    pub account: RwLock<Option<Arc<Account>>>,
    /// Where the connection stands, and its generation: what waiting code waits on, and
    /// what a sync checks before writing the cache.
    pub connection: Connection<Arc<Account>, AppError>,
    pub cache: Mutex<EventCache>,
    /// Held while a sync runs, so concurrent calendar requests cause one sync.
    sync_lock: Mutex<()>,
    connectivity: connectivity::Connectivity,
    events: Arc<dyn EventSink>,
    desktop: Arc<dyn Desktop>,
    /// The keyring service the account's secrets are kept under.
    keyring_service: String,
    /// True while a launch's window paints: see [`AppCore::hold_sync_until_painted`].
    sync_held: tokio::sync::watch::Sender<bool>,
}

impl AppCore {
    pub fn new(
        events: Arc<dyn EventSink>,
        desktop: Arc<dyn Desktop>,
        keyring_service: impl Into<String>,
    ) -> Self {
        Self {
            account: RwLock::new(None),
            connection: Connection::new(),
            cache: Mutex::new(EventCache::default()),
            sync_lock: Mutex::new(()),
            connectivity: connectivity::Connectivity::default(),
            events,
            desktop,
            keyring_service: keyring_service.into(),
            sync_held: tokio::sync::watch::Sender::new(false),
        }
    }

    /// The synced events with any of them in `[from_ms, to_ms)` (epoch ms), earliest first.
    pub async fn events_in(
        &self,
        (from_ms, to_ms): (f64, f64),
    ) -> Vec<crate::calendar::CalendarEvent> {
        self.cache.lock().await.in_range(from_ms, to_ms)
    }

    /// Holds the sync that follows opening the store until [`AppCore::painted`]: a launch
    /// with a window paints from the store before any network call, and WebKit's start has
    /// the machine's cores to itself meanwhile (on two cores the sync's requests and store
    /// writes delayed the first paint). The shell calls this before connecting.
    pub fn hold_sync_until_painted(&self) {
        self.sync_held.send_replace(true);
    }

    /// The launch's window has painted (or will not): a held sync goes ahead.
    pub fn painted(&self) {
        self.sync_held.send_replace(false);
    }

    /// Returns once no launch holds the sync.
    async fn sync_not_held(&self) {
        // The sender lives as long as `self`, so the wait ends only by a release.
        let _ = self.sync_held.subscribe().wait_for(|held| !held).await;
    }

    fn emit(&self, event: AppEvent) {
        self.events.emit(event);
    }

    /// Waits up to `wait` for the connection to settle (ready, signed out or failed);
    /// `false` when it is still connecting by then.
    pub async fn settled_within(&self, wait: std::time::Duration) -> bool {
        tokio::time::timeout(wait, self.connection.settled())
            .await
            .is_ok()
    }

    /// Waits for a sync in flight to finish; while the guard lives, none starts (the
    /// shell holds it through replacing its process, see `tray_only`).
    pub async fn hold_syncs(&self) -> tokio::sync::MutexGuard<'_, ()> {
        self.sync_lock.lock().await
    }

    /// [`AppCore::hold_syncs`] without waiting: `None` while a sync runs.
    pub fn try_hold_syncs(&self) -> Option<tokio::sync::MutexGuard<'_, ()>> {
        self.sync_lock.try_lock().ok()
    }
}

#[cfg(test)]
mod fakes;
#[cfg(test)]
mod tests;
