//! The tray's actions on the real app, through the same handler the menu uses (an
//! AppIndicator menu cannot be clicked under Xvfb, so debug builds take menu ids on a test
//! socket), against a simulator the test starts. The tray-only app after the window closes:
//! `e2e_tray_only.rs`.

mod common;

use std::time::Duration;

use chrono::{DateTime, Utc};
use common::tray_socket::{self, send as tray};
use common::{App, app_processes, browser, eventually};
use fantoccini::Locator;
use serde_json::Value;
use test_harness::Session;
use zoho_sim::{SimConfig, Simulator};

const FAKE_BROWSER: &str = "fake_browser";

#[tokio::test(flavor = "multi_thread")]
#[ignore = "run by the app as its browser, not by the test runner"]
async fn fake_browser() {
    browser::run_fake_browser().await;
}

fn clipboard(session: &Session) -> String {
    let out = session
        .command("xclip")
        .args(["-o", "-selection", "clipboard"])
        .output()
        .unwrap();
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn meeting_with_topic(sim: &Simulator, topic: &str) -> Option<Value> {
    sim.meetings().into_iter().find(|m| m["topic"] == topic)
}

/// The start instant of a simulator meeting body, read as the app reads Zoho's.
fn start_of(meeting: &Value) -> DateTime<Utc> {
    let parsed = zoho_core::Meeting::from_map(meeting.as_object().unwrap().clone()).unwrap();
    parsed.start.expect("a start time")
}

#[tokio::test(flavor = "multi_thread")]
async fn tray_actions_create_meetings_copy_links_and_open_the_quick_create_window() {
    let sim = Simulator::start(SimConfig::default()).await.unwrap();
    let session = Session::start().expect("headless session");
    let socket = tray_socket::path(&session);
    let script = browser::install(session.home(), FAKE_BROWSER, "accept");
    let endpoints = serde_json::to_string(sim.info()).unwrap();
    let env = [
        ("ZMEET_ZOHO_ENDPOINTS", endpoints.as_str()),
        ("ZMEET_BROWSER", script.to_str().unwrap()),
        (tray_socket::ENV, socket.to_str().unwrap()),
    ];
    let app = App::launch_with_env(&session, &[], &env).await;
    tray_socket::wait_listening(&socket).await;

    // "Sign in" from the tray runs the whole browser round trip.
    assert_eq!(tray(&socket, "sign-in"), "ok");
    eventually("the sign-in", Duration::from_secs(20), || {
        sim.requests()
            .iter()
            .any(|r| r.path.ends_with("user.json") && r.status == 200)
    })
    .await;
    // The tray acts for a signed-in app: wait until the app says it is one.
    let email = &sim.info().user.email;
    app.wait_text("#session-user", "the user", |t| t.contains(email))
        .await;

    // Meet now: a 30-minute meeting starting within the next minute; its join link is copied.
    let before = Utc::now();
    assert_eq!(tray(&socket, "meet-now"), "ok");
    let instant = meeting_with_topic(&sim, "Instant meeting").expect("the simulator received it");
    let start = start_of(&instant);
    assert!(
        start >= before - chrono::Duration::seconds(1)
            && start <= before + chrono::Duration::seconds(61),
        "{start}"
    );
    let parsed = zoho_core::Meeting::from_map(instant.as_object().unwrap().clone()).unwrap();
    assert_eq!(parsed.duration_ms, Some(1_800_000));
    assert_eq!(clipboard(&session), instant["joinLink"].as_str().unwrap());

    // Meeting in 15 minutes.
    assert_eq!(tray(&socket, "meet-in-15"), "ok");
    let later = meeting_with_topic(&sim, "Meeting").expect("the simulator received it");
    let lead = start_of(&later) - Utc::now();
    assert!(
        lead > chrono::Duration::minutes(14) && lead <= chrono::Duration::minutes(16),
        "{lead}"
    );

    // Copy link of a listed event puts exactly its join link on the clipboard.
    let key = instant["meetingKey"]
        .to_string()
        .trim_matches('"')
        .to_owned();
    assert_eq!(
        tray(&socket, "sign-in-twice-is-not-an-id"),
        "error unknown_action: sign-in-twice-is-not-an-id"
    );
    assert_eq!(tray(&socket, &format!("event:copy:meeting:{key}")), "ok");
    assert_eq!(clipboard(&session), instant["joinLink"].as_str().unwrap());

    // "Schedule…" opens the quick-create window; it creates a meeting the simulator gets.
    let main_window = app.client.window().await.unwrap();
    assert_eq!(tray(&socket, "schedule"), "ok");
    let quick = app.wait_other_window(&main_window).await;
    app.client.switch_to_window(quick).await.unwrap();
    app.wait_for("body[data-ready='true']").await;
    app.screenshot("quick-create.png").await;
    app.type_into("#quick-topic", "Quick sync").await;
    app.type_into("#quick-participants", "ana@example.com")
        .await;
    app.client
        .find(Locator::Css("#quick-save"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    eventually(
        "the quick meeting to reach the simulator",
        Duration::from_secs(15),
        || meeting_with_topic(&sim, "Quick sync").is_some(),
    )
    .await;
    let quick_meeting = meeting_with_topic(&sim, "Quick sync").unwrap();
    let start = start_of(&quick_meeting);
    assert_eq!(
        start.timestamp() % 1800,
        0,
        "starts on a half hour: {start}"
    );
    assert!(
        start > Utc::now() && start <= Utc::now() + chrono::Duration::minutes(31),
        "{start}"
    );
    assert_eq!(quick_meeting["participants"][0]["email"], "ana@example.com");
    app.client.switch_to_window(main_window).await.unwrap();
    assert_eq!(app_processes(&session).len(), 1);
    app.quit().await;
}
