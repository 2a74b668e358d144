//! `/oauth/v2/token`: grants, PKCE, code life, expiry, refresh limits, error bodies.

use std::time::Duration;

use serde_json::Value;
use zoho_sim::{SimConfig, s256_challenge};

use crate::common::*;

fn error_of(body: &Value) -> Option<&str> {
    body["error"].as_str()
}

#[tokio::test]
async fn code_exchange_via_form_body_returns_zoho_shaped_tokens() {
    let sim = start(config()).await;
    let code = code(&sim, "us", &[("access_type", "offline")]).await;
    let (status, body) = exchange(&sim, "us", &code, &[]).await;
    assert_eq!(status, 200);
    assert!(body["access_token"].as_str().unwrap().starts_with("1000."));
    assert!(body["refresh_token"].as_str().unwrap().starts_with("1000."));
    assert_eq!(body["expires_in"], 3600);
    assert_eq!(body["token_type"], "Bearer");
    assert_eq!(body["api_domain"], "https://www.zohoapis.com");
    assert!(body.get("expires_in_sec").is_none());
}

#[tokio::test]
async fn code_exchange_via_query_string_works_too() {
    let sim = start(config()).await;
    let code = code(&sim, "us", &[]).await;
    let info = sim.info();
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
    let (status, body) = json_of(response).await;
    assert_eq!(status, 200);
    assert!(body["access_token"].is_string(), "{body}");
    // access_type defaults to online: no refresh token.
    assert!(body.get("refresh_token").is_none());
}

#[tokio::test]
async fn refresh_token_only_on_first_offline_consent_unless_prompt_consent() {
    let sim = start(config()).await;
    let first = code(&sim, "us", &[("access_type", "offline")]).await;
    assert!(exchange(&sim, "us", &first, &[]).await.1["refresh_token"].is_string());
    let second = code(&sim, "us", &[("access_type", "offline")]).await;
    assert!(
        exchange(&sim, "us", &second, &[])
            .await
            .1
            .get("refresh_token")
            .is_none()
    );
    let third = code(
        &sim,
        "us",
        &[("access_type", "offline"), ("prompt", "consent")],
    )
    .await;
    assert!(exchange(&sim, "us", &third, &[]).await.1["refresh_token"].is_string());
}

#[tokio::test]
async fn client_errors_come_back_with_http_200() {
    let sim = start(config()).await;
    let code = code(&sim, "us", &[]).await;
    let info = sim.info();
    let (status, body) = token_request(
        &sim,
        "us",
        &[
            ("grant_type", "authorization_code"),
            ("client_id", "1000.NOPE"),
            ("client_secret", &info.client_secret),
            ("code", &code),
            ("redirect_uri", LOOPBACK),
        ],
    )
    .await;
    assert_eq!((status, error_of(&body)), (200, Some("invalid_client")));
    let (status, body) = token_request(
        &sim,
        "us",
        &[
            ("grant_type", "authorization_code"),
            ("client_id", &info.client_id),
            ("client_secret", "wrong"),
            ("code", &code),
            ("redirect_uri", LOOPBACK),
        ],
    )
    .await;
    assert_eq!(
        (status, error_of(&body)),
        (200, Some("invalid_client_secret"))
    );
    // Client errors are caught before the code is looked at: it still works.
    assert_eq!(exchange(&sim, "us", &code, &[]).await.0, 200);
}

#[tokio::test]
async fn redirect_uri_must_match_the_authorization_request_exactly() {
    let sim = start(config()).await;
    let code = code(&sim, "us", &[]).await;
    let (status, body) = exchange(
        &sim,
        "us",
        &code,
        &[("redirect_uri", "http://127.0.0.1:53683/callback")],
    )
    .await;
    assert_eq!(
        (status, error_of(&body)),
        (200, Some("invalid_redirect_uri"))
    );
}

#[tokio::test]
async fn redirect_mismatch_error_value_is_switchable() {
    let sim = start(SimConfig {
        redirect_mismatch_error: "invalid_code".into(),
        ..config()
    })
    .await;
    let code = code(&sim, "us", &[]).await;
    let (_, body) = exchange(&sim, "us", &code, &[("redirect_uri", DEEP_LINK)]).await;
    assert_eq!(error_of(&body), Some("invalid_code"));
}

