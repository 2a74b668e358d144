/// Why the store could not be opened, read or written.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("the calendar store's file: {0}")]
    Io(#[from] std::io::Error),
    #[error("the calendar store's database: {0}")]
    Sqlite(#[from] rusqlite::Error),
    /// Written by a newer zmeet: its schema is unknown here, so it is left alone.
    #[error("the calendar store has schema version {found}; this zmeet knows up to {known}")]
    TooNew { found: i64, known: i64 },
    /// A row that does not decode (a hand-edited or damaged file).
    #[error("the calendar store holds a damaged row: {0}")]
    Damaged(String),
}
