//! [`Store`]: one account's database, with a writer and a reader connection so the
//! calendar reads never wait for a sync being written.

use std::borrow::Borrow;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard};
use std::time::Duration;

use rusqlite::{CachedStatement, Connection, OptionalExtension, Row, params};

use crate::error::StoreError;
use crate::files;
use crate::migrations;
use crate::model::{EventKind, LastSync, StoredEvent, SyncRange};

/// How long a statement waits for another connection's lock before failing.
const BUSY_TIMEOUT: Duration = Duration::from_secs(5);

/// The event columns, as a macro so the insert below can be one literal.
macro_rules! columns {
    () => {
        "kind, key, topic, start_ms, end_ms, timezone, is_host, join_link, \
         agenda, participants, presenter_name, has_start_link"
    };
}

const COLUMNS: &str = columns!();

/// The row insert, one literal so a sync prepares it once for all its rows.
const UPSERT: &str = concat!(
    "INSERT OR REPLACE INTO events (",
    columns!(),
    ") VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)"
);

/// An open store. Cheap to share behind an `Arc`; every method is a short blocking call.
pub struct Store {
    path: PathBuf,
    writer: Mutex<Connection>,
    reader: Mutex<Connection>,
}

/// Why a sync's results were not written.
#[derive(Debug, thiserror::Error)]
pub enum SyncWriteError<E> {
    /// The sync itself failed (a page could not be fetched); nothing was written.
    #[error("{0}")]
    Source(E),
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl Store {
    /// Opens (creating or migrating) the database of the account named by `key` in `dir`.
    pub fn open(dir: &Path, key: &str) -> Result<Store, StoreError> {
        let path = files::database_path(dir, key);
        files::prepare(dir, &path)?;
        let mut writer = Connection::open(&path)?;
        writer.busy_timeout(BUSY_TIMEOUT)?;
        // WAL: readers see the last committed state while a sync writes.
        let mode: String =
            writer.pragma_update_and_check(None, "journal_mode", "WAL", |row| row.get(0))?;
        if !mode.eq_ignore_ascii_case("wal") {
            tracing::warn!(mode, "calendar store is not in WAL mode");
        }
        writer.pragma_update(None, "synchronous", "NORMAL")?;
        migrations::migrate(&mut writer)?;
        let reader = Connection::open(&path)?;
        reader.busy_timeout(BUSY_TIMEOUT)?;
        reader.pragma_update(None, "query_only", true)?;
        Ok(Store {
            path,
            writer: Mutex::new(writer),
            reader: Mutex::new(reader),
        })
    }

    /// The database file.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Deletes the store's files (sign-out). Connections still open (this store's, until
    /// it is dropped) only see the unlinked files; nothing is written under this name again
    /// unless the store is opened anew.
    pub fn delete(&self) -> Result<(), StoreError> {
        for file in files::all_files(&self.path) {
            match std::fs::remove_file(&file) {
                Ok(()) => {}
                Err(error) if error.kind() == std::io::ErrorKind::NotFound => {}
                Err(error) => return Err(error.into()),
            }
        }
        Ok(())
    }

    /// Events overlapping `[from_ms, to_ms)`, earliest first.
    pub fn events_between(&self, from_ms: i64, to_ms: i64) -> Result<Vec<StoredEvent>, StoreError> {
        let reader = self.reader();
        let mut statement = reader.prepare_cached(&format!(
            "SELECT {COLUMNS} FROM events WHERE end_ms > ?1 AND start_ms < ?2 \
             ORDER BY start_ms, kind, key"
        ))?;
        let rows = statement.query_map(params![from_ms, to_ms], read_row)?;
        rows.map(|row| row?).collect()
    }

    /// Every stored event, earliest first.
    pub fn all_events(&self) -> Result<Vec<StoredEvent>, StoreError> {
        self.events_between(i64::MIN, i64::MAX)
    }

    pub fn find(&self, kind: EventKind, key: &str) -> Result<Option<StoredEvent>, StoreError> {
        let reader = self.reader();
        let mut statement = reader.prepare_cached(&format!(
            "SELECT {COLUMNS} FROM events WHERE kind = ?1 AND key = ?2"
        ))?;
        statement
            .query_row(params![kind.as_str(), key], read_row)
            .optional()?
            .transpose()
    }

    /// When `range` was last synced successfully (epoch ms), if ever.
    pub fn last_synced(&self, range: SyncRange) -> Result<Option<i64>, StoreError> {
        Ok(self.last_sync(range)?.map(|last| last.synced_at_ms))
    }

    /// The last successful sync of `range` (when, and how far back it reached), if any.
    pub fn last_sync(&self, range: SyncRange) -> Result<Option<LastSync>, StoreError> {
        let reader = self.reader();
        Ok(reader
            .query_row(
                "SELECT synced_at_ms, reached_from_ms FROM sync_ranges \
                 WHERE from_ms = ?1 AND to_ms = ?2",
                params![range.from_ms, range.to_ms],
                |row| {
                    Ok(LastSync {
                        synced_at_ms: row.get(0)?,
                        reached_from_ms: row.get(1)?,
                    })
                },
            )
            .optional()?)
    }

    /// Writes one sync's results for `range` in one transaction: the stored events starting
    /// in the range are replaced by the pages' events and the range is marked synced at
    /// `synced_at_ms`. If a page is an error, nothing changes and the error is returned;
    /// if the caller is cancelled or panics midway, the transaction rolls back.
    /// Returns how many events were written.
    pub fn write_sync<E>(
        &self,
        range: SyncRange,
        pages: impl IntoIterator<Item = Result<impl IntoIterator<Item: Borrow<StoredEvent>>, E>>,
        synced_at_ms: i64,
    ) -> Result<usize, SyncWriteError<E>> {
        self.write_sync_reaching(range, range.from_ms, pages, synced_at_ms)
    }

    /// As [`Store::write_sync`], for a sync that fetched `range` only back to
    /// `reached_from_ms` (an event start, epoch ms; clamped to the range), recorded with
    /// its time in the same transaction as its rows.
    pub fn write_sync_reaching<E>(
        &self,
        range: SyncRange,
        reached_from_ms: i64,
        pages: impl IntoIterator<Item = Result<impl IntoIterator<Item: Borrow<StoredEvent>>, E>>,
        synced_at_ms: i64,
    ) -> Result<usize, SyncWriteError<E>> {
        let reached_from_ms = reached_from_ms.clamp(range.from_ms, range.to_ms);
        let mut writer = self.writer();
        let tx = writer.transaction().map_err(StoreError::from)?;
        tx.execute(
            "DELETE FROM events WHERE start_ms >= ?1 AND start_ms < ?2",
            params![range.from_ms, range.to_ms],
        )
        .map_err(StoreError::from)?;
        let mut written = 0;
        {
            // Prepared once for every row of the sync.
            let mut insert = tx.prepare_cached(UPSERT).map_err(StoreError::from)?;
            for page in pages {
                // Dropping `tx` on this early return rolls the whole sync back.
                let page = page.map_err(SyncWriteError::Source)?;
                for event in page {
                    let event = event.borrow();
                    if (range.from_ms..range.to_ms).contains(&event.start_ms) {
                        insert_row(&mut insert, event)?;
                        written += 1;
                    }
                }
            }
        }
        mark_synced(&tx, range, reached_from_ms, synced_at_ms)?;
        tx.commit().map_err(StoreError::from)?;
        Ok(written)
    }

    /// As [`Store::write_sync_reaching`] for a caller that knows what the store holds (the
    /// rows it last wrote or read, kept in memory): only the difference is written, in one
    /// transaction with the range's sync mark. A re-sync that changed nothing writes no
    /// row. Returns how many rows were removed or written.
    pub fn write_sync_changes<'a>(
        &self,
        range: SyncRange,
        reached_from_ms: i64,
        removed: impl IntoIterator<Item = (EventKind, &'a str)>,
        changed: impl IntoIterator<Item = &'a StoredEvent>,
        synced_at_ms: i64,
    ) -> Result<usize, StoreError> {
        let reached_from_ms = reached_from_ms.clamp(range.from_ms, range.to_ms);
        let mut writer = self.writer();
        let tx = writer.transaction()?;
        let mut written = 0;
        {
            let mut delete =
                tx.prepare_cached("DELETE FROM events WHERE kind = ?1 AND key = ?2")?;
            for (kind, key) in removed {
                delete.execute(params![kind.as_str(), key])?;
                written += 1;
            }
            let mut upsert = tx.prepare_cached(UPSERT)?;
            for event in changed {
                insert_row(&mut upsert, event)?;
                written += 1;
            }
        }
        mark_synced(&tx, range, reached_from_ms, synced_at_ms)?;
        tx.commit()?;
        Ok(written)
    }

    /// Puts a created, edited or freshly fetched event in place (or adds it).
    pub fn upsert(&self, event: &StoredEvent) -> Result<(), StoreError> {
        upsert_in(&self.writer(), event)
    }

    pub fn remove(&self, kind: EventKind, key: &str) -> Result<(), StoreError> {
        self.writer().execute(
            "DELETE FROM events WHERE kind = ?1 AND key = ?2",
            params![kind.as_str(), key],
        )?;
        Ok(())
    }

    fn writer(&self) -> MutexGuard<'_, Connection> {
        // A panic while holding the lock left no half-written state (transactions roll
        // back on drop), so the connection is still good.
        self.writer
            .lock()
            .unwrap_or_else(|poison| poison.into_inner())
    }

