//! Reminders: a desktop notification a few minutes before each upcoming meeting or webinar,
//! with Start (for the host) and Join; never twice for the same event, also across restarts
//! (`zmeet_core::due_reminders` decides which).

use tauri::{AppHandle, Manager};
use zmeet_core::due_reminders::{LOG_FILE, take_due};
use zmeet_core::reminders::due_span;
use zmeet_core::settings::Settings;
use zmeet_core::unchanged::Reread;

use crate::app_paths::settings_path;
use crate::state::AppState;

/// The reminder lead from the settings, as last read: the check runs every minute, the file
/// changes only when saved.
static LEAD_MINUTES: Reread<u32> = Reread::new();

/// Shows the reminders due now and records them.
pub async fn check(app: &AppHandle) {
    let lead = settings_path(app)
        .map(|path| {
            LEAD_MINUTES.get(&path, |path| {
                Settings::load(path).map_or(5, |settings| settings.reminder_minutes)
            })
        })
        .unwrap_or(5);
    let now_ms = chrono::Utc::now().timestamp_millis();
    let events = app
        .state::<AppState>()
        .events_in(due_span(now_ms, lead))
        .await;
    let Ok(dir) = app.path().app_data_dir() else {
        return;
    };
    for reminder in take_due(&events, now_ms, lead, &dir.join(LOG_FILE)) {
        crate::notify::notify(app, &reminder.summary, "zmeet reminder", reminder.actions);
    }
}
