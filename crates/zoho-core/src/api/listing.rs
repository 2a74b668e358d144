//! Listing meetings or webinars page by page without ever losing some quietly: the paging
//! reading is detected once per endpoint set (see [`super::paging`]) and remembered with the
//! account, paging stops only on an empty, short or all-seen page (or the safety limit),
//! and a list that ends before the total the server reports says so in its [`Listing`].

use std::collections::HashSet;
use std::fmt;

use chrono::{DateTime, Utc};

use super::pages::{Ahead, Span, read_page, worth_asking_ahead};
use super::paging::{PROBE_REQUESTS, PagingReading, Verdict};
use super::{Family, ListPaging, ListType};
use crate::error::Result;
use crate::model::{Meeting, PageShape};
use crate::session::Session;

/// One list as fetched: its sessions, how it ended and what it cost.
#[derive(Clone, Debug)]
pub struct Listing {
    /// Every session fetched, each once, in the server's order.
    pub items: Vec<Meeting>,
    /// The server's top-level `count` (a number or a numeric string) on the last page.
    pub total: Option<u64>,
    /// List requests made, detection probes included.
    pub requests: u32,
    /// The reading the pages were fetched with; `None` while the list is too short to tell.
    pub reading: Option<PagingReading>,
    pub end: ListEnd,
    /// What happened on the way that a log should tell (detection, re-checks, a reading
    /// that could not be remembered).
    pub notes: Vec<String>,
}

/// Why paging stopped.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ListEnd {
    /// The list ended and nothing the server said is missing.
    Complete,
    /// A newest-first list went past the `since` instant asked for; older sessions were
    /// deliberately not fetched.
    ReachedSince,
    /// Sessions are missing.
    Shortfall(Shortfall),
}

/// Fewer sessions than exist.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Shortfall {
    pub fetched: u64,
    /// How many the server says exist (`None` when it never said).
    pub total: Option<u64>,
    pub reason: ShortfallReason,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ShortfallReason {
    /// The pages ended (empty, short or already seen) before the server's total.
    EndedBeforeTotal,
    /// `ListPaging::max_pages` pages were fetched and the list went on.
    SafetyLimit,
}

impl ShortfallReason {
    pub fn describe(self) -> &'static str {
        match self {
            ShortfallReason::EndedBeforeTotal => {
                "the server's pages ended before the total it reported"
            }
            ShortfallReason::SafetyLimit => "the safety limit on pages per list was reached",
        }
    }
}

impl fmt::Display for Shortfall {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.total {
            Some(total) => write!(f, "fetched {} of {total}", self.fetched)?,
            None => write!(f, "fetched {} of more", self.fetched)?,
        }
        write!(f, " ({})", self.reason.describe())
    }
}

impl Listing {
    pub fn shortfall(&self) -> Option<&Shortfall> {
        match &self.end {
            ListEnd::Shortfall(shortfall) => Some(shortfall),
            _ => None,
        }
    }
}

/// What the session knows about its server's paging reading.
#[derive(Default)]
pub(crate) struct PagingMemory {
    reading: Option<PagingReading>,
    /// The keyring has been asked (once per session).
    loaded: bool,
    /// This session's own probes found `reading`: a list ending before the server's total
    /// is then the server's doing, not a sign of a wrong reading.
    confirmed: bool,
}

/// Why a page loop stopped.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Stop {
    /// Empty, short or all-seen page, or the server's total reached.
    End,
    Since,
    Limit,
}

struct Paged {
    items: Vec<Meeting>,
    total: Option<u64>,
    requests: u32,
    stop: Stop,
    /// A page repeated sessions of an earlier one: the reading is in doubt.
    overlapped: bool,
}

impl Paged {
    fn end(&self) -> ListEnd {
        let fetched = self.items.len() as u64;
        match self.stop {
            Stop::Limit => ListEnd::Shortfall(Shortfall {
                fetched,
                total: self.total,
                reason: ShortfallReason::SafetyLimit,
            }),
            Stop::Since => ListEnd::ReachedSince,
            Stop::End => match self.total {
                Some(total) if total > fetched => ListEnd::Shortfall(Shortfall {
                    fetched,
                    total: Some(total),
                    reason: ShortfallReason::EndedBeforeTotal,
                }),
                _ => ListEnd::Complete,
            },
        }
    }

    /// Signs that the reading used is wrong (or has changed): a page repeating sessions of
    /// an earlier one, or (unless the reading was confirmed in this session) pages ending
    /// before the server's total.
    fn contradicts_reading(&self, confirmed: bool) -> bool {
        self.overlapped
            || (!confirmed
                && matches!(self.end(), ListEnd::Shortfall(s) if s.reason == ShortfallReason::EndedBeforeTotal))
    }
}

impl Session {
    /// The paging reading this session uses, once detected (or loaded from the keyring).
    pub fn paging_reading(&self) -> Option<PagingReading> {
        self.inner
            .paging_memory
            .lock()
            .expect("paging memory")
            .reading
    }

