use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum EventKind {
    Meeting,
    Webinar,
}

/// One meeting or webinar on the calendar. Times are epoch milliseconds (UTC); the UI shows
/// them in the local zone.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct CalendarEvent {
    pub kind: EventKind,
    pub key: String,
    pub topic: String,
    pub start_ms: f64,
    pub end_ms: f64,
    /// The meeting's own IANA zone.
    pub timezone: String,
    /// Whether the signed-in user presents it (only the host may start it).
    pub is_host: bool,
    /// The attendee-safe join link.
    pub join_link: Option<String>,
}

impl CalendarEvent {
    /// Whether any of it falls in `[from_ms, to_ms)` (epoch ms).
    pub fn overlaps(&self, from_ms: f64, to_ms: f64) -> bool {
        self.end_ms > from_ms && self.start_ms < to_ms
    }
}

#[cfg(test)]
impl CalendarEvent {
    /// For tests: the meeting `key` ("Topic {key}") from `start_ms` to `end_ms`, in UTC, not
    /// hosted, without a join link; a test sets the fields it is about with `..`.
    pub(crate) fn test_meeting(key: &str, start_ms: f64, end_ms: f64) -> Self {
        CalendarEvent {
            kind: EventKind::Meeting,
            key: key.to_owned(),
            topic: format!("Topic {key}"),
            start_ms,
            end_ms,
            timezone: "UTC".to_owned(),
            is_host: false,
            join_link: None,
        }
    }
}

/// Everything the detail view shows. The host-only start link is never sent to the UI:
/// `has_start_link` tells the UI to offer "Start", which opens it from Rust.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct EventDetails {
    pub event: CalendarEvent,
    pub agenda: Option<String>,
    pub duration_minutes: u32,
    /// The start in the meeting's zone, e.g. "Tue, Dec 1, 2026, 07:00 PM IST".
    pub start_in_zone: String,
    pub participants: Vec<String>,
    pub presenter_name: Option<String>,
    pub has_start_link: bool,
}

/// The create / edit form as the user filled it in. `date` and `time` are wall-clock
/// values in `timezone`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct EventInput {
    pub topic: String,
    pub agenda: String,
    /// `YYYY-MM-DD`.
    pub date: String,
    /// `HH:MM`, 24-hour.
    pub time: String,
    pub duration_minutes: u32,
    pub timezone: String,
    pub participants: Vec<String>,
}

/// Which link of an event to open.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum EventLink {
    Join,
    /// Host only.
    Start,
}
