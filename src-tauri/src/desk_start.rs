//! What starts after the main window's first frame is on screen rather than before it: the
//! tray, the global shortcuts, the background loop, the offline retry loop and the sync
//! that follows opening the calendar store (held by `AppCore::hold_sync_until_painted`).
//! None of it is needed for the first frame. It used to run on the main thread before the
//! event loop let the webview load (the tray 18–48 ms in a release build), and then at the
//! page's load event, which comes before its first frame: the tray and the sync's requests,
//! store writes and redraws competed with that frame for the main thread and the machine's
//! cores (see `bench/RESULTS.md`). The page reports the frame (`first_frame_painted`); a
//! `--minimized` start has no page and starts them at once.

use std::sync::Once;
use std::time::Duration;

use tauri::{AppHandle, Manager};

/// If the page never reports its first frame (a script failed, the window is hidden), the
/// services start anyway after this long: the tray must not depend on the window.
const AT_THE_LATEST: Duration = Duration::from_secs(3);

/// Started once per process.
struct Started(Once);

/// Starts the services when the main window's page reports its first frame
/// ([`first_frame_painted`]), or after [`AT_THE_LATEST`]; at once when there is no window.
pub fn start_after_first_paint(app: &AppHandle, window_open: bool) {
    app.manage(Started(Once::new()));
    if !window_open {
        start_once(app);
        return;
    }
    let app = app.clone();
    tauri::async_runtime::spawn(async move {
        tokio::time::sleep(AT_THE_LATEST).await;
        let handle = app.clone();
        if let Err(error) = app.run_on_main_thread(move || start_once(&handle)) {
            tracing::warn!("cannot start the tray and background work: {error}");
        }
    });
}

/// The main window's page has painted its first frame (the command runs on the main
/// thread, where the tray's GTK objects must be made). Later reports do nothing.
pub fn first_frame_painted(app: &AppHandle) {
    start_once(app);
}

fn start_once(app: &AppHandle) {
    let Some(started) = app.try_state::<Started>() else {
        return;
    };
    started.0.call_once(|| start(app));
}

/// On the main thread (the tray's menu and icon are GTK's).
fn start(app: &AppHandle) {
    crate::session::core(app).painted();
    if let Err(error) = crate::tray::install(app) {
        tracing::error!("cannot create the tray icon: {error}");
    }
    crate::global_shortcuts::install(app);
    crate::background::start(app);
    crate::offline::start_retrying(app);
    // The tray was built as "connecting": the account may have connected meanwhile, and
    // its status event went by before the tray listened.
    let app = app.clone();
    tauri::async_runtime::spawn(async move { crate::tray::refresh(&app).await });
}
