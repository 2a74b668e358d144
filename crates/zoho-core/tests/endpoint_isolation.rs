//! Secrets are bound to the endpoint set that issued them: a client configured for other
//! endpoints never reads, sends or overwrites them, and they are there again on the way back.

mod common;

use std::sync::Arc;

use common::*;
use zoho_core::session::AccountStore;
use zoho_core::store::{MemoryStore, TokenStore};
use zoho_core::{Endpoints, ZohoClient, ZohoConfig};
use zoho_sim::HostKind;

/// B's endpoints with no client secret of their own, as pasted by a user.
fn config_without_secret(sim: &zoho_sim::Simulator) -> ZohoConfig {
    let mut config = client_config(sim);
    config.client_secret = None;
    config
}

#[tokio::test]
async fn another_endpoint_set_never_sees_the_first_ones_secrets() {
    let a = start(sim_config()).await;
    let b = start(sim_config()).await;
    let raw = Arc::new(MemoryStore::new());
    let client_a = ZohoClient::new(client_config(&a), raw.clone()).unwrap();
    sign_in(&client_a).await;
    assert!(client_a.restore().await.unwrap().is_some());

    // Switch to B: nothing of A's is read, so nothing can be sent; B hears nothing at all.
    b.clear_requests();
    let client_b = ZohoClient::new(config_without_secret(&b), raw.clone()).unwrap();
    assert!(
        client_b.restore().await.unwrap().is_none(),
        "signed out for B"
    );
    assert!(
        client_b
            .account_store()
            .client_secret()
            .await
            .unwrap()
            .is_none(),
        "A's client secret is not B's"
    );
    // Signing out of B (nothing there) must not revoke or delete A's session.
    client_b.sign_out(None).await.unwrap();
    let requests = b.requests();
    assert!(
        requests.iter().all(|r| r.host == HostKind::Admin),
        "B got requests: {requests:?}"
    );

    // Back to A: still signed in, no consent, and the session works.
    a.clear_requests();
    let client_a = ZohoClient::new(client_config(&a), raw.clone()).unwrap();
    let session = client_a
        .restore()
        .await
        .unwrap()
        .expect("A's session is kept");
    session.current_user().await.unwrap();
    assert!(
        !a.requests()
            .iter()
            .any(|r| r.grant_type.as_deref() == Some("authorization_code")),
        "no new consent"
    );
    a.shutdown().await;
    b.shutdown().await;
}

#[tokio::test]
async fn a_stored_account_from_another_accounts_server_is_not_restored() {
    let sim = start(sim_config()).await;
    let raw = Arc::new(MemoryStore::new());
    let client = ZohoClient::new(client_config(&sim), raw.clone()).unwrap();
    let signed_in = sign_in(&client).await;
    let mut account = signed_in.session.account().clone();
    let namespace = client_config(&sim).endpoints.namespace();
    let token = raw
        .get(&entry(&sim, "refresh-token"))
        .unwrap()
        .map(zoho_core::Secret::from)
        .unwrap();

    // Same entry names, but the metadata names another server: refused, nothing sent.
    account.accounts_server = "https://accounts.evil.example/".into();
    AccountStore::new(raw.clone(), namespace)
        .save(&account, &token)
        .await
        .unwrap();
    sim.clear_requests();
    assert!(client.restore().await.unwrap().is_none());
    client.sign_out(None).await.unwrap();
    assert!(
        !sim.requests().iter().any(|r| r.path.contains("revoke")),
        "the token is not revoked at a server that did not issue it"
    );
    sim.shutdown().await;
}

#[test]
fn zoho_and_custom_endpoints_use_different_entries() {
    let sim_like = {
        let mut endpoints = Endpoints::empty();
        endpoints
            .set(
                zoho_core::DataCenter::Us,
                "http://127.0.0.1:1",
                "http://127.0.0.1:2",
            )
            .unwrap();
        endpoints
    };
    assert_eq!(Endpoints::zoho().namespace(), "zoho");
    assert_ne!(sim_like.namespace(), "zoho");
}

/// A keyring that reads but cannot write.
struct ReadOnly;

impl TokenStore for ReadOnly {
    fn put(
        &self,
        _: &str,
        _: &zoho_core::SecretString,
    ) -> Result<(), zoho_core::store::StoreError> {
        Err(zoho_core::store::StoreError::Failed("read-only".into()))
    }
    fn get(
        &self,
        _: &str,
    ) -> Result<Option<zoho_core::SecretString>, zoho_core::store::StoreError> {
        Ok(None)
    }
    fn delete(&self, _: &str) -> Result<(), zoho_core::store::StoreError> {
        Ok(())
    }
}

#[tokio::test]
async fn a_refresh_token_the_keyring_cannot_keep_is_revoked() {
    let sim = start(sim_config()).await;
    let client = ZohoClient::new(client_config(&sim), Arc::new(ReadOnly)).unwrap();
    let pending = client
        .begin_sign_in(zoho_core::RedirectKind::DeepLink)
        .await
        .unwrap();
    let callback = zoho_sim::browser::accept(pending.authorization_url().as_str())
        .await
        .unwrap();
    let error = client
        .complete_sign_in(&pending, &callback)
        .await
        .unwrap_err();
    assert_eq!(error.code(), "keyring_failed");
    assert!(
        sim.requests()
            .iter()
            .any(|r| r.path.contains("revoke") && r.status == 200),
        "the unkept token was revoked"
    );
    assert_eq!(
        sim.refresh_token_count(),
        0,
        "no live refresh token is left"
    );
    sim.shutdown().await;
}
