//! What starts after the main window's page has loaded rather than before it: the tray,
//! the global shortcuts, the background loop, the offline retry loop and the URL-handler
//! registration. None of it is needed for the first paint, and all of it used to run on the
//! main thread before the event loop let the webview load (release build, measured in
//! `bench/RESULTS.md`: the handler registration 20–33 ms of `xdg-mime` processes, the tray
//! 18–48 ms), then the background loop's first sync and tray rebuilds competed with WebKit's
//! start for the machine's cores. A `--minimized` start has no page to wait for and starts
//! them at once.

use std::sync::Once;
use std::time::Duration;

use tauri::webview::{PageLoadEvent, PageLoadPayload};
use tauri::{AppHandle, Manager, Webview};

/// If the page never reports its load (closed at once, failed), the services start anyway
/// after this long: the tray must not depend on the window.
const AT_THE_LATEST: Duration = Duration::from_secs(3);

/// Started once per process.
struct Started(Once);

/// Starts the services when the main window's page has loaded ([`page_loaded`]), or
/// after [`AT_THE_LATEST`]; at once when there is no window.
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

/// The builder's page-load hook (on the main thread): starts the services once the main
/// window's page has loaded.
pub fn page_loaded(webview: &Webview, payload: &PageLoadPayload<'_>) {
    if payload.event() == PageLoadEvent::Finished && webview.label() == crate::windows::MAIN {
        start_once(webview.app_handle());
    }
}

fn start_once(app: &AppHandle) {
    let Some(started) = app.try_state::<Started>() else {
        return;
    };
    started.0.call_once(|| start(app));
}

/// On the main thread (the tray's menu and icon are GTK's).
fn start(app: &AppHandle) {
    // `xdg-mime` and `update-desktop-database` are processes to wait for: not here.
    let handle = app.clone();
    let registering = std::thread::Builder::new()
        .name("scheme-registration".into())
        .spawn(move || crate::deep_link::register_scheme(&handle));
    if let Err(error) = registering {
        tracing::warn!("could not register the URL handler: {error}");
    }
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
