//! Both revoke paths, and revocation through the in-process API.

use base64::Engine;
use base64::engine::general_purpose::STANDARD;

use crate::common::*;

#[tokio::test]
async fn token_revoke_by_query_kills_the_refresh_token_and_its_access_tokens() {
    let sim = start(config()).await;
    let tokens = login(&sim).await;
    let refresh_token = tokens.refresh.unwrap();
    let url = format!("{}/oauth/v2/token/revoke", sim.info().accounts["us"]);
    let response = client()
        .post(&url)
        .query(&[("token", &refresh_token)])
        .send()
        .await
        .unwrap();
    let (status, body) = json_of(response).await;
    assert_eq!(
        (status, body),
        (200, serde_json::json!({ "status": "success" }))
    );

    assert_eq!(
        refresh(&sim, "us", &refresh_token).await.1["error"],
        "invalid_code"
    );
    assert_eq!(
        get(&sim, "/api/v2/user.json", &tokens.access).await.1["error"]["code"],
        2000
    );

    // Revoking again, or an unknown token: 400.
    let again = client()
        .post(&url)
        .query(&[("token", &refresh_token)])
        .send()
        .await
        .unwrap();
    assert_eq!(again.status(), 400);
    let unknown = client()
        .post(&url)
        .query(&[("token", "1000.nope.nope")])
        .send()
        .await
        .unwrap();
    assert_eq!(unknown.status(), 400);
}

#[tokio::test]
async fn token_revoke_accepts_an_access_token_and_a_form_body() {
    let sim = start(config()).await;
    let tokens = login(&sim).await;
    let url = format!("{}/oauth/v2/token/revoke", sim.info().accounts["us"]);
    let response = client()
        .post(&url)
        .form(&[("token", &tokens.access)])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    assert_eq!(get(&sim, "/api/v2/user.json", &tokens.access).await.0, 400);
    // The refresh token survives an access-token revoke.
    assert!(
        refresh(&sim, "us", tokens.refresh.as_deref().unwrap())
            .await
            .1["access_token"]
            .is_string()
    );
}

#[tokio::test]
async fn revoke_token_path_needs_basic_client_credentials() {
    let sim = start(config()).await;
    let tokens = login(&sim).await;
    let refresh_token = tokens.refresh.unwrap();
    let info = sim.info();
    let url = format!("{}/oauth/v2/revoke/token", info.accounts["us"]);
    let query = [
        ("token", refresh_token.as_str()),
        ("token_type", "refresh_token"),
    ];

    let no_auth = client().post(&url).query(&query).send().await.unwrap();
    assert_eq!(no_auth.status(), 400);
    let wrong = STANDARD.encode(format!("{}:wrong", info.client_id));
    let wrong_auth = client()
        .post(&url)
        .query(&query)
        .header("Authorization", format!("Basic {wrong}"))
        .send()
        .await
        .unwrap();
    assert_eq!(wrong_auth.status(), 400);
    assert!(refresh(&sim, "us", &refresh_token).await.1["access_token"].is_string());

    let basic = STANDARD.encode(format!("{}:{}", info.client_id, info.client_secret));
    let wrong_type = client()
        .post(&url)
        .query(&[
            ("token", refresh_token.as_str()),
            ("token_type", "access_token"),
        ])
        .header("Authorization", format!("Basic {basic}"))
        .send()
        .await
        .unwrap();
    assert_eq!(wrong_type.status(), 400);
    let ok = client()
        .post(&url)
        .query(&query)
        .header("Authorization", format!("Basic {basic}"))
        .send()
        .await
        .unwrap();
    let (status, body) = json_of(ok).await;
    assert_eq!((status, body["status"].as_str()), (200, Some("success")));
    assert_eq!(
        refresh(&sim, "us", &refresh_token).await.1["error"],
        "invalid_code"
    );
    let unknown = client()
        .post(&url)
        .query(&[("token", "1000.nope.nope")])
        .header("Authorization", format!("Basic {basic}"))
        .send()
        .await
        .unwrap();
    assert_eq!(unknown.status(), 400);
}

#[tokio::test]
async fn in_process_revoke_reports_whether_the_token_existed() {
    let sim = start(config()).await;
    let tokens = login(&sim).await;
    let refresh_token = tokens.refresh.unwrap();
    assert!(sim.revoke_refresh_token(&refresh_token));
    assert!(!sim.revoke_refresh_token(&refresh_token));
    assert_eq!(
        refresh(&sim, "us", &refresh_token).await.1["error"],
        "invalid_code"
    );
    assert_eq!(get(&sim, "/api/v2/user.json", &tokens.access).await.0, 400);
}

#[tokio::test]
async fn another_dcs_accounts_host_cannot_revoke() {
    let sim = start(config()).await;
    let refresh_token = login(&sim).await.refresh.unwrap();
    let url = format!("{}/oauth/v2/token/revoke", sim.info().accounts["eu"]);
    let response = client()
        .post(url)
        .query(&[("token", &refresh_token)])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 400);
    assert!(refresh(&sim, "us", &refresh_token).await.1["access_token"].is_string());
}
