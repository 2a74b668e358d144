//! The meetings and webinars last synced from Zoho. Zoho's list API has no date range, so a
//! sync fetches what the user sees first: every upcoming session, then the past (newest
//! first) back to the earliest day the calendar has shown, and every range inside that is
//! served from here. A range further back syncs the past further (see `crate::sync`).
//! When the account has a local store attached, every change is written through to it, so
//! the next launch paints from it before any network call.

use std::collections::{HashMap, HashSet};
use std::sync::Arc;
use std::time::Instant;

use chrono::{DateTime, Utc};
use serde::Serialize;
use zmeet_store::{Store, StoredEvent, SyncRange};
use zoho_core::{ListEnd, ListType, Listing, Session};

use super::model::{CalendarEvent, EventKind};
use super::stored::{event_of_stored, store_kind, stored_from};
use crate::error::{AppError, ErrorCode};

/// Zoho holds more meetings and webinars than a sync could fetch: "Showing N of M".
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct SyncShortfall {
    /// Events fetched.
    pub shown: u32,
    /// How many Zoho says there are; `None` when it did not say.
    pub total: Option<u32>,
    /// Why, in words (also in the log).
    pub reason: String,
}

/// The result of [`EventCache::fetch`].
pub struct SyncedEvents {
    events: Vec<(CalendarEvent, StoredEvent)>,
    /// The past is synced back to here (epoch ms); `None`: all of it.
    past_since_ms: Option<f64>,
    shortfall: Option<SyncShortfall>,
}

impl SyncedEvents {
    pub fn shortfall(&self) -> Option<&SyncShortfall> {
        self.shortfall.as_ref()
    }
}

#[derive(Default)]
pub struct EventCache {
    events: Option<Vec<(CalendarEvent, StoredEvent)>>,
    synced_at: Option<Instant>,
    past_since_ms: Option<f64>,
    /// The account's local store, when one is open.
    store: Option<Arc<Store>>,
    /// The store holds exactly `events` (read from it at launch, or written since), so a
    /// sync writes only what changed. Any write the store missed clears it until the next
    /// whole write.
    store_in_step: bool,
}

/// A session starting before a range may still run into it (at most a day: the longest
/// meeting Zoho allows), so the past is synced back to a day before the range.
const OVERLAP_MS: f64 = 24.0 * 3_600_000.0;

impl EventCache {
    /// Attaches the account's store and shows what it holds (the last sync of a previous
    /// run), synced at `synced_at` (`None`: never synced, so the first sync is waited for)
    /// back to `past_since_ms` (`None`: all of the past; a range before it syncs again).
    pub fn attach(
        &mut self,
        store: Arc<Store>,
        stored: Vec<StoredEvent>,
        synced_at: Option<Instant>,
        past_since_ms: Option<f64>,
    ) {
        if let Some(at) = synced_at {
            self.past_since_ms = past_since_ms;
            self.events = Some(
                stored
                    .into_iter()
                    .map(|stored| (event_of_stored(&stored), stored))
                    .collect(),
            );
            self.synced_at = Some(at);
        }
        // `stored` is everything the store holds when it has been synced before.
        self.store_in_step = synced_at.is_some();
        self.store = Some(store);
    }

    pub fn is_synced(&self) -> bool {
        self.events.is_some()
    }

    pub fn synced_at(&self) -> Option<Instant> {
        self.synced_at
    }

    /// Where the synced past begins (epoch ms), `None` when all of it is synced.
    pub fn past_since_ms(&self) -> Option<f64> {
        self.past_since_ms
    }

    /// Whether ranges starting at `from_ms` are served from this copy.
    pub fn covers(&self, from_ms: f64) -> bool {
        self.is_synced() && self.past_since_ms.is_none_or(|since| since <= from_ms)
    }

    /// Every synced event, earliest first.
    pub fn all(&self) -> Vec<CalendarEvent> {
        self.events
            .iter()
            .flatten()
            .map(|(event, _)| event.clone())
            .collect()
    }

