use super::*;

fn stored(key: &str, participants: &[&str]) -> StoredEvent {
    StoredEvent {
        kind: zmeet_store::EventKind::Meeting,
        key: key.to_owned(),
        topic: format!("Topic {key}"),
        start_ms: 1_800_000_000_000,
        end_ms: 1_800_001_800_000,
        timezone: "Asia/Kolkata".to_owned(),
        is_host: true,
        join_link: None,
        agenda: None,
        participants: participants.iter().map(|p| (*p).to_owned()).collect(),
        presenter_name: None,
        has_start_link: false,
    }
}

fn cache_with(events: Vec<StoredEvent>) -> EventCache {
    let mut cache = EventCache::default();
    for event in events {
        cache.upsert(event);
    }
    cache
}

fn unreachable(error: &AppError) -> bool {
    error.code == ErrorCode::Network
}

#[test]
fn a_range_must_be_a_finite_start_before_its_end() {
    assert!(check_range(1.0, 2.0).is_ok());
    for (from, to) in [
        (2.0, 1.0),
        (1.0, 1.0),
        (f64::NAN, 2.0),
        (1.0, f64::INFINITY),
    ] {
        assert_eq!(
            check_range(from, to).unwrap_err().field.as_deref(),
            Some("range")
        );
    }
}

#[test]
fn offline_a_synced_copy_answers_but_other_errors_do_not_hide() {
    let (from, to) = (0.0, 2e12);
    let offline = || Err(AppError::new(ErrorCode::Network, "offline"));
    let empty = EventCache::default();
    assert!(range_after_sync(&empty, offline(), unreachable, from, to).is_err());
    let synced = cache_with(vec![stored("1", &[])]);
    let shown = range_after_sync(&synced, offline(), unreachable, from, to).unwrap();
    assert_eq!(shown.len(), 1);
    let denied = Err(AppError::new(ErrorCode::Forbidden, "no"));
    assert!(range_after_sync(&synced, denied, unreachable, from, to).is_err());
    let fine = range_after_sync(&synced, Ok(()), unreachable, from, to);
    assert_eq!(fine.unwrap().len(), 1);
}

#[test]
fn offline_details_come_from_the_synced_copy() {
    let cache = cache_with(vec![stored("1", &["a@example.com"])]);
    let error = || AppError::new(ErrorCode::Network, "offline");
    let details = details_offline(&cache, EventKind::Meeting, "1", error()).unwrap();
    assert_eq!(details.participants, ["a@example.com"]);
    let missing = details_offline(&cache, EventKind::Meeting, "2", error());
    assert_eq!(missing.unwrap_err().code, ErrorCode::Network);
}

#[test]
fn an_empty_participant_list_is_sent_only_when_the_copy_knew_some() {
    let cache = cache_with(vec![
        stored("known", &["a@example.com"]),
        stored("none", &[]),
    ]);
    let emptied = || MeetingPatch {
        participants: Some(Vec::new()),
        ..MeetingPatch::default()
    };
    let mut patch = emptied();
    keep_unknown_participants(&mut patch, &cache, EventKind::Meeting, "known");
    assert_eq!(patch.participants, Some(Vec::new()));
    for key in ["none", "gone"] {
        let mut patch = emptied();
        keep_unknown_participants(&mut patch, &cache, EventKind::Meeting, key);
        assert_eq!(patch.participants, None, "{key}");
    }
}

#[test]
fn a_move_keeps_the_zone_of_a_synced_event() {
    let cache = cache_with(vec![stored("1", &[])]);
    assert_eq!(
        zone_of(&cache, EventKind::Meeting, "1").unwrap(),
        "Asia/Kolkata"
    );
    let gone = zone_of(&cache, EventKind::Webinar, "1").unwrap_err();
    assert_eq!(gone.code, ErrorCode::NotFound);
}

#[test]
fn zones_are_sorted_and_queries_bounded() {
    let zones = time_zones();
    assert!(zones.is_sorted());
    assert!(zones.iter().any(|zone| zone == "Europe/Berlin"));
    assert!(check_query(&"a".repeat(MAX_QUERY_CHARS)).is_ok());
    let long = check_query(&"a".repeat(MAX_QUERY_CHARS + 1)).unwrap_err();
    assert_eq!(long.field.as_deref(), Some("query"));
    let cache = cache_with(vec![stored("1", &[]), stored("2", &[])]);
    assert_eq!(search_synced(&cache, "topic 2", 0.0).len(), 1);
}
