//! Offline-first: the calendar comes from the local store when Zoho is gone, the header says
//! so, changes are refused before anything is sent with the form kept, and everything
//! recovers by itself when Zoho is back; a create whose answer was lost ends with exactly
//! one meeting. Real app, real keyring, a simulator over real HTTP that the test stops
//! (its ports refuse connections) and starts again on the same ports.

mod common;

use std::collections::BTreeSet;
use std::time::Duration;

use common::{App, UI_TIMEOUT, browser, calendar};
use serde_json::{Value, json};
use test_harness::Session;
use zoho_sim::{FaultConfig, SimConfig, Simulator, TargetedAction, TargetedFault};

const FAKE_BROWSER: &str = "fake_browser";

/// The app's longest wait between offline retries (`offline::retry`), plus the usual UI
/// margin: the banner must clear within one retry after Zoho is back.
const RECOVERY_TIMEOUT: Duration = Duration::from_secs(30 + 20);

/// Not a test: the body of the stand-in browser the app starts (see `common::browser`).
#[tokio::test(flavor = "multi_thread")]
#[ignore = "run by the app as its browser, not by the test runner"]
async fn fake_browser() {
    browser::run_fake_browser().await;
}

async fn simulator() -> Simulator {
    let config = SimConfig {
        dcs: vec!["us".into()],
        meetings: 30,
        webinars: 4,
        ..SimConfig::default()
    };
    Simulator::start(config).await.expect("start the simulator")
}

async fn launch(session: &Session, sim: &Simulator) -> App {
    let script = browser::install(session.home(), FAKE_BROWSER, "accept");
    let endpoints = serde_json::to_string(sim.info()).unwrap();
    let system_bus = no_system_bus(session);
    let env = [
        ("ZMEET_ZOHO_ENDPOINTS", endpoints.as_str()),
        ("ZMEET_BROWSER", script.to_str().unwrap()),
        ("DBUS_SYSTEM_BUS_ADDRESS", system_bus.as_str()),
    ];
    App::launch_with_env(session, &[], &env).await
}

/// No system bus, whatever the machine has: going offline, where the app starts watching
/// NetworkManager on the system bus, must neither hang the app nor keep it from quitting
/// and launching again. (A bus that accepts connections and never answers is not usable
/// here: WebKitGTK's own network monitor then blocks the app's start-up, watch or not.)
fn no_system_bus(session: &Session) -> String {
    format!(
        "unix:path={}",
        session.home().join("no-system-bus").display()
    )
}

async fn wait_signed_in(app: &App, sim: &Simulator) {
    let email = sim.info().user.email.clone();
    app.wait_text("#session-user", "the user", |t| t.contains(&email))
        .await;
}

/// Signs in through the browser and waits for the synced calendar.
async fn launch_and_sign_in(session: &Session, sim: &Simulator) -> App {
    let app = launch(session, sim).await;
    app.click("#sign-in").await;
    wait_signed_in(&app, sim).await;
    app.wait_displayed(calendar::EVENT).await;
    app
}

fn keys(events: &[Value]) -> BTreeSet<String> {
    events
        .iter()
        .map(|e| format!("{}:{}", e["kind"], e["key"].as_str().unwrap()))
        .collect()
}

/// The keys of the events painted in the calendar now (displayed, in the view shown).
async fn painted_keys(app: &App) -> BTreeSet<String> {
    app.js(
        "return [...document.querySelectorAll(arguments[0])]
           .filter((el) => el.getClientRects().length > 0).map((el) => el.dataset.key);",
        vec![json!(calendar::EVENT)],
    )
    .await
    .as_array()
    .unwrap()
    .iter()
    .map(|key| key.as_str().unwrap().to_owned())
    .collect()
}

/// How the launch painted (the UI's launch marks, `ui/src/launch-marks.ts`): how many events
/// the month view first showed, how many the store has for the days it shows, whether the
/// shell handed them to the page as it loaded (no IPC), and whether they were drawn before
/// the page's first IPC round-trip (the sync notice's) had ended.
async fn first_paint(app: &App) -> (u64, u64, bool, bool) {
    let answer = app
        .js_async(
            "const done = arguments[arguments.length - 1];
             const at = (name) => performance.getEntriesByName('zm:' + name)[0] ?? null;
             const month = at('month-events'), notice = at('sync-notice');
             const days = [...document.querySelectorAll('#calendar .month-view .month-day[data-date]')];
             const dayStart = (date, plus = 0) => { const [y, m, d] = date.split('-').map(Number); return new Date(y, m - 1, d + plus).valueOf(); };
             const fromMs = dayStart(days[0].dataset.date), toMs = dayStart(days[days.length - 1].dataset.date, 1);
             window.__TAURI_INTERNALS__.invoke('list_events', { fromMs, toMs, refresh: false }).then(
               (stored) => done([month?.detail?.events ?? 0, stored.length, !!at('first-range-handed'),
                                 !!(month && notice && month.startTime < notice.startTime)]),
               (error) => done({ error }));",
            vec![],
        )
        .await;
    assert!(answer.get("error").is_none(), "{answer}");
    (
        answer[0].as_u64().unwrap(),
        answer[1].as_u64().unwrap(),
        answer[2].as_bool().unwrap(),
        answer[3].as_bool().unwrap(),
    )
}

