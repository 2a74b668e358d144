//! Meeting API: user.json, sessions CRUD, shapes and quirks, scopes, errors.

use reqwest::Method;
use serde_json::{Value, json};
use zoho_sim::SimConfig;

use crate::common::*;

fn new_meeting(start: &str, zone: &str) -> Value {
    json!({ "session": {
        "topic": "Monthly Marketing Meeting",
        "agenda": "Points to get noted during meeting.",
        "startTime": start,
        "duration": 3_600_000,
        "timezone": zone,
        "participants": [{ "email": "dummy@email.com" }],
    } })
}

async fn create(sim: &zoho_sim::Simulator, token: &str, body: Value) -> (u16, Value) {
    let path = format!("{}/sessions.json", org(sim));
    meeting_call(sim, "us", Method::POST, &path, token, Some(body)).await
}

#[tokio::test]
async fn user_json_has_user_details_with_numeric_ids() {
    let sim = start(config()).await;
    let tokens = login(&sim).await;
    let (status, body) = get(&sim, "/api/v2/user.json", &tokens.access).await;
    assert_eq!(status, 200);
    let user = &body["userDetails"];
    assert_eq!(
        user["zsoid"].as_u64().unwrap().to_string(),
        sim.info().user.zsoid
    );
    assert_eq!(
        user["zuid"].as_u64().unwrap().to_string(),
        sim.info().user.zuid
    );
    assert_eq!(user["primaryEmail"], sim.info().user.email);
    assert_eq!(user["displayName"], sim.info().user.display_name);
    assert_eq!(user["isAdmin"], true);
    assert_eq!(user["redirectionServer"], "meeting.zoho.com");
}

#[tokio::test]
async fn only_the_zoho_oauthtoken_header_is_accepted() {
    let sim = start(config()).await;
    let tokens = login(&sim).await;
    let url = format!("{}/api/v2/user.json", sim.info().meeting["us"]);
    for header in [format!("Bearer {}", tokens.access), tokens.access.clone()] {
        let response = client()
            .get(&url)
            .header("Authorization", header)
            .send()
            .await
            .unwrap();
        let (status, body) = json_of(response).await;
        assert_eq!(
            (status, body),
            (
                400,
                json!({ "error": { "code": 2000, "message": "INVALID_OAUTHTOKEN" } })
            )
        );
    }
    let (status, _) = json_of(client().get(&url).send().await.unwrap()).await;
    assert_eq!(status, 400);
}

#[tokio::test]
async fn scopes_are_checked_per_endpoint() {
    let sim = start(config()).await;
    let read_only = login_with(&sim, "ZohoMeeting.meeting.READ").await.access;
    let sessions = format!("{}/sessions.json", org(&sim));
    assert_eq!(get(&sim, &sessions, &read_only).await.0, 200);
    // user.json needs manageOrg.READ.
    let (status, body) = get(&sim, "/api/v2/user.json", &read_only).await;
    assert_eq!(
        (status, body["error"]["message"].as_str()),
        (401, Some("INVALID_OAUTHSCOPE"))
    );
    // Creating needs meeting.CREATE.
    let (status, _) = create(
        &sim,
        &read_only,
        new_meeting("Jun 19, 2030 07:00 PM", "Asia/Calcutta"),
    )
    .await;
    assert_eq!(status, 401);
    // Webinars need webinar scopes.
    assert_eq!(
        get(&sim, &format!("{}/webinar.json", org(&sim)), &read_only)
            .await
            .0,
        401
    );

    let create_only = login_with(&sim, "ZohoMeeting.meeting.CREATE").await.access;
    assert_eq!(
        create(
            &sim,
            &create_only,
            new_meeting("Jun 19, 2030 07:00 PM", "UTC")
        )
        .await
        .0,
        201
    );
    assert_eq!(get(&sim, &sessions, &create_only).await.0, 401);
}

