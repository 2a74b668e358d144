//! The schema, as numbered steps kept in `PRAGMA user_version`. A new version appends a
//! step; released steps never change.

use rusqlite::Connection;

use crate::error::StoreError;

/// Each step takes the schema from version `i` to `i + 1`.
const STEPS: &[&str] = &[
    // 1: the calendar's events and the last successful sync of each range.
    "CREATE TABLE events (
        kind TEXT NOT NULL CHECK (kind IN ('meeting', 'webinar')),
        key TEXT NOT NULL,
        topic TEXT NOT NULL,
        start_ms INTEGER NOT NULL,
        end_ms INTEGER NOT NULL,
        timezone TEXT NOT NULL,
        is_host INTEGER NOT NULL,
        join_link TEXT,
        PRIMARY KEY (kind, key)
    ) WITHOUT ROWID;
    CREATE INDEX events_by_start ON events (start_ms);
    CREATE TABLE sync_ranges (
        from_ms INTEGER NOT NULL,
        to_ms INTEGER NOT NULL,
        synced_at_ms INTEGER NOT NULL,
        PRIMARY KEY (from_ms, to_ms)
    );",
    // 2: what the detail view shows, so it works offline too.
    "ALTER TABLE events ADD COLUMN agenda TEXT;
    ALTER TABLE events ADD COLUMN participants TEXT NOT NULL DEFAULT '[]';
    ALTER TABLE events ADD COLUMN presenter_name TEXT;
    ALTER TABLE events ADD COLUMN has_start_link INTEGER NOT NULL DEFAULT 0;",
    // 3: how far back each range's last sync reached (the earliest start time it fetched),
    // so a launch knows which past it can show without syncing again. NULL: not recorded
    // (a sync written by an older zmeet).
    "ALTER TABLE sync_ranges ADD COLUMN reached_from_ms INTEGER;",
];

/// The schema version this build writes.
pub const SCHEMA_VERSION: i64 = STEPS.len() as i64;

/// Brings the database up to [`SCHEMA_VERSION`], each step in its own transaction.
pub(crate) fn migrate(conn: &mut Connection) -> Result<(), StoreError> {
    migrate_to(conn, SCHEMA_VERSION)
}

/// Brings the database up to `target` (tests stop early to build an older file).
pub(crate) fn migrate_to(conn: &mut Connection, target: i64) -> Result<(), StoreError> {
    let found: i64 = conn.pragma_query_value(None, "user_version", |row| row.get(0))?;
    if found > SCHEMA_VERSION {
        return Err(StoreError::TooNew {
            found,
            known: SCHEMA_VERSION,
        });
    }
    for version in found..target.min(SCHEMA_VERSION) {
        let tx = conn.transaction()?;
        tx.execute_batch(STEPS[version as usize])?;
        tx.pragma_update(None, "user_version", version + 1)?;
        tx.commit()?;
        tracing::info!(version = version + 1, "calendar store migrated");
    }
    Ok(())
}

#[cfg(test)]
pub(crate) fn version(conn: &Connection) -> i64 {
    conn.pragma_query_value(None, "user_version", |row| row.get(0))
        .unwrap()
}
