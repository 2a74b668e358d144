//! Sign-in against the simulator: deep link and loopback, every refusal.

mod common;

use std::time::Duration;

use common::*;
use zoho_core::store::TokenStore;
use zoho_core::{DataCenter, Error, RedirectKind, Secret, ZohoClient};
use zoho_sim::HostKind;

fn query(url: &url::Url, name: &str) -> Option<String> {
    url.query_pairs()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.into_owned())
}

#[tokio::test]
async fn deep_link_sign_in_follows_the_user_to_their_data_centre() {
    let sim = start(sim_config()).await;
    let (client, store) = client(&sim);
    let pending = client.begin_sign_in(RedirectKind::DeepLink).await.unwrap();
    // Authorization starts at .com (US) and asks for consent: nothing is stored yet.
    let us = url::Url::parse(&sim.info().accounts["us"]).unwrap();
    assert_eq!(pending.authorization_url().port(), us.port());
    assert_eq!(
        query(pending.authorization_url(), "prompt").as_deref(),
        Some("consent")
    );
    let callback = zoho_sim::browser::accept(pending.authorization_url().as_str())
        .await
        .unwrap();
    assert!(callback.starts_with("dev.zmeet.desktop:/oauth/callback?"));
    let signed_in = client.complete_sign_in(&pending, &callback).await.unwrap();

    let user = &sim.info().user;
    assert_eq!(signed_in.user.zsoid, user.zsoid);
    assert_eq!(signed_in.user.zuid, user.zuid);
    assert_eq!(signed_in.user.email.as_deref(), Some(user.email.as_str()));
    assert_eq!(
        signed_in.user.display_name.as_deref(),
        Some(user.display_name.as_str())
    );
    let account = signed_in.session.account();
    assert_eq!(account.dc, DataCenter::Eu);
    assert_eq!(account.zsoid, user.zsoid);
    // The code went to the EU accounts server, user.json to the EU Meeting host.
    let records = sim.requests();
    let exchange: Vec<_> = records
        .iter()
        .filter(|r| r.grant_type.as_deref() == Some("authorization_code"))
        .collect();
    assert_eq!(exchange.len(), 1);
    assert_eq!(exchange[0].dc, "eu");
    assert!(
        records
            .iter()
            .any(|r| r.host == HostKind::Meeting && r.dc == "eu" && r.path == "/api/v2/user.json")
    );
    // The account is stored: refresh token, metadata, client secret.
    assert!(store.get(&entry(&sim, "refresh-token")).unwrap().is_some());
    assert!(store.get(&entry(&sim, "account")).unwrap().is_some());
    assert!(store.get(&entry(&sim, "client-secret")).unwrap().is_some());
    // The session works without a further token request.
    sim.clear_requests();
    signed_in.session.current_user().await.unwrap();
    assert_eq!(token_requests(&sim.requests(), "refresh_token"), 0);
    sim.shutdown().await;
}

#[tokio::test]
async fn loopback_sign_in_serves_one_callback_and_closes() {
    let sim = start(sim_config()).await;
    let (client, _) = client(&sim);
    let pending = client.begin_sign_in(RedirectKind::Loopback).await.unwrap();
    assert!(pending.is_loopback());
    let redirect = query(pending.authorization_url(), "redirect_uri").unwrap();
    let port = url::Url::parse(&redirect).unwrap().port().unwrap();
    assert_eq!(redirect, format!("http://127.0.0.1:{port}/callback"));
    let auth_url = pending.authorization_url().to_string();
    // The "browser": consent, then follow the redirect to the loopback listener.
    let browser = tokio::spawn(async move {
        let location = zoho_sim::browser::accept(&auth_url).await.unwrap();
        reqwest::get(&location).await.unwrap().text().await.unwrap()
    });
    let callback = pending.wait_for_loopback_callback().await.unwrap();
    let page = browser.await.unwrap();
    assert!(page.contains("close this tab"));
    let signed_in = client.complete_sign_in(&pending, &callback).await.unwrap();
    assert_eq!(signed_in.user.zsoid, sim.info().user.zsoid);
    assert!(
        tokio::net::TcpStream::connect(("127.0.0.1", port))
            .await
            .is_err(),
        "listener closed"
    );
    // Waiting twice is refused.
    assert_eq!(
        pending
            .wait_for_loopback_callback()
            .await
            .unwrap_err()
            .code(),
        "invalid_callback"
    );
    sim.shutdown().await;
}

#[tokio::test]
async fn loopback_sign_in_times_out() {
    let sim = start(sim_config()).await;
    let mut config = client_config(&sim);
    config.sign_in_lifetime = Duration::from_millis(300);
    let (client, _) = client_with(config);
    let pending = client.begin_sign_in(RedirectKind::Loopback).await.unwrap();
    let err = pending.wait_for_loopback_callback().await.unwrap_err();
    assert!(matches!(err, Error::SignInTimedOut), "{err:?}");
    sim.shutdown().await;
}

