//! Token lifecycle against the simulator: single-flight refresh, refresh before expiry,
//! the 2000 retry, the throttle back-off, revoked refresh tokens, legacy expiry.

mod common;

use std::time::Duration;

use common::*;
use zoho_core::store::TokenStore;
use zoho_core::{Error, ManualClock, ZohoClient};
use zoho_sim::{FaultConfig, SimConfig};

#[tokio::test]
async fn fifty_concurrent_calls_on_an_expired_token_cause_one_token_request() {
    let sim = start(sim_config()).await;
    let (client, store) = client(&sim);
    sign_in(&client).await;
    // After a restart the cache is empty, like an expired token.
    let session = ZohoClient::new(client_config(&sim), store)
        .unwrap()
        .restore()
        .await
        .unwrap()
        .unwrap();
    sim.clear_requests();
    let calls = (0..50).map(|_| {
        let session = session.clone();
        tokio::spawn(async move { session.current_user().await })
    });
    for call in calls.collect::<Vec<_>>() {
        call.await.unwrap().unwrap();
    }
    let records = sim.requests();
    assert_eq!(token_requests(&records, "refresh_token"), 1);
    assert_eq!(meeting_requests(&records), 50);

    // Same with a token Zoho expired behind our back: 50 x 2000, one refresh, 50 retries.
    sim.expire_all_access_tokens();
    sim.clear_requests();
    let calls: Vec<_> = (0..50)
        .map(|_| {
            let session = session.clone();
            tokio::spawn(async move { session.current_user().await })
        })
        .collect();
    for call in calls {
        call.await.unwrap().unwrap();
    }
    assert_eq!(token_requests(&sim.requests(), "refresh_token"), 1);
    sim.shutdown().await;
}

#[tokio::test]
async fn refreshes_shortly_before_expiry() {
    let config = SimConfig {
        access_token_lifetime: Duration::from_secs(4),
        ..sim_config()
    };
    let sim = start(config).await;
    let clock = ManualClock::shared();
    let mut config = client_config(&sim);
    config.clock = clock.clone();
    let (client, _) = client_with(config);
    let session = sign_in(&client).await.session;
    sim.clear_requests();
    session.current_user().await.unwrap();
    // The margin is capped at a quarter of the lifetime: the token is used until 3 s of 4 s.
    let elapse = |by: Duration| {
        clock.advance(by);
        sim.advance_clock(by);
    };
    elapse(Duration::from_millis(2900));
    session.current_user().await.unwrap();
    assert_eq!(
        token_requests(&sim.requests(), "refresh_token"),
        0,
        "fresh token reused"
    );
    // After 3.1 s it refreshes before using the token, so no call ever meets error 2000.
    elapse(Duration::from_millis(200));
    session.current_user().await.unwrap();
    let records = sim.requests();
    assert_eq!(token_requests(&records, "refresh_token"), 1);
    assert!(
        records.iter().all(|r| r.status != 400),
        "no call was refused"
    );
    sim.shutdown().await;
}

#[tokio::test]
async fn error_2000_refreshes_and_retries_once() {
    let sim = start(sim_config()).await;
    let (client, _) = client(&sim);
    let session = sign_in(&client).await.session;
    sim.expire_all_access_tokens();
    sim.clear_requests();
    let user = session.current_user().await.unwrap();
    assert_eq!(user.zsoid, sim.info().user.zsoid);
    let records = sim.requests();
    assert_eq!(token_requests(&records, "refresh_token"), 1);
    let statuses: Vec<u16> = records
        .iter()
        .filter(|r| r.path == "/api/v2/user.json")
        .map(|r| r.status)
        .collect();
    assert_eq!(statuses, vec![400, 200]);
    sim.shutdown().await;
}

#[tokio::test]
async fn a_token_the_meeting_host_keeps_refusing_is_invalid_token() {
    // The EU user's token sent to the US Meeting host: 2000 even after a refresh.
    let sim = start(sim_config()).await;
    let mut config = client_config(&sim);
    let info = sim.info();
    let mut meeting = info.meeting.clone();
    meeting.insert("eu".into(), info.meeting["us"].clone());
    config.endpoints = zoho_core::Endpoints::from_maps(&info.accounts, &meeting).unwrap();
    let (client, store) = client_with(config);
    let pending = client
        .begin_sign_in(zoho_core::RedirectKind::DeepLink)
        .await
        .unwrap();
    let callback = zoho_sim::browser::accept(pending.authorization_url().as_str())
        .await
        .unwrap();
    sim.clear_requests();
    let err = client
        .complete_sign_in(&pending, &callback)
        .await
        .unwrap_err();
    assert!(matches!(err, Error::InvalidToken), "{err:?}");
    let records = sim.requests();
    assert_eq!(
        token_requests(&records, "refresh_token"),
        1,
        "refreshed once, then gave up"
    );
    // The unused refresh token was revoked and nothing was stored.
    assert!(records.iter().any(|r| r.path == "/oauth/v2/token/revoke"));
    assert!(store.get(&entry(&sim, "refresh-token")).unwrap().is_none());
    sim.shutdown().await;
}

