//! The services driven as the shell drives them, over in-memory fakes and the demo
//! simulator (real HTTP, real SQLite in a temporary directory; no display).

use std::sync::Arc;

use chrono::{Duration as Days, Utc};

use super::fakes::{RecordedEvents, core, core_in};
use super::{AppCore, AppEvent};
use crate::account::SignInState;
use crate::calendar::{EventInput, EventKind, input_to_new};
use crate::connection::ConnectionState;
use crate::error::{AppError, ErrorCode};

fn is_data_changed(event: &AppEvent) -> bool {
    matches!(event, AppEvent::DataChanged)
}

fn statuses(events: &[AppEvent]) -> Vec<SignInState> {
    events
        .iter()
        .filter_map(|event| match event {
            AppEvent::SessionStatus(status) => Some(status.state),
            _ => None,
        })
        .collect()
}

fn input(topic: &str) -> EventInput {
    let tomorrow = Utc::now() + Days::days(1);
    EventInput {
        topic: topic.to_owned(),
        agenda: String::new(),
        date: tomorrow.format("%Y-%m-%d").to_string(),
        time: "10:00".into(),
        duration_minutes: 30,
        timezone: "UTC".into(),
        participants: Vec::new(),
    }
}

/// A core connected in demo mode, signed in, synced once.
async fn synced_demo() -> (Arc<AppCore>, Arc<RecordedEvents>) {
    let (core, events, _desktop) = core();
    core.connect().await;
    core.ensure_synced(false, None).await.unwrap();
    events.take();
    (core, events)
}

#[tokio::test]
async fn connect_signs_in_to_the_demo_and_a_sync_fills_the_cache() {
    let (core, events, _desktop) = core();
    core.connect().await;
    assert!(matches!(
        core.connection.current(),
        ConnectionState::Ready { .. }
    ));
    let connected = events.take();
    assert_eq!(
        statuses(&connected),
        [SignInState::Connecting, SignInState::SignedIn]
    );
    assert!(connected.iter().any(is_data_changed));
    // Nothing stored yet: the first request syncs.
    assert!(!core.cache.lock().await.is_synced());
    core.ensure_synced(false, None).await.unwrap();
    let synced = events.take();
    let progress: Vec<_> = synced
        .iter()
        .filter_map(|event| match event {
            AppEvent::SyncProgress(progress) => Some((progress.running, progress.loaded)),
            _ => None,
        })
        .collect();
    let count = core.cache.lock().await.all().len();
    assert!(count > 0, "the demo has meetings");
    assert_eq!(progress, [(true, 0), (false, count as u32)]);
    assert!(synced.iter().any(is_data_changed));
    assert!(core.connection_status().last_synced_ms.is_some());
    // Fresh: a second call does not sync again.
    core.ensure_synced(false, None).await.unwrap();
    assert!(events.take().is_empty());
}

#[tokio::test]
async fn a_second_run_paints_from_the_store_before_any_sync() {
    let (core, _events, desktop) = core();
    core.connect().await;
    core.ensure_synced(false, None).await.unwrap();
    let synced = core.cache.lock().await.all().len();
    drop(core);

    let (again, events, _desktop) = core_in(desktop);
    again.connect().await;
    // Served from the store at once; the background sync follows.
    let cache = again.cache.lock().await;
    assert!(cache.is_synced());
    assert_eq!(cache.all().len(), synced);
    drop(cache);
    let stored = again.connection_status().last_synced_ms;
    assert!(stored.is_some(), "the last sync time comes from the store");
    events
        .wait_for(|event| matches!(event, AppEvent::SyncProgress(p) if !p.running))
        .await;
}

#[tokio::test]
async fn a_launch_holds_the_sync_after_the_store_until_it_has_painted() {
    let (core, _events, desktop) = core();
    core.connect().await;
    core.ensure_synced(false, None).await.unwrap();
    drop(core);

    let (again, events, _desktop) = core_in(desktop);
    again.hold_sync_until_painted();
    again.connect().await;
    assert!(
        again.cache.lock().await.is_synced(),
        "painted from the store"
    );
    // The sync spawned by the connect has had every chance to start (one thread: it runs
    // only while this test yields).
    for _ in 0..20 {
        tokio::task::yield_now().await;
    }
    let is_progress = |event: &AppEvent| matches!(event, AppEvent::SyncProgress(_));
    assert!(!events.take().iter().any(is_progress), "held: no sync yet");
    again.painted();
    events
        .wait_for(|event| matches!(event, AppEvent::SyncProgress(p) if !p.running))
        .await;
}

