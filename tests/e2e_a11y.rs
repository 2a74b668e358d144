//! Accessibility on the real app: axe-core's WCAG 2.1 A/AA rules find nothing on the
//! calendar (month, week, agenda), the event form, the details dialog, Settings, search,
//! the shortcut sheet and the tray's quick-create window, in the light theme and in the
//! dark one.

mod common;

use std::path::Path;

use common::{App, axe, calendar, tray_socket};
use serde_json::json;
use test_harness::Session;

/// Runs axe on what the window shows now; collects what it finds under `place`.
async fn check(app: &App, place: &str, found: &mut Vec<String>) {
    for line in axe::violations(app).await {
        found.push(format!("[{place}] {line}"));
    }
}

async fn wait_view(app: &App, view: &str) {
    calendar::show_view(app, view).await;
    // The view's events are fetched afresh; check it once they are drawn.
    app.wait_hidden("#sync-progress").await;
}

/// Every checked place of the main window, in its current theme.
async fn check_main_window(app: &App, theme: &str, found: &mut Vec<String>) {
    wait_view(app, "month").await;
    app.wait_displayed(calendar::MONTH_EVENT).await;
    check(app, &format!("{theme} month"), found).await;
    wait_view(app, "week").await;
    check(app, &format!("{theme} week"), found).await;
    wait_view(app, "agenda").await;
    check(app, &format!("{theme} agenda"), found).await;
    wait_view(app, "month").await;

    app.click("#new-event").await;
    app.wait_displayed("#event-form-dialog").await;
    check(app, &format!("{theme} event form"), found).await;
    // With errors shown at their fields, too.
    app.click("#form-save").await;
    app.wait_text("[data-error-for='topic']", "a topic error", |t| {
        !t.is_empty()
    })
    .await;
    check(app, &format!("{theme} event form with errors"), found).await;
    app.click("#form-cancel").await;
    app.wait_hidden("#event-form-dialog").await;

    app.click(calendar::MONTH_EVENT).await;
    app.wait_displayed("#event-dialog").await;
    app.wait_hidden("#event-loading").await;
    check(app, &format!("{theme} details"), found).await;
    app.click("#event-dialog [data-close]").await;
    app.wait_hidden("#event-dialog").await;

    app.click("#open-settings").await;
    app.wait_displayed("#settings-dialog").await;
    app.wait_text("#settings-shortcut-note", "the shortcut status", |t| {
        !t.is_empty()
    })
    .await;
    check(app, &format!("{theme} settings"), found).await;
    app.click("#settings-dialog [data-close]").await;
    app.wait_hidden("#settings-dialog").await;

    app.click("#search-button").await;
    app.wait_displayed("#search-dialog").await;
    app.type_into("#search-input", "e").await;
    app.wait_text("#search-status", "the matches", |t| t.contains("match"))
        .await;
    check(app, &format!("{theme} search results"), found).await;
    app.click("#search-dialog [data-close]").await;
    app.wait_hidden("#search-dialog").await;

    app.click("#show-shortcuts").await;
    app.wait_displayed("#shortcuts-dialog").await;
    check(app, &format!("{theme} shortcut sheet"), found).await;
    app.click("#shortcuts-dialog [data-close]").await;
    app.wait_hidden("#shortcuts-dialog").await;
}

/// Opens the quick-create window from the tray (a second time, it comes forward and is
/// reloaded, as a new start would read the theme again) and checks it.
async fn check_quick_window(app: &App, socket: &Path, theme: &str, found: &mut Vec<String>) {
    let main_window = app.client.window().await.unwrap();
    assert_eq!(tray_socket::send(socket, "schedule"), "ok");
    let quick = app.wait_other_window(&main_window).await;
    app.client.switch_to_window(quick).await.unwrap();
    app.wait_for("body[data-ready='true']").await;
    if app
        .js("return document.documentElement.dataset.theme;", vec![])
        .await
        != theme
    {
        app.client.refresh().await.unwrap();
        app.wait_for("body[data-ready='true']").await;
    }
    app.wait_for(&format!("html[data-theme='{theme}']")).await;
    check(app, &format!("{theme} quick-create"), found).await;
    // With errors shown at their fields, too.
    app.click("#quick-save").await;
    app.wait_text("[data-error-for='topic']", "a topic error", |t| {
        !t.is_empty()
    })
    .await;
    check(app, &format!("{theme} quick-create with errors"), found).await;
    app.client.switch_to_window(main_window).await.unwrap();
}

/// The page's background colour, as the browser computed it.
async fn background(app: &App) -> String {
    app.js(
        "return getComputedStyle(document.documentElement).backgroundColor;",
        vec![],
    )
    .await
    .as_str()
    .unwrap()
    .to_owned()
}

#[tokio::test]
async fn no_axe_violations_in_the_light_or_the_dark_theme() {
    let session = Session::start().expect("headless session");
    let socket = tray_socket::path(&session);
    let env = [(tray_socket::ENV, socket.to_str().unwrap())];
    let app = App::launch_with_env(&session, &[], &env).await;
    tray_socket::wait_listening(&socket).await;
    app.wait_displayed(calendar::EVENT).await;
    let mut found = Vec::new();

    // Xvfb's desktop has no dark preference: the system theme is the light one.
    app.wait_for("html[data-theme='light']").await;
    let light = background(&app).await;
    check_main_window(&app, "light", &mut found).await;
    check_quick_window(&app, &socket, "light", &mut found).await;

    // Settings → Theme → Dark: every window follows.
    app.click("#open-settings").await;
    app.wait_displayed("#settings-dialog").await;
    app.wait_text("#settings-shortcut-note", "the shortcut status", |t| {
        !t.is_empty()
    })
    .await;
    app.js(
        "const select = document.getElementById('settings-theme'); select.value = 'dark';
         select.dispatchEvent(new Event('change', { bubbles: true }));",
        vec![],
    )
    .await;
    app.click("#settings-save").await;
    app.wait_hidden("#settings-dialog").await;
    app.wait_for("html[data-theme='dark']").await;
    let dark = background(&app).await;
    assert_ne!(light, dark, "the dark theme changes the colours");
    assert_eq!(dark, "rgb(15, 23, 42)");
    let saved = app.invoke_ok("get_settings", json!({})).await;
    assert_eq!(saved["theme"], "dark");
    app.wait_displayed(calendar::EVENT).await;
    app.js("document.activeElement.blur();", vec![]).await;
    app.screenshot("calendar-dark.png").await;
    check_main_window(&app, "dark", &mut found).await;
    check_quick_window(&app, &socket, "dark", &mut found).await;

    assert!(
        found.is_empty(),
        "axe found {} violating nodes:\n{}",
        found.len(),
        found.join("\n")
    );
    app.quit().await;
}
