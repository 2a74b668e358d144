//! Security on the real app: secrets stay with the endpoints that issued them (two
//! simulators, switched in Settings), plain-http endpoints on another machine are refused
//! before any request, and the settings file is private and holds no secret.

mod common;

use std::os::unix::fs::PermissionsExt;
use std::path::PathBuf;

use common::{App, browser};
use serde_json::json;
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

/// A simulator with a client of its own (`name` makes its id and secret unique).
async fn simulator(name: &str) -> Simulator {
    let config = SimConfig {
        client_id: format!("1000.CLIENT{name}"),
        client_secret: format!("secret-of-{name}-0123456789"),
        ..common::eu_user_config()
    };
    Simulator::start(config).await.expect("start the simulator")
}

/// The endpoints JSON a user pastes: hosts only, no client.
fn hosts_only(sim: &Simulator) -> String {
    json!({ "accounts": sim.info().accounts, "meeting": sim.info().meeting }).to_string()
}

fn settings_file(session: &Session) -> PathBuf {
    session
        .config_home()
        .join("dev.zmeet.desktop/settings.json")
}

/// The settings file is the user's alone and holds none of `secrets`.
fn assert_private_and_clean(session: &Session, secrets: &[&str]) {
    let path = settings_file(session);
    let mode = std::fs::metadata(&path).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o600, "{}", path.display());
    let folder = std::fs::metadata(path.parent().unwrap()).unwrap();
    assert_eq!(folder.permissions().mode() & 0o777, 0o700);
    let text = std::fs::read_to_string(&path).unwrap();
    for secret in secrets {
        assert!(!text.contains(secret), "a secret in settings.json: {text}");
    }
}

/// Requests that reached the simulator's Zoho hosts (the admin API aside).
fn zoho_requests(sim: &Simulator) -> Vec<zoho_sim::RequestRecord> {
    sim.requests()
        .into_iter()
        .filter(|r| r.host != HostKind::Admin)
        .collect()
}

async fn open_settings(app: &App) {
    app.click("#open-settings").await;
    app.wait_displayed("#settings-dialog").await;
    // The dialog is filled from Rust; the reminder field is never empty once it is.
    common::wait_until("the settings to load", common::UI_TIMEOUT, async || {
        let minutes = app
            .js(
                "return document.getElementById('settings-reminder-minutes').value;",
                vec![],
            )
            .await;
        match minutes.as_str() {
            Some(value) if !value.is_empty() => Ok(()),
            _ => Err("the reminder field is empty".to_owned()),
        }
    })
    .await;
    let advanced = app.wait_for("#settings-dialog details.advanced").await;
    if advanced.attr("open").await.unwrap().is_none() {
        app.click("#settings-dialog details.advanced summary").await;
    }
    app.wait_displayed("#settings-endpoints").await;
}

