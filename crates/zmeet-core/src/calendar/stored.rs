//! Between the calendar's model and the local store's rows. Only what the calendar shows
//! is kept: a start link, password or embed URL never reaches the store.

use zmeet_store::StoredEvent;
use zoho_core::Meeting;

use super::convert::{no_topic, span_of, utc};
use super::model::{CalendarEvent, EventDetails, EventKind};

/// The stored form of a listed or fetched meeting; `None` for one without a start.
pub fn stored_of(kind: EventKind, meeting: &Meeting, my_zuid: &str) -> Option<StoredEvent> {
    stored_from(kind, meeting.clone(), my_zuid)
}

/// As [`stored_of`], moving the meeting's text into the row instead of copying it (a sync
/// converts thousands of listed meetings it has no other use for).
pub fn stored_from(kind: EventKind, meeting: Meeting, my_zuid: &str) -> Option<StoredEvent> {
    let (start_ms, end_ms) = span_of(&meeting)?;
    let is_host = meeting.presenter.as_deref() == Some(my_zuid);
    Some(StoredEvent {
        kind: store_kind(kind),
        key: meeting.key,
        topic: meeting.topic.unwrap_or_else(no_topic),
        start_ms: start_ms as i64,
        end_ms: end_ms as i64,
        timezone: meeting.timezone.unwrap_or_else(utc),
        is_host,
        join_link: meeting.join_link,
        agenda: meeting.agenda.filter(|agenda| !agenda.is_empty()),
        participants: meeting
            .participants
            .into_iter()
            .filter_map(|p| p.email)
            .collect(),
        presenter_name: meeting.presenter_name,
        has_start_link: meeting.start_link.is_some(),
    })
}

pub fn event_of_stored(stored: &StoredEvent) -> CalendarEvent {
    CalendarEvent {
        kind: match stored.kind {
            zmeet_store::EventKind::Meeting => EventKind::Meeting,
            zmeet_store::EventKind::Webinar => EventKind::Webinar,
        },
        key: stored.key.clone(),
        topic: stored.topic.clone(),
        start_ms: stored.start_ms as f64,
        end_ms: stored.end_ms as f64,
        timezone: stored.timezone.clone(),
        is_host: stored.is_host,
        join_link: stored.join_link.clone(),
    }
}

/// The detail view from the stored copy (used while Zoho cannot be reached).
pub fn details_of_stored(stored: &StoredEvent) -> EventDetails {
    let event = event_of_stored(stored);
    let start_in_zone = chrono::DateTime::from_timestamp_millis(stored.start_ms)
        .map(|start| match zoho_core::time::zone(&stored.timezone) {
            Ok(tz) => start
                .with_timezone(&tz)
                .format("%a, %b %-d, %Y, %I:%M %p %Z")
                .to_string(),
            Err(_) => start.format("%a, %b %-d, %Y, %I:%M %p UTC").to_string(),
        })
        .unwrap_or_default();
    EventDetails {
        has_start_link: stored.is_host && stored.has_start_link,
        agenda: stored.agenda.clone(),
        duration_minutes: ((stored.end_ms - stored.start_ms).max(0) as f64 / 60_000.0).round()
            as u32,
        start_in_zone,
        participants: stored.participants.clone(),
        presenter_name: stored.presenter_name.clone(),
        event,
    }
}

pub fn store_kind(kind: EventKind) -> zmeet_store::EventKind {
    match kind {
        EventKind::Meeting => zmeet_store::EventKind::Meeting,
        EventKind::Webinar => zmeet_store::EventKind::Webinar,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::calendar::convert::event_of;
    use serde_json::json;

    #[test]
    fn a_stored_event_keeps_what_the_calendar_shows_and_no_host_credential() {
        let body = json!({"meetingKey": 1031, "topic": "Review", "agenda": "Plan",
            "startTimeMillisec": 1_800_000_000_000_i64, "endTimeMillisec": 1_800_003_600_000_i64,
            "timezone": "Asia/Kolkata", "presenter": 7, "presenterName": "Chloe",
            "joinLink": "https://meeting.zoho.com/join?key=1031",
            "startLink": "https://meeting.zoho.com/start?key=1031&secret=s3cret",
            "pwd": "abc123", "participants": [{"id": "9", "email": "a@example.com"}]});
        let meeting = Meeting::from_map(body.as_object().unwrap().clone()).unwrap();
        let stored = stored_of(EventKind::Meeting, &meeting, "7").unwrap();
        assert_eq!(
            event_of_stored(&stored),
            event_of(EventKind::Meeting, &meeting, "7").unwrap()
        );
        assert!(stored.has_start_link);
        assert_eq!(stored.participants, ["a@example.com"]);
        let everything = format!("{stored:?}");
        assert!(!everything.contains("s3cret") && !everything.contains("abc123"));
        let details = details_of_stored(&stored);
        assert_eq!(details.duration_minutes, 60);
        assert!(details.has_start_link);
        assert_eq!(details.agenda.as_deref(), Some("Plan"));
        assert!(
            details.start_in_zone.ends_with("IST"),
            "{}",
            details.start_in_zone
        );
    }
}
