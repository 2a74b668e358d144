//! Work that runs without any window: keeping the synced events fresh, then whatever the
//! shell does on each tick (reminders, the tray menu).

use std::future::Future;
use std::sync::Arc;
use std::time::Duration;

use super::AppCore;
use super::sync::MAX_AGE;

/// How often the loop wakes: reminders need minute precision, the sync only [`MAX_AGE`].
const TICK: Duration = Duration::from_secs(30);

impl AppCore {
    /// The background loop; runs as long as the app (spawn it once). Each tick while signed
    /// in syncs if the copy is older than [`MAX_AGE`], then runs `after_sync`.
    pub async fn keep_fresh<F, Fut>(self: Arc<Self>, mut after_sync: F)
    where
        F: FnMut() -> Fut,
        Fut: Future<Output = ()>,
    {
        let mut tick = tokio::time::interval(TICK);
        // After a long wait for a sign-in, one tick, not a burst of the missed ones.
        tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            tick.tick().await;
            // Nothing to sync or remind of while connecting or signed out: wait on the
            // connection's channel (the tray follows the status events meanwhile).
            self.connection.ready().await;
            // A failed sync is logged by the sync itself (once) and retried on the next
            // tick; the UI reports its own.
            if self.ensure_synced(false, Some(MAX_AGE)).await.is_err() {
                tracing::debug!("background sync retried on the next tick");
            }
            after_sync().await;
        }
    }
}