#[tokio::test]
async fn denial_state_mismatch_replay_and_expiry() {
    let sim = start(sim_config()).await;
    let (client, _) = client(&sim);

    let pending = client.begin_sign_in(RedirectKind::DeepLink).await.unwrap();
    let denied = zoho_sim::browser::deny(pending.authorization_url().as_str())
        .await
        .unwrap();
    let err = client
        .complete_sign_in(&pending, &denied)
        .await
        .unwrap_err();
    assert!(matches!(err, Error::AccessDenied { .. }), "{err:?}");

    // A callback from another sign-in does not match this one's state.
    let first = client.begin_sign_in(RedirectKind::DeepLink).await.unwrap();
    let second = client.begin_sign_in(RedirectKind::DeepLink).await.unwrap();
    let callback = zoho_sim::browser::accept(first.authorization_url().as_str())
        .await
        .unwrap();
    let err = client
        .complete_sign_in(&second, &callback)
        .await
        .unwrap_err();
    assert!(matches!(err, Error::StateMismatch), "{err:?}");
    // The right one succeeds once; the same callback again is a replay, sent nowhere.
    client.complete_sign_in(&first, &callback).await.unwrap();
    sim.clear_requests();
    let err = client
        .complete_sign_in(&first, &callback)
        .await
        .unwrap_err();
    assert!(matches!(err, Error::CallbackReplayed), "{err:?}");
    assert!(sim.requests().is_empty());

    // An expired pending sign-in is refused before its code is sent anywhere.
    let mut config = client_config(&sim);
    config.sign_in_lifetime = Duration::from_millis(50);
    let clock = zoho_core::ManualClock::shared();
    config.clock = clock.clone();
    let (short, _) = client_with(config);
    let pending = short.begin_sign_in(RedirectKind::DeepLink).await.unwrap();
    let callback = zoho_sim::browser::accept(pending.authorization_url().as_str())
        .await
        .unwrap();
    clock.advance(Duration::from_millis(100));
    sim.clear_requests();
    let err = short
        .complete_sign_in(&pending, &callback)
        .await
        .unwrap_err();
    assert!(matches!(err, Error::SignInExpired), "{err:?}");
    assert!(sim.requests().is_empty());
    sim.shutdown().await;
}

#[tokio::test]
async fn a_mixed_up_accounts_server_never_receives_the_code() {
    let sim = start(sim_config()).await;
    let (client, _) = client(&sim);
    let pending = client.begin_sign_in(RedirectKind::DeepLink).await.unwrap();
    let callback = zoho_sim::browser::accept(pending.authorization_url().as_str())
        .await
        .unwrap();
    // An attacker swaps accounts-server for another (here: the US one) and location stays eu.
    let mut url = url::Url::parse(&callback).unwrap();
    let pairs: Vec<(String, String)> = url
        .query_pairs()
        .map(|(k, v)| {
            let v = if k == "accounts-server" {
                sim.info().accounts["us"].clone()
            } else {
                v.into_owned()
            };
            (k.into_owned(), v)
        })
        .collect();
    url.query_pairs_mut().clear().extend_pairs(pairs);
    sim.clear_requests();
    let err = client
        .complete_sign_in(&pending, url.as_str())
        .await
        .unwrap_err();
    assert!(matches!(err, Error::UntrustedAccountsServer(_)), "{err:?}");
    assert!(sim.requests().is_empty(), "nothing was sent anywhere");

    // An unknown location is refused the same way.
    let pending = client.begin_sign_in(RedirectKind::DeepLink).await.unwrap();
    let callback = zoho_sim::browser::accept(pending.authorization_url().as_str())
        .await
        .unwrap();
    let forged = callback.replace("location=eu", "location=ae");
    let err = client
        .complete_sign_in(&pending, &forged)
        .await
        .unwrap_err();
    assert!(matches!(err, Error::UnknownDataCenter(_)), "{err:?}");
    sim.shutdown().await;
}

#[tokio::test]
async fn an_expired_code_is_invalid_code() {
    let sim = start(sim_config()).await;
    let (client, _) = client(&sim);
    let pending = client.begin_sign_in(RedirectKind::DeepLink).await.unwrap();
    let callback = zoho_sim::browser::accept(pending.authorization_url().as_str())
        .await
        .unwrap();
    sim.advance_clock(Duration::from_secs(600));
    let err = client
        .complete_sign_in(&pending, &callback)
        .await
        .unwrap_err();
    assert!(matches!(err, Error::InvalidCode), "{err:?}");
    sim.shutdown().await;
}

#[tokio::test]
async fn wrong_client_credentials_are_typed() {
    let sim = start(sim_config()).await;
    let (good, _) = client(&sim);
    for (id, secret, expected) in [
        (
            sim.info().client_id.clone(),
            "wrong-secret",
            "invalid_client_secret",
        ),
        (
            "1000.UNKNOWN".to_owned(),
            sim.info().client_secret.as_str(),
            "invalid_client",
        ),
    ] {
        let pending = good.begin_sign_in(RedirectKind::DeepLink).await.unwrap();
        let callback = zoho_sim::browser::accept(pending.authorization_url().as_str())
            .await
            .unwrap();
        let mut config = client_config(&sim);
        config.client_id = id;
        config.client_secret = Some(Secret::new(secret));
        let (bad, _) = client_with(config);
        let err = bad.complete_sign_in(&pending, &callback).await.unwrap_err();
        assert_eq!(err.code(), expected, "{err:?}");
    }
    sim.shutdown().await;
}

