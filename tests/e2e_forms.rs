//! Creating, editing, rescheduling and deleting meetings from the main window in demo mode,
//! the form's validation (client-side and Rust's), markup in a topic staying text, and the
//! settings dialog.

mod common;

use std::time::Duration;

use common::{App, calendar};
use fantoccini::actions::{InputSource, MOUSE_BUTTON_LEFT, MouseActions, PointerAction};
use serde_json::{Value, json};
use test_harness::Session;

fn find<'a>(events: &'a [Value], topic: &str) -> Option<&'a Value> {
    events.iter().find(|e| e["topic"] == topic)
}

/// The rendered text of an event's title on the calendar, in the view shown (WebDriver's own
/// text skips FullCalendar's sticky, overflow-clipped title element).
async fn shown_title(app: &App, key: &str) -> String {
    app.js(
        &format!(
            "{}const el = shown(arguments[0]); \
             const title = el && el.querySelector('.month-event-title, .fc-event-title'); \
             return title ? title.innerText : '';",
            calendar::SHOWN_JS
        ),
        vec![json!(calendar::event(key))],
    )
    .await
    .as_str()
    .unwrap_or_default()
    .to_owned()
}

async fn wait_title(app: &App, key: &str, title: &str) {
    common::wait_until(
        &format!("the calendar to show {title:?}"),
        common::UI_TIMEOUT,
        async || {
            let shown = shown_title(app, key).await;
            if shown == title {
                Ok(())
            } else {
                Err(format!("it shows {shown:?}"))
            }
        },
    )
    .await
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

/// Drags the event down by `slots` half-hour slots in the week view, with real pointer
/// input, the way a user would.
async fn drag_down(app: &App, key: &str, slots: f64) {
    let element = app.wait_displayed(&calendar::event(key)).await;
    let slot_height = app
        .js(
            "arguments[0].scrollIntoView({ block: 'center' });
             return document.querySelector('#calendar td.fc-timegrid-slot-lane').getBoundingClientRect().height;",
            vec![serde_json::to_value(&element).unwrap()],
        )
        .await
        .as_f64()
        .unwrap();
    let step = Some(Duration::from_millis(150));
    pointer_drag(
        app,
        element,
        -4.0,
        vec![
            PointerAction::MoveBy {
                duration: step,
                x: 0.0,
                y: 8.0,
            },
            PointerAction::MoveBy {
                duration: step,
                x: 0.0,
                y: slot_height * slots / 2.0,
            },
            PointerAction::MoveBy {
                duration: step,
                x: 0.0,
                y: slot_height * slots / 2.0 - 8.0,
            },
        ],
    )
    .await;
}

/// Presses the left button on `element` (`dy` px below its centre), makes `moves`, pauses
/// and releases: a drag with real pointer input, the way a user would.
async fn pointer_drag(
    app: &App,
    element: fantoccini::elements::Element,
    dy: f64,
    moves: Vec<PointerAction>,
) {
    let mut actions = MouseActions::new("mouse".into())
        .then(PointerAction::MoveToElement {
            element,
            duration: None,
            x: 0.0,
            y: dy,
        })
        .then(PointerAction::Down {
            button: MOUSE_BUTTON_LEFT,
        });
    for step in moves {
        actions = actions.then(step);
    }
    let actions = actions
        .then(PointerAction::Pause {
            duration: Duration::from_millis(200),
        })
        .then(PointerAction::Up {
            button: MOUSE_BUTTON_LEFT,
        });
    app.client.perform_actions(actions).await.expect("drag");
    app.client.release_actions().await.expect("release");
}

/// Drags the month view's event `key` onto the day cell of `date`, with real pointer input.
async fn drag_to_day(app: &App, key: &str, date: &str) {
    let element = app.wait_displayed(&calendar::event(key)).await;
    let target = app
        .wait_displayed(&format!(
            "#calendar .month-view .month-day[data-date='{date}']"
        ))
        .await;
    let step = Some(Duration::from_millis(150));
    pointer_drag(
        app,
        element,
        0.0,
        vec![
            PointerAction::MoveBy {
                duration: step,
                x: 8.0,
                y: 0.0,
            },
            PointerAction::MoveToElement {
                element: target,
                duration: step,
                x: 0.0,
                y: 0.0,
            },
        ],
    )
    .await;
}

/// Answers "Move" to the move's question and waits until the simulator has the meeting
/// `key` at `start_ms`; returns its details.
async fn confirm_move(app: &App, key: &str, start_ms: f64) -> Value {
    app.wait_displayed("#confirm-dialog").await;
    app.click("#confirm-yes").await;
    app.wait_hidden("#confirm-dialog").await;
    common::wait_until("the move to be stored", common::UI_TIMEOUT, async || {
        let event = app
            .invoke_ok("get_event", json!({ "kind": "meeting", "key": key }))
            .await;
        if event["event"]["startMs"].as_f64() == Some(start_ms) {
            Ok(event)
        } else {
            Err(format!("stored: {event}"))
        }
    })
    .await
}

/// Waits until the month view shows the event `key` in the day cell of `date`.
async fn wait_in_day(app: &App, key: &str, date: &str) {
    common::wait_until(
        &format!("{key} to be shown on {date}"),
        common::UI_TIMEOUT,
        async || {
            let day = app
                .js(
                    &format!(
                        "{}const el = shown(arguments[0]); \
                         return el && el.closest('.month-view .month-day[data-date]')?.dataset.date;",
                        calendar::SHOWN_JS
                    ),
                    vec![json!(calendar::event(key))],
                )
                .await;
            if day == date {
                Ok(())
            } else {
                Err(format!("shown on {day}"))
            }
        },
    )
    .await
}

async fn top_of(app: &App, key: &str) -> f64 {
    let element = app.wait_displayed(&calendar::event(key)).await;
    app.js(
        "return arguments[0].getBoundingClientRect().top - document.querySelector('#calendar .fc-timegrid-body').getBoundingClientRect().top;",
        vec![serde_json::to_value(&element).unwrap()],
    )
    .await
    .as_f64()
    .unwrap()
}

#[tokio::test]
async fn create_edit_reschedule_and_delete_a_meeting() {
    let session = Session::start().expect("headless session");
    let app = App::launch(&session, &[]).await;
    app.wait_displayed(calendar::EVENT).await;
    let before = app.all_events(false).await.len();

    // "New meeting" opens an empty form: the next half hour, 30 minutes, the local zone.
    app.click("#new-event").await;
    app.wait_displayed("#event-form-dialog").await;
    let local_zone = app
        .js(
            "return Intl.DateTimeFormat().resolvedOptions().timeZone;",
            vec![],
        )
        .await;
    assert_eq!(
        app.value("#form-timezone").await,
        local_zone.as_str().unwrap()
    );
    assert_eq!(app.value("#form-duration").await, "30");
    assert_eq!(app.value("#form-topic").await, "");
    let time = app.value("#form-time").await;
    assert!(time.ends_with(":00") || time.ends_with(":30"), "{time}");
    assert!(
        app.wait_displayed("#form-kind")
            .await
            .is_displayed()
            .await
            .unwrap()
    );
    // The form takes the focus.
    let focused = app.js("return document.activeElement.id;", vec![]).await;
    assert_eq!(focused, "form-topic");

    let topic = format!("Roadmap review {}", std::process::id());
    let date = app.today().await;
    app.type_into("#form-topic", &topic).await;
    app.set_value("#form-agenda", "Agree on Q3.\nThen lunch.")
        .await;
    app.set_value("#form-date", &date).await;
    app.set_value("#form-time", "14:00").await;
    app.set_value("#form-duration", "45").await;
    app.set_value("#form-timezone", "Asia/Kolkata").await;
    // Participants: the Add button, Enter, and removing one again.
    app.type_into("#form-participant", "ana@example.com").await;
    app.click("#form-add-participant").await;
    app.type_into("#form-participant", "bo@example.com\u{E007}")
        .await;
    assert_eq!(
        app.texts("#form-participants li span").await,
        ["ana@example.com", "bo@example.com"]
    );
    app.click("#form-participants li:first-child button").await;
    assert_eq!(
        app.texts("#form-participants li span").await,
        ["bo@example.com"]
    );
    app.screenshot("event-form.png").await;
    app.click("#form-save").await;
    app.wait_hidden("#event-form-dialog").await;

    // It reached the simulator: a fresh sync has it, at 14:00 India time.
    let events = app.all_events(true).await;
    assert_eq!(events.len(), before + 1);
    let created = find(&events, &topic).expect("the new meeting").clone();
    let key = created["key"].as_str().unwrap().to_owned();
    assert_eq!(created["kind"], "meeting");
    assert_eq!(created["timezone"], "Asia/Kolkata");
    let expected_start = app
        .js(
            "const [y, m, d] = arguments[0].split('-').map(Number); return Date.UTC(y, m - 1, d, 8, 30);",
            vec![json!(date)],
        )
        .await;
    assert_eq!(created["startMs"].as_f64(), expected_start.as_f64());
    assert_eq!(
        created["endMs"].as_f64().unwrap() - created["startMs"].as_f64().unwrap(),
        45.0 * 60_000.0
    );
    // And the month view shows it, in its local day's cell, with the data attributes.
    let css = calendar::event(&key);
    let shown = app.wait_displayed(&css).await;
    let cell_day = app
        .js(
            "const el = arguments[0]; return [el.closest('.month-view .month-day[data-date]').dataset.date, el.dataset.kind, el.querySelector('.month-event-title').textContent];",
            vec![serde_json::to_value(&shown).unwrap()],
        )
        .await;
    let local_day = app
        .js(
            "const d = new Date(arguments[0]); const pad = (n) => String(n).padStart(2, '0'); return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;",
            vec![created["startMs"].clone()],
        )
        .await;
    assert_eq!(cell_day, json!([local_day, "meeting", topic]));

    // Details, then Edit: the form comes back filled in the meeting's own zone.
    // (Zoho's Get body lists no participants, so the details show what Rust has.)
    let fetched = app
        .invoke_ok("get_event", json!({ "kind": "meeting", "key": key }))
        .await;
    let participants: Vec<String> =
        serde_json::from_value(fetched["participants"].clone()).unwrap();
    app.click(&css).await;
    app.wait_hidden("#event-loading").await;
    assert_eq!(app.text("#event-topic").await, topic);
    assert_eq!(
        app.text("#event-agenda").await,
        fetched["agenda"].as_str().unwrap()
    );
    assert!(
        fetched["agenda"]
            .as_str()
            .unwrap()
            .starts_with("Agree on Q3."),
        "{fetched}"
    );
    assert_eq!(app.texts("#event-participants li").await, participants);
    let zone_text = app.text("#event-time-zone").await;
    assert!(zone_text.contains("02:00 PM IST"), "{zone_text}");
    assert_eq!(app.text("#event-duration").await, "45 min");
    app.click("#event-edit").await;
    app.wait_displayed("#event-form-dialog").await;
    assert_eq!(app.value("#form-topic").await, topic);
    assert_eq!(app.value("#form-date").await, date);
    assert_eq!(app.value("#form-time").await, "14:00");
    assert_eq!(app.value("#form-duration").await, "45");
    assert_eq!(app.value("#form-timezone").await, "Asia/Kolkata");
    assert_eq!(app.texts("#form-participants li span").await, participants);
    assert!(
        !app.wait_for("#form-kind")
            .await
            .is_displayed()
            .await
            .unwrap(),
        "the kind is fixed once created"
    );
    let edited = format!("{topic} (edited)");
    app.type_into("#form-topic", &edited).await;
    app.set_value("#form-time", "16:00").await;
    app.set_value("#form-duration", "60").await;
    app.click("#form-save").await;
    app.wait_hidden("#event-form-dialog").await;
    wait_title(&app, &key, &edited).await;
    let details = app
        .invoke_ok("get_event", json!({ "kind": "meeting", "key": key }))
        .await;
    assert!(
        details["startInZone"]
            .as_str()
            .unwrap()
            .contains("04:00 PM IST"),
        "{details}"
    );
    assert_eq!(details["durationMinutes"], 60);
    assert_eq!(details["event"]["topic"], edited.as_str());

    // Reschedule by dragging in the week view: asked first; "Cancel" puts it back.
    calendar::show_view(&app, "week").await;
    app.wait_displayed(&css).await;
    let top = top_of(&app, &key).await;
    drag_down(&app, &key, 2.0).await;
    app.wait_displayed("#confirm-dialog").await;
    let question = app.text("#confirm-message").await;
    assert!(question.contains(&edited), "{question}");
    app.click("#confirm-no").await;
    app.wait_hidden("#confirm-dialog").await;
    let back = top_of(&app, &key).await;
    assert!((back - top).abs() < 2.0, "reverted: {top} -> {back}");
    let unchanged = app
        .invoke_ok("get_event", json!({ "kind": "meeting", "key": key }))
        .await;
    assert_eq!(unchanged["event"]["startMs"], details["event"]["startMs"]);

    // Confirmed, the move reaches the simulator: an hour later, same length and zone.
    drag_down(&app, &key, 2.0).await;
    let moved_start = details["event"]["startMs"].as_f64().unwrap() + 3_600_000.0;
    let moved = confirm_move(&app, &key, moved_start).await;
    assert_eq!(
        moved["event"]["startMs"].as_f64(),
        Some(moved_start),
        "{moved}"
    );
    assert_eq!(moved["durationMinutes"], 60);
    assert_eq!(moved["event"]["timezone"], "Asia/Kolkata");
    assert!(!app.error_shown().await, "no error after the move");

    // Delete: asked first; "Cancel" keeps it, "Delete" removes it everywhere.
    app.click(&css).await;
    app.wait_hidden("#event-loading").await;
    app.click("#event-delete").await;
    app.wait_displayed("#confirm-dialog").await;
    assert!(app.text("#confirm-message").await.contains(&edited));
    app.click("#confirm-no").await;
    app.wait_hidden("#confirm-dialog").await;
    assert!(dialog_open(&app, "event-dialog").await, "details stay open");
    assert!(find(&app.all_events(true).await, &edited).is_some());
    app.click("#event-delete").await;
    app.wait_displayed("#confirm-dialog").await;
    app.click("#confirm-yes").await;
    app.wait_hidden("#event-dialog").await;
    app.wait_hidden(&css).await;
    let after = app.all_events(true).await;
    assert!(find(&after, &edited).is_none());
    assert_eq!(after.len(), before);
    let gone = app
        .invoke("get_event", json!({ "kind": "meeting", "key": key }))
        .await;
    assert_eq!(gone["error"]["code"], "not_found", "{gone}");

    app.quit().await;
}

#[tokio::test]
async fn in_the_month_view_a_day_opens_the_create_form_and_an_event_is_dragged_to_another_day() {
    let session = Session::start().expect("headless session");
    let app = App::launch(&session, &[]).await;
    calendar::wait_view(&app, "month").await;
    app.wait_displayed(calendar::MONTH_EVENT).await;
    app.wait_hidden("#sync-progress").await;

    // A day's empty space: the create form, on that day.
    let empty_day = app
        .js(
            "const day = [...document.querySelectorAll('#calendar .month-view .month-day[data-date]')]
               .find((cell) => !cell.querySelector('li'));
             return day ? day.dataset.date : null;",
            vec![],
        )
        .await;
    let empty_day = empty_day.as_str().expect("a day without events").to_owned();
    app.click(&format!(
        "#calendar .month-view .month-day[data-date='{empty_day}']"
    ))
    .await;
    app.wait_displayed("#event-form-dialog").await;
    assert_eq!(app.text("#event-form-title").await, "New meeting");
    assert_eq!(app.value("#form-date").await, empty_day);
    assert_eq!(app.value("#form-topic").await, "");
    app.click("#form-cancel").await;
    app.wait_hidden("#event-form-dialog").await;

    // A meeting shown in the grid, and a day beside it with room to show it.
    let pick = app
        .js(
            "const cells = [...document.querySelectorAll('#calendar .month-view .month-day[data-date]')];
             const roomy = (cell) => cell && !cell.querySelector('[data-more]') && cell.querySelectorAll('li').length < 2;
             for (const el of document.querySelectorAll('#calendar .month-view .month-event[data-kind=meeting]')) {
               if (el.getClientRects().length === 0) continue;
               const index = cells.indexOf(el.closest('.month-day'));
               const to = [cells[index + 1], cells[index - 1]].find(roomy);
               if (!to) continue;
               const start = new Date(Number(el.dataset.start));
               const moved = new Date(`${to.dataset.date}T00:00:00`);
               moved.setHours(start.getHours(), start.getMinutes(), start.getSeconds(), 0);
               return { key: el.dataset.key, topic: el.dataset.topic, from: cells[index].dataset.date,
                        to: to.dataset.date, movedStart: moved.valueOf() };
             }
             return null;",
            vec![],
        )
        .await;
    assert!(!pick.is_null(), "no meeting with a roomy day beside it");
    let key = pick["key"].as_str().unwrap().to_owned();
    let (from, to) = (
        pick["from"].as_str().unwrap().to_owned(),
        pick["to"].as_str().unwrap().to_owned(),
    );
    let before = app
        .invoke_ok("get_event", json!({ "kind": "meeting", "key": key }))
        .await;

    // Dropped on the other day: asked first; "Cancel" puts it back.
    drag_to_day(&app, &key, &to).await;
    app.wait_displayed("#confirm-dialog").await;
    let question = app.text("#confirm-message").await;
    assert!(
        question.contains(pick["topic"].as_str().unwrap()),
        "{question}"
    );
    app.click("#confirm-no").await;
    app.wait_hidden("#confirm-dialog").await;
    wait_in_day(&app, &key, &from).await;
    let unchanged = app
        .invoke_ok("get_event", json!({ "kind": "meeting", "key": key }))
        .await;
    assert_eq!(unchanged["event"]["startMs"], before["event"]["startMs"]);
    assert!(
        !dialog_open(&app, "event-dialog").await,
        "a drag is not a click"
    );

    // Confirmed, the move reaches the simulator: that day, the same time of day and length.
    drag_to_day(&app, &key, &to).await;
    let moved = confirm_move(&app, &key, pick["movedStart"].as_f64().unwrap()).await;
    assert_eq!(moved["durationMinutes"], before["durationMinutes"]);
    assert_eq!(moved["event"]["timezone"], before["event"]["timezone"]);
    wait_in_day(&app, &key, &to).await;
    assert!(!app.error_shown().await, "no error after the move");
    assert!(
        !dialog_open(&app, "event-dialog").await,
        "a drag is not a click"
    );
    app.quit().await;
}

#[tokio::test]
async fn the_form_shows_errors_at_their_fields_and_keeps_the_input() {
    let session = Session::start().expect("headless session");
    let app = App::launch(&session, &[]).await;
    app.wait_displayed(calendar::EVENT).await;
    let before = app.all_events(false).await.len();

    app.click("#new-event").await;
    app.wait_displayed("#event-form-dialog").await;

    // An empty topic: said at the topic, nothing sent.
    app.click("#form-save").await;
    let topic_error = app
        .wait_text("[data-error-for='topic']", "a topic error", |t| {
            !t.is_empty()
        })
        .await;
    assert!(topic_error.contains("topic"), "{topic_error}");
    assert!(dialog_open(&app, "event-form-dialog").await);
    assert_eq!(
        app.js("return document.activeElement.id;", vec![]).await,
        "form-topic",
        "the first bad field takes the focus"
    );

    // A bad email: said at the participants, the text kept for fixing.
    app.type_into("#form-topic", "DST check").await;
    app.type_into("#form-participant", "not-an-email").await;
    app.click("#form-add-participant").await;
    let email_error = app
        .wait_text("[data-error-for='participants']", "an email error", |t| {
            !t.is_empty()
        })
        .await;
    assert!(email_error.contains("not-an-email"), "{email_error}");
    assert_eq!(app.value("#form-participant").await, "not-an-email");
    assert!(app.texts("#form-participants li").await.is_empty());
    // Saving with it still there stops at the same error.
    app.click("#form-save").await;
    app.wait_text("[data-error-for='participants']", "an email error", |t| {
        !t.is_empty()
    })
    .await;
    // The topic error went once the topic was filled in.
    assert_eq!(app.text("[data-error-for='topic']").await, "");

    // A time that does not exist in Berlin (the clocks skip 02:00-03:00): Rust says so,
    // at the time field; the form keeps everything.
    app.type_into("#form-participant", "ok@example.com").await;
    app.set_value("#form-date", "2026-03-29").await;
    app.set_value("#form-time", "02:30").await;
    app.set_value("#form-timezone", "Europe/Berlin").await;
    app.click("#form-save").await;
    let time_error = app
        .wait_text("[data-error-for='time']", "the DST gap error", |t| {
            !t.is_empty()
        })
        .await;
    assert!(time_error.starts_with("Start:"), "{time_error}");
    assert!(dialog_open(&app, "event-form-dialog").await);
    assert_eq!(app.value("#form-topic").await, "DST check");
    assert_eq!(app.value("#form-date").await, "2026-03-29");
    assert_eq!(app.value("#form-time").await, "02:30");
    assert_eq!(app.value("#form-timezone").await, "Europe/Berlin");
    assert_eq!(
        app.texts("#form-participants li span").await,
        ["ok@example.com"]
    );
    assert_eq!(app.text("#form-save").await, "Save");
    assert!(app.wait_for("#form-save").await.is_enabled().await.unwrap());
    assert_eq!(app.text("#form-error").await, "");
    for field in [
        "topic",
        "participants",
        "date",
        "durationMinutes",
        "timezone",
    ] {
        assert_eq!(
            app.text(&format!("[data-error-for='{field}']")).await,
            "",
            "{field}"
        );
    }

    // A zone that does not exist: caught at the zone field.
    app.set_value("#form-timezone", "Mars/Olympus_Mons").await;
    app.set_value("#form-time", "10:00").await;
    app.click("#form-save").await;
    app.wait_text("[data-error-for='timezone']", "a zone error", |t| {
        !t.is_empty()
    })
    .await;

    // Nothing was created by any of it.
    let after = app.all_events(true).await;
    assert_eq!(after.len(), before);
    assert!(find(&after, "DST check").is_none());

    // Escape closes the form.
    app.wait_for("#form-topic")
        .await
        .send_keys("\u{E00C}")
        .await
        .unwrap();
    app.wait_hidden("#event-form-dialog").await;

    app.quit().await;
}

#[tokio::test]
async fn markup_in_a_topic_is_shown_as_text() {
    let session = Session::start().expect("headless session");
    let app = App::launch(&session, &[]).await;
    app.wait_displayed(calendar::EVENT).await;

    let topic = r#"<img src=x onerror="document.body.dataset.pwned=1">"#;
    let agenda = "<b>bold</b><script>document.body.dataset.pwned=2</script>";
    app.click("#new-event").await;
    app.wait_displayed("#event-form-dialog").await;
    app.type_into("#form-topic", topic).await;
    app.type_into("#form-agenda", agenda).await;
    app.set_value("#form-date", &app.today().await).await;
    app.set_value("#form-time", "12:00").await;
    app.set_value("#form-timezone", "UTC").await;
    app.click("#form-save").await;
    app.wait_hidden("#event-form-dialog").await;

    let created = find(&app.all_events(false).await, topic)
        .expect("the meeting")
        .clone();
    let css = calendar::event(created["key"].as_str().unwrap());
    app.wait_displayed(&css).await;
    wait_title(&app, created["key"].as_str().unwrap(), topic).await;
    app.click(&css).await;
    app.wait_hidden("#event-loading").await;
    assert_eq!(app.text("#event-topic").await, topic);
    assert_eq!(app.text("#event-agenda").await, agenda);

    let report = app
        .js(
            "return { pwned: document.body.dataset.pwned === undefined ? null : document.body.dataset.pwned,
                      images: document.querySelectorAll('#calendar img, #event-dialog img').length,
                      bold: document.querySelectorAll('#event-dialog b').length };",
            vec![],
        )
        .await;
    assert_eq!(report, json!({ "pwned": null, "images": 0, "bold": 0 }));
    app.quit().await;
}

