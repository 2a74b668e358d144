//! A sync over real HTTP to the simulator that is cut off midway (a connection reset on
//! page 3 of 5, and on each retry of it) leaves the store exactly as the previous sync
//! left it; the next good sync brings the store up to the server's state.

use std::sync::Arc;
use std::time::Duration;

use zmeet_store::{EventKind, Store, StoredEvent, SyncRange, SyncWriteError};
use zoho_core::store::MemoryStore;
use zoho_core::{
    Endpoints, ListType, Meeting, RedirectKind, Secret, Session, ZohoClient, ZohoConfig,
};
use zoho_sim::{FaultConfig, SimConfig, Simulator, TargetedAction, TargetedFault};

const PAGE_SIZE: u32 = 10;

async fn signed_in(sim: &Simulator) -> Session {
    let info = sim.info().clone();
    let mut config = ZohoConfig::new(
        info.client_id.clone(),
        Some(Secret::new(info.client_secret.clone())),
    );
    config.endpoints = Endpoints::from_maps(&info.accounts, &info.meeting).unwrap();
    config.paging.page_size = PAGE_SIZE;
    config.http.retry_backoff = Duration::from_millis(10);
    let client = ZohoClient::new(config, Arc::new(MemoryStore::new())).unwrap();
    let pending = client.begin_sign_in(RedirectKind::DeepLink).await.unwrap();
    let redirect = zoho_sim::browser::accept(pending.authorization_url().as_str())
        .await
        .unwrap();
    client
        .complete_sign_in(&pending, &redirect)
        .await
        .unwrap()
        .session
}

/// The app keeps its own model; this test needs only a faithful enough copy of it.
fn stored(meeting: &Meeting) -> StoredEvent {
    let start = meeting.start.expect("listed meetings have a start");
    StoredEvent {
        kind: EventKind::Meeting,
        key: meeting.key.clone(),
        topic: meeting.topic.clone().unwrap_or_default(),
        start_ms: start.timestamp_millis(),
        end_ms: meeting.end.unwrap_or(start).timestamp_millis(),
        timezone: meeting.timezone.clone().unwrap_or_default(),
        is_host: true,
        join_link: meeting.join_link.clone(),
        agenda: meeting.agenda.clone(),
        participants: Vec::new(),
        presenter_name: meeting.presenter_name.clone(),
        has_start_link: meeting.start_link.is_some(),
    }
}

/// One sync as the app runs it: list everything, then write it in one transaction.
async fn sync(session: &Session, store: &Store, at: i64) -> Result<usize, String> {
    let listed = session
        .list_meetings(ListType::All)
        .await
        .map(|listing| listing.items.iter().map(stored).collect::<Vec<_>>())
        .map_err(|error| error.to_string());
    store
        .write_sync(SyncRange::ALL, [listed], at)
        .map_err(|error| match error {
            SyncWriteError::Source(reason) => reason,
            SyncWriteError::Store(error) => panic!("the store failed: {error}"),
        })
}

fn keys(store: &Store) -> Vec<String> {
    let mut keys: Vec<_> = store
        .all_events()
        .unwrap()
        .into_iter()
        .map(|e| e.key)
        .collect();
    keys.sort();
    keys
}

#[tokio::test]
async fn a_reset_on_page_3_of_5_leaves_the_previous_rows() {
    let sim = Simulator::start(SimConfig {
        seed: 11,
        meetings: 49,
        webinars: 0,
        ..SimConfig::default()
    })
    .await
    .unwrap();
    let session = signed_in(&sim).await;
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path(), "sim-account").unwrap();

    assert_eq!(sync(&session, &store, 1_000).await, Ok(49));
    let before = keys(&store);
    let before_rows = store.all_events().unwrap();

    // The server changes: one more meeting makes the list exactly 5 pages of 10.
    let new = zoho_core::NewMeeting {
        topic: "Added after the first sync".into(),
        agenda: None,
        start: sim.now() + chrono::Duration::days(1),
        duration_minutes: 30,
        timezone: "UTC".into(),
        participants: Vec::new(),
        presenter: None,
    };
    let created = session.create_meeting(&new).await.unwrap();

    let list_path = "/sessions.json";
    sim.set_faults(FaultConfig {
        targeted: vec![TargetedFault {
            method: Some("GET".into()),
            path_suffix: list_path.into(),
            nth: 3,
            // The page and both of zoho-core's retries of it.
            times: 3,
            action: TargetedAction::Reset,
        }],
        ..FaultConfig::default()
    });
    sim.clear_requests();
    let failed = sync(&session, &store, 2_000).await;
    assert!(failed.is_err(), "the sync fails: {failed:?}");
    let lists: Vec<_> = sim
        .requests()
        .into_iter()
        .filter(|r| r.method == "GET" && r.path.ends_with(list_path))
        .collect();
    let faults: Vec<_> = lists.iter().map(|r| r.fault.as_deref()).collect();
    assert_eq!(
        faults,
        [None, None, Some("reset"), Some("reset"), Some("reset")],
        "pages 1 and 2 arrived, page 3 was reset (and its retries); pages 4 and 5 never asked"
    );
    assert_eq!(keys(&store), before, "the previous rows are intact");
    assert_eq!(store.all_events().unwrap(), before_rows);
    assert_eq!(store.last_synced(SyncRange::ALL).unwrap(), Some(1_000));

    sim.set_faults(FaultConfig::default());
    assert_eq!(sync(&session, &store, 3_000).await, Ok(50));
    let mut expected = before;
    expected.push(created.key);
    expected.sort();
    assert_eq!(
        keys(&store),
        expected,
        "the store equals the server's state"
    );
    assert_eq!(store.last_synced(SyncRange::ALL).unwrap(), Some(3_000));
    sim.shutdown().await;
}
