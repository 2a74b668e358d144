//! List semantics (API.md §2.5, several GAPs): `listtype` all|upcoming|past|today, `index`
//! and `count` paging, top-level `count` = total matches.

use std::collections::HashMap;

use chrono::{DateTime, Utc};

use super::errors::{MeetingError, Validation};
use super::format::parse_zone;
use crate::config::SimConfig;
use crate::store::{SessionKind, Store, StoredSession};

/// Which sessions a list request asks for, and which page of them.
pub struct ListQuery {
    list_type: ListType,
    skip: usize,
    take: usize,
    /// Records past this position are never served (`SimConfig::list_records_cap`).
    cap: usize,
}

#[derive(Clone, Copy)]
enum ListType {
    All,
    Upcoming,
    Past,
    Today,
}

impl ListQuery {
    pub fn parse(
        params: &HashMap<String, String>,
        config: &SimConfig,
    ) -> Result<Self, MeetingError> {
        let invalid = MeetingError::Invalid(Validation::ListParams);
        let list_type = match params.get("listtype").map(String::as_str) {
            None | Some("") | Some("all") => ListType::All,
            Some("upcoming") => ListType::Upcoming,
            Some("past") => ListType::Past,
            Some("today") => ListType::Today,
            Some(_) => return Err(invalid),
        };
        let number = |name: &str, default: u64| -> Result<u64, MeetingError> {
            match params.get(name).map(String::as_str) {
                None | Some("") => Ok(default),
                Some(text) => text.trim().parse().map_err(|_| invalid),
            }
        };
        let base = config.list_index_base;
        let index = number("index", base)?;
        let take = number("count", config.list_default_count as u64)? as usize;
        if index < base || take == 0 {
            return Err(invalid);
        }
        let position = (index - base) as usize;
        let skip = if config.list_index_is_page {
            position.saturating_mul(take)
        } else {
            position
        };
        Ok(Self {
            list_type,
            skip,
            take,
            cap: config.list_records_cap.unwrap_or(usize::MAX),
        })
    }

    /// The total number of matches and the requested page of them.
    pub fn run<'a>(
        &self,
        store: &'a Store,
        kind: SessionKind,
        now: DateTime<Utc>,
    ) -> (usize, Vec<&'a StoredSession>) {
        let mut matches: Vec<&StoredSession> = store
            .of_kind(kind)
            .filter(|session| self.matches(session, now))
            .collect();
        match self.list_type {
            // Past meetings come most recent first; everything else in start order.
            ListType::Past => {
                matches.sort_by_key(|session| std::cmp::Reverse((session.start, session.key)))
            }
            _ => matches.sort_by_key(|session| (session.start, session.key)),
        }
        let total = matches.len();
        let page = matches
            .into_iter()
            .take(self.cap)
            .skip(self.skip)
            .take(self.take)
            .collect();
        (total, page)
    }

    fn matches(&self, session: &StoredSession, now: DateTime<Utc>) -> bool {
        let end = session.start + chrono::TimeDelta::milliseconds(session.duration_ms);
        match self.list_type {
            ListType::All => true,
            // Not over yet: a meeting in progress still counts as upcoming.
            ListType::Upcoming => end > now,
            ListType::Past => end <= now,
            // Starts on today's date in the meeting's own zone.
            ListType::Today => {
                let zone = parse_zone(&session.timezone).unwrap_or(chrono_tz::Tz::UTC);
                session.start.with_timezone(&zone).date_naive()
                    == now.with_timezone(&zone).date_naive()
            }
        }
    }
}
