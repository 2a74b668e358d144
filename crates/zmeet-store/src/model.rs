//! What the store holds: the app's own model of an event, with nothing secret in it.

/// A meeting or a webinar.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum EventKind {
    Meeting,
    Webinar,
}

impl EventKind {
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            EventKind::Meeting => "meeting",
            EventKind::Webinar => "webinar",
        }
    }

    pub(crate) fn parse(text: &str) -> Option<Self> {
        match text {
            "meeting" => Some(EventKind::Meeting),
            "webinar" => Some(EventKind::Webinar),
            _ => None,
        }
    }
}

/// One event as the calendar shows it. There is deliberately no field for a start link,
/// password or embed URL: the store cannot hold a host credential.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredEvent {
    pub kind: EventKind,
    pub key: String,
    pub topic: String,
    /// Epoch milliseconds, UTC.
    pub start_ms: i64,
    pub end_ms: i64,
    /// The event's own IANA zone.
    pub timezone: String,
    /// Whether the signed-in user presents it.
    pub is_host: bool,
    /// The attendee-safe join link.
    pub join_link: Option<String>,
    pub agenda: Option<String>,
    /// Participants' email addresses.
    pub participants: Vec<String>,
    pub presenter_name: Option<String>,
    /// Whether Zoho had a start link for the host (the link itself stays in Zoho).
    pub has_start_link: bool,
}

/// A span of event start times a sync covers: its rows replace the stored ones that start
/// inside it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SyncRange {
    pub from_ms: i64,
    pub to_ms: i64,
}

impl SyncRange {
    /// Everything (Zoho's list has no date filter, so the app syncs it all at once).
    pub const ALL: SyncRange = SyncRange {
        from_ms: i64::MIN,
        to_ms: i64::MAX,
    };
}

/// The last successful sync of a range.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LastSync {
    /// When it was written (epoch ms).
    pub synced_at_ms: i64,
    /// The earliest event start it fetched (epoch ms): the range's `from_ms` when it covered
    /// the whole range, later when it stopped short (Zoho's past is fetched back to a date).
    /// `None`: not recorded (written by an older zmeet).
    pub reached_from_ms: Option<i64>,
}