#[tokio::test]
async fn sign_out_ends_the_generation_and_deletes_the_local_copy() {
    let (core, events) = synced_demo().await;
    let before = core.connection.ticket();
    core.sign_out().await.unwrap();
    assert!(!core.connection.is_current(&before));
    assert!(matches!(
        core.connection.current(),
        ConnectionState::SignedOut
    ));
    assert!(!core.cache.lock().await.is_synced());
    let after = events.take();
    assert_eq!(statuses(&after), [SignInState::SignedOut]);
    assert!(after.iter().any(is_data_changed));
    // Signed out is a state: a sync then says so and writes nothing.
    let error = core.ensure_synced(true, None).await.unwrap_err();
    assert_eq!(error.code, ErrorCode::SignedOut);
    assert!(!core.cache.lock().await.is_synced());
}

#[tokio::test]
async fn create_reschedule_and_delete_keep_the_cache_and_announce() {
    let (core, events) = synced_demo().await;
    let new = input_to_new(&input("Planning")).unwrap();
    let created = core.create(EventKind::Meeting, new).await.unwrap();
    assert!(events.take().iter().any(is_data_changed));
    assert!(
        core.cache
            .lock()
            .await
            .find(EventKind::Meeting, &created.key)
            .is_some()
    );

    let start = created.start_ms + 3_600_000.0;
    let moved = core
        .reschedule(
            EventKind::Meeting,
            created.key.clone(),
            start,
            start + 1_800_000.0,
        )
        .await
        .unwrap();
    assert_eq!(moved.start_ms, start);
    let cache = core.cache.lock().await;
    let (cached, _) = cache.find(EventKind::Meeting, &created.key).unwrap();
    assert_eq!(cached.start_ms, start);
    drop(cache);

    core.delete(EventKind::Meeting, created.key.clone())
        .await
        .unwrap();
    assert!(
        core.cache
            .lock()
            .await
            .find(EventKind::Meeting, &created.key)
            .is_none()
    );
    assert!(events.take().iter().any(is_data_changed));
}

#[tokio::test]
async fn rescheduling_an_event_the_calendar_does_not_have_names_it() {
    let (core, _events) = synced_demo().await;
    let error = core
        .reschedule(EventKind::Meeting, "no-such-key".into(), 0.0, 60_000.0)
        .await
        .unwrap_err();
    assert_eq!(error.code, ErrorCode::NotFound);
}

#[tokio::test]
async fn an_answer_after_a_new_connect_is_not_cached() {
    let (core, _events) = synced_demo().await;
    let old = core.connection.ticket();
    let saved = core
        .with_session(|session| async move {
            let meeting = session
                .create_meeting(&input_to_new(&input("Late")).unwrap())
                .await?;
            Ok((meeting, session.account().zuid.clone()))
        })
        .await
        .unwrap();
    core.connect().await;
    let key = saved.0.key.clone();
    let event = core
        .store_and_announce(EventKind::Meeting, &old, saved)
        .await
        .unwrap();
    // Returned to the form that asked, but not in the new generation's cache.
    assert_eq!(event.key, key);
    assert!(
        core.cache
            .lock()
            .await
            .find(EventKind::Meeting, &key)
            .is_none()
    );
}

#[tokio::test]
async fn offline_refuses_changes_until_a_call_gets_through() {
    let (core, events) = synced_demo().await;
    let unreachable = AppError::new(ErrorCode::Network, "connection refused");
    core.record_failure(&unreachable);
    assert!(core.connection_status().offline);
    let refused = core
        .create(EventKind::Meeting, input_to_new(&input("Offline")).unwrap())
        .await
        .unwrap_err();
    assert_eq!(refused.code, ErrorCode::Offline);
    let error = core
        .delete(EventKind::Meeting, "1".into())
        .await
        .unwrap_err();
    assert_eq!(error.code, ErrorCode::Offline);
    // Zoho answering no is not being offline.
    core.record_failure(&AppError::new(ErrorCode::NotFound, "gone"));
    assert_eq!(core.connectivity.failures(), 1);

    core.ensure_synced(true, None).await.unwrap();
    assert!(!core.connection_status().offline);
    let offline_flags: Vec<bool> = events
        .take()
        .iter()
        .filter_map(|event| match event {
            AppEvent::ConnectionStatus(status) => Some(status.offline),
            _ => None,
        })
        .collect();
    assert_eq!(
        offline_flags,
        [true, false, false],
        "offline, online, new sync time"
    );
}

#[tokio::test]
async fn the_retry_loop_brings_the_app_back_online() {
    let (core, events) = synced_demo().await;
    tokio::spawn(Arc::clone(&core).retry_while_offline());
    core.record_failure(&AppError::new(ErrorCode::Network, "connection refused"));
    events
        .wait_for(|event| matches!(event, AppEvent::ConnectionStatus(status) if !status.offline))
        .await;
    assert_eq!(core.connectivity.failures(), 0);
}

