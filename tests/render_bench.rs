//! Not a test: the render benchmark that `bench/render.sh` runs (ignored by the test runner).
//!
//! Method: the real app (demo mode) in its real WebKitGTK webview under Xvfb. The page's IPC
//! answer to `list_events` is replaced (in the page only) by synthetic events at a fixed
//! density: `N` events over the six weeks a month view shows, so a month view gets `N`, a
//! week view `N / 6` and the agenda (a calendar month) its month's share. Each run moves the
//! view (next or previous, alternately) and times from the events handed to the calendar
//! (the IPC answer resolved) to the first frame painted with them: the new events are in
//! the DOM, then one animation frame, then a task after it (the paint happens between).
//! Sizes are alternated within each view (2,000, 20,000, 2,000, …) so drift on a busy
//! machine hits both alike. One line per (view, size) with min/median/max in ms.

mod common;

use common::{App, calendar};
use serde_json::json;
use test_harness::Session;

/// The app binary to measure (bench/render.sh sets the release build's); default: the
/// build these tests were compiled with.
const APP_ENV: &str = "ZMEET_BENCH_APP";
/// How many timed runs per view and size (default 5).
const RUNS_ENV: &str = "ZMEET_RENDER_RUNS";
/// The month view's budget in ms for 2,000 events (the target: 100): the run fails over it.
const BUDGET_ENV: &str = "ZMEET_RENDER_BUDGET_MS";
/// Comma-separated views to measure (month, week, agenda); default: all.
const VIEWS_ENV: &str = "ZMEET_RENDER_VIEWS";
/// Script run in the page before the timed runs (see its use).
const PROBE_ENV: &str = "ZMEET_RENDER_PROBE_JS";
const SIZES: [u64; 2] = [2_000, 20_000];
/// (name in the report, the toolbar's view button)
const VIEWS: [(&str, &str); 3] = [
    ("month", "#view-month"),
    ("week", "#view-week"),
    ("agenda", "#view-agenda"),
];

/// Answers `list_events` in the page with synthetic events (see the module comment). Keys
/// carry the answer's number, so a run waits for this answer's events, not the last one's.
const SETUP: &str = r##"
const realFetch = window.fetch;
const DAY = 86400000;
window.__zmBench = { fetched: 0, answer: 0, perSixWeeks: 2000 };
const synthetic = (args, answer) => {
  const days = Math.max(1, Math.round((args.toMs - args.fromMs) / DAY));
  const count = Math.round(window.__zmBench.perSixWeeks * days / 42);
  const events = [];
  for (let i = 0; i < count; i++) {
    const start = args.fromMs + (i % days) * DAY + (7 + (i * 7) % 11) * 3600000 + (i % 2) * 1800000;
    events.push({ kind: i % 5 === 0 ? "webinar" : "meeting", key: `bench-${answer}-${i}`,
                  topic: `Bench meeting ${i}`, startMs: start, endMs: start + 1800000,
                  timezone: "UTC", isHost: true, joinLink: null });
  }
  return events;
};
// Tauri's IPC on Linux is a fetch to its ipc: protocol, looked up at call time.
window.fetch = function (url, init) {
  if (String(url).endsWith("/list_events")) {
    const answer = ++window.__zmBench.answer;
    const body = JSON.stringify(synthetic(JSON.parse(init.body), answer));
    return Promise.resolve(new Response(body, {
      headers: { "Content-Type": "application/json", "Tauri-Response": "ok" },
    })).then((response) => { window.__zmBench.fetched = performance.now(); return response; });
  }
  return realFetch.apply(this, arguments);
};
return window.fetch === realFetch ? "not replaced" : "ok";
"##;