    /// Lists `list` of `family`. With `since`, a newest-first list (`past`) stops once it
    /// has gone past that instant.
    pub(crate) async fn list(
        &self,
        family: Family,
        list: ListType,
        since: Option<DateTime<Utc>>,
    ) -> Result<Listing> {
        let configured = self.inner.paging;
        if !configured.detect {
            let paged = self
                .page_through(family, list, configured, since, false)
                .await?;
            return Ok(listing(paged, Some(configured.reading()), 0, Vec::new()));
        }
        let mut notes = Vec::new();
        let mut probes = 0;
        let (verdict, fresh) = match self.remembered_reading().await {
            Some(reading) => (Verdict::Known(reading), false),
            None => {
                let _detecting = self.inner.detect_lock.lock().await;
                match self.paging_reading() {
                    // Someone else detected it while this call waited.
                    Some(reading) => (Verdict::Known(reading), false),
                    None => {
                        probes += PROBE_REQUESTS;
                        let verdict = self.detect_paging(family, ListType::All).await?;
                        self.learn(verdict, &mut notes).await;
                        (verdict, true)
                    }
                }
            }
        };
        match verdict {
            Verdict::Known(reading) if fresh => {
                let paging = configured.with_reading(reading);
                let paged = self
                    .page_through(family, list, paging, since, false)
                    .await?;
                Ok(listing(paged, Some(reading), probes, notes))
            }
            Verdict::Known(reading) => {
                // A remembered reading: the first sign that it no longer holds (an error for
                // its first index, a page repeating earlier sessions, pages ending before the
                // total) stops paging and detects again.
                let paging = configured.with_reading(reading);
                let confirmed = self
                    .inner
                    .paging_memory
                    .lock()
                    .expect("paging memory")
                    .confirmed;
                let doubt = match self.page_through(family, list, paging, since, true).await {
                    Ok(paged) if !paged.contradicts_reading(confirmed) => {
                        return Ok(listing(paged, Some(reading), probes, notes));
                    }
                    Ok(paged) => Ok(paged),
                    Err(error) if super::paging::refuses_index(&error) => Err(error),
                    Err(error) => return Err(error),
                };
                notes.push(format!(
                    "the {} list contradicts the remembered paging reading ({}): {}; checking again",
                    family.area(),
                    reading.describe(),
                    match &doubt {
                        Ok(paged) => describe_end(paged),
                        Err(error) => format!("the server refused its first index: {error}"),
                    }
                ));
                self.forget_reading().await;
                probes += PROBE_REQUESTS;
                let again = self.detect_paging(family, ListType::All).await?;
                self.learn(again, &mut notes).await;
                let spent = doubt.as_ref().map_or(1, |paged| paged.requests);
                let new = match again {
                    Verdict::Known(new) => new,
                    // Nothing better is known: keep what the first pass found.
                    _ => match doubt {
                        Ok(paged) if !paged.overlapped => {
                            return Ok(listing(paged, Some(reading), probes, notes));
                        }
                        _ => reading,
                    },
                };
                if let Ok(paged) = &doubt
                    && new == reading
                    && !paged.overlapped
                {
                    // Same reading, and the pass was whole: its shortfall is real.
                    let paged = doubt.expect("checked");
                    return Ok(listing(paged, Some(reading), probes, notes));
                }
                let mut paged = self
                    .page_through(family, list, configured.with_reading(new), since, false)
                    .await?;
                paged.requests += spent;
                Ok(listing(paged, Some(new), probes, notes))
            }
            undecided => {
                // Too few sessions to tell the readings apart: one page from the right base
                // holds them all, whatever the reading. Should it come back full, the list
                // has grown since the probes and can now be told.
                let base = match undecided {
                    Verdict::BaseOnly(base) => base,
                    _ => configured.first_index,
                };
                let one_page = ListPaging {
                    first_index: base,
                    max_pages: 1,
                    ..configured
                };
                let paged = self
                    .page_through(family, list, one_page, since, false)
                    .await?;
                if paged.stop != Stop::Limit {
                    return Ok(listing(paged, None, probes, notes));
                }
                probes += PROBE_REQUESTS;
                let again = self.detect_paging(family, ListType::All).await?;
                self.learn(again, &mut notes).await;
                let paging = match again {
                    Verdict::Known(reading) => configured.with_reading(reading),
                    _ => ListPaging {
                        first_index: base,
                        ..configured
                    },
                };
                let extra = paged.requests;
                let mut paged = self
                    .page_through(family, list, paging, since, false)
                    .await?;
                paged.requests += extra;
                let reading = matches!(again, Verdict::Known(_)).then(|| paging.reading());
                Ok(listing(paged, reading, probes, notes))
            }
        }
    }

