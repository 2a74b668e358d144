//! Meetings and webinars at Zoho (create, links, caching a fetched event), shared by the
//! IPC commands, the tray and quick-create; `zmeet_core::services` does the work (also edit,
//! reschedule and delete, which the commands call on it directly).

use tauri::AppHandle;
use zmeet_core::connection::Ticket;
use zoho_core::NewMeeting;

use crate::calendar::{CalendarEvent, EventKind, EventLink};
use crate::error::AppError;
use crate::session::core;

pub use zmeet_core::services::fetch;

/// Creates an event and announces it; a create whose answer was lost is looked for first.
pub async fn create(
    app: &AppHandle,
    kind: EventKind,
    new: NewMeeting,
) -> Result<CalendarEvent, AppError> {
    core(app).create(kind, new).await
}

/// An event's join link, or its start link for the host, checked, fetched fresh.
pub async fn event_link(
    app: &AppHandle,
    kind: EventKind,
    key: String,
    link: EventLink,
) -> Result<String, AppError> {
    core(app).event_link(kind, key, link).await
}

/// Changes the calendar cache only while `ticket`'s generation is current.
pub async fn cache_if_current(
    app: &AppHandle,
    ticket: &Ticket,
    change: impl FnOnce(&mut zmeet_core::calendar::EventCache),
) {
    core(app).cache_if_current(ticket, change).await
}
