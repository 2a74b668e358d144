//! The meetings and webinars last synced from Zoho. Zoho's list API has no date range, so
//! one sync pages through everything once and every calendar range is served from here.

use std::time::Instant;

use serde::Serialize;
use specta::Type;
use tauri_specta::Event;
use zoho_core::{ListType, Meeting, Session};

use super::convert::event_of;
use super::model::{CalendarEvent, EventKind};
use crate::error::AppError;

/// Sync progress for the UI's indicator.
#[derive(Debug, Clone, Serialize, Type, Event)]
#[serde(rename_all = "camelCase")]
pub struct SyncProgress {
    /// `true` while the sync runs; the last event has `false`.
    pub running: bool,
    /// Events loaded so far.
    pub loaded: u32,
}

/// The result of [`EventCache::fetch`].
pub struct SyncedEvents(Vec<(CalendarEvent, Meeting)>);

#[derive(Default)]
pub struct EventCache {
    events: Option<Vec<(CalendarEvent, Meeting)>>,
    synced_at: Option<Instant>,
}

impl EventCache {
    pub fn is_synced(&self) -> bool {
        self.events.is_some()
    }

    pub fn synced_at(&self) -> Option<Instant> {
        self.synced_at
    }

    /// Every synced event, earliest first.
    pub fn all(&self) -> Vec<CalendarEvent> {
        self.events
            .iter()
            .flatten()
            .map(|(event, _)| event.clone())
            .collect()
    }

    /// Everything Zoho lists now, earliest first. Meetings and webinars are fetched at the
    /// same time.
    pub async fn fetch(session: &Session) -> Result<SyncedEvents, AppError> {
        let zuid = session.account().zuid.clone();
        let (meetings, webinars) = tokio::join!(
            session.list_meetings(ListType::All),
            session.list_webinars(ListType::All)
        );
        let mut events = Vec::new();
        for (kind, list) in [
            (EventKind::Meeting, meetings?),
            (EventKind::Webinar, webinars?),
        ] {
            for meeting in list {
                if let Some(event) = event_of(kind, &meeting, &zuid) {
                    events.push((event, meeting));
                }
            }
        }
        events.sort_by(|(a, _), (b, _)| a.start_ms.total_cmp(&b.start_ms));
        Ok(SyncedEvents(events))
    }

    /// Replaces the cache with a fresh sync made at `at`; returns how many events it holds.
    pub fn replace(&mut self, synced: SyncedEvents, at: Instant) -> usize {
        let count = synced.0.len();
        self.events = Some(synced.0);
        self.synced_at = Some(at);
        count
    }

    /// Every synced event with the meeting it came from, earliest first.
    pub fn entries(&self) -> impl Iterator<Item = &(CalendarEvent, Meeting)> {
        self.events.iter().flatten()
    }

    /// Events that overlap `[from_ms, to_ms)`, earliest first.
    pub fn in_range(&self, from_ms: f64, to_ms: f64) -> Vec<CalendarEvent> {
        self.events
            .iter()
            .flatten()
            .filter(|(event, _)| event.end_ms > from_ms && event.start_ms < to_ms)
            .map(|(event, _)| event.clone())
            .collect()
    }

    pub fn find(&self, kind: EventKind, key: &str) -> Option<&(CalendarEvent, Meeting)> {
        self.events
            .iter()
            .flatten()
            .find(|(event, _)| event.kind == kind && event.key == key)
    }

    /// Puts a created or edited event in place (or adds it), keeping the order.
    pub fn upsert(&mut self, event: CalendarEvent, meeting: Meeting) {
        let events = self.events.get_or_insert_with(Vec::new);
        events.retain(|(e, _)| !(e.kind == event.kind && e.key == event.key));
        let at = events.partition_point(|(e, _)| e.start_ms <= event.start_ms);
        events.insert(at, (event, meeting));
    }

    pub fn remove(&mut self, kind: EventKind, key: &str) {
        if let Some(events) = &mut self.events {
            events.retain(|(e, _)| !(e.kind == kind && e.key == key));
        }
    }

    pub fn clear(&mut self) {
        *self = Self::default();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn meeting(key: &str, start_ms: i64) -> Meeting {
        let body = json!({"meetingKey": key, "topic": key, "startTimeMillisec": start_ms,
            "endTimeMillisec": start_ms + 3_600_000, "timezone": "UTC", "presenter": 7});
        Meeting::from_map(body.as_object().unwrap().clone()).unwrap()
    }

    fn cache_with(starts: &[(&str, i64)]) -> EventCache {
        let mut cache = EventCache::default();
        for (key, start) in starts {
            let m = meeting(key, *start);
            cache.upsert(event_of(EventKind::Meeting, &m, "7").unwrap(), m);
        }
        cache
    }

    #[test]
    fn a_range_returns_overlapping_events_in_order() {
        let hour = 3_600_000;
        let cache = cache_with(&[("c", 5 * hour), ("a", 0), ("b", 2 * hour)]);
        let keys =
            |events: Vec<CalendarEvent>| events.into_iter().map(|e| e.key).collect::<Vec<_>>();
        assert_eq!(
            keys(cache.in_range(0.0, 10.0 * hour as f64)),
            ["a", "b", "c"]
        );
        // [hour/2, 2h): "a" runs until 1h, "b" starts at 2h (excluded: the range ends there).
        assert_eq!(
            keys(cache.in_range(hour as f64 / 2.0, 2.0 * hour as f64)),
            ["a"]
        );
        assert!(cache.find(EventKind::Meeting, "b").unwrap().0.is_host);
        assert!(cache.find(EventKind::Webinar, "b").is_none());
    }

    #[test]
    fn upsert_replaces_and_remove_deletes() {
        let hour = 3_600_000;
        let mut cache = cache_with(&[("a", 0), ("b", 2 * hour)]);
        let moved = meeting("a", 4 * hour);
        cache.upsert(event_of(EventKind::Meeting, &moved, "7").unwrap(), moved);
        let keys: Vec<_> = cache
            .in_range(0.0, 1e15)
            .into_iter()
            .map(|e| e.key)
            .collect();
        assert_eq!(keys, ["b", "a"]);
        cache.remove(EventKind::Meeting, "b");
        assert_eq!(cache.in_range(0.0, 1e15).len(), 1);
    }
}
