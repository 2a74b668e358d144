//! The rules of the calendar's requests that need no Zoho call: input checks, what an
//! offline request is answered with from the synced copy, which fields an edit may send,
//! and search. The shell's commands call Zoho and the cache around them.

use zmeet_store::StoredEvent;
use zoho_core::{Meeting, MeetingPatch};

use crate::calendar::{
    CalendarEvent, EventCache, EventDetails, EventKind, MAX_QUERY_CHARS, details_of,
    details_of_stored, event_of, search, stored_of,
};
use crate::error::{AppError, ErrorCode};

/// How many results one search returns.
pub const MAX_SEARCH_RESULTS: usize = 50;

/// A calendar range must be a finite start before a finite end.
pub fn check_range(from_ms: f64, to_ms: f64) -> Result<(), AppError> {
    if from_ms.is_finite() && to_ms.is_finite() && from_ms < to_ms {
        return Ok(());
    }
    Err(AppError::invalid("range", "must be a start before an end"))
}

/// The events of a range after a sync attempt: a failed sync is the answer, except when
/// Zoho could not be reached (`unreachable`) and a synced copy exists, which is shown (the
/// header says how old it is).
pub fn range_after_sync(
    cache: &EventCache,
    synced: Result<(), AppError>,
    unreachable: fn(&AppError) -> bool,
    from_ms: f64,
    to_ms: f64,
) -> Result<Vec<CalendarEvent>, AppError> {
    match synced {
        Err(error) if !(unreachable(&error) && cache.is_synced()) => Err(error),
        _ => Ok(cache.in_range(from_ms, to_ms)),
    }
}

/// Offline, an event's details are its synced copy, if there is one; else `error`.
pub fn details_offline(
    cache: &EventCache,
    kind: EventKind,
    key: &str,
    error: AppError,
) -> Result<EventDetails, AppError> {
    match cache.find(kind, key) {
        Some((_, stored)) => Ok(details_of_stored(stored)),
        None => Err(error),
    }
}

/// An event fetched from Zoho: its details, and what to keep of it in the cache.
pub fn details_fetched(
    kind: EventKind,
    meeting: &Meeting,
    my_zuid: &str,
) -> Result<(EventDetails, Option<StoredEvent>), AppError> {
    let event = event_of(kind, meeting, my_zuid).ok_or_else(|| {
        AppError::new(
            ErrorCode::UnexpectedResponse,
            "Zoho sent this event without a start time.",
        )
    })?;
    Ok((
        details_of(event, meeting),
        stored_of(kind, meeting, my_zuid),
    ))
}

/// Zoho's get body may carry no participants (API.md §2.5), so the form could not show
/// them: an empty list then means "unknown" unless the synced copy knew some, and sending
/// it would remove them all, so it is left out of the edit.
pub fn keep_unknown_participants(
    patch: &mut MeetingPatch,
    cache: &EventCache,
    kind: EventKind,
    key: &str,
) {
    if patch.participants.as_ref().is_some_and(Vec::is_empty) {
        let known = cache
            .find(kind, key)
            .map(|(_, stored)| !stored.participants.is_empty());
        if known != Some(true) {
            patch.participants = None;
        }
    }
}

/// The zone of a synced event (a move keeps it); `not_found` when it is gone.
pub fn zone_of(cache: &EventCache, kind: EventKind, key: &str) -> Result<String, AppError> {
    cache
        .find(kind, key)
        .map(|(event, _)| event.timezone.clone())
        .ok_or_else(|| {
            AppError::new(
                ErrorCode::NotFound,
                "This event is no longer in the calendar; refresh.",
            )
        })
}

/// Every IANA time zone the app accepts, sorted, for the form's searchable list.
pub fn time_zones() -> Vec<String> {
    let mut names: Vec<String> = chrono_tz::TZ_VARIANTS
        .iter()
        .map(|tz| tz.name().to_owned())
        .collect();
    names.sort();
    names
}

/// A search query is bounded (a search box, not a document).
pub fn check_query(query: &str) -> Result<(), AppError> {
    if query.chars().count() > MAX_QUERY_CHARS {
        return Err(AppError::invalid(
            "query",
            format!("at most {MAX_QUERY_CHARS} characters"),
        ));
    }
    Ok(())
}

/// Searches the synced copy at `now_ms`; at most [`MAX_SEARCH_RESULTS`].
pub fn search_synced(cache: &EventCache, query: &str, now_ms: f64) -> Vec<CalendarEvent> {
    search(cache.entries(), query, now_ms, MAX_SEARCH_RESULTS)
}

#[cfg(test)]
mod tests;
