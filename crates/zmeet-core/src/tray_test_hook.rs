//! Debug builds only: a Unix socket through which end-to-end tests run tray actions, since
//! an AppIndicator menu cannot be clicked under Xvfb. Each line is a menu id, or
//! `close-main-window` (what the window manager's close button does); the answer is `ok` or
//! `error <code>: <message>`. The shell runs the requests; release builds contain neither.

use std::io::{BufRead, BufReader, Write};
use std::os::unix::net::{UnixListener, UnixStream};
use std::path::Path;
use std::sync::Arc;

use crate::error::AppError;
use crate::tray::MenuAction;

/// The socket path; the hook is off unless it is set.
pub const SOCKET_ENV: &str = "ZMEET_TEST_TRAY_SOCKET";

/// One line from a test.
#[derive(Debug, PartialEq, Eq)]
pub enum Request {
    CloseMainWindow,
    Action(MenuAction),
    Unknown(String),
}

impl Request {
    pub fn parse(line: &str) -> Self {
        let line = line.trim();
        if line == "close-main-window" {
            return Self::CloseMainWindow;
        }
        match line.parse() {
            Ok(action) => Self::Action(action),
            Err(_) => Self::Unknown(line.to_owned()),
        }
    }
}

/// The answer line for a request's outcome.
pub fn answer(outcome: Result<(), AppError>) -> String {
    match outcome {
        Ok(()) => "ok".to_owned(),
        Err(error) => format!(
            "error {}: {}",
            serde_json::to_value(error.code)
                .unwrap_or_default()
                .as_str()
                .unwrap_or("?"),
            error.message
        ),
    }
}

/// Listens on `path` (replacing a stale socket) and answers each line with `run`, one
/// thread per connection, in the background.
pub fn serve(
    path: &Path,
    run: impl Fn(Request) -> String + Send + Sync + 'static,
) -> std::io::Result<()> {
    if let Err(error) = std::fs::remove_file(path)
        && error.kind() != std::io::ErrorKind::NotFound
    {
        tracing::warn!("test hook: cannot remove the old socket: {error}");
    }
    let listener = UnixListener::bind(path)?;
    let run = Arc::new(run);
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let run = Arc::clone(&run);
            std::thread::spawn(move || {
                if let Err(error) = converse(stream, &*run) {
                    tracing::warn!("test hook: cannot answer on the socket: {error}");
                }
            });
        }
    });
    Ok(())
}

fn converse(stream: UnixStream, run: &dyn Fn(Request) -> String) -> std::io::Result<()> {
    let mut writer = stream.try_clone()?;
    for line in BufReader::new(stream).lines().map_while(Result::ok) {
        writeln!(writer, "{}", run(Request::parse(&line)))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::calendar::EventKind;
    use crate::error::ErrorCode;

    #[test]
    fn lines_parse_to_requests() {
        assert_eq!(
            Request::parse(" close-main-window\n"),
            Request::CloseMainWindow
        );
        assert_eq!(
            Request::parse("meet-now"),
            Request::Action(MenuAction::MeetNow)
        );
        assert_eq!(
            Request::parse("event:join:meeting:42"),
            Request::Action(MenuAction::Join(EventKind::Meeting, "42".to_owned()))
        );
        assert_eq!(
            Request::parse("dance"),
            Request::Unknown("dance".to_owned())
        );
    }

    #[test]
    fn answers_carry_the_stable_code() {
        assert_eq!(answer(Ok(())), "ok");
        let error = AppError::new(ErrorCode::NoLink, "no join link");
        assert_eq!(answer(Err(error)), "error no_link: no join link");
    }

    #[test]
    fn the_socket_answers_each_line_in_order() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("hook.sock");
        std::fs::write(&path, "stale").unwrap();
        serve(&path, |request| match request {
            Request::Action(action) => format!("ran {action}"),
            other => format!("{other:?}"),
        })
        .unwrap();
        let stream = UnixStream::connect(&path).unwrap();
        let mut writer = stream.try_clone().unwrap();
        writer.write_all(b"meet-now\nclose-main-window\n").unwrap();
        let mut lines = BufReader::new(stream).lines();
        assert_eq!(lines.next().unwrap().unwrap(), "ran meet-now");
        assert_eq!(lines.next().unwrap().unwrap(), "CloseMainWindow");
    }
}
