//! Searching the synced events by topic, agenda and participants, so it works offline.

use zmeet_store::StoredEvent;

use super::model::CalendarEvent;

/// The longest query taken (a search box, not a document).
pub const MAX_QUERY_CHARS: usize = 200;

/// Events whose topic, agenda or participants' emails contain every word of `query`
/// (ignoring case): upcoming and running ones first, soonest first, then past ones, latest
/// first; at most `limit`.
pub fn search<'a>(
    entries: impl Iterator<Item = &'a (CalendarEvent, StoredEvent)>,
    query: &str,
    now_ms: f64,
    limit: usize,
) -> Vec<CalendarEvent> {
    let words: Vec<String> = query.split_whitespace().map(str::to_lowercase).collect();
    if words.is_empty() {
        return Vec::new();
    }
    let mut found: Vec<&CalendarEvent> = entries
        .filter(|(event, stored)| {
            let text = searchable_text(event, stored);
            words.iter().all(|word| text.contains(word.as_str()))
        })
        .map(|(event, _)| event)
        .collect();
    found.sort_by(|a, b| {
        let (a_past, b_past) = (a.end_ms <= now_ms, b.end_ms <= now_ms);
        a_past.cmp(&b_past).then_with(|| {
            if a_past {
                b.start_ms.total_cmp(&a.start_ms)
            } else {
                a.start_ms.total_cmp(&b.start_ms)
            }
        })
    });
    found.into_iter().take(limit).cloned().collect()
}

fn searchable_text(event: &CalendarEvent, stored: &StoredEvent) -> String {
    let mut text = event.topic.to_lowercase();
    // The stored form keeps the agenda and the participants' emails.
    for part in stored.agenda.iter().chain(stored.participants.iter()) {
        text.push('\n');
        text.push_str(&part.to_lowercase());
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::calendar::{EventKind, event_of_stored, stored_of};
    use serde_json::json;
    use zoho_core::Meeting;

    const HOUR: i64 = 3_600_000;

    fn entry(
        key: &str,
        topic: &str,
        agenda: &str,
        emails: &[&str],
        start: i64,
    ) -> (CalendarEvent, StoredEvent) {
        let participants: Vec<_> = emails.iter().map(|e| json!({ "email": e })).collect();
        let body = json!({"meetingKey": key, "topic": topic, "agenda": agenda,
            "startTimeMillisec": start, "endTimeMillisec": start + HOUR, "timezone": "UTC",
            "presenter": 7, "participants": participants});
        let meeting = Meeting::from_map(body.as_object().unwrap().clone()).unwrap();
        let stored = stored_of(EventKind::Meeting, &meeting, "7").unwrap();
        (event_of_stored(&stored), stored)
    }

    fn keys(found: Vec<CalendarEvent>) -> Vec<String> {
        found.into_iter().map(|e| e.key).collect()
    }

    #[test]
    fn finds_by_topic_agenda_and_participants_ignoring_case() {
        let entries = [
            entry("a", "Roadmap review", "", &[], 10 * HOUR),
            entry("b", "Standup", "Talk about the ROADMAP", &[], 11 * HOUR),
            entry("c", "1:1", "", &["ana@example.com"], 12 * HOUR),
        ];
        let find = |q: &str| keys(search(entries.iter(), q, 0.0, 10));
        assert_eq!(find("roadmap"), ["a", "b"]);
        assert_eq!(find("ANA@"), ["c"]);
        // Every word must match, anywhere in the event.
        assert_eq!(find("standup roadmap"), ["b"]);
        assert_eq!(find("roadmap nothing"), Vec::<String>::new());
        assert_eq!(find("   "), Vec::<String>::new());
    }

    #[test]
    fn upcoming_come_first_then_the_latest_past_ones() {
        let entries = [
            entry("old", "Sync", "", &[], 0),
            entry("recent", "Sync", "", &[], 5 * HOUR),
            entry("later", "Sync", "", &[], 30 * HOUR),
            entry("next", "Sync", "", &[], 20 * HOUR),
            entry("running", "Sync", "", &[], 9 * HOUR + HOUR / 2),
        ];
        let now = (10 * HOUR) as f64;
        assert_eq!(
            keys(search(entries.iter(), "sync", now, 10)),
            ["running", "next", "later", "recent", "old"]
        );
        assert_eq!(
            keys(search(entries.iter(), "sync", now, 2)),
            ["running", "next"]
        );
    }
}