#[tokio::test]
async fn consent_is_prompted_only_without_a_stored_refresh_token() {
    let sim = start(sim_config()).await;
    let (client, store) = client(&sim);
    let first = sign_in(&client).await;
    let stored = store.get(&entry(&sim, "refresh-token")).unwrap().unwrap();
    drop(first);
    let pending = client.begin_sign_in(RedirectKind::DeepLink).await.unwrap();
    assert_eq!(query(pending.authorization_url(), "prompt"), None);
    assert!(!pending.prompts_consent());
    let callback = zoho_sim::browser::accept(pending.authorization_url().as_str())
        .await
        .unwrap();
    let again = client.complete_sign_in(&pending, &callback).await.unwrap();
    // Zoho issued no new refresh token; the stored one is kept and works.
    use zoho_core::ExposeSecret;
    assert_eq!(
        store
            .get(&entry(&sim, "refresh-token"))
            .unwrap()
            .unwrap()
            .expose_secret(),
        stored.expose_secret()
    );
    assert_eq!(
        sim.refresh_token_count(),
        1,
        "no extra refresh-token slot was spent"
    );
    sim.expire_all_access_tokens();
    again.session.current_user().await.unwrap();
    sim.shutdown().await;
}

#[tokio::test]
async fn no_refresh_token_anywhere_is_consent_required() {
    let sim = start(sim_config()).await;
    let (client, store) = client(&sim);
    sign_in(&client).await;
    // A refresh token without its account metadata: no consent is prompted, Zoho issues no
    // new refresh token, and the stored one cannot be tied to the account.
    store.delete(&entry(&sim, "account")).unwrap();
    let pending = client.begin_sign_in(RedirectKind::DeepLink).await.unwrap();
    assert!(!pending.prompts_consent());
    let callback = zoho_sim::browser::accept(pending.authorization_url().as_str())
        .await
        .unwrap();
    let err = client
        .complete_sign_in(&pending, &callback)
        .await
        .unwrap_err();
    assert!(matches!(err, Error::ConsentRequired), "{err:?}");
    assert!(
        store.get(&entry(&sim, "refresh-token")).unwrap().is_none(),
        "the store was cleared"
    );
    // The next sign-in asks for consent and succeeds.
    let pending = client.begin_sign_in(RedirectKind::DeepLink).await.unwrap();
    assert!(pending.prompts_consent());
    let callback = zoho_sim::browser::accept(pending.authorization_url().as_str())
        .await
        .unwrap();
    client.complete_sign_in(&pending, &callback).await.unwrap();
    sim.shutdown().await;
}

#[tokio::test]
async fn restore_and_sign_out() {
    let sim = start(sim_config()).await;
    let (client, store) = client(&sim);
    let signed_in = sign_in(&client).await;
    drop(signed_in);
    // A new client over the same store (an app restart) restores without a request.
    let restarted = ZohoClient::new(client_config(&sim), store.clone()).unwrap();
    sim.clear_requests();
    let session = restarted.restore().await.unwrap().expect("restored");
    assert!(sim.requests().is_empty());
    assert_eq!(session.account().zsoid, sim.info().user.zsoid);
    let user = session.current_user().await.unwrap();
    assert_eq!(user.zuid, sim.info().user.zuid);
    assert_eq!(token_requests(&sim.requests(), "refresh_token"), 1);

    let report = restarted.sign_out(Some(&session)).await.unwrap();
    assert!(report.revoked);
    assert!(
        sim.requests()
            .iter()
            .any(|r| r.path == "/oauth/v2/token/revoke" && r.status == 200)
    );
    assert_eq!(sim.refresh_token_count(), 0);
    assert!(store.get(&entry(&sim, "refresh-token")).unwrap().is_none());
    assert!(restarted.restore().await.unwrap().is_none());
    let err = session.current_user().await.unwrap_err();
    assert!(matches!(err, Error::SignedOut), "{err:?}");
    sim.shutdown().await;
}

#[tokio::test]
async fn sign_out_without_a_session_uses_the_stored_token_and_survives_a_dead_server() {
    let sim = start(sim_config()).await;
    let (client, store) = client(&sim);
    sign_in(&client).await;
    let report = client.sign_out(None).await.unwrap();
    assert!(report.revoked);
    assert_eq!(sim.refresh_token_count(), 0);
    // Nothing stored: nothing to revoke.
    assert!(client.sign_out(None).await.unwrap().revoked);
    sign_in(&client).await;
    let config = client_config(&sim);
    let refresh_entry = entry(&sim, "refresh-token");
    sim.shutdown().await;
    // Zoho unreachable: the local account is still forgotten.
    let offline = ZohoClient::new(config, store.clone()).unwrap();
    let report = offline.sign_out(None).await.unwrap();
    assert!(!report.revoked);
    assert!(store.get(&refresh_entry).unwrap().is_none());
}
