//! The meetings and webinars last synced from Zoho. Zoho's list API has no date range, so
//! one sync pages through everything once and every calendar range is served from here.
//! When the account has a local store attached, every change is written through to it, so
//! the next launch paints from it before any network call.

use std::sync::Arc;
use std::time::Instant;

use serde::Serialize;
use specta::Type;
use tauri_specta::Event;
use zmeet_store::{Store, StoredEvent, SyncRange};
use zoho_core::{ListType, Session};

use super::model::{CalendarEvent, EventKind};
use super::stored::{event_of_stored, store_kind, stored_of};
use crate::error::{AppError, ErrorCode};

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
pub struct SyncedEvents(Vec<(CalendarEvent, StoredEvent)>);

#[derive(Default)]
pub struct EventCache {
    events: Option<Vec<(CalendarEvent, StoredEvent)>>,
    synced_at: Option<Instant>,
    /// The account's local store, when one is open.
    store: Option<Arc<Store>>,
}

impl EventCache {
    /// Attaches the account's store and shows what it holds (the last sync of a previous
    /// run), synced at `synced_at` (`None`: never synced, so the first sync is waited for).
    pub fn attach(
        &mut self,
        store: Arc<Store>,
        stored: Vec<StoredEvent>,
        synced_at: Option<Instant>,
    ) {
        if let Some(at) = synced_at {
            self.events = Some(
                stored
                    .into_iter()
                    .map(|stored| (event_of_stored(&stored), stored))
                    .collect(),
            );
            self.synced_at = Some(at);
        }
        self.store = Some(store);
    }

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
            (EventKind::Meeting, meetings.map_err(sync_error)?),
            (EventKind::Webinar, webinars.map_err(sync_error)?),
        ] {
            for meeting in list {
                if let Some(stored) = stored_of(kind, &meeting, &zuid) {
                    events.push((event_of_stored(&stored), stored));
                }
            }
        }
        events.sort_by(|(a, _), (b, _)| a.start_ms.total_cmp(&b.start_ms));
        Ok(SyncedEvents(events))
    }

    /// Replaces the cache with a fresh sync made at `at` (and the store's rows, in one
    /// transaction); returns how many events it holds.
    pub fn replace(&mut self, synced: SyncedEvents, at: Instant) -> usize {
        let count = synced.0.len();
        if let Some(store) = &self.store {
            let rows = synced.0.iter().map(|(_, stored)| stored.clone()).collect();
            let written = store.write_sync(
                SyncRange::ALL,
                [Ok::<_, std::convert::Infallible>(rows)],
                now_ms(),
            );
            if let Err(error) = written {
                // The calendar still shows the fresh copy; the next sync tries again.
                eprintln!("zmeet: the calendar store was not updated: {error}");
            }
        }
        self.events = Some(synced.0);
        self.synced_at = Some(at);
        count
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

    pub fn find(&self, kind: EventKind, key: &str) -> Option<&(CalendarEvent, StoredEvent)> {
        self.events
            .iter()
            .flatten()
            .find(|(event, _)| event.kind == kind && event.key == key)
    }

    /// Puts a created or edited event in place (or adds it), keeping the order.
    pub fn upsert(&mut self, stored: StoredEvent) {
        if let Some(Err(error)) = self.store.as_ref().map(|store| store.upsert(&stored)) {
            eprintln!("zmeet: the calendar store missed a change: {error}");
        }
        let event = event_of_stored(&stored);
        let events = self.events.get_or_insert_with(Vec::new);
        events.retain(|(e, _)| !(e.kind == event.kind && e.key == event.key));
        let at = events.partition_point(|(e, _)| e.start_ms <= event.start_ms);
        events.insert(at, (event, stored));
    }

    pub fn remove(&mut self, kind: EventKind, key: &str) {
        if let Some(Err(error)) = self
            .store
            .as_ref()
            .map(|store| store.remove(store_kind(kind), key))
        {
            eprintln!("zmeet: the calendar store missed a deletion: {error}");
        }
        if let Some(events) = &mut self.events {
            events.retain(|(e, _)| !(e.kind == kind && e.key == key));
        }
    }

    /// Forgets the events and closes the store (its file stays for the next launch).
    pub fn clear(&mut self) {
        *self = Self::default();
    }

    /// Forgets the events and deletes the store's files (sign-out).
    pub fn clear_and_delete_store(&mut self) {
        if let Some(Err(error)) = self.store.take().map(|store| store.delete()) {
            eprintln!("zmeet: the calendar store could not be deleted: {error}");
        }
        self.clear();
    }
}

/// A sync that failed because Zoho could not be reached, also when Zoho's side kept
/// failing with 5xx through every retry, is `offline`; the header then says so.
fn sync_error(error: zoho_core::Error) -> AppError {
    match &error {
        zoho_core::Error::Network(_) => AppError::new(
            ErrorCode::Offline,
            format!("Zoho cannot be reached: {error}"),
        ),
        zoho_core::Error::Api { status, .. } if *status >= 500 => AppError::new(
            ErrorCode::Offline,
            format!("Zoho is not answering (HTTP {status})."),
        ),
        _ => AppError::from(error),
    }
}

fn now_ms() -> i64 {
    chrono::Utc::now().timestamp_millis()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;
    use zoho_core::Meeting;

    fn meeting(key: &str, start_ms: i64) -> Meeting {
        let body = json!({"meetingKey": key, "topic": key, "startTimeMillisec": start_ms,
            "endTimeMillisec": start_ms + 3_600_000, "timezone": "UTC", "presenter": 7});
        Meeting::from_map(body.as_object().unwrap().clone()).unwrap()
    }

    fn cache_with(starts: &[(&str, i64)]) -> EventCache {
        let mut cache = EventCache::default();
        for (key, start) in starts {
            let m = meeting(key, *start);
            cache.upsert(stored_of(EventKind::Meeting, &m, "7").unwrap());
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
        cache.upsert(stored_of(EventKind::Meeting, &moved, "7").unwrap());
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
