//! What is kept in the keyring for the signed-in account of one endpoint set, under one
//! service name: the refresh token, the client secret, a JSON metadata entry (no secret in
//! it) and a waiting sign-in. Every entry name starts with the endpoint set's namespace
//! ([`Endpoints::namespace`](crate::dc::Endpoints::namespace)), so the secrets Zoho issued
//! are never read, sent or overwritten while other endpoints are configured, and are there
//! again when the user switches back.

use std::sync::Arc;
use std::time::Duration;

use serde::{Deserialize, Serialize};

use crate::api::PagingReading;
use crate::dc::DataCenter;
use crate::error::Result;
use crate::secret::Secret;
use crate::store::{KEYRING_TIMEOUT, TokenStore, run_blocking};

pub const REFRESH_TOKEN_KEY: &str = "refresh-token";
pub const CLIENT_SECRET_KEY: &str = "client-secret";
pub const ACCOUNT_KEY: &str = "account";
/// A deep-link sign-in waiting for its callback (state and PKCE verifier).
pub const PENDING_SIGN_IN_KEY: &str = "pending-sign-in";
/// How the account's Meeting host reads the list `index` (JSON, no secret in it).
pub const LIST_PAGING_KEY: &str = "list-paging";

/// The detected paging reading and the Meeting host it was detected on.
#[derive(Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
struct StoredPaging {
    meeting_server: String,
    reading: PagingReading,
}

/// The keyring service name of a build channel: a development build never touches the
/// secrets of an installed release.
pub const fn keyring_service(debug_build: bool) -> &'static str {
    if debug_build {
        "dev.zmeet.desktop.debug"
    } else {
        "dev.zmeet.desktop"
    }
}

/// The signed-in account: where it lives and who it is. Stored as JSON, shown to the UI.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AccountInfo {
    pub dc: DataCenter,
    /// The allow-listed accounts server (refresh and revoke go there).
    pub accounts_server: String,
    /// The DC's Meeting host.
    pub meeting_server: String,
    pub zsoid: String,
    pub zuid: String,
    pub email: Option<String>,
    pub display_name: Option<String>,
    /// Granted scopes, space-separated, as the token response reported them.
    pub scopes: Option<String>,
    pub client_id: String,
}

/// The keyring entry name of `key` for the endpoint set named `namespace`.
pub fn entry_name(namespace: &str, key: &str) -> String {
    format!("{namespace}/{key}")
}

/// Typed access to the keyring entries of one endpoint set.
#[derive(Clone)]
pub struct AccountStore {
    store: Arc<dyn TokenStore>,
    namespace: String,
    timeout: Duration,
}

impl AccountStore {
    /// The entries of the endpoint set named `namespace` (see `Endpoints::namespace`).
    pub fn new(store: Arc<dyn TokenStore>, namespace: impl Into<String>) -> Self {
        Self {
            store,
            namespace: namespace.into(),
            timeout: KEYRING_TIMEOUT,
        }
    }

    /// The endpoint set whose entries this store reads and writes.
    pub fn namespace(&self) -> &str {
        &self.namespace
    }

    /// The same store with another per-call timeout.
    pub fn with_timeout(mut self, timeout: Duration) -> Self {
        self.timeout = timeout;
        self
    }

    async fn get(&self, key: &'static str) -> Result<Option<Secret>> {
        let store = Arc::clone(&self.store);
        let name = entry_name(&self.namespace, key);
        let value = run_blocking(self.timeout, move || store.get(&name)).await?;
        Ok(value.map(Secret::from))
    }

    async fn put(&self, key: &'static str, value: &Secret) -> Result<()> {
        let store = Arc::clone(&self.store);
        let name = entry_name(&self.namespace, key);
        let value = value.to_secret_string();
        Ok(run_blocking(self.timeout, move || store.put(&name, &value)).await?)
    }

    async fn delete(&self, key: &'static str) -> Result<()> {
        let store = Arc::clone(&self.store);
        let name = entry_name(&self.namespace, key);
        Ok(run_blocking(self.timeout, move || store.delete(&name)).await?)
    }

