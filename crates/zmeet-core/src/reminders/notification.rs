//! What a reminder says, and the buttons it offers.

use crate::calendar::CalendarEvent;
use crate::tray::MenuAction;

/// A reminder as the shell shows it (a desktop notification). Never holds a secret: the
/// buttons name the event, and the start link is fetched only when pressed.
#[derive(Debug, Clone, PartialEq)]
pub struct Reminder {
    /// "In 5 min: Weekly sync".
    pub summary: String,
    /// Start (for the host) and Join.
    pub actions: Vec<(MenuAction, &'static str)>,
}

impl Reminder {
    pub fn of(event: &CalendarEvent, now_ms: i64) -> Self {
        let minutes = ((event.start_ms - now_ms as f64) / 60_000.0)
            .ceil()
            .max(1.0);
        let mut actions = Vec::new();
        if event.is_host {
            actions.push((MenuAction::Start(event.kind, event.key.clone()), "Start"));
        }
        actions.push((MenuAction::Join(event.kind, event.key.clone()), "Join"));
        Self {
            summary: format!("In {minutes} min: {}", event.topic),
            actions,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::calendar::EventKind;

    fn event(is_host: bool, start_ms: f64) -> CalendarEvent {
        CalendarEvent {
            kind: EventKind::Webinar,
            topic: "Weekly sync".into(),
            timezone: "Europe/Berlin".into(),
            is_host,
            join_link: Some("https://meeting.zoho.com/join?key=42".into()),
            ..CalendarEvent::test_meeting("42", start_ms, start_ms + 1_800_000.0)
        }
    }

    #[test]
    fn the_host_gets_start_and_join_and_minutes_round_up() {
        let now = 1_000_000_000_000;
        let reminder = Reminder::of(&event(true, now as f64 + 4.2 * 60_000.0), now);
        assert_eq!(reminder.summary, "In 5 min: Weekly sync");
        assert_eq!(
            reminder.actions,
            vec![
                (MenuAction::Start(EventKind::Webinar, "42".into()), "Start"),
                (MenuAction::Join(EventKind::Webinar, "42".into()), "Join"),
            ]
        );
    }

    #[test]
    fn a_participant_gets_join_only_and_a_started_event_says_one_minute() {
        let now = 1_000_000_000_000;
        let reminder = Reminder::of(&event(false, now as f64 - 30_000.0), now);
        assert_eq!(reminder.summary, "In 1 min: Weekly sync");
        assert_eq!(
            reminder.actions,
            vec![(MenuAction::Join(EventKind::Webinar, "42".into()), "Join")]
        );
    }
}
