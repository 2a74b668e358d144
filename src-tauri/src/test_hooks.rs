//! Debug builds only: a Unix socket through which end-to-end tests run tray actions, since
//! an AppIndicator menu cannot be clicked under Xvfb. Each line is a menu id, or
//! `close-main-window` (what the window manager's close button does); the answer is `ok` or
//! `error <code>: <message>`. Release builds do not contain this module.

use std::io::{BufRead, BufReader, Write};
use std::os::unix::net::UnixListener;

use tauri::AppHandle;

use crate::tray::MenuAction;

/// The socket path; the hook is off unless it is set.
pub const SOCKET_ENV: &str = "ZMEET_TEST_TRAY_SOCKET";

pub fn start(app: &AppHandle) {
    let Some(path) = std::env::var_os(SOCKET_ENV) else {
        return;
    };
    if let Err(error) = std::fs::remove_file(&path)
        && error.kind() != std::io::ErrorKind::NotFound
    {
        tracing::warn!("test hook: cannot remove the old socket: {error}");
    }
    let listener = match UnixListener::bind(&path) {
        Ok(listener) => listener,
        Err(error) => {
            tracing::warn!("test hook socket: {error}");
            return;
        }
    };
    let app = app.clone();
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let app = app.clone();
            std::thread::spawn(move || {
                let mut writer = match stream.try_clone() {
                    Ok(writer) => writer,
                    Err(error) => {
                        tracing::warn!("test hook: cannot answer on the socket: {error}");
                        return;
                    }
                };
                for line in BufReader::new(stream).lines().map_while(Result::ok) {
                    let answer = match line.trim().parse::<MenuAction>() {
                        _ if line.trim() == "close-main-window" => close_main(&app),
                        Ok(action) => {
                            match tauri::async_runtime::block_on(crate::tray::handle(&app, action))
                            {
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
                        Err(_) => format!("error unknown_action: {line}"),
                    };
                    if writeln!(writer, "{answer}").is_err() {
                        break;
                    }
                }
            });
        }
    });
}

fn close_main(app: &AppHandle) -> String {
    use tauri::Manager;
    match app.get_webview_window(crate::windows::MAIN) {
        Some(window) => match window.close() {
            Ok(()) => "ok".to_owned(),
            Err(error) => format!("error close: {error}"),
        },
        None => "error close: the main window is not open".to_owned(),
    }
}