    /// The stored account and its refresh token; `None` unless both are there and the
    /// metadata reads.
    pub async fn load(&self) -> Result<Option<(AccountInfo, Secret)>> {
        let Some(refresh_token) = self.refresh_token().await? else {
            return Ok(None);
        };
        let Some(raw) = self.get(ACCOUNT_KEY).await? else {
            return Ok(None);
        };
        Ok(serde_json::from_str(raw.expose())
            .inspect_err(|error| tracing::warn!("the stored account is unreadable: {error}"))
            .ok()
            .map(|info| (info, refresh_token)))
    }

    pub async fn account(&self) -> Result<Option<AccountInfo>> {
        let raw = self.get(ACCOUNT_KEY).await?;
        Ok(raw.and_then(|raw| serde_json::from_str(raw.expose()).ok()))
    }

    pub async fn refresh_token(&self) -> Result<Option<Secret>> {
        Ok(self
            .get(REFRESH_TOKEN_KEY)
            .await?
            .filter(|t| !t.expose().is_empty()))
    }

    /// Stores the account and its refresh token (the token first: metadata without a
    /// token is ignored on load).
    pub async fn save(&self, info: &AccountInfo, refresh_token: &Secret) -> Result<()> {
        self.put(REFRESH_TOKEN_KEY, refresh_token).await?;
        let json = serde_json::to_string(info).expect("account metadata serializes");
        self.put(ACCOUNT_KEY, &Secret::new(json)).await
    }

    pub async fn client_secret(&self) -> Result<Option<Secret>> {
        Ok(self
            .get(CLIENT_SECRET_KEY)
            .await?
            .filter(|s| !s.expose().is_empty()))
    }

    pub async fn save_client_secret(&self, secret: &Secret) -> Result<()> {
        self.put(CLIENT_SECRET_KEY, secret).await
    }

    /// Keeps a waiting sign-in (see `PendingSignIn::to_saved`).
    pub async fn save_pending_sign_in(&self, saved: &Secret) -> Result<()> {
        self.put(PENDING_SIGN_IN_KEY, saved).await
    }

    /// Reads the waiting sign-in, leaving it in the store (to check a callback against it
    /// before using it up).
    pub async fn pending_sign_in(&self) -> Result<Option<Secret>> {
        self.get(PENDING_SIGN_IN_KEY).await
    }

    /// Takes the waiting sign-in out of the store: it serves one callback at most.
    pub async fn take_pending_sign_in(&self) -> Result<Option<Secret>> {
        let saved = self.get(PENDING_SIGN_IN_KEY).await?;
        if saved.is_some() {
            self.delete(PENDING_SIGN_IN_KEY).await?;
        }
        Ok(saved)
    }

    /// The paging reading remembered for `meeting_server`; `None` when none is kept, or it
    /// was detected on another host.
    pub async fn paging_reading(&self, meeting_server: &str) -> Result<Option<PagingReading>> {
        let raw = self.get(LIST_PAGING_KEY).await?;
        Ok(raw
            .and_then(|raw| serde_json::from_str::<StoredPaging>(raw.expose()).ok())
            .filter(|stored| stored.meeting_server == meeting_server)
            .map(|stored| stored.reading))
    }

    pub async fn save_paging_reading(
        &self,
        meeting_server: &str,
        reading: PagingReading,
    ) -> Result<()> {
        let stored = StoredPaging {
            meeting_server: meeting_server.to_owned(),
            reading,
        };
        let json = serde_json::to_string(&stored).expect("paging reading serializes");
        self.put(LIST_PAGING_KEY, &Secret::new(json)).await
    }

