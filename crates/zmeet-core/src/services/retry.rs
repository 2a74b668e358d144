//! While offline, syncing again with backoff (1 s, 2 s, 4 s, … up to 30 s), and at once
//! when NetworkManager says the network is back (`crate::network_watch`); the first
//! success clears the offline state.
//!
//! The network watch starts the first time the app goes offline, in the background: a run
//! that stays online never touches the system bus, and one without a system bus (or without
//! NetworkManager) gives up quietly and relies on the timer.

use std::sync::Arc;
use std::time::Duration;

use super::AppCore;
use crate::logging::WarnOnErr;
use crate::network_watch::{Bus, watch};

const FIRST_RETRY: Duration = Duration::from_secs(1);
const LONGEST_RETRY: Duration = Duration::from_secs(30);

/// How long the system bus may take to accept the connection before the watch gives up.
const BUS_CONNECT_TIMEOUT: Duration = Duration::from_secs(5);

/// The wait before the next try after `failures` failed tries in a row.
pub fn backoff(failures: u32) -> Duration {
    let doublings = failures.saturating_sub(1).min(16);
    FIRST_RETRY
        .saturating_mul(1 << doublings)
        .min(LONGEST_RETRY)
}

impl AppCore {
    /// The retry loop; runs as long as the app (spawn it once).
    pub async fn retry_while_offline(self: Arc<Self>) {
        let mut watching = false;
        loop {
            if !self.connectivity.is_offline() {
                // Woken when a call fails for want of Zoho.
                self.connectivity.wake.notified().await;
                continue;
            }
            if !watching {
                watching = true;
                tokio::spawn(Arc::clone(&self).watch_network());
            }
            let delay = backoff(self.connectivity.failures());
            tokio::select! {
                _ = tokio::time::sleep(delay) => {}
                _ = self.connectivity.wake.notified() => {}
            }
            // Signed in is `Ready` on the connection's channel (no status to build).
            let signed_in = self.connection.current().account().is_some();
            if self.connectivity.is_offline() && signed_in {
                // Success or failure is recorded by the sync itself.
                self.ensure_synced(true, None)
                    .await
                    .warn_on_err("sync retry failed; retried later");
            }
        }
    }

    /// Ends the retry loop's wait when NetworkManager says the network is back.
    async fn watch_network(self: Arc<Self>) {
        watch(Bus::System, BUS_CONNECT_TIMEOUT, || {
            if self.connectivity.is_offline() {
                self.connectivity.wake.notify_one();
            }
        })
        .await;
    }
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
