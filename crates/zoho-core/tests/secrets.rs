//! No type that holds a secret shows it through Debug, Display or Serialize.

mod common;

use common::*;
use zoho_core::oauth::token_endpoint::{GrantKind, parse_token_response};
use zoho_core::secret::REDACTED;
use zoho_core::{ExposeSecret, RedirectKind, Secret};

fn assert_hidden(shown: &str, secrets: &[&str]) {
    for secret in secrets {
        assert!(!secret.is_empty());
        assert!(!shown.contains(secret), "leaked {secret:?} in {shown}");
    }
}

#[test]
fn secret_wrapper() {
    let secret = Secret::new("hunter2-secret");
    assert_eq!(format!("{secret}"), REDACTED);
    assert_hidden(&format!("{secret:?}"), &["hunter2"]);
    assert_hidden(&serde_json::to_string(&secret).unwrap(), &["hunter2"]);
}

#[test]
fn token_grants() {
    let body = r#"{"access_token":"1000.access.SECRET","refresh_token":"1000.refresh.SECRET","expires_in":3600}"#;
    let grant =
        parse_token_response(200, body, GrantKind::AuthorizationCode, Default::default()).unwrap();
    assert_hidden(
        &format!("{grant:?} {grant:#?}"),
        &["access.SECRET", "refresh.SECRET"],
    );
}

#[test]
fn meetings_hide_host_links_and_passwords() {
    let body = serde_json::json!({"session": {
        "meetingKey": 1, "startLink": "https://host/start?signature=HOSTSECRET",
        "meetingEmbedUrl": "https://host/embed?t=EMBEDSECRET", "pwd": "PWDSECRET"
    }});
    let meeting = zoho_core::model::sessions_of(body).unwrap().remove(0);
    let shown = format!("{meeting:?} {}", serde_json::to_string(&meeting).unwrap());
    assert_hidden(&shown, &["HOSTSECRET", "EMBEDSECRET", "PWDSECRET"]);
    assert!(meeting.start_link.unwrap().expose().contains("HOSTSECRET"));
}

#[tokio::test]
async fn config_client_pending_sign_in_session_and_signed_in() {
    let sim = start(sim_config()).await;
    let secret = sim.info().client_secret.clone();
    let (client, store) = client(&sim);
    assert_hidden(&format!("{:?} {client:?}", client.config()), &[&secret]);

    let pending = client.begin_sign_in(RedirectKind::DeepLink).await.unwrap();
    let state = pending
        .authorization_url()
        .query_pairs()
        .find(|(k, _)| k == "state")
        .map(|(_, v)| v.into_owned())
        .unwrap();
    assert_hidden(&format!("{pending:?}"), &[&state]);
    let callback = zoho_sim::browser::accept(pending.authorization_url().as_str())
        .await
        .unwrap();
    let code = url::Url::parse(&callback)
        .unwrap()
        .query_pairs()
        .find(|(k, _)| k == "code")
        .map(|(_, v)| v.into_owned())
        .unwrap();
    let signed_in = client.complete_sign_in(&pending, &callback).await.unwrap();
    let refresh = store.get_secret(&entry(&sim, "refresh-token"));
    assert_hidden(
        &format!("{signed_in:?} {:?} {pending:?}", signed_in.session),
        &[&secret, &state, &code, &refresh],
    );
    // What the UI gets: the account and the user, as JSON.
    let json = serde_json::to_string(&(signed_in.session.account(), &signed_in.user)).unwrap();
    assert_hidden(&json, &[&secret, &refresh]);
    sim.shutdown().await;
}

trait GetSecret {
    fn get_secret(&self, key: &str) -> String;
}

impl GetSecret for zoho_core::store::MemoryStore {
    fn get_secret(&self, key: &str) -> String {
        use zoho_core::store::TokenStore;
        self.get(key).unwrap().unwrap().expose_secret().to_owned()
    }
}

#[test]
fn errors_never_carry_secrets() {
    // Errors are built from codes and descriptions, never from request values.
    let body = r#"{"error":"invalid_code"}"#;
    let err = parse_token_response(200, body, GrantKind::AuthorizationCode, Default::default())
        .unwrap_err();
    assert_eq!(err.code(), "invalid_code");
    assert!(!format!("{err:?}").contains("1000."));
}
