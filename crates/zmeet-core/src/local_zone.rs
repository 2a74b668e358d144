//! The computer's IANA time zone, for presets, the tray's times and form defaults.

use chrono_tz::Tz;

/// The local zone; UTC when the system does not say.
pub fn local_zone() -> Tz {
    iana_time_zone::get_timezone()
        .ok()
        .and_then(|name| name.parse().ok())
        .unwrap_or(Tz::UTC)
}
