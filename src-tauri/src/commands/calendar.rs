//! Meetings and webinars: the calendar's ranges, details, and create / edit / delete.

use tauri::{AppHandle, Manager};
use zmeet_core::event_requests as rules;

use crate::calendar::{
    CalendarEvent, EventDetails, EventInput, EventKind, EventLink, input_to_new, input_to_patch,
};
use crate::error::AppError;
use crate::meetings::{cache_if_current, create, event_link, fetch};
use crate::session::{core, open_in_browser, with_session};
use crate::state::AppState;

/// How long a calendar request waits for the account to connect (a launch's first).
const CONNECT_WAIT: std::time::Duration = std::time::Duration::from_secs(10);

/// The events overlapping `[fromMs, toMs)`. The first call, `refresh`, or a range further
/// back than the synced past syncs from Zoho, reporting `SyncProgress`; later calls are
/// served from the synced copy.
#[tauri::command]
#[specta::specta]
pub async fn list_events(
    app: AppHandle,
    from_ms: f64,
    to_ms: f64,
    refresh: bool,
) -> Result<Vec<CalendarEvent>, AppError> {
    rules::check_range(from_ms, to_ms)?;
    // The page asks for its first month while the account still connects (the keyring is
    // read, the store opened): waiting for that answers from the store at once, instead
    // of "not ready" and a second round after the connect.
    let state = app.state::<AppState>();
    if !state.settled_within(CONNECT_WAIT).await {
        tracing::warn!("still connecting after {CONNECT_WAIT:?}; the calendar asks anyway");
    }
    let synced = crate::sync::ensure_synced_from(&app, refresh, None, Some(from_ms)).await;
    let cache = state.cache.lock().await;
    let unreachable = crate::offline::is_unreachable;
    rules::range_after_sync(&cache, synced, unreachable, from_ms, to_ms)
}

/// One event in full, fetched fresh from Zoho.
#[tauri::command]
#[specta::specta]
pub async fn get_event(
    app: AppHandle,
    kind: EventKind,
    key: String,
) -> Result<EventDetails, AppError> {
    let cache_key = key.clone();
    let ticket = app.state::<AppState>().connection.ticket();
    let fetched = with_session(&app, |session| async move {
        let meeting = fetch(&session, kind, &key).await?;
        Ok((meeting, session.account().zuid.clone()))
    })
    .await;
    let (meeting, zuid) = match fetched {
        Ok(fetched) => fetched,
        // Offline: the stored copy, as of the last sync.
        Err(error) if crate::offline::is_unreachable(&error) => {
            let state = app.state::<AppState>();
            let cache = state.cache.lock().await;
            return rules::details_offline(&cache, kind, &cache_key, error);
        }
        Err(error) => return Err(error),
    };
    let (details, stored) = rules::details_fetched(kind, &meeting, &zuid)?;
    if let Some(stored) = stored {
        cache_if_current(&app, &ticket, |cache| cache.upsert(stored)).await;
    }
    Ok(details)
}

#[tauri::command]
#[specta::specta]
pub async fn create_event(
    app: AppHandle,
    kind: EventKind,
    input: EventInput,
) -> Result<CalendarEvent, AppError> {
    create(&app, kind, input_to_new(&input)?).await
}

/// Replaces every field of an event with the form's input.
#[tauri::command]
#[specta::specta]
pub async fn update_event(
    app: AppHandle,
    kind: EventKind,
    key: String,
    input: EventInput,
) -> Result<CalendarEvent, AppError> {
    let patch = input_to_patch(&input)?;
    core(&app).update(kind, key, patch).await
}

/// Moves or resizes an event (a drag on the calendar), keeping its zone.
#[tauri::command]
#[specta::specta]
pub async fn reschedule_event(
    app: AppHandle,
    kind: EventKind,
    key: String,
    start_ms: f64,
    end_ms: f64,
) -> Result<CalendarEvent, AppError> {
    core(&app).reschedule(kind, key, start_ms, end_ms).await
}

#[tauri::command]
#[specta::specta]
pub async fn delete_event(app: AppHandle, kind: EventKind, key: String) -> Result<(), AppError> {
    core(&app).delete(kind, key).await
}

/// Opens an event's join link, or (for the host) its start link, in the browser. The start
/// link never reaches the UI or a log.
#[tauri::command]
#[specta::specta]
pub async fn open_event_link(
    app: AppHandle,
    kind: EventKind,
    key: String,
    link: EventLink,
) -> Result<(), AppError> {
    let url = event_link(&app, kind, key, link).await?;
    open_in_browser(&app, &url)
}

/// Every IANA time zone the app accepts, for the form's searchable list.
#[tauri::command]
#[specta::specta]
pub fn time_zones() -> Vec<String> {
    rules::time_zones()
}