#[tokio::test]
async fn the_settings_dialog_shows_the_settings_and_field_errors() {
    let session = Session::start().expect("headless session");
    let app = App::launch(&session, &[]).await;

    app.click("#open-settings").await;
    app.wait_displayed("#settings-dialog").await;
    common::wait_until(
        "the settings to load",
        common::UI_TIMEOUT,
        async || match app.value("#settings-reminder-minutes").await.is_empty() {
            false => Ok(()),
            true => Err("the reminder field is empty".to_owned()),
        },
    )
    .await;
    assert_eq!(app.value("#settings-client-id").await, "");
    assert_eq!(app.value("#settings-client-secret").await, "");
    assert_eq!(
        app.wait_for("#settings-client-secret")
            .await
            .attr("type")
            .await
            .unwrap()
            .as_deref(),
        Some("password")
    );
    assert_eq!(app.value("#settings-data-centre").await, "us");
    assert_eq!(app.value("#settings-redirect-mode").await, "deep_link");
    assert_eq!(app.value("#settings-reminder-minutes").await, "5");
    let centres = app
        .js(
            "return [...document.querySelectorAll('#settings-data-centre option')].map((o) => o.value);",
            vec![],
        )
        .await;
    assert_eq!(
        centres,
        json!(["us", "eu", "in", "au", "jp", "ca", "sa", "uk", "cn"])
    );
    app.wait_displayed("#about-button").await;
    app.wait_displayed("#keyring-form").await;
    app.screenshot("settings.png").await;

    // A client id with a space: Rust refuses it, at the field; nothing changes.
    app.type_into("#settings-client-id", "not a client id")
        .await;
    app.click("#settings-save").await;
    let error = app
        .wait_text("[data-error-for='clientId']", "a client id error", |t| {
            !t.is_empty()
        })
        .await;
    assert!(error.starts_with("Client id:"), "{error}");
    assert!(dialog_open(&app, "settings-dialog").await);
    assert_eq!(app.value("#settings-client-id").await, "not a client id");
    assert_eq!(app.text("#session-mode").await, "Demo");

    // Escape closes it.
    app.wait_for("#settings-client-id")
        .await
        .send_keys("\u{E00C}")
        .await
        .unwrap();
    app.wait_hidden("#settings-dialog").await;
    app.quit().await;
}
