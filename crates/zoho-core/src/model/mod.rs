//! Serde models of Meeting API bodies. Every reader tolerates the quirks of API.md §2.10.

pub mod meeting;
pub mod quirks;
pub mod user;

pub use meeting::{
    Meeting, MeetingPatch, NewMeeting, NewWebinar, Participant, Webinar, WebinarPatch,
    is_valid_email, sessions_of,
};
pub use user::CurrentUser;

/// Reads an example body from `shared/zoho/examples/` beside the repository.
#[cfg(test)]
pub(crate) fn example(name: &str) -> serde_json::Value {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/zoho/examples")
        .join(name);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path:?}: {e}"));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{path:?}: {e}"))
}