    /// Pages through a list with fixed paging values; with `stop_on_overlap`, a page that
    /// repeats an earlier page's sessions ends it (the reading is then in doubt).
    async fn page_through(
        &self,
        family: Family,
        list: ListType,
        paging: ListPaging,
        since: Option<DateTime<Utc>>,
        stop_on_overlap: bool,
    ) -> Result<Paged> {
        let count = paging.page_size.max(1);
        let path = self.collection_path(family);
        let mut index = paging.first_index;
        let mut seen = HashSet::new();
        let mut paged = Paged {
            items: Vec::new(),
            total: None,
            requests: 0,
            stop: Stop::Limit,
            overlapped: false,
        };
        // Whether every start so far came no later than the one before (newest first).
        let mut newest_first = true;
        let mut last_start: Option<DateTime<Utc>> = None;
        // The first and last start of the page before, for asking ahead of a `since`.
        let mut previous: Option<Span> = None;
        let mut ahead: Option<Ahead> = None;
        for page_number in 1..=paging.max_pages {
            let reply = match ahead.take() {
                Some(ahead) if ahead.index == index => ahead.reply().await?,
                other => {
                    // A page asked ahead for another index (a server answering more than
                    // `count` sessions) is not used, only counted.
                    if let Some(unused) = other {
                        paged.requests += 1;
                        unused.unused().await;
                    }
                    self.list_reply(&path, list, index, count).await?
                }
            };
            paged.requests += 1;
            if page_number < paging.max_pages
                && let Some(shape) = PageShape::scan(&reply.body)
                && worth_asking_ahead(
                    &shape,
                    count,
                    paged.items.len(),
                    since,
                    newest_first,
                    previous,
                )
            {
                let next = index
                    + if paging.index_is_page {
                        1
                    } else {
                        count.into()
                    };
                ahead = Some(self.ask_ahead(&path, list, next, count));
            }
            let page = read_page(reply)?;
            paged.total = page.total.and_then(|total| u64::try_from(total).ok());
            let page = page.sessions;
            let received = page.len();
            let mut fresh = 0;
            let mut first_start = None;
            for meeting in page {
                if let Some(start) = meeting.start {
                    newest_first &= last_start.is_none_or(|last| start <= last);
                    last_start = Some(start);
                    first_start.get_or_insert(start);
                }
                if seen.insert(meeting.key.clone()) {
                    paged.items.push(meeting);
                    fresh += 1;
                }
            }
            previous = first_start.zip(last_start);
            paged.overlapped |= fresh < received;
            if paged.overlapped && stop_on_overlap {
                paged.stop = Stop::End;
                break;
            }
            let reached_total = paged.total == Some(paged.items.len() as u64);
            if received < count as usize || fresh == 0 || reached_total {
                paged.stop = Stop::End;
                break;
            }
            let past_since = since.is_some_and(|since| {
                newest_first && last_start.is_some_and(|oldest| oldest < since)
            });
            if past_since {
                paged.stop = Stop::Since;
                break;
            }
            index += if paging.index_is_page {
                1
            } else {
                received as u64
            };
        }
        if let Some(unused) = ahead {
            paged.requests += 1;
            unused.unused().await;
        }
        Ok(paged)
    }

    /// The reading in memory, else the one kept with the account for this Meeting host.
    async fn remembered_reading(&self) -> Option<PagingReading> {
        {
            let memory = self.inner.paging_memory.lock().expect("paging memory");
            if memory.reading.is_some() || memory.loaded {
                return memory.reading;
            }
        }
        // A keyring that cannot be read only costs a detection.
        let stored = self
            .tokens()
            .store()
            .paging_reading(self.inner.meeting.as_str())
            .await
            .inspect_err(|error| {
                tracing::warn!("paging reading not read from the keyring: {error}")
            })
            .ok()
            .flatten();
        let mut memory = self.inner.paging_memory.lock().expect("paging memory");
        memory.loaded = true;
        if memory.reading.is_none() {
            memory.reading = stored;
        }
        memory.reading
    }

    async fn learn(&self, verdict: Verdict, notes: &mut Vec<String>) {
        // Too few sessions to tell: nothing to remember, and nothing worth a log line (the
        // probes run again on the next list).
        let Verdict::Known(reading) = verdict else {
            return;
        };
        notes.push(format!(
            "the server reads the list index as {}",
            reading.describe()
        ));
        {
            let mut memory = self.inner.paging_memory.lock().expect("paging memory");
            memory.reading = Some(reading);
            memory.confirmed = true;
        }
        if let Err(error) = self
            .tokens()
            .store()
            .save_paging_reading(self.inner.meeting.as_str(), reading)
            .await
        {
            notes.push(format!(
                "the paging reading is kept for this session only: {error}"
            ));
        }
    }

    async fn forget_reading(&self) {
        let mut memory = self.inner.paging_memory.lock().expect("paging memory");
        memory.reading = None;
        memory.confirmed = false;
    }
}

fn listing(
    paged: Paged,
    reading: Option<PagingReading>,
    probes: u32,
    notes: Vec<String>,
) -> Listing {
    Listing {
        end: paged.end(),
        total: paged.total,
        requests: paged.requests + probes,
        reading,
        items: paged.items,
        notes,
    }
}

fn describe_end(paged: &Paged) -> String {
    match paged.end() {
        ListEnd::Shortfall(shortfall) => shortfall.to_string(),
        _ if paged.overlapped => "a page repeated sessions of an earlier one".to_owned(),
        _ => "it ended early".to_owned(),
    }
}
