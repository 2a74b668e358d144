//! The device flow over real HTTP against the simulator (and a stub for answers the
//! simulator never gives): every documented answer, units, cancellation. The simulator's
//! `slow_down` threshold and the client's minimum poll interval are shortened together, so
//! nothing waits 30 s.

mod common;

use std::sync::Arc;
use std::time::Duration;

use common::*;
use zoho_core::store::TokenStore;
use zoho_core::{DataCenter, Endpoints, Error, PendingDeviceSignIn, ZohoClient, ZohoConfig};
use zoho_sim::{HostKind, RequestRecord, SimConfig, Simulator};

/// A simulator whose user lives in the EU (device sign-in starts at US, so approval answers
/// `other_dc`), announcing a 150 ms interval, with `slow_down` under 100 ms.
fn device_sim() -> SimConfig {
    SimConfig {
        device_interval: Duration::from_millis(150),
        device_slow_down_under: Duration::from_millis(100),
        ..sim_config()
    }
}

fn device_client(
    sim: &Simulator,
    min_poll: Duration,
) -> (Arc<ZohoClient>, Arc<zoho_core::store::MemoryStore>) {
    let mut config = client_config(sim);
    config.device.min_poll_interval = min_poll;
    let (client, store) = client_with(config);
    (Arc::new(client), store)
}

/// The keyring entry `key` of the client's endpoint set (entries are namespaced by it).
fn entry(client: &ZohoClient, key: &str) -> String {
    format!("{}/{key}", client.account_store().namespace())
}

fn polls(sim: &Simulator) -> Vec<RequestRecord> {
    sim.requests()
        .into_iter()
        .filter(|r| r.host == HostKind::Accounts && r.grant_type.as_deref() == Some("device_token"))
        .collect()
}

fn answers(sim: &Simulator) -> Vec<String> {
    polls(sim)
        .iter()
        .map(|r| format!("{}:{}", r.dc, r.answer.clone().unwrap_or_default()))
        .collect()
}

/// Waits (on the request log, not on time) until a poll got `answer`.
async fn poll_answered(sim: &Simulator, answer: &str) {
    wait_for_polls(sim, &format!("a poll answered {answer}"), |polls| {
        polls.iter().any(|r| r.answer.as_deref() == Some(answer))
    })
    .await;
}

