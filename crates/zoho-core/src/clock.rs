//! Where zoho-core reads the time: token expiry and the refresh-ahead margin, the throttle
//! back-off, and the lifetimes of pending sign-ins all ask a [`Clock`], so tests move time
//! with a [`ManualClock`] instead of sleeping (the simulator's `SimClock` is the same idea
//! on its side). The app uses [`SystemClock`], the default of `ZohoConfig`.

use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant, SystemTime};

/// A source of "now".
pub trait Clock: Send + Sync + std::fmt::Debug {
    /// Monotonic now, for lifetimes, expiry and back-offs inside this process.
    fn now(&self) -> Instant;
    /// Wall-clock now, for what outlives the process (a sign-in saved in the keyring).
    fn wall(&self) -> SystemTime;
}

/// A clock shared by everything one client makes.
pub type SharedClock = Arc<dyn Clock>;

/// The real time.
#[derive(Clone, Copy, Debug, Default)]
pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> Instant {
        Instant::now()
    }

    fn wall(&self) -> SystemTime {
        SystemTime::now()
    }
}

/// The real clock as a [`SharedClock`].
pub fn system_clock() -> SharedClock {
    Arc::new(SystemClock)
}

/// A clock that stands still until [`ManualClock::advance`] moves it: time-based decisions
/// become deterministic in tests.
#[derive(Debug)]
pub struct ManualClock {
    instant: Instant,
    wall: SystemTime,
    offset: Mutex<Duration>,
}

impl ManualClock {
    /// A clock stopped at the real time of its creation.
    pub fn new() -> Self {
        Self {
            instant: Instant::now(),
            wall: SystemTime::now(),
            offset: Mutex::new(Duration::ZERO),
        }
    }

    /// A new manual clock, ready to hand to a `ZohoConfig`.
    pub fn shared() -> Arc<Self> {
        Arc::new(Self::new())
    }

    /// Moves the clock forward by `by`.
    pub fn advance(&self, by: Duration) {
        *self.offset.lock().expect("clock lock") += by;
    }

    fn offset(&self) -> Duration {
        *self.offset.lock().expect("clock lock")
    }
}

impl Default for ManualClock {
    fn default() -> Self {
        Self::new()
    }
}

impl Clock for ManualClock {
    fn now(&self) -> Instant {
        self.instant + self.offset()
    }

    fn wall(&self) -> SystemTime {
        self.wall + self.offset()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_manual_clock_moves_only_when_advanced() {
        let clock = ManualClock::new();
        let (instant, wall) = (clock.now(), clock.wall());
        assert_eq!(clock.now(), instant, "no real time leaks in");
        clock.advance(Duration::from_secs(90));
        assert_eq!(clock.now() - instant, Duration::from_secs(90));
        assert_eq!(
            clock.wall().duration_since(wall).unwrap(),
            Duration::from_secs(90)
        );
    }

    #[test]
    fn the_system_clock_moves_forward() {
        let clock = system_clock();
        let before = clock.now();
        assert!(clock.now() >= before);
    }
}
