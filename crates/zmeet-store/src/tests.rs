//! The store on real SQLite files in temporary directories.

use std::os::unix::fs::PermissionsExt;
use std::sync::{Arc, mpsc};

use rusqlite::params;

use crate::*;

fn event(key: &str, start_ms: i64) -> StoredEvent {
    StoredEvent {
        kind: EventKind::Meeting,
        key: key.to_owned(),
        topic: format!("Topic {key}"),
        start_ms,
        end_ms: start_ms + 3_600_000,
        timezone: "Europe/Berlin".to_owned(),
        is_host: true,
        join_link: Some(format!("https://meeting.zoho.com/join?key={key}")),
        agenda: Some("Agenda".to_owned()),
        participants: vec!["a@example.com".to_owned()],
        presenter_name: Some("Chloe".to_owned()),
        has_start_link: true,
    }
}

fn keys(events: &[StoredEvent]) -> Vec<&str> {
    events.iter().map(|e| e.key.as_str()).collect()
}

fn sync(store: &Store, events: Vec<StoredEvent>, at: i64) -> usize {
    store
        .write_sync::<String>(SyncRange::ALL, [Ok(events)], at)
        .unwrap()
}

#[test]
fn an_empty_file_is_migrated_to_the_current_schema_in_wal_mode() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path(), "acct").unwrap();
    let conn = rusqlite::Connection::open(store.path()).unwrap();
    assert_eq!(migrations::version(&conn), SCHEMA_VERSION);
    let mode: String = conn
        .pragma_query_value(None, "journal_mode", |row| row.get(0))
        .unwrap();
    assert_eq!(mode, "wal");
    assert!(store.all_events().unwrap().is_empty());
    assert_eq!(store.last_synced(SyncRange::ALL).unwrap(), None);
    drop(store);
    // Opening again finds the schema current and changes nothing.
    let store = Store::open(dir.path(), "acct").unwrap();
    assert!(store.all_events().unwrap().is_empty());
}

#[test]
fn a_file_of_the_previous_version_is_migrated_keeping_its_rows() {
    let dir = tempfile::tempdir().unwrap();
    let old = Store::create_at_version(dir.path(), "acct", SCHEMA_VERSION - 1);
    assert_eq!(migrations::version(&old), SCHEMA_VERSION - 1);
    old.execute(
        "INSERT INTO events (kind, key, topic, start_ms, end_ms, timezone, is_host, join_link)
         VALUES ('meeting', 'k1', 'Old', 1000, 2000, 'UTC', 1, NULL)",
        params![],
    )
    .unwrap();
    old.execute(
        "INSERT INTO sync_ranges VALUES (?1, ?2, 42)",
        params![i64::MIN, i64::MAX],
    )
    .unwrap();
    drop(old);

    let store = Store::open(dir.path(), "acct").unwrap();
    let events = store.all_events().unwrap();
    assert_eq!(keys(&events), ["k1"]);
    assert_eq!(events[0].topic, "Old");
    assert!(events[0].participants.is_empty());
    assert!(!events[0].has_start_link);
    assert_eq!(store.last_synced(SyncRange::ALL).unwrap(), Some(42));
    // The new columns work.
    store.upsert(&event("k2", 5000)).unwrap();
    assert_eq!(
        store.find(EventKind::Meeting, "k2").unwrap(),
        Some(event("k2", 5000))
    );
}

#[test]
fn a_file_from_a_newer_zmeet_is_refused_not_damaged() {
    let dir = tempfile::tempdir().unwrap();
    drop(Store::open(dir.path(), "acct").unwrap());
    let path = database_path(dir.path(), "acct");
    let conn = rusqlite::Connection::open(&path).unwrap();
    conn.pragma_update(None, "user_version", SCHEMA_VERSION + 1)
        .unwrap();
    drop(conn);
    match Store::open(dir.path(), "acct") {
        Err(StoreError::TooNew { found, known }) => {
            assert_eq!((found, known), (SCHEMA_VERSION + 1, SCHEMA_VERSION))
        }
        other => panic!("expected TooNew, got {:?}", other.map(|_| ())),
    }
}