#[tokio::test]
async fn pkce_s256_and_plain_verify_the_verifier() {
    let sim = start(config()).await;
    let verifier = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
    let challenge = s256_challenge(verifier);
    assert_eq!(challenge, "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"); // RFC 7636 appendix B
    for (method, challenge) in [("S256", challenge.as_str()), ("plain", verifier)] {
        let pkce = [
            ("code_challenge", challenge),
            ("code_challenge_method", method),
        ];
        let good = code(&sim, "us", &pkce).await;
        let (status, body) = exchange(&sim, "us", &good, &[("code_verifier", verifier)]).await;
        assert_eq!(status, 200);
        assert!(body["access_token"].is_string(), "{method}: {body}");

        let bad = code(&sim, "us", &pkce).await;
        let (_, body) = exchange(&sim, "us", &bad, &[("code_verifier", "not-the-verifier")]).await;
        assert_eq!(error_of(&body), Some("invalid_code"), "{method}");

        let missing = code(&sim, "us", &pkce).await;
        let (_, body) = exchange(&sim, "us", &missing, &[]).await;
        assert_eq!(error_of(&body), Some("invalid_code"), "{method}");
    }
    // No method given: plain is the documented default.
    let plain_default = code(&sim, "us", &[("code_challenge", verifier)]).await;
    assert_eq!(
        exchange(&sim, "us", &plain_default, &[("code_verifier", verifier)])
            .await
            .0,
        200
    );
}

#[tokio::test]
async fn codes_are_single_use() {
    let sim = start(config()).await;
    let code = code(&sim, "us", &[]).await;
    assert!(exchange(&sim, "us", &code, &[]).await.1["access_token"].is_string());
    let (status, body) = exchange(&sim, "us", &code, &[]).await;
    assert_eq!((status, error_of(&body)), (200, Some("invalid_code")));
}

#[tokio::test]
async fn codes_live_two_minutes() {
    let sim = start(config()).await;
    let fresh = code(&sim, "us", &[]).await;
    let stale = code(&sim, "us", &[]).await;
    sim.advance_clock(Duration::from_secs(110));
    assert!(exchange(&sim, "us", &fresh, &[]).await.1["access_token"].is_string());
    sim.advance_clock(Duration::from_secs(11));
    assert_eq!(
        error_of(&exchange(&sim, "us", &stale, &[]).await.1),
        Some("invalid_code")
    );
}

#[tokio::test]
async fn access_tokens_expire_after_their_lifetime() {
    let sim = start(SimConfig {
        access_token_lifetime: Duration::from_secs(600),
        ..config()
    })
    .await;
    let tokens = login(&sim).await;
    sim.advance_clock(Duration::from_secs(590));
    assert_eq!(get(&sim, "/api/v2/user.json", &tokens.access).await.0, 200);
    sim.advance_clock(Duration::from_secs(11));
    let (status, body) = get(&sim, "/api/v2/user.json", &tokens.access).await;
    assert_eq!((status, body["error"]["code"].as_i64()), (400, Some(2000)));
}

#[tokio::test]
async fn refresh_gives_a_new_access_token_and_no_refresh_token() {
    let sim = start(config()).await;
    let tokens = login(&sim).await;
    let refresh_token = tokens.refresh.unwrap();
    sim.advance_clock(Duration::from_secs(4000));
    let (status, body) = refresh(&sim, "us", &refresh_token).await;
    assert_eq!(status, 200);
    assert!(body.get("refresh_token").is_none(), "{body}");
    assert_eq!(body["expires_in"], 3600);
    let access = body["access_token"].as_str().unwrap();
    assert_ne!(access, tokens.access);
    assert_eq!(get(&sim, "/api/v2/user.json", access).await.0, 200);
    // A refresh token is only valid at its own DC's accounts host.
    assert_eq!(
        error_of(&refresh(&sim, "eu", &refresh_token).await.1),
        Some("invalid_code")
    );
    assert_eq!(
        error_of(&refresh(&sim, "us", "1000.bogus.bogus").await.1),
        Some("invalid_code")
    );
}