#[tokio::test]
async fn a_lost_create_is_found_when_zoho_made_it_and_reported_when_not() {
    let (core, _events) = synced_demo().await;
    let new = input_to_new(&input("Made after all")).unwrap();
    let known = core.known_keys(EventKind::Meeting).await;
    let sent = new.clone();
    let made = core
        .with_session(|session| async move { Ok(session.create_meeting(&sent).await?) })
        .await
        .unwrap();
    let lost = AppError::new(ErrorCode::Network, "connection reset");
    let found = core
        .after_lost_create(EventKind::Meeting, &new, &known, lost.clone())
        .await
        .unwrap();
    assert_eq!(found.key, made.key);

    let never = input_to_new(&input("Never made")).unwrap();
    let known = core.known_keys(EventKind::Meeting).await;
    let error = core
        .after_lost_create(EventKind::Meeting, &never, &known, lost)
        .await
        .unwrap_err();
    assert_eq!(error.code, ErrorCode::Network);
    assert!(
        error.message.contains("nothing was created"),
        "{}",
        error.message
    );
}

#[tokio::test]
async fn a_signed_out_answer_forgets_the_session_once() {
    let (core, events) = synced_demo().await;
    let answer: Result<(), AppError> = core
        .with_session(|_session| async {
            Err(AppError::new(ErrorCode::SignedOut, "the token was revoked"))
        })
        .await;
    assert_eq!(answer.unwrap_err().code, ErrorCode::SignedOut);
    assert!(matches!(
        core.connection.current(),
        ConnectionState::SignedOut
    ));
    assert!(!core.cache.lock().await.is_synced());
    assert_eq!(statuses(&events.take()), [SignInState::SignedOut]);
    assert_eq!(core.status().await.state, SignInState::SignedOut);
}

#[tokio::test]
async fn only_web_links_reach_the_browser() {
    let (core, _events, desktop) = core();
    let refused = core.open_in_browser("file:///etc/passwd").unwrap_err();
    assert_eq!(refused.code, ErrorCode::LinkRefused);
    core.open_in_browser("https://meeting.example/join")
        .unwrap();
    let opened = desktop.opened.lock().unwrap().clone();
    assert_eq!(opened.len(), 1);
    assert_eq!(opened[0].0, "https://meeting.example/join");
}

#[tokio::test]
async fn the_status_while_connecting_plans_the_demo() {
    let (core, _events, _desktop) = core();
    let status = core.status().await;
    assert_eq!(status.state, SignInState::Connecting);
    assert_eq!(status.mode, crate::account::Mode::Demo);
    let not_yet = core.account().await.err().map(|error| error.code);
    assert_eq!(not_yet, Some(ErrorCode::NotReady));
}

#[tokio::test]
async fn a_broken_settings_file_fails_the_connect_with_its_reason() {
    let (core, events, desktop) = core();
    std::fs::write(desktop.dir.path().join("settings.json"), "{ not json").unwrap();
    core.connect().await;
    let ConnectionState::Failed(problem) = core.connection.current() else {
        panic!("the connect should fail");
    };
    assert_eq!(problem.code, ErrorCode::Config);
    let status = core.status().await;
    assert_eq!(status.state, SignInState::SignedOut);
    assert_eq!(status.problem.map(|p| p.code), Some(ErrorCode::Config));
    assert_eq!(
        statuses(&events.take()),
        [SignInState::Connecting, SignInState::SignedOut]
    );
}

#[tokio::test]
async fn the_background_loop_runs_its_tick_once_signed_in() {
    let (core, _events, _desktop) = core();
    let (ticked, mut ticks) = tokio::sync::mpsc::unbounded_channel();
    tokio::spawn(Arc::clone(&core).keep_fresh(move || {
        let ticked = ticked.clone();
        async move {
            ticked.send(()).ok();
        }
    }));
    core.connect().await;
    ticks.recv().await.unwrap();
    // The tick synced first.
    assert!(core.cache.lock().await.is_synced());
}

#[tokio::test]
async fn a_covered_range_does_not_wait_for_a_sync_under_way() {
    use futures_util::FutureExt;
    let (core, events) = synced_demo().await;
    let now = Utc::now().timestamp_millis() as f64;
    // A sync under way (the one a launch starts after painting from the store).
    let syncing = core.sync_lock.lock().await;
    let served = core
        .ensure_synced_from(false, None, Some(now))
        .now_or_never();
    assert!(matches!(served, Some(Ok(()))), "covered: served at once");
    assert!(events.take().is_empty(), "covered: no sync");
    // A refresh waits for the sync under way, then syncs itself.
    let mut refresh = Box::pin(core.ensure_synced_from(true, None, Some(now)));
    assert!(
        (&mut refresh).now_or_never().is_none(),
        "a refresh waits its turn"
    );
    drop(syncing);
    refresh.await.unwrap();
    assert!(events.take().iter().any(is_data_changed));
}
