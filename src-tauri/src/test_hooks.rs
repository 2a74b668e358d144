//! Debug builds only: the socket through which end-to-end tests run tray actions (the
//! protocol is `zmeet_core::tray_test_hook`'s). Release builds do not contain this module.

use tauri::{AppHandle, Manager};
use zmeet_core::tray_test_hook::{Request, SOCKET_ENV, answer, serve};

pub fn start(app: &AppHandle) {
    let Some(path) = std::env::var_os(SOCKET_ENV) else {
        return;
    };
    let app = app.clone();
    let run = move |request| match request {
        Request::CloseMainWindow => close_main(&app),
        Request::Action(action) => answer(tauri::async_runtime::block_on(
            zmeet_core::tray_actions::perform(&crate::tray::Shell(&app), action),
        )),
        Request::Unknown(line) => format!("error unknown_action: {line}"),
    };
    if let Err(error) = serve(std::path::Path::new(&path), run) {
        tracing::warn!("test hook socket: {error}");
    }
}

fn close_main(app: &AppHandle) -> String {
    match app.get_webview_window(crate::windows::MAIN) {
        Some(window) => match window.close() {
            Ok(()) => "ok".to_owned(),
            Err(error) => format!("error close: {error}"),
        },
        None => "error close: the main window is not open".to_owned(),
    }
}
