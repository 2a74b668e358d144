//! Which reminders are due. Everything is in UTC instants, so a DST change between now and
//! a meeting moves nothing.

use std::collections::BTreeSet;

use serde::{Deserialize, Serialize};

use crate::calendar::{CalendarEvent, EventKind};

/// One reminder: an event at one start time. A rescheduled event is a new reminder.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct ReminderId {
    pub kind: EventKind,
    pub key: String,
    pub start_ms: i64,
}

impl ReminderId {
    pub fn of(event: &CalendarEvent) -> Self {
        Self {
            kind: event.kind,
            key: event.key.clone(),
            start_ms: event.start_ms as i64,
        }
    }
}

/// The instants `[from_ms, to_ms)` of the events [`due`] can pick at `now_ms`: the caller
/// hands over only these, not the whole synced copy, on every minute's tick.
pub fn due_span(now_ms: i64, lead_minutes: u32) -> (f64, f64) {
    let lead_ms = i64::from(lead_minutes) * 60_000;
    (now_ms as f64, (now_ms + lead_ms + 1) as f64)
}

/// Events whose reminder is due at `now_ms`: they start within `lead_minutes` (and have
/// not started yet) and were not reminded of before. Earliest first.
pub fn due<'a>(
    events: &'a [CalendarEvent],
    now_ms: i64,
    lead_minutes: u32,
    sent: &BTreeSet<ReminderId>,
) -> Vec<&'a CalendarEvent> {
    if lead_minutes == 0 {
        return Vec::new();
    }
    let lead_ms = i64::from(lead_minutes) * 60_000;
    let mut due: Vec<&CalendarEvent> = events
        .iter()
        .filter(|event| {
            let start = event.start_ms as i64;
            start > now_ms && start - now_ms <= lead_ms && !sent.contains(&ReminderId::of(event))
        })
        .collect();
    due.sort_by(|a, b| a.start_ms.total_cmp(&b.start_ms));
    due
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{DateTime, Duration, Utc};

    fn at(text: &str) -> i64 {
        DateTime::parse_from_rfc3339(text)
            .unwrap()
            .with_timezone(&Utc)
            .timestamp_millis()
    }

    fn event(key: &str, start_ms: i64) -> CalendarEvent {
        CalendarEvent {
            topic: key.into(),
            timezone: "America/New_York".into(),
            is_host: true,
            ..CalendarEvent::test_meeting(key, start_ms as f64, (start_ms + 1_800_000) as f64)
        }
    }

    fn keys(list: Vec<&CalendarEvent>) -> Vec<String> {
        list.into_iter().map(|e| e.key.clone()).collect()
    }

    #[test]
    fn due_within_the_lead_time_and_only_once() {
        let now = at("2026-11-28T09:00:00Z");
        let events = vec![
            event("in-4-min", now + 4 * 60_000),
            event("in-5-min", now + 5 * 60_000),
            event("in-6-min", now + 6 * 60_000),
            event("started", now - 60_000),
        ];
        let mut sent = BTreeSet::new();
        let first = due(&events, now, 5, &sent);
        assert_eq!(keys(first.clone()), ["in-4-min", "in-5-min"]);
        sent.extend(first.into_iter().map(ReminderId::of));
        assert!(
            due(&events, now + 30_000, 5, &sent).is_empty(),
            "never twice"
        );
        // A minute later the next one comes due, and only it.
        assert_eq!(keys(due(&events, now + 60_000, 5, &sent)), ["in-6-min"]);
        assert!(
            due(&events, now, 0, &BTreeSet::new()).is_empty(),
            "0 turns reminders off"
        );
    }

    #[test]
    fn the_due_span_holds_every_event_that_can_be_due() {
        let now = at("2026-11-28T09:00:00Z");
        let events: Vec<CalendarEvent> = (-90..90)
            .map(|minute| event(&format!("m{minute}"), now + minute * 60_000))
            .collect();
        for lead in [0, 1, 5, 15, 60] {
            let (from_ms, to_ms) = due_span(now, lead);
            let spanned: Vec<CalendarEvent> = (events.iter())
                .filter(|e| e.overlaps(from_ms, to_ms))
                .cloned()
                .collect();
            assert!(spanned.len() < events.len());
            assert_eq!(
                keys(due(&spanned, now, lead, &BTreeSet::new())),
                keys(due(&events, now, lead, &BTreeSet::new()))
            );
        }
    }

    #[test]
    fn a_rescheduled_event_is_reminded_again_at_its_new_time() {
        let now = at("2026-11-28T09:00:00Z");
        let original = event("m", now + 3 * 60_000);
        let sent: BTreeSet<_> = [ReminderId::of(&original)].into();
        let moved = event("m", now + 4 * 60_000);
        assert_eq!(
            keys(due(std::slice::from_ref(&moved), now, 5, &sent)),
            ["m"]
        );
        assert!(due(std::slice::from_ref(&original), now, 5, &sent).is_empty());
    }

    #[test]
    fn dst_changes_do_not_shift_reminders() {
        // New York falls back at 06:00 UTC on 1 Nov 2026 (02:00 EDT -> 01:00 EST). A meeting
        // at 01:30 EST (06:30 UTC) is reminded at 06:25 UTC, not an hour early or late.
        let start = at("2026-11-01T06:30:00Z");
        let events = vec![event("after-fall-back", start)];
        let sent = BTreeSet::new();
        let reminded_at: Vec<i64> = (0..=180)
            .map(|minute| at("2026-11-01T04:00:00Z") + Duration::minutes(minute).num_milliseconds())
            .filter(|now| !due(&events, *now, 5, &sent).is_empty())
            .collect();
        assert_eq!(reminded_at.first(), Some(&at("2026-11-01T06:25:00Z")));
        assert_eq!(reminded_at.last(), Some(&at("2026-11-01T06:29:00Z")));
        // Spring forward: 8 Mar 2026, 07:00 UTC (02:00 EST -> 03:00 EDT).
        let start = at("2026-03-08T07:10:00Z");
        let events = vec![event("after-spring-forward", start)];
        let first = (0..=120)
            .map(|minute| at("2026-03-08T06:00:00Z") + minute * 60_000)
            .find(|now| !due(&events, *now, 5, &sent).is_empty());
        assert_eq!(first, Some(at("2026-03-08T07:05:00Z")));
    }
}