    /// Forgets the account (refresh token, metadata and the paging reading learnt with it).
    /// The client secret is the app's, not the account's, and stays.
    pub async fn clear(&self) -> Result<()> {
        self.delete(REFRESH_TOKEN_KEY).await?;
        self.delete(ACCOUNT_KEY).await?;
        self.delete(LIST_PAGING_KEY).await
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::MemoryStore;

    fn info() -> AccountInfo {
        AccountInfo {
            dc: DataCenter::Eu,
            accounts_server: "https://accounts.zoho.eu/".into(),
            meeting_server: "https://meeting.zoho.eu/".into(),
            zsoid: "1".into(),
            zuid: "2".into(),
            email: Some("a@b.co".into()),
            display_name: None,
            scopes: None,
            client_id: "c".into(),
        }
    }

    #[tokio::test]
    async fn save_load_clear() {
        let raw = Arc::new(MemoryStore::new());
        let store = AccountStore::new(raw.clone(), "zoho");
        assert!(store.load().await.unwrap().is_none());
        store.save(&info(), &Secret::new("rt")).await.unwrap();
        store.save_client_secret(&Secret::new("cs")).await.unwrap();
        let (loaded, token) = store.load().await.unwrap().unwrap();
        assert_eq!(loaded, info());
        assert_eq!(token.expose(), "rt");
        // Metadata holds no secret.
        let meta = raw.get("zoho/account").unwrap().unwrap();
        assert!(!secrecy::ExposeSecret::expose_secret(&meta).contains("rt\""));
        let host = "https://meeting.zoho.eu/";
        store
            .save_paging_reading(host, PagingReading::PagesFrom0)
            .await
            .unwrap();
        assert_eq!(
            store.paging_reading(host).await.unwrap(),
            Some(PagingReading::PagesFrom0)
        );
        assert_eq!(
            store
                .paging_reading("https://meeting.zoho.com/")
                .await
                .unwrap(),
            None,
            "a reading belongs to the host it was detected on"
        );
        store.clear().await.unwrap();
        assert_eq!(store.paging_reading(host).await.unwrap(), None);
        assert!(store.load().await.unwrap().is_none());
        assert!(store.account().await.unwrap().is_none());
        assert_eq!(store.client_secret().await.unwrap().unwrap().expose(), "cs");
    }

    #[tokio::test]
    async fn a_pending_sign_in_is_taken_once() {
        let store = AccountStore::new(Arc::new(MemoryStore::new()), "zoho");
        assert!(store.take_pending_sign_in().await.unwrap().is_none());
        store
            .save_pending_sign_in(&Secret::new("saved"))
            .await
            .unwrap();
        assert_eq!(
            store
                .take_pending_sign_in()
                .await
                .unwrap()
                .unwrap()
                .expose(),
            "saved"
        );
        assert!(store.take_pending_sign_in().await.unwrap().is_none());
    }

    #[tokio::test]
    async fn unreadable_metadata_is_no_account() {
        let raw = Arc::new(MemoryStore::new());
        let store = AccountStore::new(raw.clone(), "zoho");
        store.save(&info(), &Secret::new("rt")).await.unwrap();
        raw.put("zoho/account", &secrecy::SecretString::from("{not json"))
            .unwrap();
        assert!(store.load().await.unwrap().is_none());
    }

    #[tokio::test]
    async fn endpoint_sets_never_see_each_others_entries() {
        let raw = Arc::new(MemoryStore::new());
        let zoho = AccountStore::new(raw.clone(), "zoho");
        let custom = AccountStore::new(raw.clone(), "custom-0123456789abcdef");
        zoho.save(&info(), &Secret::new("rt")).await.unwrap();
        zoho.save_client_secret(&Secret::new("cs")).await.unwrap();
        zoho.save_pending_sign_in(&Secret::new("p")).await.unwrap();
        assert!(custom.load().await.unwrap().is_none());
        assert!(custom.client_secret().await.unwrap().is_none());
        assert!(custom.take_pending_sign_in().await.unwrap().is_none());
        custom.clear().await.unwrap();
        custom.save(&info(), &Secret::new("other")).await.unwrap();
        assert_eq!(zoho.load().await.unwrap().unwrap().1.expose(), "rt");
        assert_eq!(zoho.client_secret().await.unwrap().unwrap().expose(), "cs");
    }

    #[test]
    fn a_service_per_channel() {
        assert_ne!(keyring_service(true), keyring_service(false));
    }
}
