//! Keeping the synced meetings and webinars current, for the calendar, the tray and the
//! reminders alike.

use std::time::{Duration, Instant};
use zmeet_core::logging::WarnOnErr;

use tauri::{AppHandle, Manager};
use tauri_specta::Event;

use crate::calendar::EventCache;
use crate::error::AppError;
use crate::events::{DataChanged, SyncProgress};
use crate::session::with_session;
use crate::state::AppState;

/// How old the synced copy may get before the background loop syncs again.
pub const MAX_AGE: Duration = Duration::from_secs(5 * 60);

/// How far back the past is synced before the calendar has asked for any range: the weeks
/// a month view shows before today.
const DEFAULT_PAST_MS: f64 = 42.0 * 24.0 * 3_600_000.0;

/// Syncs when forced, when nothing is synced yet, or when the copy is older than `max_age`.
/// Concurrent callers cause one sync: the second waits and finds the copy fresh.
pub async fn ensure_synced(
    app: &AppHandle,
    force: bool,
    max_age: Option<Duration>,
) -> Result<(), AppError> {
    ensure_synced_from(app, force, max_age, None).await
}

/// As [`ensure_synced`], and also when ranges starting at `from_ms` are not synced yet. A
/// sync fetches every upcoming session and the past back to `from_ms` (or as far back as
/// the copy reaches, when `from_ms` is `None`), not all of history.
pub async fn ensure_synced_from(
    app: &AppHandle,
    force: bool,
    max_age: Option<Duration>,
    from_ms: Option<f64>,
) -> Result<(), AppError> {
    let state = app.state::<AppState>();
    // A range the copy already serves does not wait for a sync running meanwhile (the one
    // a launch starts after painting from the store): the first paint must not wait for
    // the network.
    if !force && !is_stale(&*state.cache.lock().await, max_age, from_ms) {
        return Ok(());
    }
    let _syncing = state.sync_lock.lock().await;
    // What this sync brings back is written only if no connect or sign-out came since.
    let ticket = state.connection.ticket();
    let (stale, since_ms) = {
        let cache = state.cache.lock().await;
        let stale = is_stale(&cache, max_age, from_ms);
        let since_ms = from_ms
            .or(cache.past_since_ms())
            .unwrap_or_else(default_past_since_ms);
        (stale, since_ms)
    };
    if !(force || stale) {
        return Ok(());
    }
    SyncProgress {
        running: true,
        loaded: 0,
        shortfall: None,
    }
    .emit(app)
    .warn_on_err("sync progress (start) not sent to the UI");
    let synced = with_session(app, |session| async move {
        EventCache::fetch(&session, since_ms).await
    })
    .await;
    let (loaded, shortfall) = match synced {
        Ok(synced) => {
            let shortfall = synced.shortfall().cloned();
            let written = state
                .connection
                .write_if_current(&ticket, &state.cache, |cache| {
                    cache.replace(synced, Instant::now())
                })
                .await;
            let Some(loaded) = written else {
                dropped_as_stale(app);
                return Ok(());
            };
            (Ok(loaded), shortfall)
        }
        Err(error) => (Err(error), None),
    };
    if loaded.is_ok() {
        crate::connectivity::record_success(app, Some(chrono::Utc::now().timestamp_millis()));
    }
    SyncProgress {
        running: false,
        loaded: *loaded.as_ref().unwrap_or(&0) as u32,
        shortfall,
    }
    .emit(app)
    .warn_on_err("sync progress (end) not sent to the UI");
    match &loaded {
        Ok(count) => tracing::info!(events = count, "synced"),
        // Not signed in is a state, not a problem.
        Err(error) if error.code == crate::error::ErrorCode::SignedOut => {
            tracing::debug!("no sync: signed out")
        }
        Err(error) => tracing::warn!(code = ?error.code, "sync failed: {}", error.message),
    }
    loaded?;
    DataChanged
        .emit(app)
        .warn_on_err("data-changed after a sync not sent to the UI");
    Ok(())
}

/// The account was signed out or reconnected while the sync ran: its events belong to a
/// generation that is over, so they are dropped (the new generation syncs for itself).
fn dropped_as_stale(app: &AppHandle) {
    tracing::info!("a sync finished after a sign-out or a new connect; its results are dropped");
    SyncProgress {
        running: false,
        loaded: 0,
        shortfall: None,
    }
    .emit(app)
    .warn_on_err("sync progress not sent to the UI");
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
    now_ms() - DEFAULT_PAST_MS
}

fn now_ms() -> f64 {
    chrono::Utc::now().timestamp_millis() as f64
}
