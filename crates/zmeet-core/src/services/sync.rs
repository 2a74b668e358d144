//! Keeping the synced meetings and webinars current, for the calendar, the tray and the
//! reminders alike.

use std::time::{Duration, Instant};

use super::{AppCore, AppEvent, SyncProgress};
use crate::calendar::EventCache;
use crate::error::{AppError, ErrorCode};

/// How old the synced copy may get before the background loop syncs again.
pub const MAX_AGE: Duration = Duration::from_secs(5 * 60);

/// How far back the past is synced before the calendar has asked for any range: the weeks
/// a month view shows before today.
const DEFAULT_PAST_MS: f64 = 42.0 * 24.0 * 3_600_000.0;

impl AppCore {
    /// Syncs when forced, when nothing is synced yet, or when the copy is older than
    /// `max_age`. Concurrent callers cause one sync: the second waits and finds the copy
    /// fresh.
    pub async fn ensure_synced(
        &self,
        force: bool,
        max_age: Option<Duration>,
    ) -> Result<(), AppError> {
        self.ensure_synced_from(force, max_age, None).await
    }

    /// As [`AppCore::ensure_synced`], and also when ranges starting at `from_ms` are not
    /// synced yet. A sync fetches every upcoming session and the past back to `from_ms` (or
    /// as far back as the copy reaches, when `from_ms` is `None`), not all of history.
    pub async fn ensure_synced_from(
        &self,
        force: bool,
        max_age: Option<Duration>,
        from_ms: Option<f64>,
    ) -> Result<(), AppError> {
        // A range the copy already serves does not wait for a sync running meanwhile (the
        // one a launch starts after painting from the store): the first paint must not wait
        // for the network.
        if !force && !is_stale(&*self.cache.lock().await, max_age, from_ms) {
            return Ok(());
        }
        let _syncing = self.sync_lock.lock().await;
        // What this sync brings back is written only if no connect or sign-out came since.
        let ticket = self.connection.ticket();
        let (stale, since_ms) = {
            let cache = self.cache.lock().await;
            let stale = is_stale(&cache, max_age, from_ms);
            let since_ms = from_ms
                .or(cache.past_since_ms())
                .unwrap_or_else(default_past_since_ms);
            (stale, since_ms)
        };
        if !(force || stale) {
            return Ok(());
        }
        self.emit_progress(true, 0, None);
        let synced = self
            .with_session(|session| async move { EventCache::fetch(&session, since_ms).await })
            .await;
        let (loaded, shortfall) = match synced {
            Ok(synced) => {
                let shortfall = synced.shortfall().cloned();
                let written = self
                    .connection
                    .write_if_current(&ticket, &self.cache, |cache| {
                        cache.replace(synced, Instant::now())
                    })
                    .await;
                let Some(loaded) = written else {
                    // The account was signed out or reconnected while the sync ran: its
                    // events belong to a generation that is over (the new one syncs itself).
                    tracing::info!(
                        "a sync finished after a sign-out or a new connect; its results are dropped"
                    );
                    self.emit_progress(false, 0, None);
                    return Ok(());
                };
                (Ok(loaded), shortfall)
            }
            Err(error) => (Err(error), None),
        };
        if loaded.is_ok() {
            self.record_success(Some(chrono::Utc::now().timestamp_millis()));
        }
        self.emit_progress(false, *loaded.as_ref().unwrap_or(&0) as u32, shortfall);
        match &loaded {
            Ok(count) => tracing::info!(events = count, "synced"),
            // Not signed in is a state, not a problem.
            Err(error) if error.code == ErrorCode::SignedOut => {
                tracing::debug!("no sync: signed out")
            }
            Err(error) => tracing::warn!(code = ?error.code, "sync failed: {}", error.message),
        }
        loaded?;
        self.emit(AppEvent::DataChanged);
        Ok(())
    }

    fn emit_progress(
        &self,
        running: bool,
        loaded: u32,
        shortfall: Option<crate::calendar::SyncShortfall>,
    ) {
        self.emit(AppEvent::SyncProgress(SyncProgress {
            running,
            loaded,
            shortfall,
        }));
    }
}

/// Whether the copy must be synced: nothing synced yet, older than `max_age`, or not
/// reaching back to `from_ms`.
fn is_stale(cache: &EventCache, max_age: Option<Duration>, from_ms: Option<f64>) -> bool {
    !cache.is_synced()
        || max_age.is_some_and(|age| cache.synced_at().is_none_or(|at| at.elapsed() > age))
        || from_ms.is_some_and(|from| !cache.covers(from))
}

/// Where the synced past begins when nothing else says (epoch ms).
pub fn default_past_since_ms() -> f64 {
    chrono::Utc::now().timestamp_millis() as f64 - DEFAULT_PAST_MS
}
