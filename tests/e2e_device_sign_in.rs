//! Sign-in with a code on another device (Zoho's device flow) on the real app against a
//! simulator: the method is chosen in Settings, the panel shows the code, the address and
//! its QR code; a scripted browser approves (or denies) on the simulator's verification
//! page; the calendar appears, or a denial and an expiry end with a clear message and the
//! app signed out. The tray's Sign in follows the method. The simulator's `slow_down`
//! threshold and the app's minimum poll interval are shortened together.

mod common;

use std::time::Duration;

use common::{App, browser, calendar, eventually, tray_socket};
use test_harness::Session;
use zoho_sim::{HostKind, SimConfig, Simulator};

const SERVICE: &str = "dev.zmeet.desktop.debug";
const FAKE_BROWSER: &str = "fake_browser";

/// Not a test: the body of the stand-in browser the app starts (see `common::browser`).
#[tokio::test(flavor = "multi_thread")]
#[ignore = "run by the app as its browser, not by the test runner"]
async fn fake_browser() {
    browser::run_fake_browser().await;
}

/// User in the EU (so approval at US answers `other_dc`), polls allowed every 100 ms.
async fn simulator() -> Simulator {
    let config = SimConfig {
        device_interval: Duration::from_millis(100),
        device_slow_down_under: Duration::from_millis(100),
        ..common::eu_user_config()
    };
    Simulator::start(config).await.expect("start the simulator")
}

async fn launch(session: &Session, sim: &Simulator) -> App {
    let script = browser::install(session.home(), FAKE_BROWSER, "none");
    let endpoints = serde_json::to_string(sim.info()).unwrap();
    let socket = tray_socket::path(session);
    let env = [
        ("ZMEET_ZOHO_ENDPOINTS", endpoints.as_str()),
        ("ZMEET_BROWSER", script.to_str().unwrap()),
        ("ZMEET_DEVICE_MIN_POLL_MS", "150"),
        (tray_socket::ENV, socket.to_str().unwrap()),
    ];
    App::launch_with_env(session, &[], &env).await
}

fn keyring_entries(session: &Session) -> String {
    session
        .secret_tool(&["search", "--all", "service", SERVICE])
        .unwrap()
}

fn device_answers(sim: &Simulator) -> Vec<String> {
    sim.requests()
        .into_iter()
        .filter(|r| r.host == HostKind::Accounts && r.grant_type.as_deref() == Some("device_token"))
        .map(|r| format!("{}:{}", r.dc, r.answer.unwrap_or_default()))
        .collect()
}

async fn wait_signed_out(app: &App) {
    app.wait_hidden("#cancel-sign-in").await;
    app.wait_text("#sign-in", "the sign-in button", |t| {
        t == "Sign in with Zoho"
    })
    .await;
}

/// Settings → Sign-in method → "Code on another device" → Save.
async fn choose_code_method(app: &App) {
    app.click("#open-settings").await;
    app.wait_displayed("#settings-redirect-mode").await;
    app.click("#settings-redirect-mode option[value='device']")
        .await;
    let chosen = app
        .js(
            "return document.getElementById('settings-redirect-mode').value;",
            vec![],
        )
        .await;
    assert_eq!(chosen, "device");
    app.click("#settings-save").await;
    app.wait_hidden("#settings-dialog").await;
    wait_signed_out(app).await;
}

/// Starts signing in and returns the code the panel shows.
async fn code_shown(app: &App, sim: &Simulator) -> String {
    app.click("#sign-in").await;
    app.wait_displayed("#device-dialog").await;
    let code = app
        .wait_text("#device-code", "a code", |t| t.len() == 9)
        .await;
    let url = app.text("#device-url").await;
    assert_eq!(
        url,
        format!("{}/oauth/v3/device", sim.info().accounts["us"])
    );
    let qr = app
        .js("return document.getElementById('device-qr').src;", vec![])
        .await;
    assert!(
        qr.as_str().unwrap().starts_with("data:image/svg+xml"),
        "{qr}"
    );
    app.wait_text("#device-countdown", "the countdown", |t| {
        t.contains("expires in 4:") || t.contains("expires in 5:")
    })
    .await;
    code
}

