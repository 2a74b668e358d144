//! Keeping the synced meetings and webinars current, for the calendar, the tray and the
//! reminders alike.

use std::time::{Duration, Instant};

use tauri::{AppHandle, Manager};
use tauri_specta::Event;

use crate::calendar::{DataChanged, EventCache, SyncProgress};
use crate::error::AppError;
use crate::lifecycle::with_session;
use crate::state::AppState;

/// How old the synced copy may get before the background loop syncs again.
pub const MAX_AGE: Duration = Duration::from_secs(5 * 60);

/// Syncs when forced, when nothing is synced yet, or when the copy is older than `max_age`.
/// Concurrent callers cause one sync: the second waits and finds the copy fresh.
pub async fn ensure_synced(
    app: &AppHandle,
    force: bool,
    max_age: Option<Duration>,
) -> Result<(), AppError> {
    let state = app.state::<AppState>();
    let _syncing = state.sync_lock.lock().await;
    let stale = {
        let cache = state.cache.lock().await;
        !cache.is_synced()
            || max_age.is_some_and(|age| cache.synced_at().is_none_or(|at| at.elapsed() > age))
    };
    if !(force || stale) {
        return Ok(());
    }
    let _ = SyncProgress {
        running: true,
        loaded: 0,
    }
    .emit(app);
    let synced = with_session(
        app,
        |session| async move { EventCache::fetch(&session).await },
    )
    .await;
    let loaded = match synced {
        Ok(synced) => Ok(state.cache.lock().await.replace(synced, Instant::now())),
        Err(error) => Err(error),
    };
    if loaded.is_ok() {
        crate::offline::record_success(app, Some(chrono::Utc::now().timestamp_millis()));
    }
    let _ = SyncProgress {
        running: false,
        loaded: *loaded.as_ref().unwrap_or(&0) as u32,
    }
    .emit(app);
    loaded?;
    let _ = DataChanged.emit(app);
    Ok(())
}