#[test]
fn a_sync_replaces_the_rows_and_records_its_time() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path(), "acct").unwrap();
    assert_eq!(
        sync(&store, vec![event("b", 2000), event("a", 1000)], 10),
        2
    );
    assert_eq!(keys(&store.all_events().unwrap()), ["a", "b"]);
    assert_eq!(sync(&store, vec![event("c", 500)], 20), 1);
    assert_eq!(keys(&store.all_events().unwrap()), ["c"]);
    assert_eq!(store.last_synced(SyncRange::ALL).unwrap(), Some(20));
    // A range sync only touches events starting inside it.
    let range = SyncRange {
        from_ms: 0,
        to_ms: 1000,
    };
    store
        .write_sync::<String>(range, [Ok(vec![event("d", 600)])], 30)
        .unwrap();
    assert_eq!(store.last_synced(range).unwrap(), Some(30));
    assert_eq!(store.last_synced(SyncRange::ALL).unwrap(), Some(20));
    store.upsert(&event("e", 5000)).unwrap();
    store
        .write_sync::<String>(range, [Ok(Vec::<StoredEvent>::new())], 40)
        .unwrap();
    assert_eq!(keys(&store.all_events().unwrap()), ["e"]);
    // Overlap, not start, decides what a calendar range shows.
    assert_eq!(
        keys(&store.events_between(5000 + 3_599_999, 1 << 50).unwrap()),
        ["e"]
    );
    assert!(
        store
            .events_between(5000 + 3_600_000, 1 << 50)
            .unwrap()
            .is_empty()
    );
}

#[test]
fn a_sync_that_fails_on_a_page_leaves_the_previous_rows() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path(), "acct").unwrap();
    sync(&store, vec![event("old1", 1000), event("old2", 2000)], 10);
    let pages: Vec<Result<Vec<StoredEvent>, String>> = vec![
        Ok(vec![event("new1", 1)]),
        Ok(vec![event("new2", 2)]),
        Err("connection reset on page 3".to_owned()),
        Ok(vec![event("new4", 4)]),
    ];
    match store.write_sync(SyncRange::ALL, pages, 20) {
        Err(SyncWriteError::Source(reason)) => assert!(reason.contains("page 3")),
        other => panic!("expected the page's error, got {other:?}"),
    }
    assert_eq!(keys(&store.all_events().unwrap()), ["old1", "old2"]);
    assert_eq!(store.last_synced(SyncRange::ALL).unwrap(), Some(10));
    // Also as seen from another connection (another process).
    let other = Store::open(dir.path(), "acct").unwrap();
    assert_eq!(keys(&other.all_events().unwrap()), ["old1", "old2"]);
}

#[test]
fn a_sync_cancelled_by_a_panic_midway_leaves_the_previous_rows() {
    let dir = tempfile::tempdir().unwrap();
    let store = Arc::new(Store::open(dir.path(), "acct").unwrap());
    sync(&store, vec![event("old", 1000)], 10);
    let writer = Arc::clone(&store);
    let outcome = std::thread::spawn(move || {
        let pages = (0..5).map(|page| {
            assert!(page < 2, "the sync is cancelled while writing page {page}");
            Ok::<_, String>(vec![event(&format!("new{page}"), page)])
        });
        writer.write_sync(SyncRange::ALL, pages, 20)
    })
    .join();
    assert!(outcome.is_err(), "the writer thread panicked");
    assert_eq!(keys(&store.all_events().unwrap()), ["old"]);
    assert_eq!(store.last_synced(SyncRange::ALL).unwrap(), Some(10));
    // The store is still writable after the interrupted sync.
    sync(&store, vec![event("after", 3)], 30);
    assert_eq!(keys(&store.all_events().unwrap()), ["after"]);
}

#[test]
fn readers_see_the_previous_rows_while_a_sync_writes_then_the_new_ones() {
    let dir = tempfile::tempdir().unwrap();
    let store = Arc::new(Store::open(dir.path(), "acct").unwrap());
    sync(&store, vec![event("old", 1000)], 10);

    // The sync writes page 1, then waits (mid-transaction) until the readers have looked.
    let (page_written, wait_page_written) = mpsc::channel::<()>();
    let (readers_done, wait_readers_done) = mpsc::channel::<()>();
    let writer = Arc::clone(&store);
    let sync_thread = std::thread::spawn(move || {
        let pages = (0..3).map(move |page| {
            if page == 1 {
                page_written.send(()).unwrap();
                wait_readers_done.recv().unwrap();
            }
            Ok::<_, String>(vec![event(&format!("new{page}"), page)])
        });
        writer.write_sync(SyncRange::ALL, pages, 20).unwrap()
    });
    wait_page_written.recv().unwrap();
    // The same store's reader and another process's connection, from several threads.
    let readers: Vec<_> = (0..4)
        .map(|i| {
            let store = Arc::clone(&store);
            let dir = dir.path().to_owned();
            std::thread::spawn(move || {
                let seen = if i % 2 == 0 {
                    store.all_events().unwrap()
                } else {
                    Store::open(&dir, "acct").unwrap().all_events().unwrap()
                };
                (
                    keys(&seen).join(","),
                    store.last_synced(SyncRange::ALL).unwrap(),
                )
            })
        })
        .collect();
    for reader in readers {
        assert_eq!(reader.join().unwrap(), ("old".to_owned(), Some(10)));
    }
    readers_done.send(()).unwrap();
    assert_eq!(sync_thread.join().unwrap(), 3);
    assert_eq!(keys(&store.all_events().unwrap()), ["new0", "new1", "new2"]);
    assert_eq!(store.last_synced(SyncRange::ALL).unwrap(), Some(20));
}

