//! Meeting reminders: which are due, and which were already sent. The shell checks them
//! after each sync and shows the notifications.

mod notification;
mod schedule;
mod sent_log;

pub use notification::Reminder;
pub use schedule::{ReminderId, due, due_span};
pub use sent_log::SentLog;