#[tokio::test]
async fn refresh_tokens_never_expire_by_time() {
    let sim = start(config()).await;
    let refresh_token = login(&sim).await.refresh.unwrap();
    sim.advance_clock(Duration::from_secs(365 * 24 * 3600));
    assert!(refresh(&sim, "us", &refresh_token).await.1["access_token"].is_string());
}

#[tokio::test]
async fn the_twenty_first_refresh_token_evicts_the_oldest() {
    let sim = start(config()).await;
    let mut all = Vec::new();
    for _ in 0..21 {
        all.push(login(&sim).await);
    }
    assert_eq!(sim.refresh_token_count(), 20);
    let oldest = all[0].refresh.clone().unwrap();
    assert!(!sim.refresh_token_is_live(&oldest), "evicted");
    assert!(sim.refresh_token_is_live(all[20].refresh.as_deref().unwrap()));
    assert!(!sim.refresh_token_is_live("1000.not-issued"));
    assert_eq!(
        error_of(&refresh(&sim, "us", &oldest).await.1),
        Some("invalid_code")
    );
    // The evicted token's access tokens die with it.
    assert_eq!(get(&sim, "/api/v2/user.json", &all[0].access).await.0, 400);
    let second = all[1].refresh.clone().unwrap();
    assert!(refresh(&sim, "us", &second).await.1["access_token"].is_string());
    assert_eq!(get(&sim, "/api/v2/user.json", &all[20].access).await.0, 200);
}

#[tokio::test]
async fn eleventh_mint_in_ten_minutes_gets_the_throttle_body_with_400() {
    let sim = start(config()).await;
    let refresh_token = login(&sim).await.refresh.unwrap();
    for attempt in 0..10 {
        let (status, body) = refresh(&sim, "us", &refresh_token).await;
        assert_eq!(status, 200, "attempt {attempt}: {body}");
        assert!(body["access_token"].is_string());
        sim.advance_clock(Duration::from_secs(30));
    }
    let (status, body) = refresh(&sim, "us", &refresh_token).await;
    assert_eq!(status, 400);
    assert_eq!(
        body,
        serde_json::json!({
            "error": "Access Denied",
            "error_description": "You have made too many requests continuously. Please try again after some time.",
            "status": "failure"
        })
    );
    // The window started at the first mint; once it has passed, minting works again.
    sim.advance_clock(Duration::from_secs(300));
    assert!(refresh(&sim, "us", &refresh_token).await.1["access_token"].is_string());
}

#[tokio::test]
async fn throttle_status_is_switchable_to_200() {
    let sim = start(SimConfig {
        throttle_http_status: 200,
        mints_per_window: 2,
        ..config()
    })
    .await;
    let refresh_token = login(&sim).await.refresh.unwrap();
    for _ in 0..2 {
        assert!(refresh(&sim, "us", &refresh_token).await.1["access_token"].is_string());
    }
    let (status, body) = refresh(&sim, "us", &refresh_token).await;
    assert_eq!((status, error_of(&body)), (200, Some("Access Denied")));
}

#[tokio::test]
async fn legacy_mode_sends_expires_in_milliseconds_and_expires_in_sec() {
    let sim = start(SimConfig {
        legacy_expires_in_ms: true,
        ..config()
    })
    .await;
    let code = code(&sim, "us", &[("access_type", "offline")]).await;
    let (_, body) = exchange(&sim, "us", &code, &[]).await;
    assert_eq!(body["expires_in"], 3_600_000);
    assert_eq!(body["expires_in_sec"], 3600);
    let (_, body) = refresh(&sim, "us", body["refresh_token"].as_str().unwrap()).await;
    assert_eq!(
        (body["expires_in"].as_u64(), body["expires_in_sec"].as_u64()),
        (Some(3_600_000), Some(3600))
    );
}

#[tokio::test]
async fn expire_all_access_tokens_forces_a_refresh() {
    let sim = start(config()).await;
    let tokens = login(&sim).await;
    assert_eq!(get(&sim, "/api/v2/user.json", &tokens.access).await.0, 200);
    sim.expire_all_access_tokens();
    assert_eq!(
        get(&sim, "/api/v2/user.json", &tokens.access).await.1["error"]["code"],
        2000
    );
    let (_, body) = refresh(&sim, "us", tokens.refresh.as_deref().unwrap()).await;
    assert_eq!(
        get(
            &sim,
            "/api/v2/user.json",
            body["access_token"].as_str().unwrap()
        )
        .await
        .0,
        200
    );
}

