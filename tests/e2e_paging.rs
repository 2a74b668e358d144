//! The app's sync against simulators that read the list `index` in other ways than the
//! default (1-based record positions, which every other E2E test uses): every meeting of
//! the visible month is on the calendar (as an event or counted in a "+n more"), and a
//! server that cannot page to its end makes the header say "Showing N of M meetings" with
//! a Retry button, instead of a calendar quietly missing meetings.

mod common;

use chrono::{Datelike, TimeZone, Utc};
use common::{App, browser, calendar};
use serde_json::{Value, json};
use std::sync::Arc;
use test_harness::Session;
use zoho_core::store::MemoryStore;
use zoho_core::{Endpoints, NewMeeting, RedirectKind, Secret, ZohoClient, ZohoConfig};
use zoho_sim::{HostKind, SimConfig, Simulator};

const FAKE_BROWSER: &str = "fake_browser";

/// Not a test: the body of the stand-in browser the app starts (see `common::browser`).
#[tokio::test(flavor = "multi_thread")]
#[ignore = "run by the app as its browser, not by the test runner"]
async fn fake_browser() {
    browser::run_fake_browser().await;
}

/// Every meeting the month view accounts for: distinct events in its grid plus the numbers
/// in its "+n more" entries.
const MONTH_COUNT: &str = r##"
const keys = new Set([...document.querySelectorAll("#calendar .month-view [data-key]")].map((el) => el.dataset.key));
const more = [...document.querySelectorAll("#calendar .month-view [data-more]")].reduce((sum, el) => sum + Number(el.dataset.more), 0);
return { events: keys.size, more, total: keys.size + more };
"##;

/// Puts `count` meetings on days 1-28 of the current month (UTC) through the Meeting API,
/// as another Zoho client would.
async fn schedule_this_month(sim: &Simulator, count: usize) {
    let info = sim.info();
    let mut config = ZohoConfig::new(&info.client_id, Some(Secret::new(&info.client_secret)));
    config.endpoints = Endpoints::from_maps(&info.accounts, &info.meeting).unwrap();
    let client = ZohoClient::new(config, Arc::new(MemoryStore::new())).unwrap();
    let pending = client.begin_sign_in(RedirectKind::DeepLink).await.unwrap();
    let callback = zoho_sim::browser::accept(pending.authorization_url().as_str())
        .await
        .unwrap();
    let session = client
        .complete_sign_in(&pending, &callback)
        .await
        .unwrap()
        .session;
    let now = sim.now();
    for i in 0..count {
        let day = 1 + (i % 28) as u32;
        let hour = 7 + ((i / 28) % 12) as u32;
        let start = Utc
            .with_ymd_and_hms(now.year(), now.month(), day, hour, (i % 2) as u32 * 30, 0)
            .unwrap();
        session
            .create_meeting(&NewMeeting {
                topic: format!("Paging check {i}"),
                agenda: None,
                start,
                duration_minutes: 25,
                timezone: "UTC".into(),
                participants: Vec::new(),
                presenter: None,
            })
            .await
            .unwrap();
    }
}

async fn launch_signed_in(session: &Session, sim: &Simulator) -> App {
    let script = browser::install(session.home(), FAKE_BROWSER, "accept");
    let endpoints = serde_json::to_string(sim.info()).unwrap();
    let env = [
        ("ZMEET_ZOHO_ENDPOINTS", endpoints.as_str()),
        ("ZMEET_BROWSER", script.to_str().unwrap()),
    ];
    let app = App::launch_with_env(session, &[], &env).await;
    app.wait_displayed("#sign-in").await;
    app.click("#sign-in").await;
    let email = sim.info().user.email.clone();
    app.wait_text("#session-user", "the user", |t| t.contains(&email))
        .await;
    app
}

/// The list requests the app made so far.
fn list_requests(sim: &Simulator) -> usize {
    sim.requests()
        .iter()
        .filter(|r| {
            r.host == HostKind::Meeting && r.method == "GET" && r.path.ends_with("/sessions.json")
        })
        .count()
}

async fn all_of_the_month_are_counted(list_index_base: u64, list_index_is_page: bool) {
    let sim = Simulator::start(SimConfig {
        meetings: 0,
        webinars: 0,
        list_index_base,
        list_index_is_page,
        ..SimConfig::default()
    })
    .await
    .unwrap();
    schedule_this_month(&sim, 350).await;
    let session = Session::start().expect("headless session");
    let app = launch_signed_in(&session, &sim).await;
    calendar::wait_view(&app, "month").await;
    app.wait_displayed(calendar::MONTH_EVENT).await;
    app.wait_hidden("#sync-progress").await;
    let count: Value = app.js(MONTH_COUNT, vec![]).await;
    assert_eq!(count["total"], json!(350), "{count}");
    assert!(
        count["more"].as_u64().unwrap() > 0,
        "busy days are capped: {count}"
    );
    let notice = app.wait_for("#sync-shortfall").await;
    assert!(!notice.is_displayed().await.unwrap(), "nothing is missing");
    app.screenshot("paging-350.png").await;
    app.quit().await;
    sim.shutdown().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn one_based_page_numbers_show_all_350_meetings_of_the_month() {
    all_of_the_month_are_counted(1, true).await;
}

#[tokio::test(flavor = "multi_thread")]
async fn zero_based_page_numbers_show_all_350_meetings_of_the_month() {
    all_of_the_month_are_counted(0, true).await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_server_that_stops_short_is_reported_in_the_header_with_retry() {
    // Lists end after 100 records while `count` reports all 500.
    let sim = Simulator::start(SimConfig {
        meetings: 500,
        webinars: 0,
        list_index_base: 0,
        list_records_cap: Some(100),
        ..SimConfig::default()
    })
    .await
    .unwrap();
    let session = Session::start().expect("headless session");
    let app = launch_signed_in(&session, &sim).await;
    app.wait_displayed("#sync-shortfall").await;
    let text = app.text("#sync-shortfall-text").await;
    let shown: u32 = text
        .strip_prefix("Showing ")
        .and_then(|rest| rest.strip_suffix(" of 500 meetings"))
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("unexpected notice {text:?}"));
    assert!((100..500).contains(&shown), "{text}");
    app.screenshot("paging-shortfall.png").await;

    // Retry syncs again; the server still stops short, so the notice stays.
    let before = list_requests(&sim);
    app.click("#sync-retry").await;
    common::eventually("a new sync", std::time::Duration::from_secs(20), || {
        list_requests(&sim) > before
    })
    .await;
    app.wait_hidden("#sync-progress").await;
    assert_eq!(app.text("#sync-shortfall-text").await, text);
    app.quit().await;
    sim.shutdown().await;
}
