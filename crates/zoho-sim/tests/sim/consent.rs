//! `/oauth/v2/auth`: consent page, Accept/Deny redirects, redirect URI registration, multi-DC.

use zoho_sim::{BrowserError, SimConfig, browser};

use crate::common::*;

fn is_zoho_token(value: &str) -> bool {
    let parts: Vec<&str> = value.split('.').collect();
    parts.len() == 3
        && parts[0] == "1000"
        && parts[1..]
            .iter()
            .all(|part| part.len() == 32 && part.chars().all(|c| c.is_ascii_hexdigit()))
}

#[tokio::test]
async fn accept_redirects_with_code_state_location_and_accounts_server() {
    let sim = start(config()).await;
    let location = browser::accept(&auth_url(&sim, "us", &[("state", "xyz 1/2")]))
        .await
        .unwrap();
    assert!(location.starts_with(LOOPBACK), "{location}");
    let params = redirect_params(&location);
    assert!(is_zoho_token(&params["code"]), "{location}");
    assert_eq!(params["state"], "xyz 1/2");
    assert_eq!(params["location"], "us");
    assert_eq!(params["accounts-server"], sim.info().accounts["us"]);
    assert!(!params.contains_key("error"));
}

#[tokio::test]
async fn deny_redirects_with_access_denied_and_state_but_no_code() {
    let sim = start(config()).await;
    let location = browser::deny(&auth_url(&sim, "us", &[("state", "s1")]))
        .await
        .unwrap();
    let params = redirect_params(&location);
    assert_eq!(params["error"], "access_denied");
    assert_eq!(params["state"], "s1");
    assert!(!params.contains_key("code"));
}

#[tokio::test]
async fn consent_page_has_accept_and_deny_buttons() {
    let sim = start(config()).await;
    let page = client()
        .get(auth_url(&sim, "us", &[]))
        .send()
        .await
        .unwrap();
    assert_eq!(page.status(), 200);
    let html = page.text().await.unwrap();
    assert!(html.contains("value=\"accept\"") && html.contains("value=\"deny\""));
    assert!(html.contains("ZohoMeeting.meeting.ALL"));
}

#[tokio::test]
async fn unregistered_redirect_uri_and_unknown_client_get_an_error_page() {
    let sim = start(config()).await;
    for bad in [
        "http://127.0.0.1:53682/other",
        "https://evil.example/callback",
        "dev.zmeet.desktop:/x",
    ] {
        let error = browser::accept(&auth_url(&sim, "us", &[("redirect_uri", bad)]))
            .await
            .unwrap_err();
        assert!(
            matches!(error, BrowserError::Status { status: 400, .. }),
            "{bad}: {error:?}"
        );
    }
    let url = auth_url(&sim, "us", &[]).replace(&sim.info().client_id, "1000.UNKNOWN");
    let error = browser::accept(&url).await.unwrap_err();
    assert!(
        matches!(error, BrowserError::Status { status: 400, .. }),
        "{error:?}"
    );
}

#[tokio::test]
async fn deep_link_and_loopback_on_any_port_are_accepted_by_default() {
    let sim = start(config()).await;
    for uri in [
        DEEP_LINK,
        "http://127.0.0.1/callback",
        "http://127.0.0.1:1234/callback",
        LOOPBACK,
    ] {
        let location = browser::accept(&auth_url(&sim, "us", &[("redirect_uri", uri)]))
            .await
            .unwrap();
        assert!(
            location.starts_with(uri),
            "{location} should start with {uri}"
        );
        assert!(redirect_params(&location).contains_key("code"));
    }
}

#[tokio::test]
async fn exact_loopback_mode_requires_the_registered_port() {
    let sim = start(SimConfig {
        loopback_any_port: false,
        extra_redirect_uris: vec![LOOPBACK.into()],
        ..config()
    })
    .await;
    let error = browser::accept(&auth_url(
        &sim,
        "us",
        &[("redirect_uri", "http://127.0.0.1:9/callback")],
    ))
    .await
    .unwrap_err();
    assert!(matches!(error, BrowserError::Status { status: 400, .. }));
    assert!(
        browser::accept(&auth_url(&sim, "us", &[("redirect_uri", LOOPBACK)]))
            .await
            .is_ok()
    );
}

#[tokio::test]
async fn require_pkce_rejects_requests_without_a_challenge() {
    let sim = start(SimConfig {
        require_pkce: true,
        ..config()
    })
    .await;
    let error = browser::accept(&auth_url(&sim, "us", &[]))
        .await
        .unwrap_err();
    assert!(matches!(error, BrowserError::Status { status: 400, .. }));
    let challenge = zoho_sim::s256_challenge("verifier-verifier-verifier-verifier-verifier");
    let extra = [
        ("code_challenge", challenge.as_str()),
        ("code_challenge_method", "S256"),
    ];
    assert!(browser::accept(&auth_url(&sim, "us", &extra)).await.is_ok());
}

#[tokio::test]
async fn user_in_another_dc_gets_that_dcs_location_and_tokens_work_only_there() {
    let sim = start(SimConfig {
        user_dc: "eu".into(),
        ..config()
    })
    .await;
    // The app always starts at the US accounts host.
    let location = browser::accept(&auth_url(&sim, "us", &[])).await.unwrap();
    let params = redirect_params(&location);
    assert_eq!(params["location"], "eu");
    assert_eq!(params["accounts-server"], sim.info().accounts["eu"]);
    let code = &params["code"];

    // The US accounts host does not know the code; the EU one does.
    let (status, body) = exchange(&sim, "us", code, &[]).await;
    assert_eq!(
        (status, body["error"].as_str()),
        (200, Some("invalid_code"))
    );
    let (status, body) = exchange(&sim, "eu", code, &[]).await;
    assert_eq!(status, 200);
    assert_eq!(body["api_domain"], "https://www.zohoapis.eu");
    let access = body["access_token"].as_str().unwrap();
    assert!(is_zoho_token(access));

    let (status, body) = meeting_call(
        &sim,
        "us",
        reqwest::Method::GET,
        "/api/v2/user.json",
        access,
        None,
    )
    .await;
    assert_eq!(status, 400);
    assert_eq!(body["error"]["code"], 2000);
    let (status, _) = meeting_call(
        &sim,
        "eu",
        reqwest::Method::GET,
        "/api/v2/user.json",
        access,
        None,
    )
    .await;
    assert_eq!(status, 200);
}
