//! Deep links reach the one running instance by every path a desktop uses: plain xdg-open
//! (what Chromium-family browsers call), gio open, and a second launch of the binary; and a
//! cold start with the URL as argument delivers it too.

mod common;

use std::time::Duration;

use common::{APP, App, app_processes, eventually};
use test_harness::Session;

const LINKS: &str = "#deep-links li";

async fn wait_for_link(app: &App, url: &str) {
    app.wait_any_text(LINKS, url, |text| text.starts_with(&format!("{url} ")))
        .await;
}

#[tokio::test]
async fn xdg_open_gio_and_a_second_launch_reach_the_running_instance() {
    let session = Session::start().expect("headless session");
    let app = App::launch(&session, &[]).await;
    app.open_diagnostics().await;
    assert_eq!(
        app_processes(&session).len(),
        1,
        "one app process after launch"
    );

    // The app registered itself as the scheme handler at start.
    let handler = session
        .command("xdg-mime")
        .args(["query", "default", "x-scheme-handler/dev.zmeet.desktop"])
        .output()
        .unwrap();
    assert_eq!(
        String::from_utf8_lossy(&handler.stdout).trim(),
        "zmeet-handler.desktop"
    );

    let via_xdg_open = "dev.zmeet.desktop:/hello?via=xdg-open";
    let status = session
        .command("xdg-open")
        .arg(via_xdg_open)
        .status()
        .unwrap();
    assert!(status.success(), "xdg-open failed: {status}");
    wait_for_link(&app, via_xdg_open).await;

    let via_gio = "dev.zmeet.desktop:/hello?via=gio";
    let status = session
        .command("gio")
        .args(["open", via_gio])
        .status()
        .unwrap();
    assert!(status.success(), "gio open failed: {status}");
    wait_for_link(&app, via_gio).await;

    let via_launch = "dev.zmeet.desktop:/hello?via=second-launch";
    let second = session.command(APP).arg(via_launch).output().unwrap();
    assert!(
        second.status.success(),
        "the second instance exits cleanly: {:?}",
        second.status
    );
    wait_for_link(&app, via_launch).await;

    // Every handed-over launch has exited; only the first instance remains.
    eventually(
        "the extra instances to exit",
        Duration::from_secs(10),
        || app_processes(&session).len() == 1,
    )
    .await;

    // Secrets in a callback are never shown (or kept): only a redacted form reaches the UI,
    // and no event hands the raw URL to the webview (the deep-link plugin's
    // `deep-link://new-url` did).
    let listening = app
        .js_async(
            "const done = arguments[0];
         window.__zmRawLinks = [];
         const internals = window.__TAURI_INTERNALS__;
         const handler = internals.transformCallback((event) =>
           window.__zmRawLinks.push(JSON.stringify(event.payload)));
         internals.invoke('plugin:event|listen', {
           event: 'deep-link://new-url', target: { kind: 'Any' }, handler,
         }).then(() => done(true), (error) => done(String(error)));",
            vec![],
        )
        .await;
    assert_eq!(listening, serde_json::json!(true), "{listening}");
    let callback =
        "dev.zmeet.desktop:/oauth/callback?code=1000.secretcode&state=secretstate&location=eu";
    session
        .command("gio")
        .args(["open", callback])
        .status()
        .unwrap();
    let links = app
        .wait_any_text(LINKS, "the callback", |t| t.contains("/oauth/callback"))
        .await;
    let shown = links
        .iter()
        .find(|t| t.contains("/oauth/callback"))
        .unwrap();
    assert!(
        !shown.contains("secretcode") && !shown.contains("secretstate"),
        "{shown}"
    );
    assert!(shown.contains("location=eu"), "{shown}");
    assert!(shown.ends_with("(sign-in callback)"), "{shown}");
    let raw = app.js("return window.__zmRawLinks;", vec![]).await;
    assert_eq!(raw, serde_json::json!([]), "a raw URL reached the webview");

    app.quit().await;
}

#[tokio::test]
async fn a_cold_start_with_the_url_as_argument_delivers_it() {
    let session = Session::start().expect("headless session");
    let url = "dev.zmeet.desktop:/hello?via=cold-start";
    let app = App::launch(&session, &[url]).await;
    app.open_diagnostics().await;
    wait_for_link(&app, url).await;
    app.quit().await;
}

#[tokio::test]
async fn a_url_of_another_scheme_is_ignored() {
    let session = Session::start().expect("headless session");
    let app = App::launch(&session, &[]).await;
    app.open_diagnostics().await;
    let status = session
        .command(APP)
        .arg("https://example.invalid/evil")
        .status()
        .unwrap();
    assert!(status.success());
    let marker = "dev.zmeet.desktop:/hello?after=evil";
    session.command(APP).arg(marker).status().unwrap();
    wait_for_link(&app, marker).await;
    let links = app.texts(LINKS).await;
    assert!(
        links.iter().all(|t| !t.contains("example.invalid")),
        "{links:?}"
    );
    app.quit().await;
}
