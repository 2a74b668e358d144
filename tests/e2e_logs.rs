//! The app's log file and "Copy diagnostics", on the real app against a simulator started by
//! the test: a whole run at debug level (sign-in through the browser stand-in, sync, create,
//! a token refresh, sign-out) leaves a log that holds none of the codes, tokens, client
//! secret or start links the simulator handed out; the diagnostics copied from About name
//! the build, mode, data centre, log folder and recent problems, and no secret either.

mod common;

use std::path::{Path, PathBuf};
use std::time::Duration;

use common::{App, browser, eventually};
use serde_json::{Value, json};
use test_harness::Session;
use zoho_sim::{HostKind, Simulator};

const FAKE_BROWSER: &str = "fake_browser";

/// Not a test: the body of the stand-in browser the app starts (see `common::browser`).
#[tokio::test(flavor = "multi_thread")]
#[ignore = "run by the app as its browser, not by the test runner"]
async fn fake_browser() {
    browser::run_fake_browser().await;
}

/// A simulator whose user lives in the EU, so the data centre is not the default one.
async fn simulator() -> Simulator {
    Simulator::start(common::eu_user_config())
        .await
        .expect("start the simulator")
}

async fn launch(session: &Session, sim: &Simulator) -> App {
    let script = browser::install(session.home(), FAKE_BROWSER, "accept");
    let endpoints = serde_json::to_string(sim.info()).unwrap();
    let env = [
        ("ZMEET_ZOHO_ENDPOINTS", endpoints.as_str()),
        ("ZMEET_BROWSER", script.to_str().unwrap()),
        ("ZMEET_LOG", "debug"),
    ];
    App::launch_with_env(session, &[], &env).await
}

/// `$XDG_STATE_HOME/zmeet/logs` of the session.
fn log_dir(session: &Session) -> PathBuf {
    session.home().join(".local/state/zmeet/logs")
}

/// Every log file's text, concatenated.
fn whole_log(dir: &Path) -> String {
    let mut names: Vec<_> = std::fs::read_dir(dir)
        .expect("the log folder exists")
        .map(|entry| entry.unwrap().path())
        .collect();
    names.sort();
    names
        .iter()
        .map(|path| std::fs::read_to_string(path).unwrap())
        .collect()
}

/// Every secret the simulator handed out, and the host-only values of its meetings.
fn secrets(sim: &Simulator) -> Vec<String> {
    let mut secrets = sim.issued_secrets();
    for session in sim.meetings().into_iter().chain(sim.webinars()) {
        for field in ["startLink", "meetingEmbedUrl", "pwd", "encryptPwd"] {
            if let Some(value) = session[field].as_str().filter(|v| v.len() >= 6) {
                secrets.push(value.to_owned());
            }
        }
    }
    secrets
}

fn leaked<'a>(text: &str, secrets: &'a [String]) -> Vec<&'a str> {
    secrets
        .iter()
        .filter(|secret| text.contains(secret.as_str()))
        .map(String::as_str)
        .collect()
}

async fn sign_in(app: &App, sim: &Simulator) {
    app.wait_text("#sign-in", "the sign-in button", |t| {
        t == "Sign in with Zoho"
    })
    .await;
    app.click("#sign-in").await;
    let email = &sim.info().user.email;
    app.wait_text("#session-user", "the user", |t| t.contains(email))
        .await;
}

fn token_requests(sim: &Simulator, grant: &str) -> usize {
    sim.requests()
        .iter()
        .filter(|r| r.host == HostKind::Accounts && r.grant_type.as_deref() == Some(grant))
        .count()
}