async fn wait_signed_in_as(app: &App, sim: &Simulator) {
    let email = &sim.info().user.email;
    app.wait_text("#session-user", "the user", |t| t.contains(email))
        .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn other_endpoints_never_see_the_first_accounts_secrets_and_switching_back_keeps_it() {
    let a = simulator("A").await;
    let b = simulator("B").await;
    let session = Session::start().expect("headless session");
    let script = browser::install(session.home(), FAKE_BROWSER, "accept");
    let env = [("ZMEET_BROWSER", script.to_str().unwrap())];
    let app = App::launch_with_env(&session, &[], &env).await;
    assert_eq!(app.text("#session-mode").await, "Demo");

    // A's client typed in Settings, A's hosts pasted: then a normal sign-in.
    open_settings(&app).await;
    app.type_into("#settings-client-id", &a.info().client_id)
        .await;
    app.type_into("#settings-client-secret", &a.info().client_secret)
        .await;
    app.type_into("#settings-endpoints", &hosts_only(&a)).await;
    app.click("#settings-save").await;
    app.wait_hidden("#settings-dialog").await;
    app.wait_text("#session-mode", "custom mode", |t| t == "Custom endpoints")
        .await;
    app.click("#sign-in").await;
    wait_signed_in_as(&app, &a).await;
    let secrets = [
        a.info().client_secret.as_str(),
        b.info().client_secret.as_str(),
    ];
    assert_private_and_clean(&session, &secrets);
    let a_consents = |sim: &Simulator| {
        sim.requests()
            .iter()
            .filter(|r| r.path.starts_with("/oauth/v2/auth"))
            .count()
    };
    let consents = a_consents(&a);
    assert!(consents > 0, "the sign-in went through A's consent page");

    // B's hosts pasted (no client): the app asks first, naming B's hosts.
    b.clear_requests();
    open_settings(&app).await;
    app.type_into("#settings-endpoints", &hosts_only(&b)).await;
    app.click("#settings-save").await;
    let b_port = url::Url::parse(&b.info().accounts["eu"])
        .unwrap()
        .port()
        .unwrap();
    let question = app
        .wait_text("#settings-switch-message", "the confirmation", |t| {
            !t.is_empty()
        })
        .await;
    assert!(
        question.contains(&format!("127.0.0.1:{b_port}")),
        "{question}"
    );
    app.screenshot("switch-endpoints.png").await;
    app.click("#settings-switch-confirm").await;
    app.wait_hidden("#settings-dialog").await;
    app.wait_text("#calendar-hint", "signed out for B", |t| {
        t.contains("Signed out for these endpoints")
    })
    .await;
    // Ask for meetings, as the calendar does: with nothing of B's stored, nothing is sent.
    let answer = app
        .invoke(
            "list_events",
            json!({ "fromMs": 0.0, "toMs": 86_400_000.0, "refresh": true }),
        )
        .await;
    assert_eq!(answer["error"]["code"], "signed_out", "{answer}");
    let to_b = zoho_requests(&b);
    assert!(
        to_b.is_empty(),
        "B got requests (a token, code or secret of A's could be in them): {to_b:?}"
    );
    assert_private_and_clean(&session, &secrets);

    // Back to A, pasting its full ready line (client secret included): signed in again
    // from the keyring, without consent; the pasted secret is not written to the file.
    open_settings(&app).await;
    let a_line = serde_json::to_string(a.info()).unwrap();
    app.type_into("#settings-endpoints", &a_line).await;
    app.click("#settings-save").await;
    app.wait_hidden("#settings-dialog").await;
    wait_signed_in_as(&app, &a).await;
    assert_eq!(a_consents(&a), consents, "no new consent");
    assert_private_and_clean(&session, &secrets);
    let shown = app.invoke_ok("get_settings", json!({})).await;
    assert_eq!(shown["clientSecretStored"], true, "{shown}");
    assert!(
        !shown.to_string().contains(&a.info().client_secret),
        "{shown}"
    );
    let entries = session
        .secret_tool(&["search", "--all", "service", SERVICE])
        .unwrap();
    assert!(entries.contains("/refresh-token"), "{entries}");
    assert!(zoho_requests(&b).is_empty());
    app.quit().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn plain_http_to_another_machine_is_refused_at_save_and_at_start() {
    let sim = simulator("C").await;
    let mut info = serde_json::to_value(sim.info()).unwrap();
    let port = url::Url::parse(&sim.info().accounts["eu"])
        .unwrap()
        .port()
        .unwrap();
    info["accounts"]["eu"] = json!(format!("http://zoho-sim.example:{port}"));
    let remote = info.to_string();
    let session = Session::start().expect("headless session");

    // In Settings: refused at the field, naming the host; nothing saved or sent.
    let app = App::launch(&session, &[]).await;
    open_settings(&app).await;
    app.type_into("#settings-client-id", &sim.info().client_id)
        .await;
    app.type_into("#settings-endpoints", &remote).await;
    app.click("#settings-save").await;
    let error = app
        .wait_text("[data-error-for='endpoints']", "an endpoints error", |t| {
            !t.is_empty()
        })
        .await;
    assert!(error.contains("zoho-sim.example"), "{error}");
    assert!(error.contains("https"), "{error}");
    assert_eq!(app.text("#session-mode").await, "Demo");
    if let Ok(text) = std::fs::read_to_string(settings_file(&session)) {
        assert!(!text.contains("zoho-sim.example"), "{text}");
    }
    app.quit().await;

    // From the environment: the app starts, says why it cannot connect, and sends nothing.
    let env = [("ZMEET_ZOHO_ENDPOINTS", remote.as_str())];
    let app = App::launch_with_env(&session, &[], &env).await;
    let shown = app
        .wait_text("#app-error", "the refusal", |t| t.contains("https"))
        .await;
    assert!(shown.contains("ZMEET_ZOHO_ENDPOINTS"), "{shown}");
    assert!(shown.contains("zoho-sim.example"), "{shown}");
    let sent = zoho_requests(&sim);
    assert!(sent.is_empty(), "requests were made: {sent:?}");
    app.quit().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_secret_left_in_an_older_settings_file_moves_to_the_keyring_at_start() {
    let sim = simulator("D").await;
    let session = Session::start().expect("headless session");
    let path = settings_file(&session);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    let old = json!({
        "clientId": sim.info().client_id,
        "endpoints": serde_json::to_string(sim.info()).unwrap(),
    });
    std::fs::write(&path, old.to_string()).unwrap();
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644)).unwrap();

    let app = App::launch(&session, &[]).await;
    app.wait_text("#session-mode", "custom mode", |t| t == "Custom endpoints")
        .await;
    app.wait_displayed("#sign-in").await;
    common::eventually(
        "the secret to leave settings.json",
        common::UI_TIMEOUT,
        || {
            std::fs::read_to_string(&path)
                .is_ok_and(|text| !text.contains(&sim.info().client_secret))
        },
    )
    .await;
    assert_private_and_clean(&session, &[&sim.info().client_secret]);
    let shown = app.invoke_ok("get_settings", json!({})).await;
    assert_eq!(shown["clientSecretStored"], true, "{shown}");
    assert!(shown["endpoints"].as_str().unwrap().contains("127.0.0.1"));
    app.quit().await;
}
