//! Sign-in on the real app against a simulator started by the test: the system browser
//! (a stand-in that presses Accept), the consent redirect through plain xdg-open and the
//! deep link, the real keyring; then restart, sign-out with revoke, and forged callbacks.

mod common;

use std::time::Duration;

use common::{App, browser, eventually};
use test_harness::Session;
use zoho_sim::{HostKind, Simulator};

const SERVICE: &str = "dev.zmeet.desktop.debug";
const FAKE_BROWSER: &str = "fake_browser";

/// Not a test: the body of the stand-in browser the app starts (see `common::browser`).
#[tokio::test(flavor = "multi_thread")]
#[ignore = "run by the app as its browser, not by the test runner"]
async fn fake_browser() {
    browser::run_fake_browser().await;
}

/// A simulator whose user lives in the EU, so sign-in crosses data centres as Zoho's does.
async fn simulator() -> Simulator {
    Simulator::start(common::eu_user_config())
        .await
        .expect("start the simulator")
}

async fn launch(session: &Session, sim: &Simulator, decision: &str) -> App {
    let script = browser::install(session.home(), FAKE_BROWSER, decision);
    let endpoints = serde_json::to_string(sim.info()).unwrap();
    let env = [
        ("ZMEET_ZOHO_ENDPOINTS", endpoints.as_str()),
        ("ZMEET_BROWSER", script.to_str().unwrap()),
    ];
    App::launch_with_env(session, &[], &env).await
}

fn token_requests(sim: &Simulator, grant: &str) -> usize {
    sim.requests()
        .iter()
        .filter(|r| r.host == HostKind::Accounts && r.grant_type.as_deref() == Some(grant))
        .count()
}

fn keyring_entries(session: &Session) -> String {
    session
        .secret_tool(&["search", "--all", "service", SERVICE])
        .unwrap()
}

/// Waits until the sign-in button is offered (shown, enabled, no sign-in waiting). While a
/// sign-in waits the button stays visible but disabled, so visibility alone is not enough.
async fn wait_signed_out(app: &App) {
    app.wait_hidden("#cancel-sign-in").await;
    app.wait_text("#sign-in", "the sign-in button", |t| {
        t == "Sign in with Zoho"
    })
    .await;
    let enabled = app
        .wait_displayed("#sign-in")
        .await
        .is_enabled()
        .await
        .unwrap();
    assert!(enabled, "the sign-in button is enabled");
}

async fn wait_signed_in(app: &App, sim: &Simulator) {
    let user = &sim.info().user;
    let shown = app
        .wait_text("#session-user", "the user", |t| t.contains(&user.email))
        .await;
    assert!(shown.contains(&user.display_name), "{shown}");
}

