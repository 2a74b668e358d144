//! Work that runs without any window: keeping the synced events fresh, the tray menu
//! current and reminders on time.

use std::time::Duration;
use zmeet_core::logging::WarnOnErr;

use tauri::{AppHandle, Listener, Manager};
use tauri_specta::Event;

use crate::events::{DataChanged, SessionStatus};

/// How often the loop wakes: reminders need minute precision, the sync only `sync::MAX_AGE`.
const TICK: Duration = Duration::from_secs(30);

pub fn start(app: &AppHandle) {
    // Only the event's name matters here: any change rebuilds the menu from the state.
    for name in [DataChanged::NAME, SessionStatus::NAME] {
        let handle = app.clone();
        app.listen_any(name, move |_| refresh_tray_later(&handle));
    }

    let app = app.clone();
    tauri::async_runtime::spawn(async move {
        let mut tick = tokio::time::interval(TICK);
        // After a long wait for a sign-in, one tick, not a burst of the missed ones.
        tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            tick.tick().await;
            // Nothing to sync or remind of while connecting or signed out: wait on the
            // connection's channel (the tray follows the status events meanwhile).
            let connection = &app.state::<crate::state::AppState>().connection;
            connection.ready().await;
            // A failed background sync is retried on the next tick; the UI reports its own.
            crate::sync::ensure_synced(&app, false, Some(crate::sync::MAX_AGE))
                .await
                .warn_on_err("background sync failed; retried on the next tick");
            crate::reminders::check(&app).await;
            crate::tray::refresh(&app).await;
        }
    });
}

fn refresh_tray_later(app: &AppHandle) {
    let app = app.clone();
    tauri::async_runtime::spawn(async move { crate::tray::refresh(&app).await });
}
