//! What the app does with meetings and webinars at Zoho: create, edit, fetch links, and
//! announce the change. The IPC commands, the tray and quick-create all come through here.

use tauri::{AppHandle, Manager};
use tauri_specta::Event;
use zmeet_core::connection::Ticket;
use zmeet_core::logging::WarnOnErr;
use zoho_core::{NewMeeting, Session};

use crate::calendar::{CalendarEvent, EventKind, EventLink, stored_of};
use crate::error::{AppError, ErrorCode};
use crate::events::DataChanged;
use crate::session::with_session;
use crate::state::AppState;

/// Creates an event and announces it (also for the tray's presets and quick-create).
pub async fn create(
    app: &AppHandle,
    kind: EventKind,
    new: NewMeeting,
) -> Result<CalendarEvent, AppError> {
    crate::connectivity::ensure_online(app)?;
    let known_before = crate::offline::known_keys(app, kind).await;
    let ticket = app.state::<AppState>().connection.ticket();
    let sent = new.clone();
    let saved = with_session(app, |session| async move {
        let meeting = match kind {
            EventKind::Meeting => session.create_meeting(&sent).await?,
            EventKind::Webinar => session.create_webinar(&sent).await?,
        };
        Ok((meeting, session.account().zuid.clone()))
    })
    .await;
    match saved {
        Ok(saved) => store_and_announce(app, kind, &ticket, saved).await,
        // The answer may have been lost after Zoho created it: look before a retry.
        Err(error) if crate::connectivity::is_unreachable(&error) => {
            crate::offline::after_lost_create(app, kind, &new, &known_before, error).await
        }
        Err(error) => Err(error),
    }
}

/// An event's join link, or its start link for the host, fetched fresh. The start link is
/// a secret: hand it only to the browser.
pub async fn event_link(
    app: &AppHandle,
    kind: EventKind,
    key: String,
    link: EventLink,
) -> Result<String, AppError> {
    let endpoints = app.state::<AppState>().account().await?.endpoints().clone();
    let url = with_session(app, |session| async move {
        let meeting = fetch(&session, kind, &key).await?;
        let is_host = meeting.presenter.as_deref() == Some(session.account().zuid.as_str());
        match link {
            EventLink::Join => meeting
                .join_link
                .ok_or_else(|| AppError::new(ErrorCode::NoLink, "Zoho sent no join link.")),
            EventLink::Start if is_host => meeting
                .start_link
                .map(|secret| secret.expose().to_owned())
                .ok_or_else(|| {
                    AppError::new(ErrorCode::NoLink, "Zoho sent no start link for this event.")
                }),
            EventLink::Start => Err(AppError::new(
                ErrorCode::NotHost,
                "Only the host can start this event.",
            )),
        }
        .map(|url| (url, session.account().dc))
    })
    .await?;
    // The link is the server's choice: only a Meeting host's https link goes to the browser.
    let (url, dc) = url;
    crate::links::check_meeting_link(&url, &endpoints, dc)?;
    Ok(url)
}

pub async fn fetch(
    session: &Session,
    kind: EventKind,
    key: &str,
) -> Result<zoho_core::Meeting, AppError> {
    Ok(match kind {
        EventKind::Meeting => session.get_meeting(key).await?,
        EventKind::Webinar => session.get_webinar(key).await?,
    })
}

pub async fn edit(
    app: &AppHandle,
    kind: EventKind,
    key: String,
    patch: zoho_core::MeetingPatch,
) -> Result<(zoho_core::Meeting, String), AppError> {
    with_session(app, |session| async move {
        let edited = match kind {
            EventKind::Meeting => session.edit_meeting(&key, &patch).await?,
            EventKind::Webinar => session.edit_webinar(&key, &patch).await?,
        };
        // The edit answer omits the end and the zone suffix (API.md §2.5): read it back whole.
        let meeting = fetch(&session, kind, &edited.key)
            .await
            .inspect_err(|error| {
                tracing::warn!(
                    "reading an edited event back failed, using the edit's answer: {error}"
                )
            })
            .unwrap_or(edited);
        Ok((meeting, session.account().zuid.clone()))
    })
    .await
}

/// Caches a saved event and tells the UI. `ticket` is the connection's generation when the
/// call was made: an answer that arrives after a sign-out or a new connect is not cached
/// (it belongs to the account that was), only returned to the form that asked.
pub async fn store_and_announce(
    app: &AppHandle,
    kind: EventKind,
    ticket: &Ticket,
    (meeting, zuid): (zoho_core::Meeting, String),
) -> Result<CalendarEvent, AppError> {
    let stored = stored_of(kind, &meeting, &zuid).ok_or_else(|| {
        AppError::new(
            ErrorCode::UnexpectedResponse,
            "Zoho saved the event but sent back no start time; refresh.",
        )
    })?;
    let event = crate::calendar::event_of_stored(&stored);
    cache_if_current(app, ticket, |cache| cache.upsert(stored)).await;
    DataChanged
        .emit(app)
        .warn_on_err("data-changed after a save not sent to the UI");
    Ok(event)
}

/// Changes the calendar cache only while `ticket`'s generation is current (see
/// `zmeet_core::connection`): a late answer never lands in a cleared or replaced cache.
pub async fn cache_if_current(
    app: &AppHandle,
    ticket: &Ticket,
    change: impl FnOnce(&mut zmeet_core::calendar::EventCache),
) {
    let state = app.state::<AppState>();
    if state
        .connection
        .write_if_current(ticket, &state.cache, change)
        .await
        .is_none()
    {
        tracing::info!("an answer came after a sign-out or a new connect; not cached");
    }
}
