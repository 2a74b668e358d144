//! Reminders: a desktop notification a few minutes before each upcoming meeting or webinar,
//! with Start (for the host) and Join; never twice for the same event, also across restarts.

mod schedule;
mod sent_log;

pub use schedule::{ReminderId, due};
pub use sent_log::SentLog;

use tauri::{AppHandle, Manager};

use crate::settings::{Settings, settings_path};
use crate::state::AppState;
use crate::tray::MenuAction;

/// Shows the reminders due now and records them.
pub async fn check(app: &AppHandle) {
    let lead = settings_path(app)
        .and_then(|p| Settings::load(&p))
        .map(|s| s.reminder_minutes)
        .unwrap_or(5);
    let events = app.state::<AppState>().cache.lock().await.all();
    let Ok(dir) = app.path().app_data_dir() else {
        return;
    };
    let now_ms = chrono::Utc::now().timestamp_millis();
    let mut log = SentLog::load(&dir.join("reminders.json"));
    let due: Vec<_> = due(&events, now_ms, lead, log.sent())
        .into_iter()
        .cloned()
        .collect();
    if due.is_empty() {
        return;
    }
    // Record first: a crash after showing must not show them again.
    if let Err(error) = log.record(due.iter().map(ReminderId::of), now_ms) {
        tracing::warn!("cannot save the reminder log: {error}");
        return;
    }
    for event in due {
        let minutes = ((event.start_ms - now_ms as f64) / 60_000.0)
            .ceil()
            .max(1.0);
        let mut actions = Vec::new();
        if event.is_host {
            actions.push((MenuAction::Start(event.kind, event.key.clone()), "Start"));
        }
        actions.push((MenuAction::Join(event.kind, event.key.clone()), "Join"));
        crate::notify::notify(
            app,
            &format!("In {minutes} min: {}", event.topic),
            "zmeet reminder",
            actions,
        );
    }
}
