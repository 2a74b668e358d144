//! Reminders: a desktop notification a few minutes before each upcoming meeting or webinar,
//! with Start (for the host) and Join; never twice for the same event, also across restarts
//! (`zmeet_core::due_reminders` decides which).

use tauri::{AppHandle, Manager};
use zmeet_core::due_reminders::{LOG_FILE, take_due};

use crate::state::{AppState, settings_service};

/// Shows the reminders due now and records them.
pub async fn check(app: &AppHandle) {
    let lead = settings_service(app)
        .and_then(|settings| settings.load())
        .map(|settings| settings.reminder_minutes)
        .unwrap_or(5);
    let events = app.state::<AppState>().cache.lock().await.all();
    let Ok(dir) = app.path().app_data_dir() else {
        return;
    };
    let now_ms = chrono::Utc::now().timestamp_millis();
    for reminder in take_due(&events, now_ms, lead, &dir.join(LOG_FILE)) {
        crate::notify::notify(app, &reminder.summary, "zmeet reminder", reminder.actions);
    }
}