#[tokio::test(flavor = "multi_thread")]
async fn a_code_approved_on_another_device_signs_in_and_the_calendar_appears() {
    let sim = simulator().await;
    let session = Session::start().expect("headless session");
    let app = launch(&session, &sim).await;
    wait_signed_out(&app).await;
    choose_code_method(&app).await;

    let code = code_shown(&app, &sim).await;
    app.screenshot("device-sign-in.png").await;
    app.click("#device-copy").await;
    app.wait_text("#device-action-result", "the copy", |t| {
        t == "Address copied."
    })
    .await;
    let copied = session
        .command("xclip")
        .args(["-o", "-selection", "clipboard"])
        .output()
        .unwrap();
    assert_eq!(
        String::from_utf8_lossy(&copied.stdout),
        app.text("#device-url").await
    );
    // Nothing is opened by itself: the person may approve on another device.
    assert!(!session.home().join(browser::LAST_URL_FILE).exists());
    // The person opens the page (here through Open, on this machine) and approves.
    browser::install(
        session.home(),
        FAKE_BROWSER,
        &format!("approve-device:{code}"),
    );
    app.click("#device-open").await;

    let user = &sim.info().user;
    app.wait_text("#session-user", "the user", |t| t.contains(&user.email))
        .await;
    app.wait_hidden("#device-dialog").await;
    app.wait_displayed(calendar::EVENT).await;
    let answers = device_answers(&sim);
    assert!(answers.contains(&"us:other_dc".to_owned()), "{answers:?}");
    assert_eq!(
        answers.last().map(String::as_str),
        Some("eu:granted"),
        "{answers:?}"
    );
    assert!(
        !answers.iter().any(|a| a.ends_with("slow_down")),
        "{answers:?}"
    );
    let stored = keyring_entries(&session);
    assert!(
        stored.contains("refresh"),
        "the refresh token is in the keyring: {stored}"
    );

    // Signed out again, the tray's Sign in follows the method: the panel comes up.
    app.click("#sign-out").await;
    wait_signed_out(&app).await;
    let answer = tray_socket::send(&tray_socket::path(&session), "sign-in");
    assert_eq!(answer, "ok");
    app.wait_displayed("#device-dialog").await;
    let cancelled = app
        .wait_text("#device-code", "a code", |t| t.len() == 9)
        .await;
    app.click("#device-cancel").await;
    app.wait_hidden("#device-dialog").await;
    wait_signed_out(&app).await;
    // No poll after Cancel, shown without waiting on time: the cancelled code is approved,
    // so a poll of it would be answered (`other_dc`), and a new sign-in polling at the same
    // pace is the witness: by its second poll, a cancelled wait still running would have
    // polled too.
    assert!(sim.approve_device(&cancelled), "the cancelled code is live");
    sim.clear_requests();
    code_shown(&app, &sim).await;
    eventually("two polls of the new sign-in", common::UI_TIMEOUT, || {
        device_answers(&sim).len() >= 2
    })
    .await;
    let answers = device_answers(&sim);
    assert!(
        answers.iter().all(|a| a == "us:authorization_pending"),
        "no poll after Cancel: {answers:?}"
    );
    app.click("#device-cancel").await;
    app.wait_hidden("#device-dialog").await;
    app.quit().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_denial_and_an_expiry_each_end_with_a_clear_message_signed_out() {
    let sim = simulator().await;
    let session = Session::start().expect("headless session");
    let app = launch(&session, &sim).await;
    wait_signed_out(&app).await;
    choose_code_method(&app).await;

    let code = code_shown(&app, &sim).await;
    browser::install(session.home(), FAKE_BROWSER, &format!("deny-device:{code}"));
    app.click("#device-open").await;
    let shown = app
        .wait_text("#app-error", "the denial", |t| t.contains("denied"))
        .await;
    assert!(shown.contains("Nothing was stored"), "{shown}");
    app.wait_hidden("#device-dialog").await;
    wait_signed_out(&app).await;
    app.click("#app-error-dismiss").await;

    // Nobody answers; five minutes pass at Zoho.
    code_shown(&app, &sim).await;
    let polls = device_answers(&sim).len();
    eventually("a poll of the new code", Duration::from_secs(10), || {
        device_answers(&sim).len() > polls
    })
    .await;
    sim.advance_clock(Duration::from_secs(301));
    let shown = app
        .wait_text("#app-error", "the expiry", |t| t.contains("expired"))
        .await;
    assert!(shown.contains("Sign in again"), "{shown}");
    app.wait_hidden("#device-dialog").await;
    wait_signed_out(&app).await;
    assert_eq!(
        device_answers(&sim).last().map(String::as_str),
        Some("us:expired")
    );
    assert_eq!(keyring_entries(&session).trim(), "", "nothing was stored");
    app.quit().await;
}
