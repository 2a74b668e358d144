//! Meeting-hosted webinars: same CRUD contract, webinar scopes, webinar-only fields (GAP).

use reqwest::Method;
use serde_json::json;

use crate::common::*;

#[tokio::test]
async fn webinar_crud_uses_webinar_paths_statuses_and_fields() {
    let sim = start(config()).await;
    let token = login(&sim).await.access;
    let base = format!("{}/webinar", org(&sim));

    let (status, list) = get(
        &sim,
        &format!("{base}.json?listtype=all&index=1&count=50"),
        &token,
    )
    .await;
    assert_eq!(status, 200);
    assert_eq!(list["count"], 10);
    assert_eq!(list["session"].as_array().unwrap().len(), 10);
    assert!(list["session"][0]["registrationLink"].is_string());

    let body = json!({ "session": {
        "topic": "Launch webinar", "agenda": "Demo", "presenter": sim.info().user.zuid,
        "startTime": "Sep 9, 2030 04:00 PM", "duration": 5_400_000, "timezone": "Europe/Berlin",
        "participants": [{ "email": "a@example.com" }, { "email": "b@example.com" }],
    } });
    let (status, created) = meeting_call(
        &sim,
        "us",
        Method::POST,
        &format!("{base}.json"),
        &token,
        Some(body),
    )
    .await;
    assert_eq!(status, 201, "{created}");
    let session = &created["session"];
    assert_eq!(session["startTime"], "Sep 09, 2030 04:00 PM CEST");
    assert_eq!(session["endTime"], "Sep 09, 2030 05:30 PM CEST");
    assert_eq!(session["registeredCount"], 2);
    assert_eq!(session["isPast"], false);
    let key = session["meetingKey"].as_u64().unwrap();
    let one = format!("{base}/{key}.json");

    let (status, fetched) = get(&sim, &one, &token).await;
    assert_eq!(
        (status, fetched["session"]["topic"].as_str()),
        (200, Some("Launch webinar"))
    );
    let edit = json!({ "session": { "duration": 3_600_000 } });
    let (status, edited) = meeting_call(&sim, "us", Method::PUT, &one, &token, Some(edit)).await;
    assert_eq!(
        (status, edited["session"]["duration"].as_u64()),
        (200, Some(3_600_000))
    );
    assert!(
        sim.webinars()
            .iter()
            .any(|webinar| webinar["meetingKey"] == key)
    );

    // A webinar key is not a meeting key.
    assert_eq!(
        get(&sim, &format!("{}/sessions/{key}.json", org(&sim)), &token)
            .await
            .1["error"]["errorCode"],
        4000
    );

    let (status, body) = meeting_call(&sim, "us", Method::DELETE, &one, &token, None).await;
    assert_eq!((status, body), (204, serde_json::Value::Null));
    assert_eq!(get(&sim, &one, &token).await.1["error"]["errorCode"], 4000);
}

#[tokio::test]
async fn webinars_need_webinar_scopes() {
    let sim = start(config()).await;
    let meeting_all = login_with(&sim, "ZohoMeeting.meeting.ALL").await.access;
    let path = format!("{}/webinar.json", org(&sim));
    assert_eq!(get(&sim, &path, &meeting_all).await.0, 401);
    let webinar_read = login_with(&sim, "ZohoMeeting.webinar.READ").await.access;
    assert_eq!(get(&sim, &path, &webinar_read).await.0, 200);
    let (status, _) = meeting_call(
        &sim,
        "us",
        Method::DELETE,
        &format!("{}/webinar/1.json", org(&sim)),
        &webinar_read,
        None,
    )
    .await;
    assert_eq!(status, 401);
}