    /// Every upcoming session, then the past back to `since_ms` (epoch ms), earliest first.
    /// Meetings and webinars are fetched at the same time.
    pub async fn fetch(session: &Session, since_ms: f64) -> Result<SyncedEvents, AppError> {
        let zuid = session.account().zuid.clone();
        let since = DateTime::<Utc>::from_timestamp_millis((since_ms - OVERLAP_MS) as i64)
            .unwrap_or(DateTime::<Utc>::MIN_UTC);
        let (meetings, webinars) = tokio::join!(
            session.list_meetings(ListType::Upcoming),
            session.list_webinars(ListType::Upcoming)
        );
        let upcoming = [
            (
                EventKind::Meeting,
                ListType::Upcoming,
                meetings.map_err(sync_error)?,
            ),
            (
                EventKind::Webinar,
                ListType::Upcoming,
                webinars.map_err(sync_error)?,
            ),
        ];
        let (meetings, webinars) = tokio::join!(
            session.list_meetings_since(ListType::Past, since),
            session.list_webinars_since(ListType::Past, since)
        );
        let past = [
            (
                EventKind::Meeting,
                ListType::Past,
                meetings.map_err(sync_error)?,
            ),
            (
                EventKind::Webinar,
                ListType::Past,
                webinars.map_err(sync_error)?,
            ),
        ];
        let mut events = Vec::new();
        let mut seen = HashSet::new();
        let mut missing = Some(0u64);
        let mut reasons: Vec<String> = Vec::new();
        let mut whole_past = true;
        for (kind, list, listing) in upcoming.into_iter().chain(past) {
            log_listing(kind, list, &listing);
            match &listing.end {
                ListEnd::Complete => {}
                ListEnd::ReachedSince => whole_past = false,
                ListEnd::Shortfall(shortfall) => {
                    missing = missing
                        .zip(shortfall.total)
                        .map(|(missing, total)| missing + total.saturating_sub(shortfall.fetched));
                    let reason = shortfall.reason.describe().to_owned();
                    if !reasons.contains(&reason) {
                        reasons.push(reason);
                    }
                }
            }
            for meeting in listing.items {
                // A session ending between the two lists is in both.
                if !seen.insert((kind, meeting.key.clone())) {
                    continue;
                }
                if let Some(stored) = stored_from(kind, meeting, &zuid) {
                    events.push((event_of_stored(&stored), stored));
                }
            }
        }
        events.sort_by(|(a, _), (b, _)| a.start_ms.total_cmp(&b.start_ms));
        let shown = seen.len() as u32;
        let shortfall = (!reasons.is_empty()).then(|| SyncShortfall {
            shown,
            total: missing.map(|missing| shown.saturating_add(missing as u32)),
            reason: reasons.join("; "),
        });
        Ok(SyncedEvents {
            events,
            past_since_ms: (!whole_past).then_some(since_ms),
            shortfall,
        })
    }

    /// Replaces the cache with a fresh sync made at `at` (and the store's rows, in one
    /// transaction); returns how many events it holds.
    pub fn replace(&mut self, synced: SyncedEvents, at: Instant) -> usize {
        let count = synced.events.len();
        if let Some(store) = &self.store {
            // The store mirrors this copy exactly (the past that is no longer synced goes
            // too), so a launch paints what the last run showed.
            // How far back it reached goes with the rows, for the next launch's `covers`.
            let reached_from_ms = synced.past_since_ms.map_or(i64::MIN, |ms| ms as i64);
            let written = match self.events.as_ref().filter(|_| self.store_in_step) {
                // Most syncs change a few rows or none: rewriting every row each time
                // would cost more than the fetch (bench/RESULTS.md, re-sync).
                Some(previous) => {
                    let (removed, changed) = changes(previous, &synced.events);
                    store
                        .write_sync_changes(
                            SyncRange::ALL,
                            reached_from_ms,
                            removed,
                            changed,
                            now_ms(),
                        )
                        .map(drop)
                        .map_err(|error| error.to_string())
                }
                None => {
                    let rows = synced.events.iter().map(|(_, stored)| stored);
                    store
                        .write_sync_reaching(
                            SyncRange::ALL,
                            reached_from_ms,
                            [Ok::<_, std::convert::Infallible>(rows)],
                            now_ms(),
                        )
                        .map(drop)
                        .map_err(|error| error.to_string())
                }
            };
            self.store_in_step = written.is_ok();
            if let Err(error) = written {
                // The calendar still shows the fresh copy; the next sync tries again.
                tracing::warn!("the calendar store was not updated: {error}");
            }
        }
        self.events = Some(synced.events);
        self.past_since_ms = synced.past_since_ms;
        self.synced_at = Some(at);
        count
    }

    /// Every synced event with its stored form (agenda, participants), earliest first.
    pub fn entries(&self) -> impl Iterator<Item = &(CalendarEvent, StoredEvent)> {
        self.events.iter().flatten()
    }

    /// Events that overlap `[from_ms, to_ms)`, earliest first.
    pub fn in_range(&self, from_ms: f64, to_ms: f64) -> Vec<CalendarEvent> {
        self.events
            .iter()
            .flatten()
            .filter(|(event, _)| event.overlaps(from_ms, to_ms))
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
            tracing::warn!("the calendar store missed a change: {error}");
            self.store_in_step = false;
        }
        // Not synced yet: this one event is not all the store holds.
        self.store_in_step &= self.events.is_some();
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
            tracing::warn!("the calendar store missed a deletion: {error}");
            self.store_in_step = false;
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
            tracing::warn!("the calendar store could not be deleted: {error}");
        }
        self.clear();
    }
}

