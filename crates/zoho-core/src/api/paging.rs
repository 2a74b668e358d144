//! What the list parameter `index` means (API.md §2.5, a GAP: "page number, default 0" in
//! one Zoho document, "start index, default 1" in another), and how a session finds out.
//!
//! Three small probes of the same list (`count=2` at `index` 0, 1 and 2) tell the four
//! readings apart by how the answers overlap. With records `r0 r1 r2 …`:
//!
//! | reading | index 0 | index 1 | index 2 |
//! |---|---|---|---|
//! | 1-based records | refused, empty or = index 1 | `r0 r1` | `r1 r2` |
//! | 0-based records | `r0 r1` | `r1 r2` | `r2 r3` |
//! | 1-based pages | refused, empty or = index 1 | `r0 r1` | `r2 r3` |
//! | 0-based pages | `r0 r1` | `r2 r3` | `r4 r5` |
//!
//! The base is 0 when index 0 answers with records and starts elsewhere than index 1.
//! From the first index, the next one starts with the first page's second record (records)
//! or shares nothing with it (pages). A list of one record or none cannot tell records from
//! pages, but then every reading fetches it with one request from the right base.

use std::collections::HashSet;

use serde::{Deserialize, Serialize};

use super::{Family, ListPaging, ListType};
use crate::error::{Error, Result};
use crate::session::Session;

/// One of the four ways a server may read `index`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PagingReading {
    /// `index` is the 1-based position of the first record (index 101 = second page of 100).
    RecordsFrom1,
    /// `index` is the 0-based position of the first record (index 100 = second page).
    RecordsFrom0,
    /// `index` is a 1-based page number of `count` records (index 2 = second page).
    PagesFrom1,
    /// `index` is a 0-based page number (index 1 = second page).
    PagesFrom0,
}

impl PagingReading {
    pub const ALL: [PagingReading; 4] = [
        PagingReading::RecordsFrom1,
        PagingReading::RecordsFrom0,
        PagingReading::PagesFrom1,
        PagingReading::PagesFrom0,
    ];

    pub fn of(base: u64, index_is_page: bool) -> Self {
        match (base, index_is_page) {
            (0, false) => PagingReading::RecordsFrom0,
            (0, true) => PagingReading::PagesFrom0,
            (_, false) => PagingReading::RecordsFrom1,
            (_, true) => PagingReading::PagesFrom1,
        }
    }

    pub fn first_index(self) -> u64 {
        match self {
            PagingReading::RecordsFrom1 | PagingReading::PagesFrom1 => 1,
            PagingReading::RecordsFrom0 | PagingReading::PagesFrom0 => 0,
        }
    }

    pub fn index_is_page(self) -> bool {
        matches!(self, PagingReading::PagesFrom1 | PagingReading::PagesFrom0)
    }

    /// How the log and the docs name it.
    pub fn describe(self) -> &'static str {
        match self {
            PagingReading::RecordsFrom1 => "1-based record positions",
            PagingReading::RecordsFrom0 => "0-based record positions",
            PagingReading::PagesFrom1 => "1-based page numbers",
            PagingReading::PagesFrom0 => "0-based page numbers",
        }
    }
}

impl ListPaging {
    /// The reading these values stand for.
    pub fn reading(&self) -> PagingReading {
        PagingReading::of(self.first_index, self.index_is_page)
    }

    /// The same page size and limits with the index values of `reading`.
    pub fn with_reading(self, reading: PagingReading) -> Self {
        Self {
            first_index: reading.first_index(),
            index_is_page: reading.index_is_page(),
            ..self
        }
    }
}

/// What the probes showed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Verdict {
    /// The reading is known.
    Known(PagingReading),
    /// Only the base is known: the list has one record, or it answered inconsistently.
    BaseOnly(u64),
    /// The list is empty: nothing tells the readings apart, and nothing needs to.
    Nothing,
}

/// Probes per detection.
pub const PROBE_REQUESTS: u32 = 3;
/// `count` of each probe.
const PROBE_COUNT: u32 = 2;

