//! One reminder round: which reminders are due now, recorded in the sent log before they
//! are shown (a crash after showing must not show them again). The shell shows them.

use std::path::Path;

use crate::calendar::CalendarEvent;
use crate::reminders::{Reminder, ReminderId, SentLog, due};
use crate::unchanged::Reread;

/// Where the sent log lives in the app's data folder.
pub const LOG_FILE: &str = "reminders.json";

/// The sent log as last read: a round runs every minute, the log changes only when a
/// reminder is recorded.
static SENT_LOG: Reread<SentLog> = Reread::new();

/// The reminders to show at `now_ms`, `lead_minutes` ahead, already recorded in the log at
/// `log_path`. When the log cannot be saved, none: a reminder that could show twice is
/// held back (logged).
pub fn take_due(
    events: &[CalendarEvent],
    now_ms: i64,
    lead_minutes: u32,
    log_path: &Path,
) -> Vec<Reminder> {
    let mut log = SENT_LOG.get(log_path, SentLog::load);
    let due = due(events, now_ms, lead_minutes, log.sent());
    if due.is_empty() {
        return Vec::new();
    }
    if let Err(error) = log.record(due.iter().copied().map(ReminderId::of), now_ms) {
        tracing::warn!("cannot save the reminder log: {error}");
        return Vec::new();
    }
    due.into_iter()
        .map(|event| Reminder::of(event, now_ms))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn event(key: &str, start_ms: f64) -> CalendarEvent {
        CalendarEvent::test_meeting(key, start_ms, start_ms + 1_800_000.0)
    }

    #[test]
    fn a_due_reminder_is_taken_once_even_across_a_restart() {
        let dir = tempfile::tempdir().unwrap();
        let log = dir.path().join(LOG_FILE);
        let now = 1_800_000_000_000_i64;
        let events = [
            event("soon", now as f64 + 3.0 * 60_000.0),
            event("later", now as f64 + 30.0 * 60_000.0),
        ];
        let taken = take_due(&events, now, 5, &log);
        assert_eq!(taken.len(), 1);
        assert_eq!(taken[0].summary, "In 3 min: Topic soon");
        assert!(take_due(&events, now + 1_000, 5, &log).is_empty());
        assert!(take_due(&events, now, 0, &dir.path().join("other.json")).is_empty());
    }

    #[test]
    fn nothing_is_shown_when_the_log_cannot_be_saved() {
        let dir = tempfile::tempdir().unwrap();
        // A file where the log's folder should be.
        let blocker = dir.path().join("blocker");
        std::fs::write(&blocker, "").unwrap();
        let now = 1_800_000_000_000_i64;
        let events = [event("soon", now as f64 + 60_000.0)];
        assert!(take_due(&events, now, 5, &blocker.join(LOG_FILE)).is_empty());
    }
}
