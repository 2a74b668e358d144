//! Global shortcuts on the real app under Xvfb (X11): registered by default, pressed as
//! real X key events (xdotool), they open the quick-create window and join the meeting
//! about to start; Settings can switch them off.

mod common;

use common::{App, browser, eventually};
use serde_json::{Value, json};
use test_harness::Session;
use zoho_sim::{SimConfig, Simulator};

const FAKE_BROWSER: &str = "fake_browser";

#[tokio::test(flavor = "multi_thread")]
#[ignore = "run by the app as its browser, not by the test runner"]
async fn fake_browser() {
    browser::run_fake_browser().await;
}

async fn window_count(app: &App) -> usize {
    app.client.windows().await.unwrap().len()
}

#[tokio::test(flavor = "multi_thread")]
async fn global_shortcuts_open_quick_create_and_join_the_next_meeting() {
    // An account with nothing scheduled but what this test creates.
    let sim = Simulator::start(SimConfig {
        meetings: 0,
        webinars: 0,
        ..SimConfig::default()
    })
    .await
    .unwrap();
    let session = Session::start().expect("headless session");
    let script = browser::install(session.home(), FAKE_BROWSER, "accept");
    let endpoints = serde_json::to_string(sim.info()).unwrap();
    let env = [
        ("ZMEET_ZOHO_ENDPOINTS", endpoints.as_str()),
        ("ZMEET_BROWSER", script.to_str().unwrap()),
    ];
    let app = App::launch_with_env(&session, &[], &env).await;

    // Under X11 they are on by default, with the default keys.
    let status = app.invoke_ok("global_shortcut_status", json!({})).await;
    assert_eq!(
        status,
        json!({ "supported": true, "note": null, "enabled": true,
                "active": ["Ctrl+Alt+N", "Ctrl+Alt+J"], "problem": null })
    );

    app.click("#sign-in").await;
    app.wait_displayed("#sign-out").await;

    // Ctrl+Alt+N, with the focus in the main window or not, opens the quick-create window.
    assert_eq!(window_count(&app).await, 1);
    session.press_keys("ctrl+alt+n");
    common::wait_until(
        "Ctrl+Alt+N to open a window",
        common::UI_TIMEOUT,
        async || match window_count(&app).await {
            2.. => Ok(()),
            count => Err(format!("{count} window(s)")),
        },
    )
    .await;

    // A meeting starting in about three minutes: Ctrl+Alt+J opens it in the browser (its
    // start link: the user hosts it).
    let soon = app
        .js(
            "const d = new Date(Date.now() + 3 * 60000); const pad = (n) => String(n).padStart(2, '0');
             return [`${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`, `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`];",
            vec![],
        )
        .await;
    let created = app
        .invoke_ok(
            "create_event",
            json!({ "kind": "meeting", "input": {
                "topic": "Design crit", "agenda": "", "date": soon[0], "time": soon[1],
                "durationMinutes": 30, "timezone": "UTC", "participants": [] } }),
        )
        .await;
    let key = created["key"].as_str().unwrap().to_owned();
    // From now on the "browser" only writes down what it was asked to open.
    browser::install(session.home(), FAKE_BROWSER, "none");
    let opened = session.home().join(browser::LAST_URL_FILE);
    session.press_keys("ctrl+alt+j");
    eventually(
        "the browser to open the meeting",
        common::UI_TIMEOUT,
        || opened.exists(),
    )
    .await;
    let url = std::fs::read_to_string(&opened).unwrap();
    let meeting: Value = sim
        .meetings()
        .into_iter()
        .find(|m| m["topic"] == "Design crit")
        .expect("the simulator has the meeting");
    assert_eq!(url.trim(), meeting["startLink"].as_str().unwrap(), "{key}");

    // Switched off in Settings, nothing is registered any more.
    let mut settings = app.invoke_ok("get_settings", json!({})).await;
    settings["globalShortcuts"] = json!(false);
    app.invoke_ok(
        "save_settings",
        json!({ "settings": settings, "clientSecret": null, "confirmSwitch": false }),
    )
    .await;
    let status = app.invoke_ok("global_shortcut_status", json!({})).await;
    assert_eq!(status["enabled"], false);
    assert_eq!(status["active"], json!([]));
    // And the theme or shortcuts changing did not reconnect the account.
    assert!(
        app.wait_for("#sign-out")
            .await
            .is_displayed()
            .await
            .unwrap()
    );

    app.quit().await;
}

#[tokio::test]
async fn settings_refuse_a_shortcut_without_a_modifier_at_its_field() {
    let session = Session::start().expect("headless session");
    let app = App::launch(&session, &[]).await;
    app.click("#open-settings").await;
    app.wait_displayed("#settings-dialog").await;
    app.wait_text("#settings-shortcut-note", "the shortcut status", |t| {
        t.starts_with("Active: Ctrl+Alt+N, Ctrl+Alt+J")
    })
    .await;
    app.type_into("#settings-shortcut-join-next", "J").await;
    app.click("#settings-save").await;
    let error = app
        .wait_text("[data-error-for='shortcutJoinNext']", "an error", |t| {
            !t.is_empty()
        })
        .await;
    assert_eq!(error, "Join-next shortcut: needs Ctrl, Alt or Super");
    let field = app.wait_for("#settings-shortcut-join-next").await;
    assert_eq!(
        field.attr("aria-invalid").await.unwrap().as_deref(),
        Some("true")
    );
    // The message is the field's description, for screen readers.
    let described = field.attr("aria-describedby").await.unwrap().unwrap();
    assert_eq!(
        app.text(&format!("#{described}")).await,
        error,
        "aria-describedby names the error"
    );
    assert_eq!(
        app.js("return document.activeElement.id;", vec![]).await,
        "settings-shortcut-join-next"
    );
    app.quit().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn quick_create_says_why_when_it_cannot_start() {
    // Signed out (nobody signed in to this account yet), Ctrl+Alt+N still opens the window:
    // it says what to do instead of offering a form that cannot work.
    let sim = Simulator::start(SimConfig::default()).await.unwrap();
    let session = Session::start().expect("headless session");
    let endpoints = serde_json::to_string(sim.info()).unwrap();
    let env = [("ZMEET_ZOHO_ENDPOINTS", endpoints.as_str())];
    let app = App::launch_with_env(&session, &[], &env).await;
    app.wait_displayed("#sign-in").await;
    let main_window = app.client.window().await.unwrap();
    session.press_keys("ctrl+alt+n");
    let quick = app.wait_other_window(&main_window).await;
    app.client.switch_to_window(quick).await.unwrap();
    app.wait_for("body[data-ready='true']").await;
    let message = app.text("#quick-start-error").await;
    assert!(message.contains("Sign in to zmeet first"), "{message}");
    assert_eq!(
        app.wait_for("#quick-start-error")
            .await
            .attr("role")
            .await
            .unwrap()
            .as_deref(),
        Some("alert")
    );
    assert!(app.texts("#quick-form").await.is_empty(), "no form");
    app.client.switch_to_window(main_window).await.unwrap();
    app.quit().await;
}