    fn reader(&self) -> MutexGuard<'_, Connection> {
        self.reader
            .lock()
            .unwrap_or_else(|poison| poison.into_inner())
    }
}

/// Records that `range` was synced at `synced_at_ms`, back to `reached_from_ms`.
fn mark_synced(
    tx: &rusqlite::Transaction<'_>,
    range: SyncRange,
    reached_from_ms: i64,
    synced_at_ms: i64,
) -> Result<(), StoreError> {
    tx.execute(
        "INSERT INTO sync_ranges (from_ms, to_ms, synced_at_ms, reached_from_ms)
         VALUES (?1, ?2, ?3, ?4)
         ON CONFLICT (from_ms, to_ms) DO UPDATE SET synced_at_ms = excluded.synced_at_ms,
             reached_from_ms = excluded.reached_from_ms",
        params![range.from_ms, range.to_ms, synced_at_ms, reached_from_ms],
    )?;
    Ok(())
}

fn upsert_in(conn: &Connection, event: &StoredEvent) -> Result<(), StoreError> {
    insert_row(&mut conn.prepare_cached(UPSERT)?, event)
}

fn insert_row(insert: &mut CachedStatement<'_>, event: &StoredEvent) -> Result<(), StoreError> {
    let participants = serde_json::to_string(&event.participants)
        .map_err(|error| StoreError::Damaged(error.to_string()))?;
    insert.execute(params![
        event.kind.as_str(),
        event.key,
        event.topic,
        event.start_ms,
        event.end_ms,
        event.timezone,
        event.is_host,
        event.join_link,
        event.agenda,
        participants,
        event.presenter_name,
        event.has_start_link,
    ])?;
    Ok(())
}