#[tokio::test]
async fn the_throttle_backs_off_instead_of_retrying() {
    let sim = start(SimConfig {
        throttle_http_status: 200,
        ..sim_config()
    })
    .await;
    let clock = ManualClock::shared();
    let mut config = client_config(&sim);
    config.clock = clock.clone();
    let (client, _) = client_with(config);
    let session = sign_in(&client).await.session;
    sim.set_faults(FaultConfig {
        force_token_throttle: true,
        ..FaultConfig::default()
    });
    sim.expire_all_access_tokens();
    sim.clear_requests();
    let err = session.current_user().await.unwrap_err();
    let Error::Throttled { retry_after } = err else {
        panic!("{err:?}")
    };
    assert!(retry_after >= Duration::from_secs(60));
    // Further calls within the back-off send no token request at all.
    for _ in 0..5 {
        clock.advance(retry_after / 10);
        let err = session.current_user().await.unwrap_err();
        assert_eq!(err.code(), "throttled");
    }
    assert_eq!(token_requests(&sim.requests(), "refresh_token"), 1);
    // Once the back-off has passed, the next call asks for a token again.
    clock.advance(retry_after / 2);
    let err = session.current_user().await.unwrap_err();
    assert_eq!(err.code(), "throttled");
    assert_eq!(token_requests(&sim.requests(), "refresh_token"), 2);
    sim.shutdown().await;
}

#[tokio::test]
async fn the_real_mint_limit_is_a_typed_throttle() {
    let sim = start(sim_config()).await;
    let mut config = client_config(&sim);
    config.refresh.throttle_backoff = Duration::from_millis(1);
    let clock = ManualClock::shared();
    config.clock = clock.clone();
    let (client, _) = client_with(config);
    let session = sign_in(&client).await.session;
    let mut outcome = Ok(());
    for _ in 0..15 {
        sim.expire_all_access_tokens();
        clock.advance(Duration::from_millis(2));
        if let Err(e) = session.current_user().await {
            outcome = Err(e);
            break;
        }
    }
    let err = outcome.unwrap_err();
    assert!(matches!(err, Error::Throttled { .. }), "{err:?}");
    sim.shutdown().await;
}

#[tokio::test]
async fn a_revoked_refresh_token_signs_out_and_clears_the_store() {
    let sim = start(sim_config()).await;
    let (client, store) = client(&sim);
    let session = sign_in(&client).await.session;
    let token = store.get(&entry(&sim, "refresh-token")).unwrap().unwrap();
    use zoho_core::ExposeSecret;
    assert!(sim.revoke_refresh_token(token.expose_secret()));
    let err = session.current_user().await.unwrap_err();
    assert!(matches!(err, Error::SignedOut), "{err:?}");
    assert!(store.get(&entry(&sim, "refresh-token")).unwrap().is_none());
    assert!(store.get(&entry(&sim, "account")).unwrap().is_none());
    sim.clear_requests();
    assert_eq!(
        session.current_user().await.unwrap_err().code(),
        "signed_out"
    );
    assert!(
        sim.requests().is_empty(),
        "a signed-out session sends nothing"
    );
    assert!(client.restore().await.unwrap().is_none());
    sim.shutdown().await;
}

#[tokio::test]
async fn legacy_millisecond_expiry_is_read_as_an_hour() {
    let sim = start(SimConfig {
        legacy_expires_in_ms: true,
        ..sim_config()
    })
    .await;
    let (client, _) = client(&sim);
    let session = sign_in(&client).await.session;
    sim.clear_requests();
    for _ in 0..3 {
        session.current_user().await.unwrap();
    }
    // The legacy body (ms + expires_in_sec) is understood: the token is reused, not refreshed.
    assert_eq!(token_requests(&sim.requests(), "refresh_token"), 0);
    sim.shutdown().await;
}
