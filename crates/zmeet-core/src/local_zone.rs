//! The computer's IANA time zone, for presets, the tray's times and form defaults.

use chrono_tz::Tz;

/// The local zone; UTC when the system does not say.
pub fn local_zone() -> Tz {
    let zone = match iana_time_zone::get_timezone() {
        Ok(name) => name.parse().map_err(|_| format!("unknown zone {name:?}")),
        Err(error) => Err(error.to_string()),
    };
    zone.unwrap_or_else(|problem| {
        // Asked on every tray refresh: say it once.
        static SAID: std::sync::Once = std::sync::Once::new();
        SAID.call_once(|| tracing::warn!("local time zone unknown, using UTC: {problem}"));
        Tz::UTC
    })
}
