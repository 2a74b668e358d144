//! The admin host: clock, expiry, revoke, log and data over HTTP.

use serde_json::{Value, json};
use zoho_sim::RequestRecord;

use crate::common::*;

#[tokio::test]
async fn admin_endpoints_steer_the_simulator() {
    let sim = start(config()).await;
    let tokens = login(&sim).await;
    let admin = sim.info().admin.clone();
    let http = client();

    let info: Value = http
        .get(format!("{admin}/admin/info"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(info["client_id"], sim.info().client_id);

    let expired: Value = http
        .post(format!("{admin}/admin/expire-access-tokens"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(expired["expired"], 1);
    assert_eq!(get(&sim, "/api/v2/user.json", &tokens.access).await.0, 400);

    let refresh_token = tokens.refresh.unwrap();
    let (_, body) = refresh(&sim, "us", &refresh_token).await;
    let access = body["access_token"].as_str().unwrap().to_string();
    let before = sim.now();
    let advanced: Value = http
        .post(format!("{admin}/admin/advance-clock"))
        .json(&json!({ "seconds": 3601 }))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert!(advanced["now"].is_string());
    assert!(sim.now() - before >= chrono::TimeDelta::seconds(3601));
    assert_eq!(get(&sim, "/api/v2/user.json", &access).await.0, 400);

    let revoked: Value = http
        .post(format!("{admin}/admin/revoke"))
        .json(&json!({ "token": refresh_token }))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(revoked["revoked"], true);
    assert_eq!(
        refresh(&sim, "us", &refresh_token).await.1["error"],
        "invalid_code"
    );

    let meetings: Vec<Value> = http
        .get(format!("{admin}/admin/meetings"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(meetings, sim.meetings());
    let webinars: Vec<Value> = http
        .get(format!("{admin}/admin/webinars"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(webinars.len(), 10);

    let log: Vec<RequestRecord> = http
        .get(format!("{admin}/admin/requests"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert!(
        log.iter()
            .any(|record| record.grant_type.as_deref() == Some("refresh_token"))
    );
    assert_eq!(
        http.delete(format!("{admin}/admin/requests"))
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