/// Judges the answers at `index` 0 (`None` when refused), 1 and 2, as record keys in order.
pub fn judge(at0: Option<&[String]>, at1: &[String], at2: &[String]) -> Verdict {
    let base = match at0 {
        Some(at0) if !at0.is_empty() && at0.first() != at1.first() => 0,
        _ => 1,
    };
    let (first, next) = if base == 0 {
        (at0.unwrap_or_default(), at1)
    } else {
        (at1, at2)
    };
    match first {
        [] => Verdict::Nothing,
        [_] => Verdict::BaseOnly(base),
        [_, second, ..] => {
            let seen: HashSet<&String> = first.iter().collect();
            if next.first() == Some(second) {
                Verdict::Known(PagingReading::of(base, false))
            } else if next.iter().all(|key| !seen.contains(key)) {
                Verdict::Known(PagingReading::of(base, true))
            } else {
                Verdict::BaseOnly(base)
            }
        }
    }
}

impl Session {
    /// Probes `list` of `family` three times (at once) and judges the overlap.
    pub(crate) async fn detect_paging(&self, family: Family, list: ListType) -> Result<Verdict> {
        let (at0, at1, at2) = tokio::join!(
            self.probe(family, list, 0),
            self.probe(family, list, 1),
            self.probe(family, list, 2)
        );
        let at0 = match at0 {
            Ok(keys) => Some(keys),
            Err(error) if refuses_index(&error) => None,
            Err(error) => return Err(error),
        };
        Ok(judge(at0.as_deref(), &at1?, &at2?))
    }

    async fn probe(&self, family: Family, list: ListType, index: u64) -> Result<Vec<String>> {
        let path = self.collection_path(family);
        let page = self.list_page(&path, list, index, PROBE_COUNT).await?;
        Ok(page
            .sessions
            .into_iter()
            .map(|meeting| meeting.key)
            .collect())
    }
}

/// A client error for `index=0`: a 1-based server refusing it (the simulator answers 7006
/// `INVALID_LIST_PARAMS`). Network and server failures are not an answer.
pub(crate) fn refuses_index(error: &Error) -> bool {
    match error {
        Error::Api { status, .. } => (400..500).contains(status),
        Error::NotFound => true,
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys(range: std::ops::Range<usize>) -> Vec<String> {
        range.map(|i| format!("r{i}")).collect()
    }

    /// What a server of `reading` with `total` records answers to the three probes; a
    /// 1-based server refuses index 0 (or, with `clamp`, serves index 1 instead).
    fn answers(
        reading: PagingReading,
        total: usize,
        clamp: bool,
    ) -> (Option<Vec<String>>, Vec<String>, Vec<String>) {
        let page = |index: u64| -> Option<Vec<String>> {
            let base = reading.first_index();
            let index = if index < base {
                if !clamp {
                    return None;
                }
                base
            } else {
                index
            };
            let position = (index - base) as usize;
            let skip = if reading.index_is_page() {
                position * PROBE_COUNT as usize
            } else {
                position
            };
            Some(keys(
                skip.min(total)..(skip + PROBE_COUNT as usize).min(total),
            ))
        };
        (page(0), page(1).unwrap(), page(2).unwrap())
    }

    #[test]
    fn two_records_or_more_tell_every_reading_apart() {
        for reading in PagingReading::ALL {
            for total in [2, 3, 4, 5, 100] {
                for clamp in [false, true] {
                    let (at0, at1, at2) = answers(reading, total, clamp);
                    assert_eq!(
                        judge(at0.as_deref(), &at1, &at2),
                        Verdict::Known(reading),
                        "{reading:?} with {total} records, clamp {clamp}"
                    );
                }
            }
        }
    }

    #[test]
    fn one_record_tells_the_base_and_none_tells_nothing() {
        for reading in PagingReading::ALL {
            let (at0, at1, at2) = answers(reading, 1, false);
            assert_eq!(
                judge(at0.as_deref(), &at1, &at2),
                Verdict::BaseOnly(reading.first_index())
            );
            let (at0, at1, at2) = answers(reading, 0, false);
            assert_eq!(judge(at0.as_deref(), &at1, &at2), Verdict::Nothing);
        }
    }

    #[test]
    fn an_inconsistent_server_is_not_guessed() {
        let first = keys(0..2);
        let odd = vec!["r5".to_owned(), "r0".to_owned()];
        assert_eq!(judge(None, &first, &odd), Verdict::BaseOnly(1));
    }

    #[test]
    fn readings_round_trip_through_paging_values() {
        for reading in PagingReading::ALL {
            assert_eq!(
                ListPaging::default().with_reading(reading).reading(),
                reading
            );
        }
        assert_eq!(ListPaging::default().reading(), PagingReading::RecordsFrom1);
    }
}