#[tokio::test]
async fn create_returns_201_with_the_documented_shape() {
    let sim = start(config()).await;
    let token = login(&sim).await.access;
    let (status, body) = create(
        &sim,
        &token,
        new_meeting("Jun 19, 2020 07:00 PM", "Asia/Calcutta"),
    )
    .await;
    assert_eq!(status, 201, "{body}");
    let session = &body["session"];
    assert!(session["meetingKey"].is_u64());
    assert_eq!(session["topic"], "Monthly Marketing Meeting");
    assert_eq!(
        session["presenter"].as_u64().unwrap().to_string(),
        sim.info().user.zuid
    );
    assert_eq!(session["startTime"], "Jun 19, 2020 07:00 PM IST");
    assert_eq!(session["endTime"], "Jun 19, 2020 08:00 PM IST");
    assert_eq!(session["duration"], 3_600_000);
    assert_eq!(session["timezone"], "Asia/Calcutta");
    assert_eq!(session["offset"], 19_800_000);
    assert!(session["creatorZuid"].is_u64());
    let key = session["meetingKey"].as_u64().unwrap();
    assert_eq!(
        session["joinLink"],
        format!("https://meeting.zoho.com/join?key={key}")
    );
    assert!(
        session["startLink"]
            .as_str()
            .unwrap()
            .starts_with("https://meeting.zoho.com/meeting-start?key=")
    );
    assert!(session["participants"][0]["id"].is_string());
    assert_eq!(session["participants"][0]["email"], "dummy@email.com");
    assert!(
        sim.meetings()
            .iter()
            .any(|meeting| meeting["meetingKey"] == key)
    );
}

#[tokio::test]
async fn create_accepts_the_jsonstring_form_and_unpadded_days() {
    let sim = start(config()).await;
    let token = login(&sim).await.access;
    let body = new_meeting("Jan 4, 2024 07:00 PM", "Asia/Kolkata");
    let response = client()
        .post(format!(
            "{}{}/sessions.json",
            sim.info().meeting["us"],
            org(&sim)
        ))
        .header("Authorization", format!("Zoho-oauthtoken {token}"))
        .form(&[("JSONString", body.to_string())])
        .send()
        .await
        .unwrap();
    let (status, body) = json_of(response).await;
    assert_eq!(status, 201, "{body}");
    assert_eq!(body["session"]["startTime"], "Jan 04, 2024 07:00 PM IST");
}

#[tokio::test]
async fn times_carry_the_right_abbreviation_across_dst() {
    let sim = start(config()).await;
    let token = login(&sim).await.access;
    let (_, winter) = create(
        &sim,
        &token,
        new_meeting("Jan 15, 2030 09:00 AM", "America/New_York"),
    )
    .await;
    assert_eq!(winter["session"]["startTime"], "Jan 15, 2030 09:00 AM EST");
    assert_eq!(winter["session"]["offset"], -18_000_000);
    let (_, summer) = create(
        &sim,
        &token,
        new_meeting("Jul 15, 2030 09:00 AM", "America/New_York"),
    )
    .await;
    assert_eq!(summer["session"]["startTime"], "Jul 15, 2030 09:00 AM EDT");
    assert_eq!(summer["session"]["offset"], -14_400_000);
    // Crossing the change: 1:30 AM EST + 1 h on the spring-forward night ends at 3:30 AM EDT.
    let (_, across) = create(
        &sim,
        &token,
        new_meeting("Mar 10, 2030 01:30 AM", "America/New_York"),
    )
    .await;
    assert_eq!(across["session"]["startTime"], "Mar 10, 2030 01:30 AM EST");
    assert_eq!(across["session"]["endTime"], "Mar 10, 2030 03:30 AM EDT");
    // The stored instant is UTC: the same wall time in Berlin is a different instant.
    let stored: Vec<Value> = sim.meetings();
    assert!(
        stored
            .iter()
            .any(|m| m["startTime"] == "Jul 15, 2030 09:00 AM EDT")
    );
}

