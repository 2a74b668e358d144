//! Helpers the tests share: start a simulator, walk the OAuth flow over real HTTP, call the
//! Meeting API.

use std::collections::HashMap;
use std::time::Duration;

use chrono::{DateTime, TimeZone, Utc};
use reqwest::{Client, Response};
use serde_json::Value;
use url::Url;
use zoho_sim::{SimConfig, Simulator, browser};

pub const LOOPBACK: &str = "http://127.0.0.1:53682/callback";
pub const DEEP_LINK: &str = "dev.zmeet.desktop:/oauth/callback";
pub const ALL_SCOPES: &str =
    "ZohoMeeting.manageOrg.READ,ZohoMeeting.meeting.ALL,ZohoMeeting.webinar.ALL";

/// A fixed start instant, so data and "today" are repeatable.
pub fn fixed_start() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 3, 2, 15, 0, 0).unwrap()
}

/// Two DCs only (faster than nine), user in "us", fixed clock.
pub fn config() -> SimConfig {
    SimConfig {
        dcs: vec!["us".into(), "eu".into()],
        start_time: Some(fixed_start()),
        ..SimConfig::default()
    }
}

pub async fn start(config: SimConfig) -> Simulator {
    Simulator::start(config).await.expect("simulator starts")
}

pub fn client() -> Client {
    Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .timeout(Duration::from_secs(10))
        .build()
        .unwrap()
}

/// The `/oauth/v2/auth` URL on `dc`'s accounts host.
pub fn auth_url(sim: &Simulator, dc: &str, extra: &[(&str, &str)]) -> String {
    let info = sim.info();
    let mut url = Url::parse(&format!("{}/oauth/v2/auth", info.accounts[dc])).unwrap();
    {
        let mut query = url.query_pairs_mut();
        query.append_pair("client_id", &info.client_id);
        query.append_pair("response_type", "code");
        for (name, value) in extra {
            query.append_pair(name, value);
        }
        if !extra.iter().any(|(name, _)| *name == "redirect_uri") {
            query.append_pair("redirect_uri", LOOPBACK);
        }
        if !extra.iter().any(|(name, _)| *name == "scope") {
            query.append_pair("scope", ALL_SCOPES);
        }
    }
    url.to_string()
}

/// Query parameters of a redirect URL.
pub fn redirect_params(location: &str) -> HashMap<String, String> {
    Url::parse(location)
        .unwrap()
        .query_pairs()
        .into_owned()
        .collect()
}

/// Accepts consent on `dc` and returns the code.
pub async fn code(sim: &Simulator, dc: &str, extra: &[(&str, &str)]) -> String {
    let location = browser::accept(&auth_url(sim, dc, extra))
        .await
        .expect("consent accepted");
    redirect_params(&location)
        .remove("code")
        .expect("redirect carries a code")
}

/// POSTs form parameters to `dc`'s token endpoint; returns (status, body).
pub async fn token_request(sim: &Simulator, dc: &str, form: &[(&str, &str)]) -> (u16, Value) {
    let response = client()
        .post(format!("{}/oauth/v2/token", sim.info().accounts[dc]))
        .form(form)
        .send()
        .await
        .unwrap();
    json_of(response).await
}

/// Exchanges a code for tokens at `dc` (loopback redirect, client credentials).
pub async fn exchange(
    sim: &Simulator,
    dc: &str,
    code: &str,
    extra: &[(&str, &str)],
) -> (u16, Value) {
    let info = sim.info();
    let mut form = vec![
        ("grant_type", "authorization_code"),
        ("client_id", info.client_id.as_str()),
        ("client_secret", info.client_secret.as_str()),
        ("code", code),
    ];
    if !extra.iter().any(|(name, _)| *name == "redirect_uri") {
        form.push(("redirect_uri", LOOPBACK));
    }
    form.extend_from_slice(extra);
    token_request(sim, dc, &form).await
}

pub async fn refresh(sim: &Simulator, dc: &str, refresh_token: &str) -> (u16, Value) {
    let info = sim.info();
    token_request(
        sim,
        dc,
        &[
            ("grant_type", "refresh_token"),
            ("client_id", &info.client_id),
            ("client_secret", &info.client_secret),
            ("refresh_token", refresh_token),
        ],
    )
    .await
}

pub struct Tokens {
    pub access: String,
    pub refresh: Option<String>,
}

/// Full offline login at the user's DC with `scopes`, forcing consent so every call yields a
/// refresh token.
pub async fn login_with(sim: &Simulator, scopes: &str) -> Tokens {
    let dc = sim.info().user.dc.clone();
    let code = code(
        sim,
        "us",
        &[
            ("scope", scopes),
            ("access_type", "offline"),
            ("prompt", "consent"),
        ],
    )
    .await;
    let (status, body) = exchange(sim, &dc, &code, &[]).await;
    assert_eq!(status, 200, "{body}");
    Tokens {
        access: body["access_token"]
            .as_str()
            .expect("access token")
            .to_string(),
        refresh: body["refresh_token"].as_str().map(str::to_string),
    }
}

pub async fn login(sim: &Simulator) -> Tokens {
    login_with(sim, ALL_SCOPES).await
}

/// Calls the Meeting host of `dc` with a `Zoho-oauthtoken` header.
pub async fn meeting_call(
    sim: &Simulator,
    dc: &str,
    method: reqwest::Method,
    path: &str,
    token: &str,
    body: Option<Value>,
) -> (u16, Value) {
    let mut request = client()
        .request(method, format!("{}{}", sim.info().meeting[dc], path))
        .header("Authorization", format!("Zoho-oauthtoken {token}"));
    if let Some(body) = body {
        request = request.json(&body);
    }
    json_of(request.send().await.unwrap()).await
}

pub async fn get(sim: &Simulator, path: &str, token: &str) -> (u16, Value) {
    let dc = sim.info().user.dc.clone();
    meeting_call(sim, &dc, reqwest::Method::GET, path, token, None).await
}

/// Status and JSON body (`Value::Null` for an empty body).
pub async fn json_of(response: Response) -> (u16, Value) {
    let status = response.status().as_u16();
    let text = response.text().await.unwrap();
    let body = if text.is_empty() {
        Value::Null
    } else {
        serde_json::from_str(&text).unwrap()
    };
    (status, body)
}

/// `/api/v2/{zsoid}` for the demo user.
pub fn org(sim: &Simulator) -> String {
    format!("/api/v2/{}", sim.info().user.zsoid)
}

/// Calls the admin host and reads its JSON answer as `T`.
pub async fn admin<T: serde::de::DeserializeOwned>(
    sim: &Simulator,
    method: reqwest::Method,
    path: &str,
    body: Option<Value>,
) -> T {
    let mut request = client().request(method, format!("{}{path}", sim.info().admin));
    if let Some(body) = body {
        request = request.json(&body);
    }
    request.send().await.unwrap().json().await.unwrap()
}
