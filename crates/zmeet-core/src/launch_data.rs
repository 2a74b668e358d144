//! The calendar's first month, handed to the main window's page while it loads, so that it
//! paints the stored events without waiting for an IPC round-trip after its code has run
//! (issue 11's instant launch). The shell serves [`script`] on its own URI scheme; the page
//! loads it as a classic script before its module runs (`ui/index.html`,
//! `ui/src/calendar/first-range.ts`), which checks and filters what it gets.

use crate::calendar::CalendarEvent;

/// The URI scheme the shell serves the script on (`zmeetlaunch://localhost/first-range.js`).
pub const SCHEME: &str = "zmeetlaunch";

/// The global the script sets; the page reads it once and deletes it.
pub const GLOBAL: &str = "__ZMEET_FIRST_RANGE__";

const DAY_MS: f64 = 86_400_000.0;

/// The range the script covers, `[from, to)` around `now_ms`: every month grid the page may
/// open on (from the Sunday on or before the 1st of this month, six weeks), whatever the
/// local zone, so the page filters it and Rust need not know its calendar.
pub fn window(now_ms: f64) -> (f64, f64) {
    (now_ms - 38.0 * DAY_MS, now_ms + 43.0 * DAY_MS)
}

/// The script: the window and its events when the local copy can answer (`events`), else
/// `null`, and the page asks over IPC as before. JSON is valid JavaScript, and nothing
/// else is written, so no text from Zoho can become code.
pub fn script(window: (f64, f64), events: Option<&[CalendarEvent]>) -> String {
    let handed = events.map(|events| Handed {
        from_ms: window.0,
        to_ms: window.1,
        events,
    });
    let json = serde_json::to_string(&handed).unwrap_or_else(|_| "null".into());
    format!("window.{GLOBAL} = {json};\n")
}

/// What the script sets. Serialized from the events themselves (not through a
/// `serde_json::Value`, which sorts keys), so each event's JSON is what IPC gives for it:
/// one shape on the wire. (The page compared the two as text once, and redrew the same
/// month at every launch; it now compares them field by field.)
#[derive(serde::Serialize)]
#[serde(rename_all = "camelCase")]
struct Handed<'a> {
    from_ms: f64,
    to_ms: f64,
    events: &'a [CalendarEvent],
}

#[cfg(test)]
mod tests {
    use super::*;

    fn event(topic: &str) -> CalendarEvent {
        CalendarEvent {
            topic: topic.into(),
            is_host: true,
            ..CalendarEvent::test_meeting("k1", 1.0, 2.0)
        }
    }

    #[test]
    fn the_window_holds_every_first_month_grid() {
        let now = 1_800_000_000_000.0;
        let (from, to) = window(now);
        // The grid starts at most 31 + 6 days back and ends at most 42 days ahead.
        assert!(from <= now - 37.0 * DAY_MS);
        assert!(to >= now + 42.0 * DAY_MS);
    }

    #[test]
    fn the_script_sets_the_events_as_data_or_null() {
        let text = script((0.0, 10.0), Some(&[event("</script><b>\u{2028}x")]));
        let json = text
            .strip_prefix("window.__ZMEET_FIRST_RANGE__ = ")
            .and_then(|rest| rest.strip_suffix(";\n"))
            .expect("one assignment");
        let value: serde_json::Value = serde_json::from_str(json).unwrap();
        assert_eq!(value["fromMs"], 0.0);
        assert_eq!(value["toMs"], 10.0);
        assert_eq!(value["events"][0]["topic"], "</script><b>\u{2028}x");
        assert_eq!(value["events"][0]["startMs"], 1.0);
        assert_eq!(
            script((0.0, 1.0), None),
            "window.__ZMEET_FIRST_RANGE__ = null;\n"
        );
    }

    #[test]
    fn each_handed_event_is_written_as_ipc_writes_it() {
        let meeting = event("Standup");
        let text = script((0.0, 10.0), Some(std::slice::from_ref(&meeting)));
        let ipc = serde_json::to_string(&meeting).unwrap();
        assert!(text.contains(&format!("\"events\":[{ipc}]")), "{text}");
    }
}
