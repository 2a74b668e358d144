//! The device flow (API.md §1.10) over real HTTP: codes, polls and every answer, the
//! verification page, the admin calls, the binary's switches, and a log without codes.

use std::process::Stdio;
use std::time::Duration;

use serde_json::{Value, json};
use tokio::io::{AsyncBufReadExt, AsyncReadExt, BufReader};
use tokio::process::Command;
use zoho_sim::{SimConfig, SimInfo, browser};

use crate::common::*;

/// User in EU (so approval answers `other_dc` at US), `slow_down` under the documented 30 s:
/// tests move the simulated clock past it, so no answer depends on how fast a poll is sent.
fn device_config() -> SimConfig {
    SimConfig {
        user_dc: "eu".into(),
        ..config()
    }
}

const PAST_SLOW_DOWN: Duration = Duration::from_secs(31);

async fn device_code(info: &SimInfo, dc: &str, form: &[(&str, &str)]) -> (u16, Value) {
    let response = client()
        .post(format!("{}/oauth/v3/device/code", info.accounts[dc]))
        .form(form)
        .send()
        .await
        .unwrap();
    json_of(response).await
}

async fn start_device(info: &SimInfo) -> (String, String, Value) {
    let (status, body) = device_code(
        info,
        "us",
        &[
            ("client_id", &info.client_id),
            ("grant_type", "device_request"),
            ("scope", ALL_SCOPES),
            ("access_type", "offline"),
        ],
    )
    .await;
    assert_eq!(status, 200, "{body}");
    (
        body["device_code"].as_str().unwrap().to_owned(),
        body["user_code"].as_str().unwrap().to_owned(),
        body,
    )
}

async fn poll(info: &SimInfo, dc: &str, device_code: &str) -> Value {
    let response = client()
        .post(format!("{}/oauth/v3/device/token", info.accounts[dc]))
        .form(&[
            ("client_id", info.client_id.as_str()),
            ("client_secret", info.client_secret.as_str()),
            ("grant_type", "device_token"),
            ("code", device_code),
        ])
        .send()
        .await
        .unwrap();
    let (status, body) = json_of(response).await;
    assert_eq!(status, 200, "errors come with HTTP 200: {body}");
    body
}

fn error_of(body: &Value) -> &str {
    body["error"].as_str().unwrap_or("")
}

#[tokio::test]
async fn a_device_code_is_approved_polled_across_data_centres_and_redeemed_once() {
    let sim = start(device_config()).await;
    let info = sim.info().clone();
    let (device, user, body) = start_device(&info).await;
    assert_eq!(
        body["verification_url"],
        format!("{}/oauth/v3/device", info.accounts["us"])
    );
    // Milliseconds by default, as public clients see.
    assert_eq!(
        (body["interval"].clone(), body["expires_in"].clone()),
        (json!(5000), json!(300_000))
    );
    assert_eq!(user.len(), 9);

    assert_eq!(
        error_of(&poll(&info, "us", &device).await),
        "authorization_pending"
    );
    // Two polls within the threshold: slow_down.
    assert_eq!(error_of(&poll(&info, "us", &device).await), "slow_down");
    browser::approve_device(body["verification_url"].as_str().unwrap(), &user)
        .await
        .unwrap();
    sim.advance_clock(PAST_SLOW_DOWN);
    let other = poll(&info, "us", &device).await;
    assert_eq!(
        (error_of(&other), other["user_location"].as_str()),
        ("other_dc", Some("eu"))
    );
    sim.advance_clock(PAST_SLOW_DOWN);
    let granted = poll(&info, "eu", &device).await;
    let access = granted["access_token"]
        .as_str()
        .expect("tokens at the user's DC");
    assert!(granted["refresh_token"].is_string(), "offline: {granted}");
    assert_eq!(granted["expires_in"], 3600);
    let (status, _) = get(&sim, "/api/v2/user.json", access).await;
    assert_eq!(status, 200);
    sim.advance_clock(PAST_SLOW_DOWN);
    assert_eq!(error_of(&poll(&info, "eu", &device).await), "invalid_code");

    // The log names grant types and answers, never a code or token.
    let log = serde_json::to_string(&sim.requests()).unwrap();
    for secret in [
        device.as_str(),
        user.as_str(),
        access,
        granted["refresh_token"].as_str().unwrap(),
    ] {
        assert!(!log.contains(secret), "the log leaks a code");
    }
    let answers: Vec<_> = sim
        .requests()
        .into_iter()
        .filter(|r| r.grant_type.as_deref() == Some("device_token"))
        .map(|r| format!("{}:{}", r.dc, r.answer.unwrap_or_default()))
        .collect();
    assert_eq!(
        answers,
        [
            "us:authorization_pending",
            "us:slow_down",
            "us:other_dc",
            "eu:granted",
            "eu:invalid_code"
        ]
    );
}

