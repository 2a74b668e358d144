//! Every example body in `tests/fixtures/zoho/` parses with the crate's readers; a new
//! file without a reader fails this test.

use std::path::PathBuf;

use serde_json::Value;
use zoho_core::api::errors::{MeetingErrorBody, decode_error};
use zoho_core::model::{CurrentUser, Meeting, sessions_of};
use zoho_core::oauth::token_endpoint::{GrantKind, parse_revoke_response, parse_token_response};
use zoho_core::time;

/// Zoho's documented example bodies, copied into `tests/fixtures/zoho/` (sources in its
/// `index.md`).
fn dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/zoho")
}

fn read(name: &str) -> String {
    std::fs::read_to_string(dir().join(name)).unwrap()
}

fn json(name: &str) -> Value {
    serde_json::from_str(&read(name)).unwrap()
}

fn one(name: &str) -> Meeting {
    let mut list = sessions_of(json(name)).unwrap();
    assert_eq!(list.len(), 1, "{name}");
    list.remove(0)
}

#[test]
fn every_example_file_is_covered() {
    let mut names: Vec<String> = std::fs::read_dir(dir())
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .filter(|n| n.ends_with(".json"))
        .collect();
    names.sort();
    assert!(!names.is_empty());
    for name in &names {
        parse_example(name);
    }
}

