//! The request log: what tests read, and what it must never contain.

use zoho_sim::HostKind;

use crate::common::*;

#[tokio::test]
async fn log_counts_token_requests_and_revokes_by_grant_type() {
    let sim = start(config()).await;
    let tokens = login(&sim).await;
    let token_requests: Vec<_> = sim
        .requests()
        .into_iter()
        .filter(|r| r.path == "/oauth/v2/token")
        .collect();
    assert_eq!(token_requests.len(), 1);
    assert_eq!(
        token_requests[0].grant_type.as_deref(),
        Some("authorization_code")
    );
    assert_eq!(
        (
            token_requests[0].host,
            token_requests[0].dc.as_str(),
            token_requests[0].status
        ),
        (HostKind::Accounts, "us", 200)
    );

    sim.clear_requests();
    assert!(sim.requests().is_empty());
    refresh(&sim, "us", tokens.refresh.as_deref().unwrap()).await;
    let url = format!("{}/oauth/v2/token/revoke", sim.info().accounts["us"]);
    client()
        .post(url)
        .query(&[("token", tokens.refresh.as_deref().unwrap())])
        .send()
        .await
        .unwrap();
    get(&sim, "/api/v2/user.json", &tokens.access).await;
    let log = sim.requests();
    assert_eq!(log.len(), 3);
    assert_eq!(log[0].grant_type.as_deref(), Some("refresh_token"));
    assert_eq!(
        (log[1].method.as_str(), log[1].path.as_str(), log[1].status),
        ("POST", "/oauth/v2/token/revoke", 200)
    );
    assert_eq!(
        (log[2].host, log[2].path.as_str(), log[2].status),
        (HostKind::Meeting, "/api/v2/user.json", 400)
    );
}

#[tokio::test]
async fn log_never_contains_tokens_codes_or_secrets() {
    let sim = start(config()).await;
    let code = code(&sim, "us", &[("access_type", "offline"), ("state", "st")]).await;
    // Send everything in the query string, where a careless log would pick it up.
    let info = sim.info().clone();
    let response = client()
        .post(format!("{}/oauth/v2/token", info.accounts["us"]))
        .query(&[
            ("grant_type", "authorization_code"),
            ("client_id", &info.client_id),
            ("client_secret", &info.client_secret),
            ("redirect_uri", LOOPBACK),
            ("code", &code),
        ])
        .send()
        .await
        .unwrap();
    let (_, body) = json_of(response).await;
    let access = body["access_token"].as_str().unwrap().to_string();
    let refresh_token = body["refresh_token"].as_str().unwrap().to_string();
    refresh(&sim, "us", &refresh_token).await;
    get(&sim, "/api/v2/user.json", &access).await;
    let url = format!("{}/oauth/v2/token/revoke", info.accounts["us"]);
    client()
        .post(url)
        .query(&[("token", &refresh_token)])
        .send()
        .await
        .unwrap();

    let logged = serde_json::to_string(&sim.requests()).unwrap();
    for secret in [
        code.as_str(),
        &access,
        &refresh_token,
        &info.client_secret,
        &info.client_id,
    ] {
        assert!(!logged.contains(secret), "log leaks a secret");
    }
    assert!(
        sim.requests()
            .iter()
            .all(|record| !record.path.contains('?'))
    );
    assert!(sim.requests().len() >= 5);
}
