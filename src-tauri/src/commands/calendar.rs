//! Meetings and webinars: the calendar's ranges, details, and create / edit / delete.

use tauri::{AppHandle, Manager};
use tauri_specta::Event;
use zmeet_core::logging::WarnOnErr;

use crate::calendar::{
    CalendarEvent, EventDetails, EventInput, EventKind, EventLink, details_of, details_of_stored,
    event_of, input_to_new, input_to_patch, reschedule_patch, stored_of,
};
use crate::error::{AppError, ErrorCode};
use crate::events::DataChanged;
use crate::meetings::{cache_if_current, create, edit, event_link, fetch, store_and_announce};
use crate::session::{open_in_browser, with_session};
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
    if !(from_ms.is_finite() && to_ms.is_finite() && from_ms < to_ms) {
        return Err(AppError::invalid("range", "must be a start before an end"));
    }
    // The page asks for its first month while the account still connects (the keyring is
    // read, the store opened): waiting for that answers from the store at once, instead
    // of "not ready" and a second round after the connect.
    let state = app.state::<AppState>();
    if tokio::time::timeout(CONNECT_WAIT, state.connection.settled())
        .await
        .is_err()
    {
        tracing::warn!("still connecting after {CONNECT_WAIT:?}; the calendar asks anyway");
    }
    let synced = crate::sync::ensure_synced_from(&app, refresh, None, Some(from_ms)).await;
    let cache = state.cache.lock().await;
    match synced {
        // Offline with a local copy: show it; the header says how old it is.
        Err(error) if !(crate::offline::is_unreachable(&error) && cache.is_synced()) => Err(error),
        _ => Ok(cache.in_range(from_ms, to_ms)),
    }
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
        Err(error) if crate::offline::is_unreachable(&error) => {
            // Offline: the stored copy, as of the last sync.
            let state = app.state::<AppState>();
            let cache = state.cache.lock().await;
            return match cache.find(kind, &cache_key) {
                Some((_, stored)) => Ok(details_of_stored(stored)),
                None => Err(error),
            };
        }
        Err(error) => return Err(error),
    };
    let event = event_of(kind, &meeting, &zuid).ok_or_else(|| {
        AppError::new(
            ErrorCode::UnexpectedResponse,
            "Zoho sent this event without a start time.",
        )
    })?;
    if let Some(stored) = stored_of(kind, &meeting, &zuid) {
        cache_if_current(&app, &ticket, |cache| cache.upsert(stored)).await;
    }
    Ok(details_of(event, &meeting))
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
    let mut patch = input_to_patch(&input)?;
    crate::offline::ensure_online(&app)?;
    // Zoho's get body may carry no participants (API.md §2.5), so the form could not show
    // them: an empty list then means "unknown", and sending it would remove them all.
    if patch.participants.as_ref().is_some_and(Vec::is_empty) {
        let state = app.state::<AppState>();
        let known = state
            .cache
            .lock()
            .await
            .find(kind, &key)
            .map(|(_, stored)| !stored.participants.is_empty());
        if known != Some(true) {
            patch.participants = None;
        }
    }
    let ticket = app.state::<AppState>().connection.ticket();
    let saved = edit(&app, kind, key, patch).await?;
    store_and_announce(&app, kind, &ticket, saved).await
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
    let state = app.state::<AppState>();
    let timezone = state
        .cache
        .lock()
        .await
        .find(kind, &key)
        .map(|(event, _)| event.timezone.clone())
        .ok_or_else(|| {
            AppError::new(
                ErrorCode::NotFound,
                "This event is no longer in the calendar; refresh.",
            )
        })?;
    let patch = reschedule_patch(start_ms, end_ms, &timezone)?;
    crate::offline::ensure_online(&app)?;
    let ticket = state.connection.ticket();
    let saved = edit(&app, kind, key, patch).await?;
    store_and_announce(&app, kind, &ticket, saved).await
}

#[tauri::command]
#[specta::specta]
pub async fn delete_event(app: AppHandle, kind: EventKind, key: String) -> Result<(), AppError> {
    crate::offline::ensure_online(&app)?;
    let deleted_key = key.clone();
    let ticket = app.state::<AppState>().connection.ticket();
    with_session(&app, |session| async move {
        match kind {
            EventKind::Meeting => session.delete_meeting(&key).await?,
            EventKind::Webinar => session.delete_webinar(&key).await?,
        }
        Ok(())
    })
    .await?;
    cache_if_current(&app, &ticket, |cache| cache.remove(kind, &deleted_key)).await;
    DataChanged
        .emit(&app)
        .warn_on_err("data-changed after a delete not sent to the UI");
    Ok(())
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
    let mut names: Vec<String> = chrono_tz::TZ_VARIANTS
        .iter()
        .map(|tz| tz.name().to_owned())
        .collect();
    names.sort();
    names
}
