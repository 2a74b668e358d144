//! The main window from the keyboard, driven with WebDriver key actions: every shortcut
//! and its effect, search, focus moving into dialogs and back, Tab order, and no shortcut
//! while typing in a field.

mod common;

use common::{App, browser, calendar};
use fantoccini::actions::{InputSource, KeyAction, KeyActions};
use serde_json::{Value, json};
use test_harness::Session;
use zoho_sim::{SimConfig, Simulator};

const ENTER: char = '\u{E007}';
const ESCAPE: char = '\u{E00C}';
const LEFT: char = '\u{E012}';
const RIGHT: char = '\u{E014}';
const DELETE: char = '\u{E017}';
const TAB: char = '\u{E004}';
const CONTROL: char = '\u{E009}';

#[tokio::test(flavor = "multi_thread")]
#[ignore = "run by the app as its browser, not by the test runner"]
async fn fake_browser() {
    browser::run_fake_browser().await;
}

/// Types `text` key by key into whatever has the focus.
async fn type_keys(app: &App, text: &str) {
    let mut actions = KeyActions::new("keyboard".into());
    for c in text.chars() {
        actions = actions
            .then(KeyAction::Down { value: c })
            .then(KeyAction::Up { value: c });
    }
    app.client.perform_actions(actions).await.unwrap();
    app.client.release_actions().await.unwrap();
}

/// Presses `keys` together (in order) and lets go, as a person does on a keyboard.
async fn press(app: &App, keys: &[char]) {
    let mut actions = KeyActions::new("keyboard".into());
    for &key in keys {
        actions = actions.then(KeyAction::Down { value: key });
    }
    for &key in keys.iter().rev() {
        actions = actions.then(KeyAction::Up { value: key });
    }
    app.client.perform_actions(actions).await.expect("keys");
    app.client.release_actions().await.expect("release keys");
}

async fn active_id(app: &App) -> Value {
    app.js("return document.activeElement.id;", vec![]).await
}

async fn dialog_open(app: &App, id: &str) -> bool {
    app.js(
        "return document.getElementById(arguments[0]).open;",
        vec![json!(id)],
    )
    .await
    .as_bool()
    .unwrap()
}

async fn title(app: &App) -> String {
    app.text(calendar::TITLE).await
}

/// Focuses the calendar event with `key` (WebDriver's own focus, as a Tab would end there).
async fn focus_event(app: &App, key: &str) {
    let element = app.wait_displayed(&calendar::event(key)).await;
    app.js(
        "arguments[0].focus();",
        vec![serde_json::to_value(&element).unwrap()],
    )
    .await;
    assert_eq!(
        app.js("return document.activeElement.dataset.key;", vec![])
            .await,
        key
    );
}

