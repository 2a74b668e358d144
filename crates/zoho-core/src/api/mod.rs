//! The Zoho Meeting REST API v2 (API.md Part 2), as methods of [`crate::Session`].

mod client;
pub mod errors;
mod listing;
mod meetings;
mod pages;
pub mod paging;
pub(crate) mod user;

pub(crate) use listing::PagingMemory;
pub use listing::{ListEnd, Listing, Shortfall, ShortfallReason};
pub use paging::PagingReading;

use serde::{Deserialize, Serialize};

/// Which sessions a list asks for.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ListType {
    #[default]
    All,
    Upcoming,
    Past,
    Today,
}

impl ListType {
    pub fn as_str(self) -> &'static str {
        match self {
            ListType::All => "all",
            ListType::Upcoming => "upcoming",
            ListType::Past => "past",
            ListType::Today => "today",
        }
    }
}

/// How list paging works. Zoho documents neither the base nor the meaning of `index`
/// (GAP): with `detect` on (the default) the session finds out which of the four readings
/// the server uses (see [`paging`]) and sets `first_index` / `index_is_page` from it; the
/// values here are used as given only with `detect` off, or while a list is too short to
/// tell the readings apart.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ListPaging {
    /// The `index` of the first page.
    pub first_index: u64,
    /// `true`: `index` counts pages; `false`: it is the position of the first record.
    pub index_is_page: bool,
    /// `count` per request: large, so a sync costs few requests.
    pub page_size: u32,
    /// Safety stop for a server that never ends a list.
    pub max_pages: u32,
    /// Detect the reading of `index` once per endpoint set (and re-check it when a list
    /// contradicts it); `false` trusts `first_index` and `index_is_page`.
    pub detect: bool,
}

impl Default for ListPaging {
    fn default() -> Self {
        Self {
            first_index: 1,
            index_is_page: false,
            page_size: 100,
            max_pages: 1000,
            detect: true,
        }
    }
}

/// Meetings or webinars: the same calls on different paths and scopes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Family {
    Meeting,
    Webinar,
}

impl Family {
    /// `sessions` or `webinar`: `/api/v2/{zsoid}/{area}.json` and `/{area}/{key}.json`.
    fn area(self) -> &'static str {
        match self {
            Family::Meeting => "sessions",
            Family::Webinar => "webinar",
        }
    }
}