#[tokio::test]
async fn get_edit_delete_follow_the_documented_shapes_and_statuses() {
    let sim = start(config()).await;
    let token = login(&sim).await.access;
    let (_, created) = create(
        &sim,
        &token,
        new_meeting("Jun 19, 2030 07:00 PM", "Asia/Calcutta"),
    )
    .await;
    let key = created["session"]["meetingKey"].as_u64().unwrap();
    let path = format!("{}/sessions/{key}.json", org(&sim));

    let (status, body) = get(&sim, &path, &token).await;
    assert_eq!(status, 200);
    let session = &body["session"];
    for field in [
        "presenterEmail",
        "presenter",
        "presenterName",
        "startLink",
        "meetingEmbedUrl",
        "agenda",
    ] {
        assert!(session.get(field).is_some(), "get lacks {field}: {session}");
    }
    assert_eq!(session["startTime"], "Jun 19, 2030 07:00 PM IST");
    assert!(session.get("presenterZuid").is_none());

    let edit = json!({ "session": { "topic": "Renamed", "startTime": "Jun 20, 2030 08:30 AM" } });
    let (status, body) = meeting_call(&sim, "us", Method::PUT, &path, &token, Some(edit)).await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["session"]["topic"], "Renamed");
    assert_eq!(body["session"]["startTime"], "Jun 20, 2030 08:30 AM");
    assert!(body["session"].get("endTime").is_none());
    let (_, body) = get(&sim, &path, &token).await;
    assert_eq!(body["session"]["startTime"], "Jun 20, 2030 08:30 AM IST");
    assert_eq!(body["session"]["topic"], "Renamed");

    let response = client()
        .delete(format!("{}{path}", sim.info().meeting["us"]))
        .header("Authorization", format!("Zoho-oauthtoken {token}"))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 204);
    assert!(response.bytes().await.unwrap().is_empty());
    assert_eq!(get(&sim, &path, &token).await.0, 400);
    assert!(
        !sim.meetings()
            .iter()
            .any(|meeting| meeting["meetingKey"] == key)
    );
}

#[tokio::test]
async fn unknown_key_is_4000_and_another_org_is_3001() {
    let sim = start(config()).await;
    let token = login(&sim).await.access;
    let (status, body) = get(&sim, &format!("{}/sessions/1.json", org(&sim)), &token).await;
    assert_eq!(status, 400);
    assert_eq!(
        body,
        json!({ "error": { "errorCode": 4000, "message": "The meeting key is invalid.", "key": "INVALID_MEETING_KEY" } })
    );
    let (status, body) = get(&sim, "/api/v2/1234567/sessions.json", &token).await;
    assert_eq!(status, 401);
    assert_eq!(body["error"]["errorCode"], 3001);
    assert_eq!(body["error"]["key"], "UNAUTHORIZED_USER");
    let (status, _) = meeting_call(
        &sim,
        "us",
        Method::DELETE,
        "/api/v2/1234567/sessions/1.json",
        &token,
        None,
    )
    .await;
    assert_eq!(status, 401);
}

#[tokio::test]
async fn validation_errors_are_400_with_an_error_key() {
    let sim = start(config()).await;
    let token = login(&sim).await.access;
    let mut no_topic = new_meeting("Jun 19, 2030 07:00 PM", "UTC");
    no_topic["session"].as_object_mut().unwrap().remove("topic");
    let (status, body) = create(&sim, &token, no_topic).await;
    assert_eq!(
        (status, body["error"]["key"].as_str()),
        (400, Some("INVALID_TOPIC"))
    );
    let (status, body) = create(&sim, &token, new_meeting("2030-06-19T19:00", "UTC")).await;
    assert_eq!(
        (status, body["error"]["key"].as_str()),
        (400, Some("INVALID_START_TIME"))
    );
    let (status, body) = create(
        &sim,
        &token,
        new_meeting("Jun 19, 2030 07:00 PM", "Mars/Olympus"),
    )
    .await;
    assert_eq!(
        (status, body["error"]["key"].as_str()),
        (400, Some("INVALID_TIMEZONE"))
    );
    let (status, body) = create(&sim, &token, json!({ "topic": "no wrapper" })).await;
    assert_eq!(
        (status, body["error"]["key"].as_str()),
        (400, Some("INVALID_INPUT"))
    );
}