#[tokio::test]
async fn denial_expiry_and_bad_requests() {
    let sim = start(device_config()).await;
    let info = sim.info().clone();

    let (device, user, _) = start_device(&info).await;
    let denied: Value = admin(
        &sim,
        reqwest::Method::POST,
        "/admin/device/deny",
        Some(json!({"user_code": user})),
    )
    .await;
    assert_eq!(denied["found"], true);
    assert_eq!(error_of(&poll(&info, "us", &device).await), "access_denied");

    let (device, user, _) = start_device(&info).await;
    sim.advance_clock(Duration::from_secs(301));
    assert_eq!(error_of(&poll(&info, "us", &device).await), "expired");
    let late: Value = admin(
        &sim,
        reqwest::Method::POST,
        "/admin/device/approve",
        Some(json!({"user_code": user})),
    )
    .await;
    assert_eq!(late["found"], false, "an expired code cannot be approved");

    let (_, bad) = device_code(
        &info,
        "us",
        &[
            ("client_id", "1000.NOPE"),
            ("grant_type", "device_request"),
            ("scope", ALL_SCOPES),
        ],
    )
    .await;
    assert_eq!(error_of(&bad), "invalid_client");
    let (_, bad) = device_code(
        &info,
        "us",
        &[
            ("client_id", &info.client_id),
            ("grant_type", "device_request"),
        ],
    )
    .await;
    assert_eq!(error_of(&bad), "invalid_scope");
    let (device, _, _) = start_device(&info).await;
    let response = client()
        .post(format!("{}/oauth/v3/device/token", info.accounts["us"]))
        .form(&[
            ("client_id", info.client_id.as_str()),
            ("client_secret", "wrong"),
            ("grant_type", "device_token"),
            ("code", device.as_str()),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(
        error_of(&json_of(response).await.1),
        "invalid_client_secret"
    );

    // The verification page refuses an unknown code, pre-fills a given one.
    let page_url = format!("{}/oauth/v3/device", info.accounts["us"]);
    let err = browser::approve_device(&page_url, "ZZZZ-ZZZZ")
        .await
        .unwrap_err();
    assert!(err.to_string().contains("400"), "{err}");
    let page = client()
        .get(format!("{page_url}?user_code=AB%22%3Cx"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(page.contains("value=\"AB&quot;&lt;x\""), "escaped: {page}");
}

#[tokio::test]
async fn binary_serves_the_device_flow_with_its_switches() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_zoho-sim"))
        .args(["--dc-hosts", "us", "--quiet", "--device-seconds"])
        .args([
            "--device-interval-ms",
            "2000",
            "--device-code-lifetime",
            "120",
        ])
        .args(["--device-slow-down-ms", "1"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .kill_on_drop(true)
        .spawn()
        .expect("binary starts");
    let mut stdout = BufReader::new(child.stdout.take().unwrap());
    let mut line = String::new();
    tokio::time::timeout(Duration::from_secs(30), stdout.read_line(&mut line))
        .await
        .expect("ready line in time")
        .unwrap();
    let info: SimInfo = serde_json::from_str(line.trim_end()).unwrap();
    let (device, user, body) = start_device(&info).await;
    assert_eq!(
        (body["interval"].clone(), body["expires_in"].clone()),
        (json!(2), json!(120))
    );
    let approved: Value = client()
        .post(format!("{}/admin/device/approve", info.admin))
        .json(&json!({ "user_code": user }))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(approved["found"], true);
    let granted = poll(&info, "us", &device).await;
    assert!(granted["access_token"].is_string(), "{granted}");
    child.kill().await.unwrap();
    let mut stderr = String::new();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut stderr)
        .await
        .unwrap();
    assert!(!stderr.contains(&device) && !stderr.contains(&user));
}
