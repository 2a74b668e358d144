//! Shared helpers of the integration tests: a simulator, a client configured for it, and a
//! signed-in session.
#![allow(dead_code)]

pub mod stub;

use std::sync::Arc;
use std::time::Duration;

use zoho_core::store::MemoryStore;
use zoho_core::{Endpoints, HttpConfig, RedirectKind, Secret, SignedIn, ZohoClient, ZohoConfig};
use zoho_sim::{HostKind, RequestRecord, SimConfig, Simulator};

pub fn sim_config() -> SimConfig {
    SimConfig {
        user_dc: "eu".into(),
        meetings: 12,
        webinars: 4,
        ..SimConfig::default()
    }
}

pub async fn start(config: SimConfig) -> Simulator {
    Simulator::start(config).await.expect("simulator starts")
}

/// Short timeouts and backoffs so failure tests finish fast.
pub fn fast_http() -> HttpConfig {
    HttpConfig {
        timeout: Duration::from_secs(3),
        connect_timeout: Duration::from_secs(2),
        retries: 2,
        retry_backoff: Duration::from_millis(20),
        ..HttpConfig::default()
    }
}

pub fn client_config(sim: &Simulator) -> ZohoConfig {
    let info = sim.info();
    let mut config = ZohoConfig::new(&info.client_id, Some(Secret::new(&info.client_secret)));
    config.endpoints = Endpoints::from_maps(&info.accounts, &info.meeting).expect("sim endpoints");
    config.http = fast_http();
    config
}

pub fn client_with(config: ZohoConfig) -> (ZohoClient, Arc<MemoryStore>) {
    let store = Arc::new(MemoryStore::new());
    (
        ZohoClient::new(config, store.clone()).expect("client"),
        store,
    )
}

pub fn client(sim: &Simulator) -> (ZohoClient, Arc<MemoryStore>) {
    client_with(client_config(sim))
}

/// The raw store's name of `key` for the simulator's endpoint set.
pub fn entry(sim: &Simulator, key: &str) -> String {
    zoho_core::session::account_store::entry_name(&client_config(sim).endpoints.namespace(), key)
}

/// A full deep-link sign-in through the simulated browser.
pub async fn sign_in(client: &ZohoClient) -> SignedIn {
    let pending = client
        .begin_sign_in(RedirectKind::DeepLink)
        .await
        .expect("begin");
    let callback = zoho_sim::browser::accept(pending.authorization_url().as_str())
        .await
        .expect("browser accepts");
    client
        .complete_sign_in(&pending, &callback)
        .await
        .expect("sign-in completes")
}

pub fn token_requests(records: &[RequestRecord], grant: &str) -> usize {
    records
        .iter()
        .filter(|r| r.host == HostKind::Accounts && r.grant_type.as_deref() == Some(grant))
        .count()
}

pub fn meeting_requests(records: &[RequestRecord]) -> usize {
    records
        .iter()
        .filter(|r| r.host == HostKind::Meeting)
        .count()
}
