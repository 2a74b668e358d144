//! Not a test: the launch benchmark that `bench/launch.sh` runs (ignored by the test
//! runner). Measures, with the same method for each app: start a WebDriver session on the
//! app (tauri-driver + WebKitWebDriver, which launches it) → the content is painted, i.e.
//! the bare app's page is loaded, and zmeet's calendar shows events. zmeet is measured in
//! demo mode and with custom endpoints (the simulator) and a warm store: signed in and
//! synced once before, so the launch paints from the store. Each of the three has a session
//! of its own (Xvfb, D-Bus, keyring, home) in which it was launched once before the runs.
//! Runs are alternated (bare, demo, warm, bare, …) so drift on a busy machine hits all
//! alike, and each starts once the one before has exited; min/median/max and the ratio of
//! medians are printed, and Markdown rows for `bench/launch.sh --report`.

mod common;

use std::path::Path;
use std::time::{Duration, Instant};

use common::{App, browser};
use fantoccini::{ClientBuilder, Locator};
use serde_json::json;
use test_harness::{Session, TauriDriver};
use zoho_sim::{SimConfig, Simulator};

const FAKE_BROWSER: &str = "fake_browser";
/// Where the bare app's release binary is (set by bench/launch.sh).
const BARE_ENV: &str = "ZMEET_BENCH_BARE";
const RUNS_ENV: &str = "ZMEET_BENCH_RUNS";
/// zmeet's release binary (set by bench/launch.sh); the harness itself may be a debug build:
/// it only drives WebDriver, the same way for both apps.
const APP_ENV: &str = "ZMEET_BENCH_APP";
const PAINTED_TIMEOUT: Duration = Duration::from_secs(120);
const TEARDOWN_TIMEOUT: Duration = Duration::from_secs(30);
/// When set, each launch also prints where its time went (see `print_breakdown`).
const PROBE_ENV: &str = "ZMEET_BENCH_PROBE";

#[tokio::test(flavor = "multi_thread")]
#[ignore = "run by the app as its browser, not by the test runner"]
async fn fake_browser() {
    browser::run_fake_browser().await;
}

/// Launches `application` through a new WebDriver session and returns the time until an
/// element matching `painted` exists and is displayed.
async fn launch_to_painted(
    session: &Session,
    application: &str,
    env: &[(&str, &str)],
    painted: &str,
) -> Duration {
    let started = Instant::now();
    let driver = TauriDriver::start_with_env(session, env).expect("start tauri-driver");
    let mut capabilities = serde_json::Map::new();
    capabilities.insert("browserName".into(), json!("wry"));
    capabilities.insert(
        "tauri:options".into(),
        json!({ "application": application, "args": [] }),
    );
    zoho_core::tls::install_crypto_provider();
    let client = ClientBuilder::rustls()
        .expect("rustls client")
        .capabilities(capabilities)
        .connect(&driver.url())
        .await
        .expect("open a WebDriver session");
    let connected = started.elapsed();
    let mut polls = 0;
    loop {
        polls += 1;
        let shown = match client.find(Locator::Css(painted)).await {
            Ok(element) => element.is_displayed().await.unwrap_or(false),
            Err(_) => false,
        };
        if shown {
            break;
        }
        assert!(
            started.elapsed() < PAINTED_TIMEOUT,
            "{painted} never painted"
        );
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
    let elapsed = started.elapsed();
    if std::env::var_os(PROBE_ENV).is_some() {
        eprintln!(
            "probe {painted}: WebDriver session open at {} ms, found after {polls} polls",
            connected.as_millis()
        );
        print_breakdown(&client, painted, elapsed).await;
    }
    let _ = client.close().await;
    drop(driver);
    wait_for_teardown(session, application).await;
    elapsed
}

/// Waits until the launch's processes (the app, WebKit's, the drivers) have exited: the
/// next launch must not share the machine's cores with this one's teardown. Without it each
/// launch overlapped the one before's exit, and which app followed which decided who paid.
async fn wait_for_teardown(session: &Session, application: &str) {
    let application = std::fs::canonicalize(application).expect("the launched app's path");
    let is_launch_process = |exe: &Path| {
        exe == application
            || exe.file_name().is_some_and(|name| {
                let name = name.to_string_lossy();
                name.starts_with("WebKit") || name == "tauri-driver"
            })
    };
    common::wait_until(
        "the launch's processes to exit",
        TEARDOWN_TIMEOUT,
        async || match session.processes_where(is_launch_process).as_slice() {
            [] => Ok(()),
            left => Err(format!("still running: {left:?}")),
        },
    )
    .await
}

/// Prints, in ms since the launch began: the page's navigation start, its DOM ready and
/// load, and the UI's `zm:` performance marks (`ui/src/launch-marks.ts`, in ms since the
/// navigation start): where the time to painted went.
async fn print_breakdown(client: &fantoccini::Client, painted: &str, elapsed: Duration) {
    let now_ms = |time: std::time::SystemTime| {
        time.duration_since(std::time::UNIX_EPOCH)
            .map(|since| since.as_secs_f64() * 1000.0)
            .unwrap_or(0.0)
    };
    let launched_ms = now_ms(std::time::SystemTime::now()) - elapsed.as_secs_f64() * 1000.0;
    let script = "const t = performance.timing; const marks = {}; \
        for (const e of performance.getEntriesByType('mark')) marks[e.name] = Math.round(e.startTime); \
        const n = t.navigationStart; \
        const steps = { response: t.responseEnd - n, interactive: t.domInteractive - n, \
          contentLoaded: t.domContentLoadedEventStart - n, complete: t.domComplete - n, \
          loadStart: t.loadEventStart - n }; \
        for (const e of performance.getEntriesByType('paint')) steps[e.name] = Math.round(e.startTime); \
        return [t.navigationStart, t.domContentLoadedEventEnd, t.loadEventEnd, marks, steps];";
    let Ok(answer) = client.execute(script, vec![]).await else {
        eprintln!("probe {painted}: cannot read the page's timing");
        return;
    };
    let at = |index: usize| answer[index].as_f64().unwrap_or(0.0) - launched_ms;
    eprintln!(
        "probe {painted}: navigation start {:.0}, DOM ready {:.0}, loaded {:.0}; marks {}; steps (ms since the navigation start) {}",
        at(0),
        at(1),
        at(2),
        answer[3],
        answer[4]
    );
}

/// Min, median and max of a series of runs.
struct Spread {
    min: Duration,
    median: Duration,
    max: Duration,
}

impl Spread {
    fn of(values: &[Duration]) -> Spread {
        let mut sorted = values.to_vec();
        sorted.sort();
        Spread {
            min: sorted[0],
            median: sorted[sorted.len() / 2],
            max: sorted[sorted.len() - 1],
        }
    }
}

impl std::fmt::Display for Spread {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{}/{}/{} ms",
            self.min.as_millis(),
            self.median.as_millis(),
            self.max.as_millis()
        )
    }
}

