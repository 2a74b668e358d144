//! Serves the calendar's first month to the main window's page while it loads, so that it
//! paints the stored events at once (see `zmeet_core::launch_data`).

use std::time::Duration;

use tauri::http::header::{CACHE_CONTROL, CONTENT_TYPE, HeaderValue};
use tauri::http::{Request, Response, StatusCode};
use tauri::{Manager, UriSchemeContext, UriSchemeResponder, Wry};
use zmeet_core::launch_data::{script, window};

use crate::state::AppState;

pub use zmeet_core::launch_data::SCHEME;

/// The one thing served.
const PATH: &str = "/first-range.js";

/// How long the page's load may wait for the account to connect and its store to open.
/// Longer (a keyring waiting to be unlocked, say) and the page asks over IPC instead.
const CONNECT_WAIT: Duration = Duration::from_millis(400);

/// The URI scheme's handler: the script for the main window, nothing for anyone else.
pub fn serve(
    context: UriSchemeContext<'_, Wry>,
    request: Request<Vec<u8>>,
    responder: UriSchemeResponder,
) {
    if context.webview_label() != crate::windows::MAIN || request.uri().path() != PATH {
        let mut refused = Response::new(Vec::new());
        *refused.status_mut() = StatusCode::NOT_FOUND;
        responder.respond(refused);
        return;
    }
    let app = context.app_handle().clone();
    tauri::async_runtime::spawn(async move {
        let mut response = Response::new(first_range(&app).await.into_bytes());
        let headers = response.headers_mut();
        headers.insert(CONTENT_TYPE, HeaderValue::from_static("text/javascript"));
        headers.insert(CACHE_CONTROL, HeaderValue::from_static("no-store"));
        responder.respond(response);
    });
}

/// The script: the stored events around today once the account has connected, if the
/// local copy reaches back far enough; else `null` (the page then asks over IPC).
async fn first_range(app: &tauri::AppHandle) -> String {
    let range = window(chrono::Utc::now().timestamp_millis() as f64);
    let state = app.state::<AppState>();
    if !state.settled_within(CONNECT_WAIT).await {
        return script(range, None);
    }
    let cache = state.cache.lock().await;
    let events = cache
        .covers(range.0)
        .then(|| cache.in_range(range.0, range.1));
    script(range, events.as_deref())
}