/// What a sync changed against the previous copy: the stored rows it no longer has (by kind
/// and key) and the rows that are new or differ.
fn changes<'a>(
    previous: &'a [(CalendarEvent, StoredEvent)],
    synced: &'a [(CalendarEvent, StoredEvent)],
) -> (Vec<(zmeet_store::EventKind, &'a str)>, Vec<&'a StoredEvent>) {
    let before: HashMap<_, &StoredEvent> = previous
        .iter()
        .map(|(_, row)| ((row.kind, row.key.as_str()), row))
        .collect();
    let after: HashSet<_> = synced
        .iter()
        .map(|(_, row)| (row.kind, row.key.as_str()))
        .collect();
    let removed = before
        .keys()
        .filter(|id| !after.contains(*id))
        .copied()
        .collect();
    let changed = synced
        .iter()
        .map(|(_, row)| row)
        .filter(|row| before.get(&(row.kind, row.key.as_str())) != Some(row))
        .collect();
    (removed, changed)
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

/// Tells the log what a list learnt on the way and, above all, what it could not fetch.
fn log_listing(kind: EventKind, list: ListType, listing: &Listing) {
    let what = match kind {
        EventKind::Meeting => "meetings",
        EventKind::Webinar => "webinars",
    };
    for note in &listing.notes {
        tracing::warn!("sync: {} {what}: {note}", list.as_str());
    }
    if let Some(shortfall) = listing.shortfall() {
        tracing::warn!(
            "sync: {} {what}: {shortfall}; the calendar says so",
            list.as_str()
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;
    use zoho_core::Meeting;

    use crate::calendar::stored::stored_of;

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
    fn only_ranges_inside_the_synced_past_are_covered() {
        let mut cache = EventCache::default();
        assert!(!cache.covers(0.0), "nothing synced");
        let synced = |past_since_ms| SyncedEvents {
            events: Vec::new(),
            past_since_ms,
            shortfall: None,
        };
        cache.replace(synced(Some(1_000.0)), Instant::now());
        assert!(cache.covers(1_000.0) && cache.covers(5_000.0));
        assert!(!cache.covers(999.0), "further back than the synced past");
        cache.replace(synced(None), Instant::now());
        assert!(cache.covers(f64::MIN), "the whole past is synced");
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

    /// What a sync fetching `meetings` (key, start, topic) returns.
    fn synced_copy(meetings: &[(&str, i64, &str)]) -> SyncedEvents {
        let events = meetings
            .iter()
            .map(|(key, start, topic)| {
                let mut row = stored_of(EventKind::Meeting, &meeting(key, *start), "7").unwrap();
                row.topic = (*topic).to_owned();
                (event_of_stored(&row), row)
            })
            .collect();
        SyncedEvents {
            events,
            past_since_ms: None,
            shortfall: None,
        }
    }

    fn stored(store: &Store) -> Vec<(String, i64, String)> {
        store
            .all_events()
            .unwrap()
            .into_iter()
            .map(|row| (row.key, row.start_ms, row.topic))
            .collect()
    }

    #[test]
    fn after_each_sync_the_store_holds_exactly_the_synced_copy() {
        let dir = tempfile::tempdir().unwrap();
        let store = Arc::new(Store::open(dir.path(), "acct").unwrap());
        // Rows from an earlier run, and one edit that never saw a sync (not loaded at launch).
        let earlier = synced_copy(&[("a", 1000, "A"), ("b", 2000, "B"), ("c", 3000, "C")]);
        let rows: Vec<_> = earlier.events.iter().map(|(_, row)| row).collect();
        store
            .write_sync::<String>(SyncRange::ALL, [Ok(rows)], 1)
            .unwrap();

        // Never synced before: the launch loads nothing, the first sync writes every row
        // (the unsynced edit goes too).
        let mut cache = EventCache::default();
        store
            .upsert(&synced_copy(&[("z", 9000, "Z")]).events[0].1)
            .unwrap();
        cache.attach(store.clone(), Vec::new(), None, None);
        cache.replace(
            synced_copy(&[("a", 1000, "A"), ("b", 2000, "B"), ("c", 3000, "C")]),
            Instant::now(),
        );
        assert_eq!(stored(&store).len(), 3);

        // A launch that loads what the last sync stored, then syncs: "a" is gone, "b"
        // moved and renamed, "c" as it was, "d" new.
        let mut cache = EventCache::default();
        cache.attach(
            store.clone(),
            store.all_events().unwrap(),
            Some(Instant::now()),
            None,
        );
        cache.replace(
            synced_copy(&[("c", 3000, "C"), ("b", 4000, "B2"), ("d", 5000, "D")]),
            Instant::now(),
        );
        let expected = vec![
            ("c".to_owned(), 3000, "C".to_owned()),
            ("b".to_owned(), 4000, "B2".to_owned()),
            ("d".to_owned(), 5000, "D".to_owned()),
        ];
        assert_eq!(stored(&store), expected);

        // An edit written through, then a sync that no longer has it.
        cache.upsert(synced_copy(&[("e", 6000, "E")]).events.remove(0).1);
        assert_eq!(stored(&store).len(), 4);
        cache.replace(
            synced_copy(&[("c", 3000, "C"), ("b", 4000, "B2"), ("d", 5000, "D")]),
            Instant::now(),
        );
        assert_eq!(stored(&store), expected);
        assert_eq!(cache.all().len(), 3);
    }
}