#[tokio::test]
async fn every_shortcut_does_what_the_sheet_says() {
    let session = Session::start().expect("headless session");
    let app = App::launch(&session, &[]).await;
    app.wait_displayed(calendar::EVENT).await;
    let month = title(&app).await;

    // ← and → move by a month; T comes back to today.
    press(&app, &[RIGHT]).await;
    let next = app
        .wait_text(calendar::TITLE, "the next month", |t| t != month)
        .await;
    press(&app, &[LEFT]).await;
    app.wait_text(calendar::TITLE, "this month again", |t| t == month)
        .await;
    press(&app, &[LEFT]).await;
    app.wait_text(calendar::TITLE, "the month before", |t| {
        t != month && t != next
    })
    .await;
    press(&app, &['t']).await;
    app.wait_text(calendar::TITLE, "today's month", |t| t == month)
        .await;

    // W, D, A and M switch the view.
    for (key, view) in [('w', "week"), ('d', "day"), ('a', "agenda"), ('m', "month")] {
        press(&app, &[key]).await;
        calendar::wait_view(&app, view).await;
    }

    // N opens the create form with the focus in the topic; keys typed there are text, not
    // shortcuts; Escape closes it and the focus comes back.
    press(&app, &['n']).await;
    app.wait_displayed("#event-form-dialog").await;
    assert_eq!(active_id(&app).await, "form-topic");
    assert_eq!(app.text("#event-form-title").await, "New meeting");
    for key in ['t', 'm', 'w', 'n', '?', '/', 'r'] {
        press(&app, &[key]).await;
    }
    assert_eq!(
        app.wait_for("#form-topic")
            .await
            .prop("value")
            .await
            .unwrap()
            .as_deref(),
        Some("tmwn?/r")
    );
    assert_eq!(title(&app).await, month);
    assert!(!dialog_open(&app, "shortcuts-dialog").await);
    assert!(!dialog_open(&app, "search-dialog").await);
    press(&app, &[ESCAPE]).await;
    app.wait_hidden("#event-form-dialog").await;

    // ? shows the sheet, which lists every shortcut; Escape closes it.
    press(&app, &['?']).await;
    app.wait_displayed("#shortcuts-dialog").await;
    let rows = app.texts("#shortcuts-list tr").await;
    assert_eq!(rows.len(), 14, "{rows:?}");
    assert!(
        rows.iter().any(|r| r.contains("Search meetings")),
        "{rows:?}"
    );
    app.screenshot("shortcut-sheet.png").await;
    press(&app, &[ESCAPE]).await;
    app.wait_hidden("#shortcuts-dialog").await;

    // R syncs again from Zoho: the sync indicator runs.
    app.js(
        "window.__sawSync = false;
         new MutationObserver(() => {
           if (document.getElementById('sync-progress').dataset.running === 'true') window.__sawSync = true;
         }).observe(document.getElementById('sync-progress'), { attributes: true });",
        vec![],
    )
    .await;
    press(&app, &['r']).await;
    common::wait_until("R to sync", common::UI_TIMEOUT, async || {
        match app.js("return window.__sawSync;", vec![]).await {
            serde_json::Value::Bool(true) => Ok(()),
            seen => Err(format!("__sawSync is {seen}")),
        }
    })
    .await;

    // Enter opens the focused event; Escape closes it and the focus goes back to it.
    let key = app
        .js(
            &format!(
                "{}return shown(arguments[0]).dataset.key;",
                calendar::SHOWN_JS
            ),
            vec![json!(calendar::EVENT)],
        )
        .await
        .as_str()
        .unwrap()
        .to_owned();
    let topic = app
        .js(
            &format!(
                "{}return shown(arguments[0]).querySelector('.month-event-title, .fc-event-title').textContent;",
                calendar::SHOWN_JS
            ),
            vec![json!(calendar::event(&key))],
        )
        .await
        .as_str()
        .unwrap()
        .to_owned();
    focus_event(&app, &key).await;
    press(&app, &[ENTER]).await;
    app.wait_displayed("#event-dialog").await;
    assert_eq!(app.text("#event-topic").await, topic);
    app.wait_hidden("#event-loading").await;
    press(&app, &[ESCAPE]).await;
    app.wait_hidden("#event-dialog").await;
    assert_eq!(
        app.js("return document.activeElement.dataset.key;", vec![])
            .await,
        key,
        "the focus is back on the event"
    );

    // E edits the focused event.
    press(&app, &['e']).await;
    app.wait_displayed("#event-form-dialog").await;
    app.wait_text("#event-form-title", "the edit form", |t| {
        t.starts_with("Edit")
    })
    .await;
    assert_eq!(
        app.wait_for("#form-topic")
            .await
            .prop("value")
            .await
            .unwrap()
            .as_deref(),
        Some(topic.as_str())
    );
    press(&app, &[ESCAPE]).await;
    app.wait_hidden("#event-form-dialog").await;

    // Delete asks first; Escape answers no and the event stays.
    focus_event(&app, &key).await;
    press(&app, &[DELETE]).await;
    app.wait_displayed("#confirm-dialog").await;
    assert!(app.text("#confirm-message").await.contains(&topic));
    press(&app, &[ESCAPE]).await;
    app.wait_hidden("#confirm-dialog").await;
    // The details stay open; E there edits the event they show.
    assert!(dialog_open(&app, "event-dialog").await);
    press(&app, &['e']).await;
    app.wait_displayed("#event-form-dialog").await;
    app.wait_text("#event-form-title", "the edit form", |t| {
        t.starts_with("Edit")
    })
    .await;
    press(&app, &[ESCAPE]).await;
    app.wait_hidden("#event-form-dialog").await;
    app.wait_displayed(&calendar::event(&key)).await;

    // / and Ctrl+F open the search with the focus in its box.
    for keys in [&['/'][..], &[CONTROL, 'f'][..]] {
        app.js("document.activeElement.blur();", vec![]).await;
        press(&app, keys).await;
        app.wait_displayed("#search-dialog").await;
        assert_eq!(active_id(&app).await, "search-input", "{keys:?}");
        press(&app, &[ESCAPE]).await;
        app.wait_hidden("#search-dialog").await;
    }

    app.quit().await;
}

