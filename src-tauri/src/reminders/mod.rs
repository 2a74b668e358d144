//! Reminders: a desktop notification a few minutes before each upcoming meeting or webinar,
//! with Start (for the host) and Join; never twice for the same event, also across restarts.

use tauri::{AppHandle, Manager};
use zmeet_core::reminders::{Reminder, ReminderId, SentLog, due};
use zmeet_core::unchanged::Reread;

use crate::app_paths::settings_path;
use crate::settings::Settings;
use crate::state::AppState;

/// The reminder lead from the settings and the log of shown reminders, as last read: the
/// check runs every half minute, the files change only when saved.
static LEAD_MINUTES: Reread<u32> = Reread::new();
static SENT_LOG: Reread<SentLog> = Reread::new();

/// Shows the reminders due now and records them.
pub async fn check(app: &AppHandle) {
    let lead = settings_path(app)
        .map(|path| {
            LEAD_MINUTES.get(&path, |path| {
                Settings::load(path).map_or(5, |s| s.reminder_minutes)
            })
        })
        .unwrap_or(5);
    let events = app.state::<AppState>().cache.lock().await.all();
    let Ok(dir) = app.path().app_data_dir() else {
        return;
    };
    let now_ms = chrono::Utc::now().timestamp_millis();
    let mut log = SENT_LOG.get(&dir.join("reminders.json"), SentLog::load);
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
        let reminder = Reminder::of(&event, now_ms);
        crate::notify::notify(app, &reminder.summary, "zmeet reminder", reminder.actions);
    }
}
