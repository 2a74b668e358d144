//! A signed-in session: the account, its token source and the HTTP client. Cheap to clone;
//! clones share the token cache.

pub mod account_store;
pub mod tokens;

use std::sync::Arc;

use url::Url;

pub use account_store::{AccountInfo, AccountStore, keyring_service};
pub use tokens::{CachedToken, RefreshPolicy, TokenSource};

use crate::api::ListPaging;
use crate::api::PagingMemory;
use crate::http::HttpConfig;

#[derive(Clone)]
pub struct Session {
    pub(crate) inner: Arc<Inner>,
}

pub(crate) struct Inner {
    pub http: reqwest::Client,
    pub http_config: HttpConfig,
    pub tokens: TokenSource,
    pub account: AccountInfo,
    pub meeting: Url,
    pub paging: ListPaging,
    /// The detected paging reading (shared by clones; see `api::paging`).
    pub paging_memory: std::sync::Mutex<PagingMemory>,
    /// Held while detecting, so concurrent lists detect once.
    pub detect_lock: tokio::sync::Mutex<()>,
}

impl std::fmt::Debug for Session {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Session")
            .field("account", &self.inner.account)
            .finish_non_exhaustive()
    }
}

impl Session {
    pub(crate) fn new(
        http: reqwest::Client,
        http_config: HttpConfig,
        tokens: TokenSource,
        account: AccountInfo,
        meeting: Url,
        paging: ListPaging,
    ) -> Self {
        Self {
            inner: Arc::new(Inner {
                http,
                http_config,
                tokens,
                account,
                meeting,
                paging,
                paging_memory: std::sync::Mutex::default(),
                detect_lock: tokio::sync::Mutex::new(()),
            }),
        }
    }

    /// Who is signed in and where.
    pub fn account(&self) -> &AccountInfo {
        &self.inner.account
    }

    pub(crate) fn tokens(&self) -> &TokenSource {
        &self.inner.tokens
    }
}