/// One row; the outer `Result` is SQLite's, the inner one says whether the row decodes.
fn read_row(row: &Row<'_>) -> rusqlite::Result<Result<StoredEvent, StoreError>> {
    let kind: String = row.get(0)?;
    let participants: String = row.get(9)?;
    let Some(kind) = EventKind::parse(&kind) else {
        return Ok(Err(StoreError::Damaged(format!("unknown kind {kind:?}"))));
    };
    let participants = match serde_json::from_str(&participants) {
        Ok(participants) => participants,
        Err(error) => return Ok(Err(StoreError::Damaged(error.to_string()))),
    };
    Ok(Ok(StoredEvent {
        kind,
        key: row.get(1)?,
        topic: row.get(2)?,
        start_ms: row.get(3)?,
        end_ms: row.get(4)?,
        timezone: row.get(5)?,
        is_host: row.get(6)?,
        join_link: row.get(7)?,
        agenda: row.get(8)?,
        participants,
        presenter_name: row.get(10)?,
        has_start_link: row.get(11)?,
    }))
}

#[cfg(test)]
impl Store {
    /// A store whose schema stops at `version`, as an older zmeet left it.
    pub(crate) fn create_at_version(dir: &Path, key: &str, version: i64) -> Connection {
        let path = files::database_path(dir, key);
        files::prepare(dir, &path).unwrap();
        let mut conn = Connection::open(&path).unwrap();
        migrations::migrate_to(&mut conn, version).unwrap();
        conn
    }
}