#[tokio::test]
async fn list_has_the_list_shape_a_total_count_and_pages() {
    let sim = start(config()).await;
    let token = login(&sim).await.access;
    let path = format!("{}/sessions.json?listtype=all&index=1&count=15", org(&sim));
    let (status, body) = get(&sim, &path, &token).await;
    assert_eq!(status, 200);
    assert_eq!(body["count"], 40);
    let page = body["session"].as_array().unwrap();
    assert_eq!(page.len(), 15);
    let item = &page[0];
    assert!(item["presenterZuid"].is_u64() && item.get("presenter").is_none());
    assert!(item["sysId"].is_u64() && item["meetingKey"].is_u64() && item["creatorZuid"].is_u64());
    assert!(item.get("startLink").is_none() && item.get("agenda").is_none());

    // index is 1-based and counts records: index 16 starts where index 1 ended.
    let (_, second) = get(&sim, &path.replace("index=1&", "index=16&"), &token).await;
    let (_, overlap) = get(
        &sim,
        &path.replace("index=1&count=15", "index=15&count=2"),
        &token,
    )
    .await;
    assert_eq!(
        overlap["session"][1]["meetingKey"],
        second["session"][0]["meetingKey"]
    );
    assert_eq!(overlap["session"][0]["meetingKey"], page[14]["meetingKey"]);
    let (_, last) = get(&sim, &path.replace("index=1&", "index=31&"), &token).await;
    assert_eq!(last["session"].as_array().unwrap().len(), 10);
    assert_eq!(
        get(&sim, &path.replace("index=1&", "index=0&"), &token)
            .await
            .0,
        400
    );
    assert_eq!(
        get(
            &sim,
            &path.replace("listtype=all", "listtype=later"),
            &token
        )
        .await
        .0,
        400
    );
}

#[tokio::test]
async fn list_types_split_past_and_upcoming() {
    let sim = start(config()).await;
    let token = login(&sim).await.access;
    let count = |list_type: &str| {
        format!(
            "{}/sessions.json?listtype={list_type}&index=1&count=100",
            org(&sim)
        )
    };
    let (_, upcoming) = get(&sim, &count("upcoming"), &token).await;
    let (_, past) = get(&sim, &count("past"), &token).await;
    let (_, today) = get(&sim, &count("today"), &token).await;
    let (upcoming_total, past_total) = (
        upcoming["count"].as_u64().unwrap(),
        past["count"].as_u64().unwrap(),
    );
    assert_eq!(upcoming_total + past_total, 40);
    assert_eq!(
        upcoming["session"].as_array().unwrap().len() as u64,
        upcoming_total
    );
    assert!(
        upcoming_total > 5 && past_total > 5,
        "{upcoming_total} / {past_total}"
    );
    // Fixed start is Mar 2, 2026 15:00 UTC: "today" items start on Mar 2 in their own zone.
    let today_items = today["session"].as_array().unwrap();
    assert!(
        today_items
            .iter()
            .all(|m| m["startTime"].as_str().unwrap().starts_with("Mar 02, 2026"))
    );
    let body = |start: &str| new_meeting(start, "UTC");
    let (_, later_today) = create(&sim, &token, body("Mar 2, 2026 11:00 PM")).await;
    let (_, tomorrow) = create(&sim, &token, body("Mar 3, 2026 09:00 AM")).await;
    let (_, today_after) = get(&sim, &count("today"), &token).await;
    let keys: Vec<&Value> = today_after["session"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| &m["meetingKey"])
        .collect();
    assert!(keys.contains(&&later_today["session"]["meetingKey"]));
    assert!(!keys.contains(&&tomorrow["session"]["meetingKey"]));
    assert_eq!(
        today_after["count"].as_u64().unwrap(),
        today["count"].as_u64().unwrap() + 1
    );
    // Past is most recent first; upcoming in start order.
    let starts = |list: &Value| -> Vec<u64> {
        let keys: Vec<u64> = list["session"]
            .as_array()
            .unwrap()
            .iter()
            .map(|m| m["meetingKey"].as_u64().unwrap())
            .collect();
        let stored = sim.meetings();
        keys.iter()
            .map(|key| stored.iter().position(|m| m["meetingKey"] == *key).unwrap() as u64)
            .collect()
    };
    let past_order = starts(&past);
    assert!(
        past_order.windows(2).all(|pair| pair[0] > pair[1]),
        "{past_order:?}"
    );
    let upcoming_order = starts(&upcoming);
    assert!(
        upcoming_order.windows(2).all(|pair| pair[0] < pair[1]),
        "{upcoming_order:?}"
    );
    // Moving the clock seven weeks on makes everything past.
    sim.advance_clock(std::time::Duration::from_secs(49 * 86_400));
    let fresh = login(&sim).await.access;
    let (_, upcoming) = get(&sim, &count("upcoming"), &fresh).await;
    assert_eq!(upcoming["count"], 0);
}

