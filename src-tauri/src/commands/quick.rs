//! The tray's quick-create window: its defaults and its one action.

use tauri::{AppHandle, Manager};
use zmeet_core::tray_actions;

use crate::calendar::{CalendarEvent, EventInput};
use crate::error::AppError;

/// An empty meeting starting at the next half hour on the local clock, for 30 minutes.
/// Signed out (a global shortcut opens the window whatever the state), the window cannot
/// create anything, so it is told so at once instead of after the user filled it in.
#[tauri::command]
#[specta::specta]
pub async fn quick_defaults(app: AppHandle) -> Result<EventInput, AppError> {
    let account = app.state::<crate::state::AppState>().account().await?;
    let state = account.status().await.state;
    tray_actions::quick_defaults(state, chrono::Utc::now(), crate::local_zone::local_zone())
}

/// Creates the meeting, copies its join link and closes the quick-create window. On an
/// error the window stays open with its input.
#[tauri::command]
#[specta::specta]
pub async fn quick_create(app: AppHandle, input: EventInput) -> Result<CalendarEvent, AppError> {
    tray_actions::quick_create(&crate::tray::Shell(&app), &input).await
}
