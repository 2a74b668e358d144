//! One list page on the wire: asked for, read straight from its text into meetings, and,
//! while a long list is paged through, the next page asked for while this one is read.
//!
//! Asking ahead overlaps reading a page (the client's CPU) with the server's work and the
//! network for the next one. It never changes which pages are fetched: the page asked for
//! ahead is the one the paging loop would ask for next, and only when the page in hand is
//! full and the server's total says more follow. It can cost one request the loop would
//! not have made, when the page in hand ends the list for another reason: it repeats
//! earlier sessions (a wrong paging reading, re-detected anyway) or a newest-first list
//! reaches its `since` a page sooner than the page before predicted. That request is
//! waited for and counted in [`super::Listing::requests`], so the count stays exact.

use chrono::{DateTime, Utc};
use reqwest::Method;
use tokio::task::JoinHandle;

use super::ListType;
use crate::error::{Error, Result};
use crate::http::Reply;
use crate::model::{ListPage, PageError, PageShape};
use crate::session::Session;

/// A page asked for before the one in hand was read.
pub(super) struct Ahead {
    /// Its `index`: used only if the loop asks for this very index next.
    pub index: u64,
    task: JoinHandle<Result<Reply>>,
}

impl Ahead {
    /// The page's answer (or its failure, as if it had been asked for in turn).
    pub async fn reply(self) -> Result<Reply> {
        match self.task.await {
            Ok(reply) => reply,
            Err(error) if error.is_panic() => std::panic::resume_unwind(error.into_panic()),
            Err(_) => Err(Error::Network("the request was cancelled".into())),
        }
    }

    /// Waits for a page that turned out not to be needed, so the request count is exact
    /// (the server saw it) and nothing is left running. Its answer is dropped.
    pub async fn unused(self) {
        if let Err(error) = self.reply().await {
            tracing::debug!("a page asked for ahead and not needed failed: {error}");
        }
    }
}

/// The first and last start of a page, in the server's order.
pub(super) type Span = (DateTime<Utc>, DateTime<Utc>);

/// Whether the page after the one in hand (`shape`, not read yet) can be asked for now:
/// the page is full, the server's total says more follow it, and a newest-first list
/// bounded by `since` is still, at the pace of the page before (`previous`), a page clear
/// of `since` after this one.
pub(super) fn worth_asking_ahead(
    shape: &PageShape,
    count: u32,
    fetched: usize,
    since: Option<DateTime<Utc>>,
    newest_first: bool,
    previous: Option<Span>,
) -> bool {
    let full = shape.sessions == count as usize;
    let more = shape
        .total
        .and_then(|total| usize::try_from(total).ok())
        .is_some_and(|total| fetched + shape.sessions < total);
    let clear_of_since = match since {
        None => true,
        Some(_) if !newest_first => true,
        Some(since) => previous.is_some_and(|(newest, oldest)| {
            let span = newest - oldest;
            oldest - span - span >= since
        }),
    };
    full && more && clear_of_since
}

impl Session {
    /// One page of a list, read: `count` sessions from `index`.
    pub(super) async fn list_page(
        &self,
        path: &str,
        list: ListType,
        index: u64,
        count: u32,
    ) -> Result<ListPage> {
        read_page(self.list_reply(path, list, index, count).await?)
    }

    /// One page of a list, as the server's text.
    pub(super) async fn list_reply(
        &self,
        path: &str,
        list: ListType,
        index: u64,
        count: u32,
    ) -> Result<Reply> {
        let query = [
            ("listtype", list.as_str().to_owned()),
            ("index", index.to_string()),
            ("count", count.to_string()),
        ];
        self.call_text(Method::GET, path, &query, None).await
    }

    /// Asks for a page in the background.
    pub(super) fn ask_ahead(&self, path: &str, list: ListType, index: u64, count: u32) -> Ahead {
        let (session, path) = (self.clone(), path.to_owned());
        Ahead {
            index,
            task: tokio::spawn(async move { session.list_reply(&path, list, index, count).await }),
        }
    }
}

/// Reads a page's text straight into meetings.
pub(super) fn read_page(reply: Reply) -> Result<ListPage> {
    ListPage::parse(&reply.body).map_err(|error| Error::UnexpectedResponse {
        status: reply.status.as_u16(),
        detail: match error {
            PageError::NotJson => crate::http::describe_body(&reply.body),
            PageError::Unexpected(why) => why,
        },
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeDelta;

    fn shape(sessions: usize, total: i64) -> PageShape {
        PageShape {
            total: Some(total),
            sessions,
        }
    }

    #[test]
    fn only_a_full_page_with_more_to_come_is_followed_ahead() {
        assert!(worth_asking_ahead(
            &shape(100, 350),
            100,
            0,
            None,
            true,
            None
        ));
        assert!(!worth_asking_ahead(
            &shape(100, 350),
            100,
            250,
            None,
            true,
            None
        ));
        // A short page, a page that reaches the total, no total at all.
        assert!(!worth_asking_ahead(
            &shape(99, 350),
            100,
            0,
            None,
            true,
            None
        ));
        assert!(!worth_asking_ahead(
            &shape(100, 200),
            100,
            100,
            None,
            true,
            None
        ));
        let unknown = PageShape {
            total: None,
            sessions: 100,
        };
        assert!(!worth_asking_ahead(&unknown, 100, 0, None, true, None));
        // A server whose total says more than it serves: followed until a page is short.
        assert!(worth_asking_ahead(
            &shape(100, 500),
            100,
            200,
            None,
            true,
            None
        ));
        assert!(!worth_asking_ahead(
            &shape(0, 500),
            100,
            300,
            None,
            true,
            None
        ));
    }

    #[test]
    fn a_list_bounded_by_since_is_followed_only_while_clear_of_it() {
        let now = Utc::now();
        let day = TimeDelta::days(1);
        let since = Some(now - day * 30);
        let page = shape(100, 10_000);
        // The first page: nothing tells the pace yet.
        assert!(!worth_asking_ahead(&page, 100, 0, since, true, None));
        // The page before spanned 5 days and ended 10 days back: this one should end about
        // 15 days back and the next 20, clear of 30.
        let previous = Some((now - day * 5, now - day * 10));
        assert!(worth_asking_ahead(&page, 100, 100, since, true, previous));
        // Ended 22 days back: this one may reach 27 and the next 32, past `since`.
        let previous = Some((now - day * 17, now - day * 22));
        assert!(!worth_asking_ahead(&page, 100, 100, since, true, previous));
        // A list that is not newest first never stops at `since`.
        assert!(worth_asking_ahead(&page, 100, 100, since, false, None));
    }
}