#[tokio::test]
async fn list_index_base_and_page_mode_are_switchable() {
    let sim = start(SimConfig {
        list_index_base: 0,
        list_index_is_page: true,
        ..config()
    })
    .await;
    let token = login(&sim).await.access;
    let page = |index: u32| {
        format!(
            "{}/sessions.json?listtype=all&index={index}&count=10",
            org(&sim)
        )
    };
    let (_, first) = get(&sim, &page(0), &token).await;
    let (_, second) = get(&sim, &page(1), &token).await;
    let (_, all) = get(
        &sim,
        &format!("{}/sessions.json?listtype=all&index=0&count=40", org(&sim)),
        &token,
    )
    .await;
    assert_eq!(
        first["session"][0]["meetingKey"],
        all["session"][0]["meetingKey"]
    );
    assert_eq!(
        second["session"][0]["meetingKey"],
        all["session"][10]["meetingKey"]
    );
}

#[tokio::test]
async fn a_capped_list_ends_early_but_still_reports_every_match() {
    let sim = start(SimConfig {
        meetings: 30,
        list_records_cap: Some(12),
        ..config()
    })
    .await;
    let token = login(&sim).await.access;
    let page = |index: u32| {
        format!(
            "{}/sessions.json?listtype=all&index={index}&count=10",
            org(&sim)
        )
    };
    let (_, first) = get(&sim, &page(1), &token).await;
    let (_, second) = get(&sim, &page(11), &token).await;
    let (_, third) = get(&sim, &page(21), &token).await;
    let lengths = [&first, &second, &third].map(|body| body["session"].as_array().unwrap().len());
    assert_eq!(
        lengths,
        [10, 2, 0],
        "records past the 12th are never served"
    );
    for body in [first, second, third] {
        assert_eq!(body["count"], json!(30), "the total stays the real one");
    }
}

#[tokio::test]
async fn history_days_spreads_sessions_further_back() {
    let sim = start(SimConfig {
        meetings: 200,
        history_days: 3 * 365,
        ..config()
    })
    .await;
    let token = login(&sim).await.access;
    let url = format!("{}/sessions.json?listtype=past&index=1&count=1", org(&sim));
    let (_, past) = get(&sim, &url, &token).await;
    // Three years back and six weeks ahead: nearly all of them are past (about half with
    // the default six weeks each way).
    let past = past["count"].as_u64().unwrap();
    assert!(past > 170, "only {past} of 200 meetings are past");
}

#[tokio::test]
async fn get_matches_the_in_process_view() {
    let sim = start(config()).await;
    let token = login(&sim).await.access;
    let first = sim.meetings()[0].clone();
    let key = first["meetingKey"].as_u64().unwrap();
    let (_, body) = get(&sim, &format!("{}/sessions/{key}.json", org(&sim)), &token).await;
    for field in [
        "topic",
        "startTime",
        "endTime",
        "timezone",
        "duration",
        "joinLink",
        "presenter",
    ] {
        assert_eq!(body["session"][field], first[field], "{field}");
    }
}