fn parse_example(name: &str) {
    let body = read(name);
    match name {
        n if n.starts_with("oauth-token.") => {
            let kind = if n.contains(".refresh.") {
                GrantKind::RefreshToken
            } else {
                GrantKind::AuthorizationCode
            };
            let grant =
                parse_token_response(200, &body, kind, std::time::Duration::from_secs(1)).unwrap();
            assert_eq!(
                grant.refresh_token.is_some(),
                kind == GrantKind::AuthorizationCode,
                "{n}"
            );
        }
        "oauth-revoke.response.json" => parse_revoke_response(200, &body).unwrap(),
        n if n.starts_with("error.") => {
            let parsed = MeetingErrorBody::parse(&body).unwrap();
            assert!(parsed.code.is_some() && parsed.message.is_some(), "{n}");
            assert_ne!(decode_error(400, &body).code(), "api_error", "{n}");
        }
        n if n.ends_with(".request.json") && (n.contains("meeting") || n.contains("schedule")) => {
            // A request body: its startTime is the documented request format.
            let session = &json(n)["session"];
            let tz = time::zone(session["timezone"].as_str().unwrap()).unwrap();
            let start = time::parse_zoho_time(session["startTime"].as_str().unwrap(), tz).unwrap();
            assert_eq!(
                time::format_start_time(start, tz),
                session["startTime"].as_str().unwrap()
            );
        }
        "sdk-instant-session.request.json" => {
            assert!(json(name)["session"]["conferenceType"].is_string())
        }
        "create-meeting.response.json"
        | "get-meeting.response.json"
        | "edit-meeting.response.json" => {
            let meeting = one(name);
            assert_eq!(meeting.key, "123456789");
            assert_eq!(meeting.presenter.as_deref(), Some("123456789"));
            assert_eq!(meeting.topic.as_deref(), Some("Monthly Marketing Meeting"));
            // Jun 19, 2020 07:00 PM in Asia/Calcutta is 13:30 UTC.
            assert_eq!(
                meeting.start.unwrap().to_rfc3339(),
                "2020-06-19T13:30:00+00:00"
            );
            assert_eq!(
                meeting.end.unwrap().to_rfc3339(),
                "2020-06-19T14:30:00+00:00"
            );
            assert!(meeting.start_link.is_some());
            if name.starts_with("create") {
                assert_eq!(meeting.offset_ms, Some(19_800_000));
                assert_eq!(meeting.participants[0].id.as_deref(), Some("1234567891234"));
            }
        }
        "list-meetings.response.json" => {
            let list = sessions_of(json(name)).unwrap();
            assert_eq!(list.len(), 1);
            assert_eq!(
                list[0].presenter.as_deref(),
                Some("123456789"),
                "presenterZuid"
            );
            assert_eq!(list[0].sys_id.as_deref(), Some("98726527628726"));
        }
        "sdk-schedule-session.response.json" | "sdk-instant-session.response.json" => {
            let meeting = one(name);
            assert_eq!(meeting.key, "1169128522");
            assert_eq!(meeting.offset_ms, Some(19_800_000));
            assert_eq!(meeting.creator_zuid.as_deref(), Some("71158042"));
            assert_eq!(meeting.sys_id.as_deref(), Some("556536000000214003"));
            // Epoch milliseconds win, and agree with the text.
            assert_eq!(meeting.start.unwrap().timestamp_millis(), 1_704_375_000_000);
            assert_eq!(meeting.end.unwrap().timestamp_millis(), 1_704_378_600_000);
            let tz = time::zone("Asia/Calcutta").unwrap();
            let text = meeting.start_time_text.as_deref().unwrap();
            assert_eq!(
                time::parse_zoho_time(text, tz).unwrap(),
                meeting.start.unwrap()
            );
            // Unknown fields are kept, large ids intact.
            assert_eq!(meeting.extra["accessCode"], "11691 28522 #");
            assert_eq!(meeting.extra["startDate"], "Jan 4, 2024 07:00 PM");
            assert_eq!(
                meeting.participants[0].email.as_deref(),
                Some("dummy@email.com")
            );
        }
        "participant-report.response.json" => {
            let v = json(name);
            let p = &v["participants"][0];
            assert!(time::from_epoch_ms(p["joinTime"].as_i64().unwrap()).is_some());
            assert_eq!(
                zoho_core::model::quirks::id_of(&p["memberId"]).as_deref(),
                Some("438180043542297021")
            );
        }
        "recording-get-by-meetingkey.response.json" => {
            let v = json(name);
            let r = &v["recordings"][0];
            let tz = time::zone("Asia/Kolkata").unwrap();
            let text = time::parse_zoho_time(r["startTime"].as_str().unwrap(), tz).unwrap();
            let ms = zoho_core::model::quirks::i64_of(&r["startTimeMillis"]).unwrap();
            assert_eq!(text.timestamp(), ms / 1000);
        }
        "user-get.response.json" | "webinar-product.user-get.response.json" => {
            let mut v = json(name);
            let rep = v["representation"].take();
            let org = rep["organization"]["orgId"].clone();
            let mut map = rep.as_object().unwrap().clone();
            map.insert("orgId".into(), org);
            let user = CurrentUser::from_map(map).unwrap();
            assert_eq!(
                (user.zsoid.as_str(), user.zuid.as_str()),
                ("1234567", "12345678")
            );
            assert!(user.display_name.is_some());
        }
        "user-list.response.json" => {
            let v = json(name);
            let first = v["representation"][0].as_object().unwrap().clone();
            let mut first = first;
            first.insert(
                "orgId".into(),
                v["representation"][0]["organization"]["orgId"].clone(),
            );
            let user = CurrentUser::from_map(first).unwrap();
            assert_eq!(user.email.as_deref(), Some("meeting@zlyker.com"));
            assert_eq!(zoho_core::model::quirks::i64_of(&v["totalCount"]), Some(2));
        }
        "license-get.response.json" => {
            let v = json(name);
            let rep = &v["representation"];
            assert_eq!(
                zoho_core::model::quirks::i64_of(&rep["meetingAddon"]["noOfUsers"]),
                Some(20)
            );
            let ms = zoho_core::model::quirks::i64_of(&rep["trialExpiryTime"]).unwrap();
            assert!(time::from_epoch_ms(ms).is_some());
        }
        n if n.starts_with("webinar-product.bulk-registration") => {
            let v = json(n);
            assert!(v["registrant"].as_array().is_some_and(|r| !r.is_empty()));
        }
        other => panic!("no reader for example {other}"),
    }
}