#[tokio::test(flavor = "multi_thread")]
async fn sign_in_with_an_empty_keyring_survives_a_restart_and_sign_out_revokes() {
    let sim = simulator().await;
    let session = Session::start().expect("headless session");
    assert_eq!(
        keyring_entries(&session).trim(),
        "",
        "the keyring starts empty"
    );

    let app = launch(&session, &sim, "accept").await;
    assert_eq!(app.text("#session-mode").await, "Custom endpoints");
    wait_signed_out(&app).await;
    app.click("#sign-in").await;
    wait_signed_in(&app, &sim).await;

    // One code exchange, at the user's own (EU) accounts server.
    let exchanges: Vec<_> = sim
        .requests()
        .into_iter()
        .filter(|r| r.grant_type.as_deref() == Some("authorization_code"))
        .collect();
    assert_eq!(exchanges.len(), 1, "{exchanges:?}");
    assert_eq!(exchanges[0].dc, "eu");
    assert_eq!(exchanges[0].status, 200);
    let stored = keyring_entries(&session);
    assert!(
        stored.contains("refresh"),
        "the refresh token is in the keyring: {stored}"
    );
    app.screenshot("signed-in.png").await;
    app.quit().await;

    // A restart comes back signed in from the keyring: no new consent, no new code.
    let consents_before = sim
        .requests()
        .iter()
        .filter(|r| r.path.starts_with("/oauth/v2/auth"))
        .count();
    let app = launch(&session, &sim, "accept").await;
    wait_signed_in(&app, &sim).await;
    let consents_after = sim
        .requests()
        .iter()
        .filter(|r| r.path.starts_with("/oauth/v2/auth"))
        .count();
    assert_eq!(consents_after, consents_before);
    assert_eq!(token_requests(&sim, "authorization_code"), 1);

    app.click("#sign-out").await;
    wait_signed_out(&app).await;
    eventually(
        "the revoke to reach the simulator",
        Duration::from_secs(10),
        || {
            sim.requests()
                .iter()
                .any(|r| r.path.contains("revoke") && r.status == 200)
        },
    )
    .await;
    eventually("the keyring to be emptied", Duration::from_secs(10), || {
        !keyring_entries(&session).contains("refresh")
    })
    .await;
    app.quit().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_forged_callback_is_refused_and_no_token_is_requested() {
    let sim = simulator().await;
    let session = Session::start().expect("headless session");
    let app = launch(&session, &sim, "accept").await;
    wait_signed_out(&app).await;
    let eu_accounts = sim.info().accounts["eu"].clone();

    // No sign-in was started: a callback out of the blue is ignored with a message.
    let forged = format!(
        "dev.zmeet.desktop:/oauth/callback?code=1000.forged&state=forged&location=eu&accounts-server={eu_accounts}"
    );
    session
        .command("gio")
        .args(["open", &forged])
        .status()
        .unwrap();
    let shown = app
        .wait_text("#app-error", "a refusal", |t| !t.is_empty())
        .await;
    assert!(shown.contains("no sign-in was started"), "{shown}");

    // A sign-in is waiting (the person has not answered yet): a callback carrying another
    // state is refused, and it uses up the waiting sign-in.
    browser::install(session.home(), FAKE_BROWSER, "none");
    sim.clear_requests();
    wait_signed_out(&app).await;
    app.click("#sign-in").await;
    app.wait_displayed("#cancel-sign-in").await;
    session
        .command("gio")
        .args(["open", &forged])
        .status()
        .unwrap();
    let shown = app
        .wait_text("#app-error", "a state mismatch", |t| {
            t.contains("state mismatch")
        })
        .await;
    assert!(shown.contains("does not belong"), "{shown}");
    app.wait_displayed("#cancel-sign-in").await;
    app.click("#cancel-sign-in").await;
    wait_signed_out(&app).await;

    // The person refuses consent: a clear message, nothing stored.
    browser::install(session.home(), FAKE_BROWSER, "deny");
    wait_signed_out(&app).await;
    app.click("#sign-in").await;
    app.wait_text("#app-error", "the denial", |t| t.contains("denied"))
        .await;
    wait_signed_out(&app).await;

    assert_eq!(
        token_requests(&sim, "authorization_code"),
        0,
        "no token request for a refusal"
    );
    assert_eq!(keyring_entries(&session).trim(), "", "nothing was stored");
    app.quit().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_callback_that_starts_the_app_cold_completes_the_sign_in() {
    let sim = simulator().await;
    let session = Session::start().expect("headless session");

    // The person starts signing in, then quits zmeet while the browser is still open.
    let app = launch(&session, &sim, "none").await;
    wait_signed_out(&app).await;
    app.click("#sign-in").await;
    app.wait_displayed("#cancel-sign-in").await;
    let url_file = session.home().join(browser::LAST_URL_FILE);
    eventually(
        "the browser to get the URL",
        Duration::from_secs(10),
        || url_file.exists(),
    )
    .await;
    app.quit().await;
    assert!(
        common::app_processes(&session).is_empty(),
        "zmeet is not running"
    );

    // They accept in the browser; the desktop starts zmeet with the callback.
    let authorization_url = std::fs::read_to_string(&url_file).unwrap();
    let callback = zoho_sim::browser::accept(&authorization_url).await.unwrap();
    assert!(
        callback.starts_with("dev.zmeet.desktop:/oauth/callback?"),
        "{callback}"
    );
    let script = browser::install(session.home(), FAKE_BROWSER, "none");
    let endpoints = serde_json::to_string(sim.info()).unwrap();
    let env = [
        ("ZMEET_ZOHO_ENDPOINTS", endpoints.as_str()),
        ("ZMEET_BROWSER", script.to_str().unwrap()),
    ];
    let app = App::launch_with_env(&session, &[&callback], &env).await;
    wait_signed_in(&app, &sim).await;
    assert_eq!(token_requests(&sim, "authorization_code"), 1);

    // The same callback again is a replay: refused, no second exchange.
    session
        .command("gio")
        .args(["open", &callback])
        .status()
        .unwrap();
    app.wait_text("#app-error", "the refusal", |t| {
        t.contains("no sign-in was started")
    })
    .await;
    assert_eq!(token_requests(&sim, "authorization_code"), 1);
    app.quit().await;
}
