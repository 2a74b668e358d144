//! Work that runs without any window: the core's loop keeps the synced events fresh; on
//! each tick the shell checks reminders and redraws the tray, and it redraws the tray
//! whenever the account or the data change.

use tauri::{AppHandle, Listener};
use tauri_specta::Event;

use crate::events::{DataChanged, SessionStatus};
use crate::session::core;

pub fn start(app: &AppHandle) {
    // Only the event's name matters here: any change rebuilds the menu from the state.
    for name in [DataChanged::NAME, SessionStatus::NAME] {
        let handle = app.clone();
        app.listen_any(name, move |_| refresh_tray_later(&handle));
    }
    let handle = app.clone();
    tauri::async_runtime::spawn(core(app).keep_fresh(move || {
        let app = handle.clone();
        async move {
            crate::reminders::check(&app).await;
            crate::tray::refresh(&app).await;
        }
    }));
}

fn refresh_tray_later(app: &AppHandle) {
    let app = app.clone();
    tauri::async_runtime::spawn(async move { crate::tray::refresh(&app).await });
}