#[tokio::test]
async fn unknown_grant_type_is_an_http_200_error() {
    let sim = start(config()).await;
    let info = sim.info();
    let (status, body) = token_request(
        &sim,
        "us",
        &[
            ("grant_type", "password"),
            ("client_id", &info.client_id),
            ("client_secret", &info.client_secret),
        ],
    )
    .await;
    assert_eq!(
        (status, error_of(&body)),
        (200, Some("unsupported_grant_type"))
    );
}

#[tokio::test]
async fn live_access_tokens_per_refresh_token_are_capped_oldest_first() {
    let sim = start(SimConfig {
        mints_per_window: 100,
        max_access_tokens_per_refresh_token: 3,
        ..config()
    })
    .await;
    let tokens = login(&sim).await;
    let refresh_token = tokens.refresh.unwrap();
    let mut minted = vec![tokens.access];
    for _ in 0..3 {
        minted.push(
            refresh(&sim, "us", &refresh_token).await.1["access_token"]
                .as_str()
                .unwrap()
                .to_string(),
        );
    }
    // Four minted, three may live: the first is gone, the rest work.
    assert_eq!(get(&sim, "/api/v2/user.json", &minted[0]).await.0, 400);
    for token in &minted[1..] {
        assert_eq!(get(&sim, "/api/v2/user.json", token).await.0, 200);
    }
}

#[tokio::test]
async fn granted_tokens_for_demo_mode_work_without_a_browser() {
    let sim = start(SimConfig {
        user_dc: "eu".into(),
        ..config()
    })
    .await;
    let granted = sim.grant_tokens(&["ZohoMeeting.manageOrg.READ", "ZohoMeeting.meeting.ALL"]);
    assert_eq!(granted.location, "eu");
    assert_eq!(granted.accounts_server, sim.info().accounts["eu"]);
    assert_eq!(granted.meeting_server, sim.info().meeting["eu"]);
    assert_eq!(
        get(&sim, "/api/v2/user.json", &granted.access_token)
            .await
            .0,
        200
    );
    assert!(refresh(&sim, "eu", &granted.refresh_token).await.1["access_token"].is_string());
    assert!(
        sim.requests()
            .iter()
            .all(|record| record.path != "/oauth/v2/auth")
    );
}

#[tokio::test]
async fn client_credentials_may_come_as_basic_auth() {
    use base64::Engine;
    let sim = start(config()).await;
    let code = code(&sim, "us", &[]).await;
    let info = sim.info();
    let basic = base64::engine::general_purpose::STANDARD
        .encode(format!("{}:{}", info.client_id, info.client_secret));
    let response = client()
        .post(format!("{}/oauth/v2/token", info.accounts["us"]))
        .header("Authorization", format!("Basic {basic}"))
        .form(&[
            ("grant_type", "authorization_code"),
            ("redirect_uri", LOOPBACK),
            ("code", &code),
        ])
        .send()
        .await
        .unwrap();
    let (status, body) = json_of(response).await;
    assert_eq!(status, 200);
    assert!(body["access_token"].is_string(), "{body}");
}

#[tokio::test]
async fn every_issued_code_and_token_is_listed_for_leak_checks_and_never_in_the_request_log() {
    let sim = start(config()).await;
    let code = code(&sim, "us", &[("access_type", "offline")]).await;
    let (_, body) = exchange(&sim, "us", &code, &[]).await;
    let access = body["access_token"].as_str().unwrap().to_owned();
    let refresh = body["refresh_token"].as_str().unwrap().to_owned();
    let demo = sim.grant_tokens(&["ZohoMeeting.meeting.ALL"]);

    let issued = sim.issued_secrets();
    for secret in [
        &code,
        &access,
        &refresh,
        &demo.access_token,
        &demo.refresh_token,
        &sim.info().client_secret,
    ] {
        assert!(issued.contains(secret), "{secret} is not listed");
    }
    let log = format!("{:?}", sim.requests());
    for secret in &issued {
        assert!(
            !log.contains(secret.as_str()),
            "the request log holds a secret"
        );
    }
}
