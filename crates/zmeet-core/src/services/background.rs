//! Work that runs without any window: keeping the synced events fresh, then whatever the
//! shell does on each tick (reminders, the tray menu).

use std::future::Future;
use std::sync::Arc;
use std::time::Duration;

use super::AppCore;
use super::sync::MAX_AGE;

/// How long after a minute of the wall clock turns the loop wakes: past the turn, so that
/// "in 5 min" is computed at 4:59.98 before the start, not at 5:00.01.
const PAST_THE_MINUTE: Duration = Duration::from_millis(20);

/// The wait from `now_ms` (epoch ms) to the next wake: just after the next minute turns.
/// Reminders and the tray's "in 3 min" labels change by the minute, so waking more often
/// only costs: an idle wake-up alone costs 0.5–3 ms of CPU on the benchmark machine
/// (bench/RESULTS.md, "Idle CPU"). The sync is due only every [`MAX_AGE`].
fn until_next_minute(now_ms: i64) -> Duration {
    let into_minute = u64::try_from(now_ms.rem_euclid(60_000)).unwrap_or(0);
    Duration::from_millis(60_000 - into_minute) + PAST_THE_MINUTE
}

impl AppCore {
    /// The background loop; runs as long as the app (spawn it once). Each tick while signed
    /// in syncs if the copy is older than [`MAX_AGE`], then runs `after_sync`.
    pub async fn keep_fresh<F, Fut>(self: Arc<Self>, mut after_sync: F)
    where
        F: FnMut() -> Fut,
        Fut: Future<Output = ()>,
    {
        loop {
            // Nothing to sync or remind of while connecting or signed out: wait on the
            // connection's channel (the tray follows the status events meanwhile).
            self.connection.ready().await;
            // A failed sync is logged by the sync itself (once) and retried on the next
            // tick; the UI reports its own.
            if self.ensure_synced(false, Some(MAX_AGE)).await.is_err() {
                tracing::debug!("background sync retried on the next tick");
            }
            after_sync().await;
            let now_ms = chrono::Utc::now().timestamp_millis();
            tokio::time::sleep(until_next_minute(now_ms)).await;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_loop_wakes_just_after_the_next_minute_turns() {
        let minute = 1_800_000_000_000_i64;
        assert_eq!(minute % 60_000, 0, "a minute's turn");
        let wait = |now_ms| until_next_minute(now_ms).as_millis();
        assert_eq!(wait(minute), 60_020, "on the turn: the next one");
        assert_eq!(wait(minute + 1), 60_019);
        assert_eq!(wait(minute + 59_999), 21);
        assert_eq!(wait(minute + 45_000), 15_020);
        // Before 1970 too (a clock set wrong): still within a minute.
        assert_eq!(wait(-1), 21);
    }
}
