//! The tray's quick-create window: its defaults and its one action.

use tauri::{AppHandle, Manager};
use tauri_plugin_clipboard_manager::ClipboardExt;
use zmeet_core::logging::WarnOnErr;

use crate::calendar::{CalendarEvent, EventInput, EventKind, input_to_new};
use crate::error::{AppError, ErrorCode};
use zmeet_core::tray::presets;

/// An empty meeting starting at the next half hour on the local clock, for 30 minutes.
/// Signed out (a global shortcut opens the window whatever the state), the window cannot
/// create anything, so it is told so at once instead of after the user filled it in.
#[tauri::command]
#[specta::specta]
pub async fn quick_defaults(app: AppHandle) -> Result<EventInput, AppError> {
    let account = app.state::<crate::state::AppState>().account().await?;
    if account.status().await.state != crate::account::SignInState::SignedIn {
        return Err(AppError::new(
            ErrorCode::SignedOut,
            "Sign in to zmeet first (tray → Sign in), then schedule again.",
        ));
    }
    Ok(defaults())
}

fn defaults() -> EventInput {
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
    let event = crate::meetings::create(&app, EventKind::Meeting, input_to_new(&input)?).await?;
    if let Some(link) = &event.join_link {
        app.clipboard()
            .write_text(link.clone())
            .warn_on_err("the quick-created join link was not copied");
    }
    crate::notify::notify(
        &app,
        "Meeting scheduled: join link copied",
        &event.topic,
        Vec::new(),
    );
    if let Some(window) = app.get_webview_window(crate::windows::QUICK) {
        window
            .destroy()
            .warn_on_err("cannot close the quick-create window");
    }
    Ok(event)
}
