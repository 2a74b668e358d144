//! Property tests: request formatting and response parsing round-trip across zones and
//! DST changes.

use chrono::{DateTime, Duration, TimeZone, Utc};
use chrono_tz::Tz;
use proptest::prelude::*;
use zoho_core::time::{abbreviation, format_start_time, local_to_utc, parse_zoho_time, zone};

const ZONES: &[&str] = &[
    "UTC",
    "Asia/Calcutta",
    "Asia/Kolkata",
    "America/New_York",
    "America/Los_Angeles",
    "America/Sao_Paulo",
    "Europe/London",
    "Europe/Berlin",
    "Australia/Sydney",
    "Australia/Adelaide",
    "Australia/Lord_Howe",
    "Pacific/Auckland",
    "Asia/Kathmandu",
    "Asia/Tokyo",
    "America/St_Johns",
];

/// Minutes from 2000 to 2040.
fn instant() -> impl Strategy<Value = DateTime<Utc>> {
    (0i64..(40 * 366 * 24 * 60))
        .prop_map(|m| Utc.with_ymd_and_hms(2000, 1, 1, 0, 0, 0).unwrap() + Duration::minutes(m))
}

fn tz() -> impl Strategy<Value = Tz> {
    proptest::sample::select(ZONES).prop_map(|name| zone(name).unwrap())
}

/// Instants near a DST change of the zone (within 3 hours), where bugs live.
fn near_transition(tz: Tz, at: DateTime<Utc>) -> Option<DateTime<Utc>> {
    let offset = |t: DateTime<Utc>| tz.offset_from_utc_datetime(&t.naive_utc());
    let mut t = at;
    for _ in 0..(366 * 24) {
        let next = t + Duration::hours(1);
        if format!("{:?}", offset(t)) != format!("{:?}", offset(next)) {
            return Some(t);
        }
        t = next;
    }
    None
}

fn repeated_wall_time(t: DateTime<Utc>, tz: Tz) -> bool {
    let local = t.with_timezone(&tz).naive_local();
    matches!(
        tz.from_local_datetime(&local),
        chrono::LocalResult::Ambiguous(..)
    )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn request_format_round_trips(t in instant(), tz in tz()) {
        let text = format_start_time(t, tz);
        let back = parse_zoho_time(&text, tz).unwrap();
        if repeated_wall_time(t, tz) {
            // Without an abbreviation a repeated hour reads as its first occurrence.
            prop_assert!(back == t || back + Duration::minutes(30) == t || back + Duration::hours(1) == t);
        } else {
            prop_assert_eq!(back, t);
        }
    }

    #[test]
    fn response_form_with_abbreviation_round_trips(t in instant(), tz in tz()) {
        let text = format!("{} {}", format_start_time(t, tz), abbreviation(t, tz));
        let back = parse_zoho_time(&text, tz).unwrap();
        let local = t.with_timezone(&tz).naive_local();
        let ambiguous_abbreviation = match tz.from_local_datetime(&local) {
            chrono::LocalResult::Ambiguous(a, b) => abbreviation(a.to_utc(), tz) == abbreviation(b.to_utc(), tz),
            _ => false,
        };
        if !ambiguous_abbreviation {
            prop_assert_eq!(back, t);
        }
    }

    #[test]
    fn zero_padded_day_parses_the_same(t in instant(), tz in tz()) {
        let local = t.with_timezone(&tz);
        let padded = local.format("%b %d, %Y %I:%M %p").to_string();
        let unpadded = format_start_time(t, tz);
        prop_assert_eq!(parse_zoho_time(&padded, tz).unwrap(), parse_zoho_time(&unpadded, tz).unwrap());
    }

    #[test]
    fn around_dst_changes(start in instant(), tz in tz(), delta in -180i64..180) {
        if let Some(change) = near_transition(tz, start) {
            let t = change + Duration::minutes(delta);
            let text = format!("{} {}", format_start_time(t, tz), abbreviation(t, tz));
            let back = parse_zoho_time(&text, tz).unwrap();
            // Formatting always gives a wall time that exists; reading it back lands on the
            // same instant, or on the other occurrence of a repeated hour when the zone
            // abbreviation cannot tell them apart.
            let local = t.with_timezone(&tz).naive_local();
            prop_assert!(local_to_utc(local, tz, "start").is_ok());
            if back != t {
                prop_assert!(repeated_wall_time(t, tz));
            }
        }
    }
}

#[test]
fn calcutta_and_kolkata_agree() {
    let t = Utc.with_ymd_and_hms(2024, 1, 4, 13, 30, 0).unwrap();
    let a = zone("Asia/Calcutta").unwrap();
    let b = zone("Asia/Kolkata").unwrap();
    assert_eq!(format_start_time(t, a), format_start_time(t, b));
    assert_eq!(abbreviation(t, a), "IST");
}