#[tokio::test]
async fn search_finds_by_topic_and_opens_the_details_from_the_keyboard() {
    let session = Session::start().expect("headless session");
    let app = App::launch(&session, &[]).await;
    app.wait_displayed(calendar::EVENT).await;

    // A word of some event's topic, as the user would remember it.
    let now = app.js("return Date.now();", vec![]).await.as_f64().unwrap();
    let year = 366.0 * 86_400_000.0;
    let events = app
        .invoke_ok(
            "list_events",
            json!({ "fromMs": now - year, "toMs": now + year, "refresh": false }),
        )
        .await;
    let events = events.as_array().unwrap();
    let topic = events[events.len() / 2]["topic"]
        .as_str()
        .unwrap()
        .to_owned();
    let word = topic
        .split_whitespace()
        .max_by_key(|w| w.len())
        .unwrap()
        .to_lowercase();
    let expected = events
        .iter()
        .filter(|e| e["topic"].as_str().unwrap().to_lowercase().contains(&word))
        .count();

    press(&app, &['/']).await;
    app.wait_displayed("#search-dialog").await;
    type_keys(&app, &word).await;
    app.wait_text("#search-status", "the matches", |t| t.contains("match"))
        .await;
    let results = app.texts("#search-results .search-topic").await;
    // Agenda and participants count too, so there may be more than the topics show.
    assert!(
        results.len() >= expected.min(50),
        "{results:?} for {word:?}"
    );
    assert!(results.contains(&topic), "{results:?}");

    // Down goes to the first result, Enter opens its details.
    press(&app, &['\u{E015}']).await;
    let first = app
        .js(
            "return document.activeElement.querySelector('.search-topic')?.textContent;",
            vec![],
        )
        .await;
    assert_eq!(first, json!(results[0]));
    press(&app, &[ENTER]).await;
    app.wait_hidden("#search-dialog").await;
    app.wait_displayed("#event-dialog").await;
    assert_eq!(app.text("#event-topic").await, results[0]);
    press(&app, &[ESCAPE]).await;
    app.wait_hidden("#event-dialog").await;

    // Nothing matching says so.
    press(&app, &['/']).await;
    app.wait_displayed("#search-dialog").await;
    app.type_into("#search-input", "zzzz-no-such-meeting").await;
    app.wait_text("#search-status", "no match", |t| {
        t.starts_with("Nothing matches")
    })
    .await;
    assert!(app.texts("#search-results li").await.is_empty());
    app.quit().await;
}

#[tokio::test]
async fn tab_walks_the_controls_in_order_with_a_visible_focus_ring() {
    let session = Session::start().expect("headless session");
    let app = App::launch(&session, &[]).await;
    app.wait_displayed(calendar::EVENT).await;
    app.wait_displayed("#sign-out").await;

    let mut order = Vec::new();
    for _ in 0..9 {
        press(&app, &[TAB]).await;
        let (id, ring) = {
            let answer = app
                .js(
                    "const el = document.activeElement;
                     const style = getComputedStyle(el);
                     return [el.id || el.className, style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2];",
                    vec![],
                )
                .await;
            (
                answer[0].as_str().unwrap().to_owned(),
                answer[1].as_bool().unwrap(),
            )
        };
        assert!(ring, "{id} has no visible focus ring");
        order.push(id);
    }
    let expected_start = [
        "sign-out",
        "show-shortcuts",
        "open-settings",
        "new-event",
        "refresh",
        "search-button",
    ];
    assert_eq!(&order[..6], expected_start, "{order:?}");
    // Then the calendar's toolbar: previous, next, (today is disabled on today), views.
    assert_eq!(
        &order[6..],
        ["calendar-prev", "calendar-next", "view-month"],
        "{order:?}"
    );
    app.quit().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn search_works_offline_from_the_synced_copy() {
    let sim = Simulator::start(SimConfig::default()).await.unwrap();
    let session = Session::start().expect("headless session");
    let script = browser::install(session.home(), "fake_browser", "accept");
    let endpoints = serde_json::to_string(sim.info()).unwrap();
    let env = [
        ("ZMEET_ZOHO_ENDPOINTS", endpoints.as_str()),
        ("ZMEET_BROWSER", script.to_str().unwrap()),
    ];
    let app = App::launch_with_env(&session, &[], &env).await;
    app.click("#sign-in").await;
    app.wait_displayed("#sign-out").await;
    app.wait_displayed(calendar::EVENT).await;
    let now = app.js("return Date.now();", vec![]).await.as_f64().unwrap();
    let year = 366.0 * 86_400_000.0;
    let range = json!({ "fromMs": now - year, "toMs": now + year, "refresh": false });
    let events = app.invoke_ok("list_events", range.clone()).await;
    let topic = events[0]["topic"].as_str().unwrap().to_owned();

    // Zoho goes away: syncing fails (the calendar answers from the stored copy and the
    // header says offline), searching still answers from the synced copy.
    drop(sim);
    let mut refresh = range;
    refresh["refresh"] = json!(true);
    let answer = app.invoke("list_events", refresh).await;
    assert!(answer.get("ok").is_some(), "{answer}");
    app.wait_text("#offline-banner", "the offline banner", |t| {
        t.starts_with("Offline")
    })
    .await;
    press(&app, &['/']).await;
    app.wait_displayed("#search-dialog").await;
    type_keys(&app, &topic).await;
    app.wait_text("#search-status", "the matches", |t| t.contains("match"))
        .await;
    let results = app.texts("#search-results .search-topic").await;
    assert!(results.contains(&topic), "{results:?}");
    app.quit().await;
}
