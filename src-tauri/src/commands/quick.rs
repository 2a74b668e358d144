//! The tray's quick-create window: its defaults and its one action.

use tauri::{AppHandle, Manager};
use tauri_plugin_clipboard_manager::ClipboardExt;

use crate::calendar::{CalendarEvent, EventInput, EventKind, input_to_new};
use crate::error::AppError;
use crate::tray::presets;

/// An empty meeting starting at the next half hour on the local clock, for 30 minutes.
#[tauri::command]
#[specta::specta]
pub fn quick_defaults() -> EventInput {
    let zone = crate::local_zone::local_zone();
    let start = presets::next_half_hour(chrono::Utc::now(), &zone).with_timezone(&zone);
    EventInput {
        topic: String::new(),
        agenda: String::new(),
        date: start.format("%Y-%m-%d").to_string(),
        time: start.format("%H:%M").to_string(),
        duration_minutes: presets::PRESET_MINUTES,
        timezone: zone.name().to_owned(),
        participants: Vec::new(),
    }
}

/// Creates the meeting, copies its join link and closes the quick-create window. On an
/// error the window stays open with its input.
#[tauri::command]
#[specta::specta]
pub async fn quick_create(app: AppHandle, input: EventInput) -> Result<CalendarEvent, AppError> {
    let event = super::calendar::create(&app, EventKind::Meeting, input_to_new(&input)?).await?;
    if let Some(link) = &event.join_link {
        let _ = app.clipboard().write_text(link.clone());
    }
    crate::notify::notify(
        &app,
        "Meeting scheduled: join link copied",
        &event.topic,
        Vec::new(),
    );
    if let Some(window) = app.get_webview_window(crate::windows::QUICK) {
        let _ = window.destroy();
    }
    Ok(event)
}
