//! Meetings and webinars as the calendar shows them, the synced cache they come from, and
//! the form input that creates or edits them.

mod cache;
mod convert;
mod model;
mod search;
mod stored;

pub use cache::{EventCache, SyncShortfall};
pub use convert::{details_of, event_of, input_to_new, input_to_patch, reschedule_patch};
pub use model::{CalendarEvent, EventDetails, EventInput, EventKind, EventLink};
pub use search::{MAX_QUERY_CHARS, search};
pub use stored::{details_of_stored, event_of_stored, stored_of};
