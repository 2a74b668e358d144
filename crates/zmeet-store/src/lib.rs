//! zmeet's local calendar store: the meetings and webinars last synced from Zoho, kept in
//! SQLite so the calendar paints at launch and stays browsable offline.
//!
//! One database file per account and endpoint set (the caller names it by a key; the file
//! name is a hash of it), mode 0600 in a 0700 directory, WAL mode, schema migrations
//! versioned in code. It holds the app's own model of an event — never a start link,
//! password or any other host credential — and the time of the last successful sync of
//! each range, with how far back it reached. A sync's results are written in one
//! transaction: a sync that fails or is cancelled midway leaves the previous rows as they
//! were.

mod error;
mod files;
mod migrations;
mod model;
mod store;

pub use error::StoreError;
pub use files::database_path;
pub use migrations::SCHEMA_VERSION;
pub use model::{EventKind, LastSync, StoredEvent, SyncRange};
pub use store::{Store, SyncWriteError};

#[cfg(test)]
mod tests;