/// Opens the create form and fills it in (nothing is saved yet).
async fn fill_create_form(app: &App, topic: &str) {
    app.click("#new-event").await;
    app.wait_displayed("#event-form-dialog").await;
    app.type_into("#form-topic", topic).await;
    app.set_value("#form-agenda", "Typed while offline.").await;
    let date = app.today().await;
    app.set_value("#form-date", &date).await;
    app.set_value("#form-time", "15:30").await;
    app.set_value("#form-duration", "45").await;
    app.set_value("#form-timezone", "Europe/Berlin").await;
}

/// The app's store files (database, WAL, shared memory) in `session`.
fn store_files(session: &Session) -> Vec<std::path::PathBuf> {
    let dir = session.data_home().join("dev.zmeet.desktop/calendar");
    std::fs::read_dir(&dir)
        .map(|entries| entries.flatten().map(|entry| entry.path()).collect())
        .unwrap_or_default()
}

fn mode(path: &std::path::Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(path).unwrap().permissions().mode() & 0o777
}

fn meetings_on_server(sim: &Simulator, topic: &str) -> usize {
    sim.meetings()
        .iter()
        .filter(|m| m["topic"] == topic)
        .count()
}

#[tokio::test(flavor = "multi_thread")]
async fn without_zoho_the_stored_calendar_shows_changes_are_refused_and_it_recovers_by_itself() {
    let mut sim = simulator().await;
    let session = Session::start().expect("headless session");
    let app = launch_and_sign_in(&session, &sim).await;
    let synced = keys(&app.all_events(false).await);
    assert_eq!(synced.len(), 34, "every meeting and webinar was synced");
    let painted = painted_keys(&app).await;
    assert!(!painted.is_empty());
    // Opening an event as its host fetches its start link; it must not reach the store.
    let first = painted.iter().next().unwrap().clone();
    app.click(&calendar::event(&first)).await;
    app.wait_displayed("#event-dialog").await;
    app.click("#event-dialog button[data-close]").await;
    app.wait_hidden("#event-dialog").await;
    // The store is private to the user, and holds no host credential.
    let files = store_files(&session);
    assert!(!files.is_empty(), "the sync was stored");
    assert_eq!(mode(files[0].parent().unwrap()), 0o700);
    for file in &files {
        assert_eq!(mode(file), 0o600, "{}", file.display());
        let bytes = std::fs::read(file).unwrap();
        let text = String::from_utf8_lossy(&bytes);
        assert!(
            !text.contains("meeting-start"),
            "no start link in {}",
            file.display()
        );
    }
    assert!(
        !app.wait_for("#offline-banner")
            .await
            .is_displayed()
            .await
            .unwrap(),
        "online: no banner"
    );
    app.quit().await;

    // Zoho goes away: its ports refuse connections.
    sim.suspend().await;
    let app = launch(&session, &sim).await;
    wait_signed_in(&app, &sim).await;
    let banner = app
        .wait_text("#offline-banner", "the offline banner", |t| {
            t.starts_with("Offline — last synced ")
        })
        .await;
    assert!(
        banner.ends_with("just now") || banner.contains("min ago"),
        "a recent sync is told relatively: {banner}"
    );
    // Zoho unreachable, the launch still painted the stored month at once: every stored
    // event of the days shown, handed to the page by the shell as it loaded, drawn before
    // any IPC round-trip.
    let (shown, stored, handed, before_ipc) = first_paint(&app).await;
    assert!(shown > 0, "the month view showed the stored events");
    assert_eq!(
        shown, stored,
        "the first month drawn had every stored event of its days"
    );
    assert!(handed, "the shell handed the stored month to the page");
    assert!(
        before_ipc,
        "the stored month was drawn before any IPC round-trip"
    );
    // Offline, the app tried to watch NetworkManager and found no system bus: it quits and
    // launches again as before.
    app.quit().await;
    let app = launch(&session, &sim).await;
    wait_signed_in(&app, &sim).await;
    app.wait_text("#offline-banner", "the offline banner", |t| {
        t.starts_with("Offline — last synced ")
    })
    .await;
    assert_eq!(keys(&app.all_events(false).await), synced);
    common::wait_until(
        "the calendar to paint the same events",
        UI_TIMEOUT,
        async || {
            let now = painted_keys(&app).await;
            if now == painted {
                Ok(())
            } else {
                Err(format!("painted: {now:?}"))
            }
        },
    )
    .await;
    // Browsable: the detail view opens from the stored copy.
    app.click(&calendar::event(&first)).await;
    app.wait_displayed("#event-dialog").await;
    app.click("#event-dialog button[data-close]").await;
    app.wait_hidden("#event-dialog").await;
    app.screenshot("offline-calendar.png").await;

    // A create is refused before anything is sent, and the form keeps every field.
    let topic = format!("Planned offline {}", std::process::id());
    fill_create_form(&app, &topic).await;
    app.click("#form-save").await;
    app.wait_text("#form-error", "the offline refusal", |t| {
        t.contains("offline")
    })
    .await;
    app.screenshot("offline-create-refused.png").await;
    assert!(
        app.wait_displayed("#event-form-dialog")
            .await
            .is_displayed()
            .await
            .unwrap()
    );
    assert_eq!(app.value("#form-topic").await, topic);
    assert_eq!(app.value("#form-agenda").await, "Typed while offline.");
    assert_eq!(app.value("#form-time").await, "15:30");
    assert_eq!(app.value("#form-duration").await, "45");
    assert_eq!(app.value("#form-timezone").await, "Europe/Berlin");
    let refused = app
        .invoke(
            "create_event",
            json!({ "kind": "meeting", "input": { "topic": topic, "agenda": "",
                "date": app.today().await, "time": "15:30", "durationMinutes": 45,
                "timezone": "UTC", "participants": [] } }),
        )
        .await;
    assert_eq!(refused["error"]["code"], "offline", "{refused}");

    // Zoho comes back on the same ports: the banner clears by itself, the create goes through.
    sim.resume().await.expect("the simulator listens again");
    common::wait_until(
        "the offline banner to clear",
        RECOVERY_TIMEOUT,
        async || {
            let banner = app.wait_for("#offline-banner").await;
            match banner.is_displayed().await.unwrap() {
                false => Ok(()),
                true => Err(format!(
                    "it says {:?}",
                    banner.text().await.unwrap_or_default()
                )),
            }
        },
    )
    .await;
    app.click("#form-save").await;
    app.wait_hidden("#event-form-dialog").await;
    assert_eq!(meetings_on_server(&sim, &topic), 1);
    let events = app.all_events(false).await;
    assert_eq!(events.iter().filter(|e| e["topic"] == topic).count(), 1);

    // Signing out deletes the account's stored copy.
    app.click("#sign-out").await;
    app.wait_displayed("#sign-in").await;
    common::eventually("the store to be deleted", UI_TIMEOUT, || {
        store_files(&session)
            .iter()
            .all(|file| !file.to_string_lossy().ends_with(".sqlite3"))
    })
    .await;
    assert!(
        store_files(&session).is_empty(),
        "{:?}",
        store_files(&session)
    );
    app.quit().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_create_whose_answer_is_lost_ends_with_exactly_one_meeting() {
    let sim = simulator().await;
    let session = Session::start().expect("headless session");
    let app = launch_and_sign_in(&session, &sim).await;
    let before = app.all_events(false).await.len();

    // Zoho creates the meeting, then the connection breaks before the answer.
    sim.set_faults(FaultConfig {
        targeted: vec![TargetedFault {
            method: Some("POST".into()),
            path_suffix: "/sessions.json".into(),
            nth: 1,
            times: 1,
            action: TargetedAction::ResetAfterHandling,
        }],
        ..FaultConfig::default()
    });
    let topic = format!("Lost answer {}", std::process::id());
    fill_create_form(&app, &topic).await;
    app.click("#form-save").await;
    app.wait_hidden("#event-form-dialog").await;

    let lost: Vec<_> = sim
        .requests()
        .into_iter()
        .filter(|r| r.fault.as_deref() == Some("reset_after_handling"))
        .collect();
    assert_eq!(lost.len(), 1, "the answer really was lost: {lost:?}");
    assert_eq!(
        meetings_on_server(&sim, &topic),
        1,
        "no duplicate on the server"
    );
    let events = app.all_events(false).await;
    assert_eq!(events.len(), before + 1);
    let created: Vec<_> = events.iter().filter(|e| e["topic"] == topic).collect();
    assert_eq!(created.len(), 1, "exactly one in the calendar");
    let key = created[0]["key"].as_str().unwrap().to_owned();
    app.wait_displayed(&calendar::event(&key)).await;
    // And it matches the server after a fresh sync: no ghost.
    let fresh = app.all_events(true).await;
    assert_eq!(keys(&fresh), keys(&events));
    app.quit().await;
}