#[test]
fn the_directory_is_0700_and_every_file_0600() {
    let base = tempfile::tempdir().unwrap();
    let dir = base.path().join("data").join("zmeet");
    // A directory that already exists with a loose mode is tightened.
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o755)).unwrap();
    let store = Store::open(&dir, "acct").unwrap();
    sync(&store, vec![event("a", 1)], 1);
    let mode =
        |path: &std::path::Path| std::fs::metadata(path).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode(&dir), 0o700);
    let files = files::all_files(store.path());
    for file in &files {
        assert!(file.exists(), "{} exists in WAL mode", file.display());
        assert_eq!(mode(file), 0o600, "{}", file.display());
    }
    // The file name is a hash: the key (hosts, ids) never shapes the path.
    let name = store
        .path()
        .file_name()
        .unwrap()
        .to_str()
        .unwrap()
        .to_owned();
    assert!(name.starts_with("calendar-") && !name.contains("acct"));
    assert_ne!(database_path(&dir, "acct"), database_path(&dir, "acct2"));
}

#[test]
fn deleting_removes_every_file_and_leaves_other_accounts() {
    let dir = tempfile::tempdir().unwrap();
    let mine = Store::open(dir.path(), "mine").unwrap();
    let theirs = Store::open(dir.path(), "theirs").unwrap();
    sync(&mine, vec![event("a", 1)], 1);
    sync(&theirs, vec![event("b", 1)], 1);
    let files = files::all_files(mine.path());
    mine.delete().unwrap();
    drop(mine);
    for file in &files {
        assert!(!file.exists(), "{} is gone", file.display());
    }
    assert_eq!(keys(&theirs.all_events().unwrap()), ["b"]);
    // Signing in again starts empty.
    let again = Store::open(dir.path(), "mine").unwrap();
    assert!(again.all_events().unwrap().is_empty());
}

#[test]
fn upsert_and_remove_change_one_event() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path(), "acct").unwrap();
    sync(&store, vec![event("a", 1000), event("b", 2000)], 1);
    let mut moved = event("a", 3000);
    moved.topic = "Moved".into();
    store.upsert(&moved).unwrap();
    store.remove(EventKind::Meeting, "b").unwrap();
    // Same key, other kind: a different event.
    let webinar = StoredEvent {
        kind: EventKind::Webinar,
        ..event("a", 0)
    };
    store.upsert(&webinar).unwrap();
    let events = store.all_events().unwrap();
    assert_eq!(events, vec![webinar, moved]);
}

#[test]
fn a_file_of_version_2_is_migrated_with_its_sync_time_kept_and_its_reach_unknown() {
    let dir = tempfile::tempdir().unwrap();
    let old = Store::create_at_version(dir.path(), "acct", 2);
    old.execute(
        "INSERT INTO sync_ranges VALUES (?1, ?2, 42)",
        params![i64::MIN, i64::MAX],
    )
    .unwrap();
    drop(old);

    let store = Store::open(dir.path(), "acct").unwrap();
    let conn = rusqlite::Connection::open(store.path()).unwrap();
    assert_eq!(migrations::version(&conn), SCHEMA_VERSION);
    assert_eq!(
        store.last_sync(SyncRange::ALL).unwrap(),
        Some(LastSync {
            synced_at_ms: 42,
            reached_from_ms: None,
        })
    );
    // The next sync records its reach.
    store
        .write_sync_reaching::<String>(SyncRange::ALL, 7_000, [Ok(Vec::<StoredEvent>::new())], 50)
        .unwrap();
    assert_eq!(
        store.last_sync(SyncRange::ALL).unwrap(),
        Some(LastSync {
            synced_at_ms: 50,
            reached_from_ms: Some(7_000),
        })
    );
}

