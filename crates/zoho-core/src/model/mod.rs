//! Serde models of Meeting API bodies. Every reader tolerates the quirks of API.md §2.10.

mod fields;
pub mod meeting;
pub mod page;
pub mod quirks;
pub mod user;

pub use meeting::{
    Meeting, MeetingPatch, NewMeeting, NewWebinar, Participant, Webinar, WebinarPatch,
    is_valid_email, sessions_of,
};
pub use page::{ListPage, PageError, PageShape};
pub use user::CurrentUser;

/// Where the documented example bodies are: `tests/fixtures/zoho/` in this crate (copied
/// from Zoho's documentation; their sources are listed in that folder's `index.md`).
#[cfg(test)]
pub(crate) fn examples_dir() -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/zoho")
}

/// Reads an example body from [`examples_dir`].
#[cfg(test)]
pub(crate) fn example(name: &str) -> serde_json::Value {
    let path = examples_dir().join(name);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path:?}: {e}"));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{path:?}: {e}"))
}
