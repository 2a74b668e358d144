//! Closing the last window drops the app back to the state of a `--minimized` start: the
//! process replaces itself (same pid), so no WebKit process is left, and the tray, reopening
//! the window, quick-create and the single-instance hand-over still work. Tray actions go
//! through the debug build's test socket (an AppIndicator menu cannot be clicked under Xvfb).

mod common;

use std::path::Path;
use std::time::Duration;

use common::{App, app_processes, eventually, tray_socket};
use test_harness::Session;

/// Sends `id` once the app listens on its socket, and returns the answer.
async fn tray(socket: &Path, id: &str) -> String {
    let mut answer = None;
    eventually(
        &format!("the app to take {id:?} on its socket"),
        Duration::from_secs(30),
        || {
            answer = tray_socket::try_send(socket, id);
            answer.is_some()
        },
    )
    .await;
    answer.unwrap()
}

/// WebKit's web and network processes of the session (WebKitWebDriver is the test's).
fn webkit_processes(session: &Session) -> Vec<u32> {
    session.processes_where(|exe| {
        exe.file_name()
            .is_some_and(|name| name == "WebKitWebProcess" || name == "WebKitNetworkProcess")
    })
}

fn web_processes(session: &Session) -> usize {
    session
        .processes_where(|exe| exe.ends_with("WebKitWebProcess"))
        .len()
}

fn command_line(pid: u32) -> Vec<String> {
    std::fs::read(format!("/proc/{pid}/cmdline"))
        .unwrap_or_default()
        .split(|byte| *byte == 0)
        .filter(|arg| !arg.is_empty())
        .map(|arg| String::from_utf8_lossy(arg).into_owned())
        .collect()
}

/// Closes the main window the window manager's way and waits for the drop to tray-only: the
/// same process, now `zmeet --minimized`, with no WebKit process left.
async fn close_and_drop_to_tray_only(session: &Session, socket: &Path, pid: u32) {
    // The process may be replaced before its answer is written: no answer is fine, an error
    // is not.
    let answer = tray(socket, "close-main-window").await;
    assert!(matches!(answer.as_str(), "ok" | ""), "{answer}");
    eventually(
        "no WebKit process left after the close",
        Duration::from_secs(30),
        || webkit_processes(session).is_empty(),
    )
    .await;
    eventually(
        "the process to restart as `zmeet --minimized`",
        Duration::from_secs(30),
        || command_line(pid).get(1).map(String::as_str) == Some("--minimized"),
    )
    .await;
    assert_eq!(command_line(pid).len(), 2, "{:?}", command_line(pid));
    assert_eq!(
        app_processes(session),
        vec![pid],
        "one app, the same process"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn closing_the_last_window_drops_to_a_tray_only_process_that_still_works() {
    let session = Session::start().expect("headless session");
    let socket = tray_socket::path(&session);
    let env = [(tray_socket::ENV, socket.to_str().unwrap())];
    let app = App::launch_with_env(&session, &[], &env).await;
    tray_socket::wait_listening(&socket).await;
    let pids = app_processes(&session);
    assert_eq!(pids.len(), 1);
    let pid = pids[0];
    assert!(
        webkit_processes(&session).len() >= 2,
        "the window has a web and a network process"
    );

    close_and_drop_to_tray_only(&session, &socket, pid).await;

    // The tray-only process answers the tray: Open brings the window back.
    assert_eq!(tray(&socket, "open").await, "ok");
    eventually("a new webview", Duration::from_secs(30), || {
        web_processes(&session) == 1
    })
    .await;
    close_and_drop_to_tray_only(&session, &socket, pid).await;

    // Schedule… opens the quick-create window from the tray-only process.
    assert_eq!(tray(&socket, "schedule").await, "ok");
    eventually("the quick-create webview", Duration::from_secs(30), || {
        web_processes(&session) == 1
    })
    .await;

    // It holds the single-instance name: a second launch hands over and exits, and the
    // running one opens its main window beside the quick-create one.
    let second = session.command(common::APP).status().unwrap();
    assert!(second.success(), "{second}");
    eventually(
        "the window opened by the second launch",
        Duration::from_secs(30),
        || web_processes(&session) == 2,
    )
    .await;
    assert_eq!(app_processes(&session), vec![pid]);

    tray(&socket, "quit").await;
    eventually("the app to quit", Duration::from_secs(15), || {
        app_processes(&session).is_empty()
    })
    .await;
    drop(app);
}
