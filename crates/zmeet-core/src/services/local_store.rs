//! Opening the signed-in account's store: one database per account and endpoint set, under
//! the app's data directory.

use std::sync::Arc;
use std::time::{Duration, Instant};

use zmeet_store::{LastSync, Store, StoreError, StoredEvent, SyncRange};

use super::AppCore;
use super::sync::default_past_since_ms;
use crate::account::Mode;
use crate::logging::WarnOnErr;

impl AppCore {
    /// Opens the signed-in account's store, attaches it to the cache and shows what it
    /// holds; returns whether there was an earlier sync to show. Without a session (or when
    /// the store cannot be opened: logged) the app works as before, from memory.
    pub(super) async fn open_for_account(&self) -> bool {
        // A new account (or none) starts online, with no sync known.
        self.set_last_synced(None);
        let ticket = self.connection.ticket();
        let Ok(account) = self.account().await else {
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
        let dir = match self.desktop.data_dir() {
            Ok(dir) => dir.join("calendar"),
            Err(error) => {
                tracing::warn!("no data directory for the calendar store: {error}");
                return false;
            }
        };
        let opened = tokio::task::spawn_blocking(move || {
            let store = open_or_recreate(&dir, &key)?;
            let last_sync = store.last_sync(SyncRange::ALL)?;
            let last = last_sync.map(|sync| sync.synced_at_ms);
            let rows = match last {
                Some(_) => store.all_events()?,
                None => Vec::new(),
            };
            let past_since_ms = last_sync.and_then(|sync| past_reached(sync, &rows));
            Ok::<_, StoreError>((store, last, rows, past_since_ms))
        })
        .await;
        let (store, last, rows, past_since_ms) = match opened {
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
        let attach = |cache: &mut crate::calendar::EventCache| {
            cache.attach(Arc::new(store), rows, synced_at, past_since_ms)
        };
        let attached = self
            .connection
            .write_if_current(&ticket, &self.cache, attach);
        if attached.await.is_none() {
            // Another connect or a sign-out came while the store opened: not this account's.
            return false;
        }
        self.set_last_synced(last);
        last.is_some()
    }

    /// Opens the signed-in account's store and paints from it, then syncs in the background
    /// once the launch has painted (the calendar updates in place when the sync lands).
    /// With nothing stored yet, the calendar's first request waits for the sync as before.
    pub(super) async fn open_and_sync(self: &Arc<Self>) {
        if self.open_for_account().await {
            let core = Arc::clone(self);
            tokio::spawn(async move {
                core.sync_not_held().await;
                // A failure is recorded (offline) and retried by the retry loop.
                core.ensure_synced(true, None)
                    .await
                    .warn_on_err("sync after opening the calendar store failed");
            });
        }
    }
}

/// Where the stored copy's past begins (epoch ms; `None`: all of it): as far back as its
/// last sync reached, which the store records; for a sync recorded by an older zmeet, back
/// to its earliest event or the default past, whichever is earlier.
fn past_reached(sync: LastSync, rows: &[StoredEvent]) -> Option<f64> {
    match sync.reached_from_ms {
        Some(i64::MIN) => None,
        Some(ms) => Some(ms as f64),
        None => Some(
            rows.iter()
                .map(|row| row.start_ms as f64)
                .fold(default_past_since_ms(), f64::min),
        ),
    }
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

#[cfg(test)]
mod tests {
    use super::*;

    fn row(start_ms: i64) -> StoredEvent {
        StoredEvent {
            kind: zmeet_store::EventKind::Meeting,
            key: start_ms.to_string(),
            topic: "t".into(),
            start_ms,
            end_ms: start_ms + 1,
            timezone: "UTC".into(),
            is_host: true,
            join_link: None,
            agenda: None,
            participants: Vec::new(),
            presenter_name: None,
            has_start_link: false,
        }
    }

    fn sync(reached_from_ms: Option<i64>) -> LastSync {
        LastSync {
            synced_at_ms: 1,
            reached_from_ms,
        }
    }

    #[test]
    fn the_past_reached_is_the_stores_record_when_there_is_one() {
        let rows = [row(5)];
        assert_eq!(past_reached(sync(Some(1_000)), &rows), Some(1_000.0));
        assert_eq!(past_reached(sync(Some(i64::MIN)), &rows), None);
        // Not recorded (an older zmeet's sync): the earliest row or the default past.
        assert_eq!(past_reached(sync(None), &rows), Some(5.0));
        let default = default_past_since_ms();
        let guessed = past_reached(sync(None), &[]).unwrap();
        assert!(
            (guessed - default).abs() < 60_000.0,
            "{guessed} vs {default}"
        );
    }
}
