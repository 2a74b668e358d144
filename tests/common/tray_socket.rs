//! The debug build's tray test socket: tray menu actions sent by their menu id, since an
//! AppIndicator menu cannot be clicked under Xvfb (`zmeet_core::tray_test_hook`).

use std::io::{BufRead, BufReader, Write};
use std::os::unix::net::UnixStream;
use std::path::{Path, PathBuf};
use std::time::Duration;

use test_harness::Session;

/// The environment variable naming the socket the app listens on.
pub const ENV: &str = "ZMEET_TEST_TRAY_SOCKET";

/// Where the app of `session` is told to listen.
pub fn path(session: &Session) -> PathBuf {
    session.home().join("tray.sock")
}

/// Sends one menu id; its answer, or `None` while no process listens on `socket` (a process
/// replaced in place has closed it, the new one has not bound it yet). "quit" may end the
/// app before it answers: that reads as an empty answer.
pub fn try_send(socket: &Path, id: &str) -> Option<String> {
    let mut stream = UnixStream::connect(socket).ok()?;
    writeln!(stream, "{id}").ok()?;
    let mut answer = String::new();
    let _ = BufReader::new(stream).read_line(&mut answer);
    Some(answer.trim().to_owned())
}

/// Sends one menu id to an app that listens; returns its answer.
pub fn send(socket: &Path, id: &str) -> String {
    try_send(socket, id).expect("the app's test socket")
}

/// Waits until the app has bound its socket.
pub async fn wait_listening(socket: &Path) {
    super::eventually("the test socket", Duration::from_secs(10), || {
        socket.exists()
    })
    .await;
}
