//! Without a GPU the page is painted by Skia on the CPU, not by OpenGL on Mesa's llvmpipe
//! (`zmeet_core::web_painting`: less memory with the window open), the page stays composited
//! so WebDriver's screenshots still answer, and a painter the user chose is kept.

mod common;

use std::time::Duration;

use common::{App, calendar};
use test_harness::Session;
use zmeet_core::web_painting::{CPU_PAINTING_ENV, Machine};

/// `CPU_PAINTING_ENV`'s value in the environment of the session's WebKit web process.
fn web_process_painter(session: &Session) -> Option<String> {
    let pids = session.processes_where(|exe| exe.ends_with("WebKitWebProcess"));
    assert_eq!(pids.len(), 1, "one web process: {pids:?}");
    let environ = std::fs::read(format!("/proc/{}/environ", pids[0])).expect("its environment");
    let prefix = format!("{CPU_PAINTING_ENV}=");
    environ
        .split(|byte| *byte == 0)
        .map(String::from_utf8_lossy)
        .find_map(|entry| entry.strip_prefix(&prefix).map(str::to_owned))
}

#[tokio::test]
async fn without_a_gpu_the_web_process_paints_on_the_cpu_and_screenshots_still_answer() {
    let session = Session::start().expect("headless session");
    let app = App::launch(&session, &[]).await;
    app.wait_displayed(calendar::MONTH_EVENT).await;

    let expected = if Machine::read().paint_with_cpu() {
        Some("1".to_owned())
    } else {
        std::env::var(CPU_PAINTING_ENV).ok()
    };
    assert_eq!(web_process_painter(&session), expected);
    // A non-composited page hung WebKitWebDriver's screenshot; this one must answer.
    tokio::time::timeout(
        Duration::from_secs(30),
        app.screenshot("web-painting-month.png"),
    )
    .await
    .expect("the screenshot answered");
    app.quit().await;
}

#[tokio::test]
async fn a_painter_the_user_chose_is_kept() {
    let session = Session::start().expect("headless session");
    let app = App::launch_with_env(&session, &[], &[(CPU_PAINTING_ENV, "0")]).await;
    app.wait_displayed(calendar::MONTH_EVENT).await;
    assert_eq!(web_process_painter(&session).as_deref(), Some("0"));
    app.quit().await;
}