/// Clicks `button` (a toolbar button's selector) with `perSixWeeks` events and reports the
/// time from the answer handed over to the frame painted with its events.
const RUN: &str = r##"
const [button, perSixWeeks, done] = arguments;
window.__zmBench.perSixWeeks = perSixWeeks;
const answer = window.__zmBench.answer + 1;
const t0 = performance.now();
document.querySelector(button).click();
const check = () => {
  if (window.__zmBench.answer >= answer
      && document.querySelector(`#calendar [data-key^="bench-${window.__zmBench.answer}-"]`)) {
    requestAnimationFrame(() => setTimeout(() => {
      const t1 = performance.now();
      const events = document.querySelectorAll(`#calendar [data-key^="bench-${window.__zmBench.answer}-"]`).length;
      // The view shown's: a view not active keeps its elements, in a hidden container.
      const shown = (css) => [...document.querySelectorAll(css)].filter((el) => el.getClientRects().length > 0);
      const behindMore = shown("#calendar [data-more]").reduce((sum, el) => sum + Number(el.dataset.more), 0);
      done({ render: t1 - window.__zmBench.fetched, total: t1 - t0, events, behindMore,
             elements: shown("#calendar [data-key], #calendar [data-more]").length });
    }, 0));
  } else setTimeout(check, 0);
};
check();
"##;

#[tokio::test]
#[ignore = "a benchmark: bench/render.sh runs it"]
async fn render_month_week_agenda() {
    let runs: usize = std::env::var(RUNS_ENV)
        .ok()
        .and_then(|runs| runs.parse().ok())
        .unwrap_or(5);
    let session = Session::start().expect("headless session");
    let program = std::env::var(APP_ENV).unwrap_or_else(|_| common::APP.to_owned());
    let app = App::launch_program(&session, &program, &[], &[]).await;
    app.wait_displayed(calendar::EVENT).await;
    app.wait_hidden("#sync-progress").await;
    assert_eq!(app.js(SETUP, vec![]).await, "ok");
    // An A/B hook: script run in the page before the runs (say, a FullCalendar option or a
    // CSS rule changed at run time), so a change can be measured without rebuilding.
    if let Ok(probe) = std::env::var(PROBE_ENV) {
        println!("probe: {}", app.js(&probe, vec![]).await);
    }

    let mut medians = Vec::new();
    let only = std::env::var(VIEWS_ENV).unwrap_or_default();
    for (name, view) in VIEWS {
        if !only.is_empty() && !only.split(',').any(|wanted| wanted == name) {
            continue;
        }
        // Switching views fetches too; not timed. The app opens on the month view.
        if name != "month" {
            app.js_async(RUN, vec![json!(view), json!(SIZES[0])]).await;
        }
        let mut times: Vec<Vec<f64>> = vec![Vec::new(); SIZES.len()];
        for run in 0..runs {
            let button = if run % 2 == 0 {
                calendar::NEXT
            } else {
                calendar::PREV
            };
            for (slot, size) in SIZES.iter().enumerate() {
                let result = app.js_async(RUN, vec![json!(button), json!(size)]).await;
                println!("{name} {size}: {result}");
                assert!(result["events"].as_u64().unwrap_or(0) > 0, "{result}");
                times[slot].push(result["render"].as_f64().unwrap());
            }
        }
        for (slot, size) in SIZES.iter().enumerate() {
            let sorted = &mut times[slot];
            sorted.sort_by(f64::total_cmp);
            let median = sorted[sorted.len() / 2];
            println!(
                "RENDER {name} {size} min {:.0} median {median:.0} max {:.0} runs {}",
                sorted[0],
                sorted[sorted.len() - 1],
                sorted.len()
            );
            medians.push((name, *size, median));
        }
        app.screenshot(&format!("render-{name}.png")).await;
    }
    app.quit().await;

    if let Some(budget) = std::env::var(BUDGET_ENV)
        .ok()
        .and_then(|value| value.parse::<f64>().ok())
    {
        // The month of 2,000 (absent when ZMEET_RENDER_VIEWS leaves the month out).
        if let Some((.., median)) = medians.iter().find(|(name, ..)| *name == "month") {
            assert!(
                *median <= budget,
                "month of 2,000: median {median} ms over {budget} ms"
            );
        }
    }
}
