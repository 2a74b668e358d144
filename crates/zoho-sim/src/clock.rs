//! Simulated "now": the real clock (or a fixed start) plus a forward offset that tests move
//! with `advance_clock`, so expiry rules can be tested without sleeping.

use std::sync::Mutex;
use std::time::{Duration, Instant};

use chrono::{DateTime, Utc};

#[derive(Debug)]
pub struct SimClock {
    origin: DateTime<Utc>,
    started: Instant,
    offset: Mutex<Duration>,
}

impl SimClock {
    pub fn new(start: Option<DateTime<Utc>>) -> Self {
        Self {
            origin: start.unwrap_or_else(Utc::now),
            started: Instant::now(),
            offset: Mutex::new(Duration::ZERO),
        }
    }

    /// The instant the simulation started at (demo data is laid out around it).
    pub fn origin(&self) -> DateTime<Utc> {
        self.origin
    }

    pub fn now(&self) -> DateTime<Utc> {
        let offset = *self.offset.lock().expect("clock lock");
        self.origin + to_chrono(self.started.elapsed() + offset)
    }

    pub fn advance(&self, by: Duration) {
        *self.offset.lock().expect("clock lock") += by;
    }
}

pub fn to_chrono(duration: Duration) -> chrono::TimeDelta {
    chrono::TimeDelta::from_std(duration).unwrap_or(chrono::TimeDelta::MAX)
}