#[tokio::test(flavor = "multi_thread")]
async fn a_whole_run_at_debug_level_logs_no_token_code_secret_or_start_link() {
    let sim = simulator().await;
    let session = Session::start().expect("headless session");
    let app = launch(&session, &sim).await;
    sign_in(&app, &sim).await;

    // Sync, create a meeting, read it back as its host (the start link comes with it).
    let synced = app.all_events(true).await;
    assert!(!synced.is_empty(), "the demo data synced");
    let topic = "Logged without secrets";
    let created = app
        .invoke_ok(
            "create_event",
            json!({ "kind": "meeting", "input": { "topic": topic, "agenda": "",
                "date": app.today().await, "time": "15:30", "durationMinutes": 30,
                "timezone": "UTC", "participants": [] } }),
        )
        .await;
    let key = created["key"].as_str().expect("a created key").to_owned();
    let details = app
        .invoke_ok("get_event", json!({ "kind": "meeting", "key": key }))
        .await;
    assert_eq!(details["hasStartLink"], Value::Bool(true), "{details}");

    // Expired access tokens: the next call refreshes.
    let refreshes = token_requests(&sim, "refresh_token");
    sim.expire_all_access_tokens();
    app.all_events(true).await;
    assert!(
        token_requests(&sim, "refresh_token") > refreshes,
        "a refresh happened"
    );

    app.click("#sign-out").await;
    app.wait_text("#sign-in", "signed out", |t| t == "Sign in with Zoho")
        .await;
    eventually("the revoke", Duration::from_secs(10), || {
        sim.requests().iter().any(|r| r.path.contains("revoke"))
    })
    .await;
    app.quit().await;

    let dir = log_dir(&session);
    let log = whole_log(&dir);
    // The log is real and at debug level: it saw the run (else the check below is empty).
    for expected in [
        "signed in",
        "token granted",
        "Zoho answered",
        "synced",
        "signed out",
    ] {
        assert!(
            log.contains(expected),
            "the log has no {expected:?}:\n{log}"
        );
    }
    assert!(log.contains("DEBUG"), "debug lines are written");
    let secrets = secrets(&sim);
    assert!(
        secrets.len() >= 6,
        "codes, tokens, the client secret and start links were issued: {}",
        secrets.len()
    );
    let found = leaked(&log, &secrets);
    assert!(found.is_empty(), "secrets in the log: {found:?}");

    // Owner-only: the folder 0700, every file 0600.
    use std::os::unix::fs::PermissionsExt;
    let mode = |path: &Path| std::fs::metadata(path).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode(&dir), 0o700);
    for entry in std::fs::read_dir(&dir).unwrap() {
        assert_eq!(mode(&entry.unwrap().path()), 0o600);
    }
}

fn clipboard(session: &Session) -> String {
    let out = session
        .command("xclip")
        .args(["-o", "-selection", "clipboard"])
        .output()
        .unwrap();
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[tokio::test(flavor = "multi_thread")]
async fn copy_diagnostics_names_build_mode_centre_log_and_problems_but_no_secret() {
    let sim = simulator().await;
    let session = Session::start().expect("headless session");
    let app = launch(&session, &sim).await;
    sign_in(&app, &sim).await;

    // A problem to report: a forged sign-in callback (its code must not be copied).
    let forged_code = "1000.forgedcode0123456789abcdef";
    let forged = format!(
        "dev.zmeet.desktop:/oauth/callback?code={forged_code}&state=forged&location=eu&accounts-server={}",
        sim.info().accounts["eu"]
    );
    session
        .command("gio")
        .args(["open", &forged])
        .status()
        .unwrap();
    app.wait_text("#app-error", "the refusal", |t| !t.is_empty())
        .await;

    app.open_diagnostics().await;
    app.click("#copy-diagnostics").await;
    app.wait_text("#copy-diagnostics-result", "the copy", |t| {
        t.starts_with("Diagnostics copied")
    })
    .await;
    app.screenshot("copy-diagnostics.png").await;
    let copied = clipboard(&session);
    let version = env!("CARGO_PKG_VERSION");
    assert!(
        copied.starts_with(&format!("zmeet {version} (debug build)")),
        "{copied}"
    );
    assert!(copied.contains("Mode: Custom endpoints"), "{copied}");
    assert!(copied.contains("Data centre: eu (signed in)"), "{copied}");
    let dir = log_dir(&session);
    assert!(
        copied.contains(&format!("Log folder: {}", dir.display())),
        "{copied}"
    );
    assert!(copied.contains("Recent warnings and errors"), "{copied}");
    assert!(
        copied.contains("sign-in failed"),
        "the refusal is listed: {copied}"
    );

    let mut secrets = secrets(&sim);
    secrets.push(forged_code.to_owned());
    let found = leaked(&copied, &secrets);
    assert!(found.is_empty(), "secrets in the diagnostics: {found:?}");
    app.quit().await;
}