/// Re-reads the request log until its polls satisfy `ok` (at most 10 s).
async fn wait_for_polls(sim: &Simulator, what: &str, ok: impl Fn(&[RequestRecord]) -> bool) {
    let deadline = std::time::Instant::now() + Duration::from_secs(10);
    while !ok(&polls(sim)) {
        assert!(
            std::time::Instant::now() < deadline,
            "never saw {what}: {:?}",
            answers(sim)
        );
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

/// Proves that no approved-but-abandoned device sign-in polls any more, without waiting on
/// time: a fresh sign-in (the witness) polls at the same pace, and once it has polled twice an
/// abandoned wait would have polled too, and been answered something other than pending.
async fn no_poll_while_a_witness_polls_twice(
    client: &Arc<ZohoClient>,
    sim: &Simulator,
    what: &str,
) {
    let witness = Arc::new(client.begin_device_sign_in().await.unwrap());
    sim.clear_requests();
    let waiting = {
        let (client, witness) = (client.clone(), witness.clone());
        tokio::spawn(async move { client.complete_device_sign_in(&witness).await })
    };
    wait_for_polls(sim, "two polls of the witness", |polls| polls.len() >= 2).await;
    witness.cancel();
    let _ = waiting.await.unwrap();
    let answers = answers(sim);
    assert!(
        answers
            .iter()
            .all(|a| a.ends_with(":authorization_pending")),
        "{what}: {answers:?}"
    );
}

fn at(record: &RequestRecord) -> chrono::DateTime<chrono::Utc> {
    chrono::DateTime::parse_from_rfc3339(&record.at)
        .unwrap()
        .to_utc()
}

async fn admin(sim: &Simulator, path: &str, user_code: &str) -> serde_json::Value {
    reqwest::Client::new()
        .post(format!("{}{path}", sim.info().admin))
        .json(&serde_json::json!({ "user_code": user_code }))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap()
}

#[tokio::test]
async fn approval_on_the_verification_page_follows_other_dc_and_stores_the_refresh_token() {
    let sim = start(device_sim()).await;
    let (client, store) = device_client(&sim, Duration::from_millis(50));
    let pending = client.begin_device_sign_in().await.unwrap();
    let code = pending.code().clone();
    // Asked at US, where authorization starts; the page is on that accounts server.
    let us = &sim.info().accounts["us"];
    assert_eq!(
        code.verification_url.as_str(),
        format!("{us}/oauth/v3/device")
    );
    assert_eq!(code.interval, Duration::from_millis(150), "announced in ms");
    assert_eq!(code.expires_in, Duration::from_secs(300));
    assert!(pending.prompts_consent());
    let request = sim
        .requests()
        .into_iter()
        .find(|r| r.path == "/oauth/v3/device/code")
        .unwrap();
    assert_eq!((request.dc.as_str(), request.status), ("us", 200));
    assert_eq!(request.grant_type.as_deref(), Some("device_request"));

    let person = async {
        poll_answered(&sim, "authorization_pending").await;
        zoho_sim::browser::approve_device(code.verification_url.as_str(), &code.user_code)
            .await
            .unwrap();
    };
    let (signed_in, ()) = tokio::join!(client.complete_device_sign_in(&pending), person);
    let signed_in = signed_in.unwrap();
    assert_eq!(signed_in.session.account().dc, DataCenter::Eu);
    assert_eq!(signed_in.user.zuid, sim.info().user.zuid);

    let answers = answers(&sim);
    assert!(answers.contains(&"us:other_dc".to_owned()), "{answers:?}");
    assert_eq!(answers.last().unwrap(), "eu:granted", "{answers:?}");
    assert!(
        !answers.iter().any(|a| a.ends_with("slow_down")),
        "{answers:?}"
    );
    // Polls honour the announced 150 ms interval (above the client's 50 ms minimum).
    let polls = polls(&sim);
    for pair in polls.windows(2) {
        let gap = at(&pair[1]) - at(&pair[0]);
        assert!(gap >= chrono::TimeDelta::milliseconds(150), "{gap:?}");
    }
    // Stored exactly as after a browser sign-in.
    assert!(
        store
            .get(&entry(&client, "refresh-token"))
            .unwrap()
            .is_some()
    );
    assert!(store.get(&entry(&client, "account")).unwrap().is_some());
    assert!(
        store
            .get(&entry(&client, "client-secret"))
            .unwrap()
            .is_some()
    );
    sim.clear_requests();
    signed_in.session.current_user().await.unwrap();
    assert_eq!(token_requests(&sim.requests(), "refresh_token"), 0);
    // A restart restores it.
    let restarted = ZohoClient::new(client_config(&sim), store.clone()).unwrap();
    assert!(restarted.restore().await.unwrap().is_some());
    sim.shutdown().await;
}

#[tokio::test]
async fn slow_down_doubles_the_wait_until_polls_are_far_enough_apart() {
    let sim = start(SimConfig {
        device_interval: Duration::ZERO,
        device_slow_down_under: Duration::from_millis(300),
        ..sim_config()
    })
    .await;
    let (client, _) = device_client(&sim, Duration::from_millis(80));
    let pending = client.begin_device_sign_in().await.unwrap();
    assert_eq!(pending.code().interval, Duration::ZERO);
    let user_code = pending.code().user_code.clone();
    let person = async {
        poll_answered(&sim, "slow_down").await;
        assert!(sim.approve_device(&user_code));
    };
    let (signed_in, ()) = tokio::join!(client.complete_device_sign_in(&pending), person);
    signed_in.unwrap();
    let polls = polls(&sim);
    let answers = answers(&sim);
    assert_eq!(answers.last().unwrap(), "eu:granted", "{answers:?}");
    // The k-th slow_down doubles the wait: the next poll comes at least 80 ms × 2^k later.
    let mut slow_downs = 0;
    for pair in polls.windows(2) {
        if pair[0].answer.as_deref() == Some("slow_down") {
            slow_downs += 1;
        }
        let gap = at(&pair[1]) - at(&pair[0]);
        let wait = chrono::TimeDelta::milliseconds(80 * (1 << slow_downs));
        assert!(gap >= wait, "{gap:?} < {wait:?}: {answers:?}");
    }
    assert!(slow_downs >= 1, "{answers:?}");
    sim.shutdown().await;
}

#[tokio::test]
async fn denial_through_the_admin_call_is_access_denied_and_nothing_is_stored() {
    let sim = start(device_sim()).await;
    let (client, store) = device_client(&sim, Duration::from_millis(50));
    let pending = client.begin_device_sign_in().await.unwrap();
    let user_code = pending.code().user_code.clone();
    let person = async {
        poll_answered(&sim, "authorization_pending").await;
        let answer = admin(&sim, "/admin/device/deny", &user_code).await;
        assert_eq!(answer["found"], true);
        // Answered already: a second answer finds nothing.
        let answer = admin(&sim, "/admin/device/approve", &user_code).await;
        assert_eq!(answer["found"], false);
    };
    let (result, ()) = tokio::join!(client.complete_device_sign_in(&pending), person);
    let err = result.unwrap_err();
    assert!(matches!(err, Error::AccessDenied { .. }), "{err:?}");
    assert!(
        store
            .get(&entry(&client, "refresh-token"))
            .unwrap()
            .is_none()
    );
    assert_eq!(sim.refresh_token_count(), 0);
    sim.shutdown().await;
}

#[tokio::test]
async fn denial_on_the_verification_page_is_access_denied() {
    let sim = start(device_sim()).await;
    let (client, _) = device_client(&sim, Duration::from_millis(50));
    let pending = client.begin_device_sign_in().await.unwrap();
    let code = pending.code().clone();
    let person = async {
        poll_answered(&sim, "authorization_pending").await;
        zoho_sim::browser::deny_device(code.verification_url.as_str(), &code.user_code)
            .await
            .unwrap();
        // A wrong code is refused on the page.
        let err = zoho_sim::browser::approve_device(code.verification_url.as_str(), "NOPE-0000")
            .await
            .unwrap_err();
        assert!(err.to_string().contains("400"), "{err}");
    };
    let (result, ()) = tokio::join!(client.complete_device_sign_in(&pending), person);
    assert_eq!(result.unwrap_err().code(), "access_denied");
    sim.shutdown().await;
}

#[tokio::test]
async fn a_code_nobody_approves_expires() {
    let sim = start(device_sim()).await;
    let (client, store) = device_client(&sim, Duration::from_millis(50));
    let pending = client.begin_device_sign_in().await.unwrap();
    let person = async {
        poll_answered(&sim, "authorization_pending").await;
        sim.advance_clock(Duration::from_secs(301));
    };
    let (result, ()) = tokio::join!(client.complete_device_sign_in(&pending), person);
    let err = result.unwrap_err();
    assert!(matches!(err, Error::SignInExpired), "{err:?}");
    assert_eq!(answers(&sim).last().unwrap(), "us:expired");
    assert!(
        store
            .get(&entry(&client, "refresh-token"))
            .unwrap()
            .is_none()
    );
    sim.shutdown().await;
}

#[tokio::test]
async fn cancel_stops_polling_at_once_and_so_does_dropping_the_wait() {
    let sim = start(device_sim()).await;
    let (client, _) = device_client(&sim, Duration::from_millis(50));
    let pending = Arc::new(client.begin_device_sign_in().await.unwrap());
    let waiting = {
        let (client, pending) = (client.clone(), pending.clone());
        tokio::spawn(async move { client.complete_device_sign_in(&pending).await })
    };
    poll_answered(&sim, "authorization_pending").await;
    pending.cancel();
    let result = tokio::time::timeout(Duration::from_secs(2), waiting)
        .await
        .expect("cancel ends the wait promptly")
        .unwrap();
    assert!(matches!(result, Err(Error::SignInCancelled)), "{result:?}");
    // The person approves too late: nothing happens (a poll of it would now be answered).
    assert!(sim.approve_device(&pending.code().user_code));
    no_poll_while_a_witness_polls_twice(&client, &sim, "no poll after cancel").await;

    // Dropping the future (a timed-out wait) stops polling too.
    let pending: PendingDeviceSignIn = client.begin_device_sign_in().await.unwrap();
    sim.clear_requests();
    let dropped = tokio::time::timeout(
        Duration::from_millis(400),
        client.complete_device_sign_in(&pending),
    )
    .await;
    assert!(dropped.is_err(), "still waiting when dropped");
    assert!(!polls(&sim).is_empty());
    assert!(sim.approve_device(&pending.code().user_code));
    no_poll_while_a_witness_polls_twice(&client, &sim, "no poll after the drop").await;
    sim.shutdown().await;
}

#[tokio::test]
async fn interval_and_expiry_are_read_in_seconds_or_milliseconds() {
    for seconds in [false, true] {
        let sim = start(SimConfig {
            device_interval: Duration::from_secs(5),
            device_code_lifetime: Duration::from_secs(240),
            device_times_in_seconds: seconds,
            ..sim_config()
        })
        .await;
        let (client, _) = device_client(&sim, Duration::from_secs(30));
        let pending = client.begin_device_sign_in().await.unwrap();
        assert_eq!(pending.code().interval, Duration::from_secs(5), "{seconds}");
        assert_eq!(
            pending.code().expires_in,
            Duration::from_secs(240),
            "{seconds}"
        );
        assert!(pending.remaining() <= Duration::from_secs(240));
        assert!(pending.remaining() > Duration::from_secs(230));
        sim.shutdown().await;
    }
}

#[tokio::test]
async fn other_dc_naming_a_data_centre_outside_the_allow_list_is_refused() {
    let sim = start(SimConfig {
        user_dc: "in".into(),
        ..device_sim()
    })
    .await;
    // The client allows US and EU only.
    let info = sim.info();
    let mut endpoints = Endpoints::empty();
    for dc in ["us", "eu"] {
        endpoints
            .set(
                DataCenter::from_location(dc).unwrap(),
                &info.accounts[dc],
                &info.meeting[dc],
            )
            .unwrap();
    }
    let mut config = client_config(&sim);
    config.endpoints = endpoints;
    config.device.min_poll_interval = Duration::from_millis(50);
    let (client, store) = client_with(config);
    let pending = client.begin_device_sign_in().await.unwrap();
    let user_code = pending.code().user_code.clone();
    let person = async {
        poll_answered(&sim, "authorization_pending").await;
        assert!(sim.approve_device(&user_code));
    };
    let (result, ()) = tokio::join!(client.complete_device_sign_in(&pending), person);
    let err = result.unwrap_err();
    assert!(matches!(err, Error::UnknownDataCenter(_)), "{err:?}");
    assert!(
        !sim.requests().iter().any(|r| r.dc == "in"),
        "nothing was sent to the IN server"
    );
    assert!(
        store
            .get(&entry(&client, "refresh-token"))
            .unwrap()
            .is_none()
    );
    sim.shutdown().await;
}

fn stub_config(base: &str) -> ZohoConfig {
    let mut config = ZohoConfig::new("1000.STUB", Some(zoho_core::Secret::new("s")));
    let mut endpoints = Endpoints::empty();
    endpoints.set(DataCenter::Us, base, base).unwrap();
    config.endpoints = endpoints;
    config.http = fast_http();
    config.device.min_poll_interval = Duration::from_millis(10);
    config
}

const STUB_CODE: &str = r#"{"user_code":"WXYZ-2345","device_code":"1004.d","verification_url":"{base}/oauth/v3/device","interval":0,"expires_in":300}"#;

#[tokio::test]
async fn an_unknown_answer_stops_with_its_name() {
    let stub = stub::serve_json_routes(vec![
        ("/oauth/v3/device/code", STUB_CODE),
        (
            "/oauth/v3/device/token",
            r#"{"error":"account_locked","error_description":"Your account is locked."}"#,
        ),
    ])
    .await;
    let (client, store) = client_with(stub_config(&stub.base));
    let pending = client.begin_device_sign_in().await.unwrap();
    assert_eq!(pending.code().user_code, "WXYZ-2345");
    assert_eq!(pending.code().interval, Duration::ZERO);
    let err = client.complete_device_sign_in(&pending).await.unwrap_err();
    assert_eq!(err.code(), "authorization_failed", "{err:?}");
    let message = err.to_string();
    assert!(
        message.contains("account_locked") && message.contains("locked"),
        "{message}"
    );
    assert!(
        store
            .get(&entry(&client, "refresh-token"))
            .unwrap()
            .is_none()
    );
}

#[tokio::test]
async fn an_unsafe_verification_url_or_a_bad_client_ends_before_anything_is_shown() {
    let stub = stub::serve_json_routes(vec![(
        "/oauth/v3/device/code",
        r#"{"user_code":"WXYZ-2345","device_code":"d","verification_url":"javascript:alert(1)","interval":5,"expires_in":300}"#,
    )])
    .await;
    let (client, _) = client_with(stub_config(&stub.base));
    let err = client.begin_device_sign_in().await.unwrap_err();
    assert_eq!(err.code(), "unexpected_response", "{err:?}");

    let sim = start(device_sim()).await;
    let mut config = client_config(&sim);
    config.client_id = "1000.UNKNOWN".into();
    let (client, _) = client_with(config);
    let err = client.begin_device_sign_in().await.unwrap_err();
    assert_eq!(err.code(), "invalid_client", "{err:?}");
    sim.shutdown().await;
}
