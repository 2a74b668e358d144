//! While offline, syncing again with backoff (1 s, 2 s, 4 s, … up to 30 s), and at once
//! when NetworkManager says the network is back (`super::network_watch`); the first
//! success clears the offline state.

use std::time::Duration;
use zmeet_core::logging::WarnOnErr;

use tauri::{AppHandle, Manager};

use crate::connectivity::Connectivity;
use crate::state::AppState;

const FIRST_RETRY: Duration = Duration::from_secs(1);
const LONGEST_RETRY: Duration = Duration::from_secs(30);

/// The wait before the next try after `failures` failed tries in a row.
pub fn backoff(failures: u32) -> Duration {
    let doublings = failures.saturating_sub(1).min(16);
    FIRST_RETRY
        .saturating_mul(1 << doublings)
        .min(LONGEST_RETRY)
}

pub fn start(app: &AppHandle) {
    let app = app.clone();
    tauri::async_runtime::spawn(async move {
        loop {
            let connectivity = app.state::<Connectivity>();
            if !connectivity.is_offline() {
                // Woken when a call fails for want of Zoho.
                connectivity.wake.notified().await;
                continue;
            }
            super::network_watch::ensure_started(&app);
            let delay = backoff(connectivity.failures());
            tokio::select! {
                _ = tokio::time::sleep(delay) => {}
                _ = connectivity.wake.notified() => {}
            }
            // Signed in is `Ready` on the connection's channel (no status to build).
            let signed_in = app
                .state::<AppState>()
                .connection
                .current()
                .account()
                .is_some();
            if connectivity.is_offline() && signed_in {
                // Success or failure is recorded by the sync itself.
                crate::sync::ensure_synced(&app, true, None)
                    .await
                    .warn_on_err("sync retry failed; retried later");
            }
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_backoff_doubles_up_to_half_a_minute() {
        let secs: Vec<u64> = (1..=8).map(|n| backoff(n).as_secs()).collect();
        assert_eq!(secs, [1, 2, 4, 8, 16, 30, 30, 30]);
        assert_eq!(backoff(0).as_secs(), 1);
        assert_eq!(backoff(u32::MAX).as_secs(), 30);
    }
}