#[tokio::test(flavor = "multi_thread")]
#[ignore = "a benchmark: run by bench/launch.sh"]
async fn launch_to_painted_calendar() {
    let bare = std::env::var(BARE_ENV).expect("ZMEET_BENCH_BARE names the bare app");
    let zmeet = std::env::var(APP_ENV).expect("ZMEET_BENCH_APP names zmeet's release build");
    let runs: usize = std::env::var(RUNS_ENV)
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(5);
    // An event of the calendar (the month view it opens on).
    let events = "#calendar [data-key]";

    // The warm store: sign in against the simulator and sync once.
    let sim = Simulator::start(SimConfig {
        dcs: vec!["us".into()],
        ..SimConfig::default()
    })
    .await
    .expect("start the simulator");
    let warm = Session::start().expect("headless session");
    let script = browser::install(warm.home(), FAKE_BROWSER, "accept");
    let endpoints = serde_json::to_string(sim.info()).unwrap();
    let env = [
        ("ZMEET_ZOHO_ENDPOINTS", endpoints.as_str()),
        ("ZMEET_BROWSER", script.to_str().unwrap()),
    ];
    let app = App::launch_program(&warm, &zmeet, &[], &env).await;
    app.click("#sign-in").await;
    app.wait_displayed(events).await;
    app.quit().await;
    wait_for_teardown(&warm, &zmeet).await;

    // Each app has a session of its own for every run, launched once before the runs, as
    // the warm store's session was by its sign-in: a later launch in a session costs more
    // than the first (bench/RESULTS.md), so all three are measured alike.
    let bare_session = Session::start().expect("headless session");
    launch_to_painted(&bare_session, &bare, &[], "h1").await;
    let demo_session = Session::start().expect("headless session");
    launch_to_painted(&demo_session, &zmeet, &[], events).await;
    let (mut bare_times, mut demo_times, mut warm_times) = (Vec::new(), Vec::new(), Vec::new());
    for run in 1..=runs {
        bare_times.push(launch_to_painted(&bare_session, &bare, &[], "h1").await);
        demo_times.push(launch_to_painted(&demo_session, &zmeet, &[], events).await);
        warm_times.push(launch_to_painted(&warm, &zmeet, &env, events).await);
        eprintln!(
            "run {run}: bare {:?}, zmeet demo {:?}, zmeet warm store {:?}",
            bare_times[run - 1],
            demo_times[run - 1],
            warm_times[run - 1]
        );
    }
    let bare = Spread::of(&bare_times);
    let ratio = |zmeet: &Spread| zmeet.median.as_secs_f64() / bare.median.as_secs_f64();
    let method = format!(
        "release builds; WebDriver new session (tauri-driver + WebKitWebDriver launch the \
         app) → first displayed event `[data-key]` (zmeet) / `h1` (bare); each app in a session \
         of its own, launched once before; {runs} alternated runs, each after the last one's \
         processes exited; ratio of medians"
    );
    let rows = [
        (
            "launch → calendar painted, demo mode",
            Spread::of(&demo_times),
        ),
        (
            "launch → calendar painted, custom endpoints, warm store (target ≤ 1.30×)",
            Spread::of(&warm_times),
        ),
    ];
    println!("launch → painted, min/median/max of {runs} alternated runs:");
    println!("  bare app (page loaded):              {bare}");
    for (what, zmeet) in &rows {
        println!("  {what}: {zmeet}, {:.2}× the bare app", ratio(zmeet));
    }
    // For bench/launch.sh --report (bench/report.sh's table).
    for (what, zmeet) in &rows {
        println!(
            "| {what} | {zmeet} | {bare} | {:.2}× | {method} |",
            ratio(zmeet)
        );
    }
}
