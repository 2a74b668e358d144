//! The admin host: clock, expiry, revoke, log and data over HTTP.

use reqwest::Method;
use serde_json::{Value, json};
use zoho_sim::RequestRecord;

use crate::common::*;

#[tokio::test]
async fn admin_endpoints_steer_the_simulator() {
    let sim = start(config()).await;
    let tokens = login(&sim).await;

    let info: Value = admin(&sim, Method::GET, "/admin/info", None).await;
    assert_eq!(info["client_id"], sim.info().client_id);

    let expired: Value = admin(&sim, Method::POST, "/admin/expire-access-tokens", None).await;
    assert_eq!(expired["expired"], 1);
    assert_eq!(get(&sim, "/api/v2/user.json", &tokens.access).await.0, 400);

    let refresh_token = tokens.refresh.unwrap();
    let (_, body) = refresh(&sim, "us", &refresh_token).await;
    let access = body["access_token"].as_str().unwrap().to_string();
    let before = sim.now();
    let body = json!({ "seconds": 3601 });
    let advanced: Value = admin(&sim, Method::POST, "/admin/advance-clock", Some(body)).await;
    assert!(advanced["now"].is_string());
    assert!(sim.now() - before >= chrono::TimeDelta::seconds(3601));
    assert_eq!(get(&sim, "/api/v2/user.json", &access).await.0, 400);

    let body = json!({ "token": refresh_token });
    let revoked: Value = admin(&sim, Method::POST, "/admin/revoke", Some(body)).await;
    assert_eq!(revoked["revoked"], true);
    assert_eq!(
        refresh(&sim, "us", &refresh_token).await.1["error"],
        "invalid_code"
    );

    let meetings: Vec<Value> = admin(&sim, Method::GET, "/admin/meetings", None).await;
    assert_eq!(meetings, sim.meetings());
    let webinars: Vec<Value> = admin(&sim, Method::GET, "/admin/webinars", None).await;
    assert_eq!(webinars.len(), 10);

    let log: Vec<RequestRecord> = admin(&sim, Method::GET, "/admin/requests", None).await;
    assert!(
        log.iter()
            .any(|record| record.grant_type.as_deref() == Some("refresh_token"))
    );
    assert_eq!(
        client()
            .delete(format!("{}/admin/requests", sim.info().admin))
            .send()
            .await
            .unwrap()
            .status(),
        204
    );
    assert!(
        sim.requests()
            .iter()
            .all(|record| record.method != "GET" || record.path != "/admin/requests")
    );
}
