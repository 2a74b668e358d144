//! Start times of the tray's quick-create presets. Zoho schedules to the minute.

use chrono::{DateTime, Duration, DurationRound, TimeZone, Utc};

/// "Meet now": the next whole minute (a start in the past may be refused).
pub fn meet_now(now: DateTime<Utc>) -> DateTime<Utc> {
    ceil_to(now, Duration::minutes(1))
}

/// "Meeting in 15 minutes": 15 minutes from now, on a whole minute.
pub fn in_15_minutes(now: DateTime<Utc>) -> DateTime<Utc> {
    ceil_to(now + Duration::minutes(15), Duration::minutes(1))
}

/// "Schedule…" defaults to the next half hour on the local clock. Zones with a 15- or
/// 45-minute offset (Kathmandu, Chatham) round on their own clock, not on UTC's.
pub fn next_half_hour<Tz: TimeZone>(now: DateTime<Utc>, zone: &Tz) -> DateTime<Utc> {
    let local = now.with_timezone(zone).naive_local();
    let next = ceil_to_naive(local + Duration::seconds(1), Duration::minutes(30));
    // Map the wall time back; in a DST gap take the first valid instant after it.
    let mut candidate = next;
    loop {
        match zone.from_local_datetime(&candidate) {
            chrono::LocalResult::Single(t) => return t.with_timezone(&Utc),
            chrono::LocalResult::Ambiguous(earlier, _) => return earlier.with_timezone(&Utc),
            chrono::LocalResult::None => candidate += Duration::minutes(30),
        }
    }
}

/// The default duration of every preset.
pub const PRESET_MINUTES: u32 = 30;

fn ceil_to(at: DateTime<Utc>, step: Duration) -> DateTime<Utc> {
    let floor = at.duration_trunc(step).expect("whole minutes");
    if floor == at { at } else { floor + step }
}

fn ceil_to_naive(at: chrono::NaiveDateTime, step: Duration) -> chrono::NaiveDateTime {
    let floor = at.duration_trunc(step).expect("whole minutes");
    if floor == at { at } else { floor + step }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono_tz::{America::New_York, Asia::Kathmandu, Europe::Berlin, Tz};

    fn utc(text: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(text)
            .unwrap()
            .with_timezone(&Utc)
    }

    #[test]
    fn meet_now_and_in_15_land_on_whole_minutes_not_in_the_past() {
        assert_eq!(
            meet_now(utc("2026-11-28T10:07:30Z")),
            utc("2026-11-28T10:08:00Z")
        );
        assert_eq!(
            meet_now(utc("2026-11-28T10:07:00Z")),
            utc("2026-11-28T10:07:00Z")
        );
        assert_eq!(
            in_15_minutes(utc("2026-11-28T23:50:01Z")),
            utc("2026-11-29T00:06:00Z")
        );
    }

    #[test]
    fn next_half_hour_uses_the_local_clock_in_every_zone() {
        let cases: [(&str, Tz, &str); 4] = [
            // Berlin, winter (UTC+1): 10:07 local -> 10:30 local = 09:30 UTC.
            ("2026-11-28T09:07:00Z", Berlin, "2026-11-28T09:30:00Z"),
            // Exactly on the half hour moves on to the next one.
            ("2026-11-28T09:30:00Z", Berlin, "2026-11-28T10:00:00Z"),
            // Kathmandu is UTC+5:45: 15:52 local -> 16:00 local = 10:15 UTC.
            ("2026-11-28T10:07:00Z", Kathmandu, "2026-11-28T10:15:00Z"),
            // New York on the night clocks spring forward (8 March 2026): 01:45 EST -> the
            // wall time 02:00 does not exist, so 02:30 is skipped too; 03:00 EDT = 07:00 UTC.
            ("2026-03-08T06:45:00Z", New_York, "2026-03-08T07:00:00Z"),
        ];
        for (now, zone, expected) in cases {
            assert_eq!(
                next_half_hour(utc(now), &zone),
                utc(expected),
                "{now} in {zone}"
            );
        }
    }
}
