//! Retrying at once when NetworkManager says the network is back (`zmeet_core::network_watch`).
//! The watch starts the first time the app goes offline, in the background: a launch that
//! stays online never touches the system bus, and one without a system bus (or without
//! NetworkManager) gives up quietly and relies on the retry loop's timer.

use std::sync::Once;
use std::time::Duration;

use tauri::{AppHandle, Manager};
use zmeet_core::network_watch::{Bus, watch};

use crate::connectivity::Connectivity;

/// How long the system bus may take to accept the connection before the watch gives up.
const CONNECT_TIMEOUT: Duration = Duration::from_secs(5);

static STARTED: Once = Once::new();

/// Starts watching NetworkManager, once per run.
pub fn ensure_started(app: &AppHandle) {
    STARTED.call_once(|| {
        let app = app.clone();
        tauri::async_runtime::spawn(async move {
            watch(Bus::System, CONNECT_TIMEOUT, || {
                let connectivity = app.state::<Connectivity>();
                if connectivity.is_offline() {
                    // Ends the retry loop's backoff wait now.
                    connectivity.wake.notify_one();
                }
            })
            .await;
        });
    });
}
