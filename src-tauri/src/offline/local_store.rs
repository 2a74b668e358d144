//! Opening the signed-in account's store: one database per account and endpoint set, under
//! the app's XDG data directory.

use std::sync::Arc;
use std::time::{Duration, Instant};
use zmeet_core::logging::WarnOnErr;

use tauri::{AppHandle, Manager};
use zmeet_store::{Store, StoreError, SyncRange};

use crate::account::Mode;
use crate::state::AppState;

/// Opens the signed-in account's store, attaches it to the cache and shows what it holds;
/// returns whether there was an earlier sync to show. Without a session (or when the store
/// cannot be opened: logged) the app works as before, from memory.
pub async fn open_for_account(app: &AppHandle) -> bool {
    // A new account (or none) starts online, with no sync known.
    crate::connectivity::set_last_synced(app, None);
    let state = app.state::<AppState>();
    let ticket = state.connection.ticket();
    let Ok(account) = state.account().await else {
        return false;
    };
    let Ok(session) = account.session().await else {
        return false;
    };
    let mode = account.status().await.mode;
    let info = session.account();
    // Demo mode's simulator has new ports each run but the same seeded user and data.
    let key = match mode {
        Mode::Demo => format!("demo|{}|{}", info.zsoid, info.zuid),
        _ => format!(
            "{:?}|{}|{}|{}|{}",
            mode, info.accounts_server, info.meeting_server, info.zsoid, info.zuid
        ),
    };
    let dir = match app.path().app_data_dir() {
        Ok(dir) => dir.join("calendar"),
        Err(error) => {
            tracing::warn!("no data directory for the calendar store: {error}");
            return false;
        }
    };
    let opened = tauri::async_runtime::spawn_blocking(move || {
        let store = open_or_recreate(&dir, &key)?;
        let last = store.last_synced(SyncRange::ALL)?;
        let rows = match last {
            Some(_) => store.all_events()?,
            None => Vec::new(),
        };
        Ok::<_, StoreError>((store, last, rows))
    })
    .await;
    let (store, last, rows) = match opened {
        Ok(Ok(opened)) => opened,
        Ok(Err(error)) => {
            tracing::warn!("the calendar store cannot be used: {error}");
            return false;
        }
        Err(error) => {
            tracing::warn!("opening the calendar store failed: {error}");
            return false;
        }
    };
    // The stored sync time, as an Instant, so the usual "older than" checks apply.
    let synced_at = last.map(|ms| {
        let age = (chrono::Utc::now().timestamp_millis() - ms).max(0) as u64;
        Instant::now()
            .checked_sub(Duration::from_millis(age))
            .unwrap_or_else(Instant::now)
    });
    let attach = |cache: &mut zmeet_core::calendar::EventCache| {
        let since = crate::sync::default_past_since_ms();
        cache.attach(Arc::new(store), rows, synced_at, since)
    };
    let attached = state
        .connection
        .write_if_current(&ticket, &state.cache, attach);
    if attached.await.is_none() {
        // Another connect or a sign-out came while the store opened: not this account's.
        return false;
    }
    crate::connectivity::set_last_synced(app, last);
    last.is_some()
}

/// A store that cannot be read as this build's (damaged) is only a copy of Zoho's data:
/// start it over. One written by a newer zmeet is left alone.
fn open_or_recreate(dir: &std::path::Path, key: &str) -> Result<Store, StoreError> {
    match Store::open(dir, key) {
        Err(error @ StoreError::TooNew { .. }) => Err(error),
        Err(error) => {
            tracing::warn!("the calendar store is damaged and is started over: {error}");
            let path = zmeet_store::database_path(dir, key);
            for suffix in ["", "-wal", "-shm"] {
                let mut name = path.clone().into_os_string();
                name.push(suffix);
                if let Err(error) = std::fs::remove_file(&name)
                    && error.kind() != std::io::ErrorKind::NotFound
                {
                    tracing::warn!("cannot delete the damaged store file {name:?}: {error}");
                }
            }
            Store::open(dir, key)
        }
        ok => ok,
    }
}

/// Opens the signed-in account's store and paints from it, then syncs in the background
/// (the calendar updates in place when the sync lands). With nothing stored yet, the
/// calendar's first request waits for the sync as before.
pub async fn open_and_sync(app: &AppHandle) {
    if open_for_account(app).await {
        let app = app.clone();
        tauri::async_runtime::spawn(async move {
            // A failure is recorded (offline) and retried by the retry loop.
            crate::sync::ensure_synced(&app, true, None)
                .await
                .warn_on_err("sync after opening the calendar store failed");
        });
    }
}