#[test]
fn a_sync_records_how_far_back_it_reached_clamped_to_its_range() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path(), "acct").unwrap();
    assert_eq!(store.last_sync(SyncRange::ALL).unwrap(), None);
    store
        .write_sync_reaching::<String>(SyncRange::ALL, 1_000, [Ok(vec![event("a", 1_500)])], 10)
        .unwrap();
    let last = store.last_sync(SyncRange::ALL).unwrap().unwrap();
    assert_eq!((last.synced_at_ms, last.reached_from_ms), (10, Some(1_000)));
    // A sync of the whole range reached its start.
    sync(&store, vec![], 20);
    assert_eq!(
        store
            .last_sync(SyncRange::ALL)
            .unwrap()
            .unwrap()
            .reached_from_ms,
        Some(i64::MIN)
    );
    // A reach outside the range is the range's edge.
    let range = SyncRange {
        from_ms: 100,
        to_ms: 200,
    };
    store
        .write_sync_reaching::<String>(range, 50, [Ok(Vec::<StoredEvent>::new())], 30)
        .unwrap();
    assert_eq!(
        store.last_sync(range).unwrap().unwrap().reached_from_ms,
        Some(100)
    );
    // Seen the same from another connection (the next launch).
    drop(store);
    let store = Store::open(dir.path(), "acct").unwrap();
    assert_eq!(
        store.last_sync(range).unwrap(),
        Some(LastSync {
            synced_at_ms: 30,
            reached_from_ms: Some(100),
        })
    );
}

#[test]
fn a_failed_sync_keeps_the_previous_time_and_reach_with_its_rows() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path(), "acct").unwrap();
    store
        .write_sync_reaching::<String>(SyncRange::ALL, 1_000, [Ok(vec![event("old", 1_500)])], 10)
        .unwrap();
    let pages: Vec<Result<Vec<StoredEvent>, String>> = vec![
        Ok(vec![event("new", 600)]),
        Err("connection reset on page 2".to_owned()),
    ];
    assert!(
        store
            .write_sync_reaching(SyncRange::ALL, 500, pages, 20)
            .is_err()
    );
    assert_eq!(keys(&store.all_events().unwrap()), ["old"]);
    assert_eq!(
        store.last_sync(SyncRange::ALL).unwrap(),
        Some(LastSync {
            synced_at_ms: 10,
            reached_from_ms: Some(1_000),
        })
    );
}

#[test]
fn the_sync_record_is_committed_with_the_rows_in_one_transaction() {
    // A reader on another connection, looking while the sync is mid-transaction, sees the
    // old rows with the old record; after the commit, the new rows with the new record.
    let dir = tempfile::tempdir().unwrap();
    let store = Arc::new(Store::open(dir.path(), "acct").unwrap());
    store
        .write_sync_reaching::<String>(SyncRange::ALL, 1_000, [Ok(vec![event("old", 1_500)])], 10)
        .unwrap();
    let (page_written, wait_page_written) = mpsc::channel::<()>();
    let (looked, wait_looked) = mpsc::channel::<()>();
    let writer = Arc::clone(&store);
    let sync_thread = std::thread::spawn(move || {
        let pages = (0..2).map(move |page| {
            if page == 1 {
                page_written.send(()).unwrap();
                wait_looked.recv().unwrap();
            }
            Ok::<_, String>(vec![event(&format!("new{page}"), 600 + page)])
        });
        writer.write_sync_reaching(SyncRange::ALL, 500, pages, 20)
    });
    wait_page_written.recv().unwrap();
    let reader = Store::open(dir.path(), "acct").unwrap();
    let seen = |store: &Store| {
        let last = store.last_sync(SyncRange::ALL).unwrap().unwrap();
        (
            keys(&store.all_events().unwrap())
                .into_iter()
                .map(str::to_owned)
                .collect::<Vec<_>>(),
            last.synced_at_ms,
            last.reached_from_ms,
        )
    };
    assert_eq!(seen(&reader), (vec!["old".to_owned()], 10, Some(1_000)));
    looked.send(()).unwrap();
    sync_thread.join().unwrap().unwrap();
    assert_eq!(
        seen(&reader),
        (vec!["new0".to_owned(), "new1".to_owned()], 20, Some(500))
    );
}

#[test]
fn a_sync_of_changes_writes_only_them_and_records_its_time() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path(), "acct").unwrap();
    sync(&store, vec![event("a", 1000), event("b", 2000)], 10);
    let mut moved = event("b", 3000);
    moved.topic = "Moved".to_owned();
    let added = event("c", 500);
    let written = store
        .write_sync_changes(
            SyncRange::ALL,
            0,
            [(EventKind::Meeting, "a")],
            [&moved, &added],
            20,
        )
        .unwrap();
    assert_eq!(written, 3);
    assert_eq!(store.all_events().unwrap(), vec![added, moved]);
    assert_eq!(store.last_synced(SyncRange::ALL).unwrap(), Some(20));
    // Nothing changed: no row written, the sync still recorded.
    let none: [&StoredEvent; 0] = [];
    assert_eq!(
        store
            .write_sync_changes(SyncRange::ALL, 0, [], none, 30)
            .unwrap(),
        0
    );
    assert_eq!(keys(&store.all_events().unwrap()), ["c", "b"]);
    assert_eq!(store.last_synced(SyncRange::ALL).unwrap(), Some(30));
}
