//! Zoho Meeting date-time strings (API.md §2.6).
//!
//! Requests carry `startTime` as `MMM d, yyyy hh:mm a` (e.g. `Jun 19, 2020 07:00 PM`) in the
//! meeting's IANA zone. Responses carry the same with or without a zone abbreviation
//! (`… 07:00 PM IST`), with a padded or unpadded day, and sometimes epoch milliseconds
//! (`startTimeMillisec`), which win when present. Abbreviations are ambiguous (IST is India,
//! Ireland and Israel), so the wall time is always read in the `timezone` field's zone; the
//! abbreviation only picks between the two instants of a repeated (fall-back) hour.

use std::str::FromStr;
use std::sync::LazyLock;

use chrono::format::{Item, Parsed, StrftimeItems};
use chrono::{DateTime, Duration, LocalResult, NaiveDateTime, Offset, TimeZone, Utc};
use chrono_tz::{OffsetName, Tz};

use crate::error::{Error, Result};

/// The request format: English month, unpadded day, 12-hour clock, upper-case AM/PM.
pub const REQUEST_FORMAT: &str = "%b %-d, %Y %I:%M %p";
const PARSE_FORMAT: &str = "%b %d, %Y %I:%M %p";
const ISO_LIKE_FORMAT: &str = "%Y-%m-%dT%H:%M:%S";

/// `PARSE_FORMAT` read once: a sync reads two times per meeting, thousands of them.
static PARSE_ITEMS: LazyLock<Vec<Item<'static>>> =
    LazyLock::new(|| StrftimeItems::new(PARSE_FORMAT).collect());

/// A time string that matches none of the documented forms.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unrecognised Zoho time {input:?}")]
pub struct ParseTimeError {
    pub input: String,
}

/// The zone of an IANA id, aliases such as `Asia/Calcutta` included. Unknown ids are an
/// [`Error::InvalidInput`] naming the field `timezone`.
pub fn zone(name: &str) -> Result<Tz> {
    Tz::from_str(name.trim())
        .map_err(|_| Error::invalid_input("timezone", format!("unknown IANA time zone {name:?}")))
}

/// Formats an instant as a request `startTime` in `tz` (seconds are dropped).
pub fn format_start_time(at: DateTime<Utc>, tz: Tz) -> String {
    at.with_timezone(&tz).format(REQUEST_FORMAT).to_string()
}

/// Reads a wall time in `tz` as the user meant it: a time in a DST gap does not exist and is
/// an error naming `field`; a repeated time (fall-back) is the earlier instant.
pub fn local_to_utc(local: NaiveDateTime, tz: Tz, field: &str) -> Result<DateTime<Utc>> {
    match tz.from_local_datetime(&local) {
        LocalResult::Single(t) => Ok(t.with_timezone(&Utc)),
        LocalResult::Ambiguous(a, b) => Ok(a.min(b).with_timezone(&Utc)),
        LocalResult::None => Err(Error::invalid_input(
            field,
            format!("{local} does not exist in {} (clocks skip it)", tz.name()),
        )),
    }
}

/// Parses a response time in the meeting's zone. Accepts `Jun 19, 2020 07:00 PM IST`,
/// `Jan 04, 2024 07:00 PM`, `Jan 4, 2024 7:00 pm` and the recordings' ISO-like
/// `2023-08-18T10:46:28 IST`.
pub fn parse_zoho_time(text: &str, tz: Tz) -> Result<DateTime<Utc>, ParseTimeError> {
    let fail = || ParseTimeError {
        input: text.chars().take(64).collect(),
    };
    let text = text.trim();
    let (naive, abbreviation) = if let Some((wall, abbr)) = split_after_meridiem(text) {
        (parse_wall_time(wall).ok_or_else(fail)?, abbr)
    } else {
        let (wall, abbr) = match text.split_once(' ') {
            Some((wall, abbr)) => (wall, abbr.trim()),
            None => (text, ""),
        };
        (
            NaiveDateTime::parse_from_str(wall, ISO_LIKE_FORMAT).map_err(|_| fail())?,
            abbr,
        )
    };
    Ok(resolve(naive, tz, abbreviation))
}

/// An instant from epoch milliseconds.
pub fn from_epoch_ms(ms: i64) -> Option<DateTime<Utc>> {
    DateTime::from_timestamp_millis(ms)
}

/// The zone abbreviation Zoho would append for `at` in `tz` (`IST`, `EDT`, `+0545`…).
pub fn abbreviation(at: DateTime<Utc>, tz: Tz) -> String {
    let offset = tz.offset_from_utc_datetime(&at.naive_utc());
    match offset.abbreviation() {
        Some(abbr) => abbr.to_owned(),
        None => offset.fix().to_string(),
    }
}

/// `NaiveDateTime::parse_from_str(wall, PARSE_FORMAT)`, with the format read once.
fn parse_wall_time(wall: &str) -> Option<NaiveDateTime> {
    let mut parsed = Parsed::new();
    chrono::format::parse(&mut parsed, wall, PARSE_ITEMS.iter()).ok()?;
    parsed.to_naive_datetime_with_offset(0).ok()
}

/// Splits `… 07:00 PM IST` into `… 07:00 PM` and `IST` (the last ` AM` or ` PM`, in any
/// case).
fn split_after_meridiem(text: &str) -> Option<(&str, &str)> {
    let at = text
        .as_bytes()
        .windows(3)
        .rposition(|w| w.eq_ignore_ascii_case(b" AM") || w.eq_ignore_ascii_case(b" PM"))?;
    let end = at + 3;
    let rest = &text[end..];
    if !rest.is_empty() && !rest.starts_with(' ') {
        return None;
    }
    Some((&text[..end], rest.trim()))
}

fn resolve(naive: NaiveDateTime, tz: Tz, abbreviation: &str) -> DateTime<Utc> {
    match tz.from_local_datetime(&naive) {
        LocalResult::Single(t) => t.with_timezone(&Utc),
        LocalResult::Ambiguous(a, b) => {
            let (early, late) = if a <= b { (a, b) } else { (b, a) };
            let matches = |t: &DateTime<Tz>| {
                !abbreviation.is_empty()
                    && abbreviation.eq_ignore_ascii_case(&self::abbreviation(t.to_utc(), tz))
            };
            if !matches(&early) && matches(&late) {
                late.to_utc()
            } else {
                early.to_utc()
            }
        }
        LocalResult::None => {
            // A wall time in a DST gap: read it with the offset in force before the gap.
            let before = tz
                .offset_from_local_datetime(&(naive - Duration::hours(3)))
                .earliest()
                .map(|o| o.fix())
                .unwrap_or_else(|| Utc.fix());
            (naive - Duration::seconds(i64::from(before.local_minus_utc()))).and_utc()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    fn utc(y: i32, mo: u32, d: u32, h: u32, mi: u32) -> DateTime<Utc> {
        NaiveDate::from_ymd_opt(y, mo, d)
            .unwrap()
            .and_hms_opt(h, mi, 0)
            .unwrap()
            .and_utc()
    }

    #[test]
    fn formats_the_documented_request_form() {
        let kolkata = zone("Asia/Calcutta").unwrap();
        // 19:00 IST = 13:30 UTC.
        assert_eq!(
            format_start_time(utc(2020, 6, 19, 13, 30), kolkata),
            "Jun 19, 2020 07:00 PM"
        );
        assert_eq!(
            format_start_time(utc(2024, 1, 4, 13, 30), kolkata),
            "Jan 4, 2024 07:00 PM"
        );
    }

    #[test]
    fn parses_every_documented_response_form() {
        let kolkata = zone("Asia/Calcutta").unwrap();
        let expect = utc(2024, 1, 4, 13, 30);
        for text in [
            "Jan 04, 2024 07:00 PM IST",
            "Jan 4, 2024 07:00 PM",
            "Jan 4, 2024 7:00 pm",
            " Jan 04, 2024 07:00 PM ",
        ] {
            assert_eq!(parse_zoho_time(text, kolkata).unwrap(), expect, "{text}");
        }
        let rec = parse_zoho_time("2023-08-18T10:46:28 IST", kolkata).unwrap();
        assert_eq!(rec.timestamp_millis(), 1_692_335_788_000);
        for bad in [
            "",
            "yesterday",
            "Foo 4, 2024 07:00 PM",
            "Jan 4, 2024 07:00 PMX",
        ] {
            assert!(parse_zoho_time(bad, kolkata).is_err(), "{bad}");
        }
    }

    #[test]
    fn aliases_and_unknown_zones() {
        assert!(zone("Asia/Kolkata").is_ok());
        assert!(zone("Asia/Calcutta").is_ok());
        let err = zone("Mars/Olympus").unwrap_err();
        assert_eq!(err.code(), "invalid_input");
        assert!(err.to_string().starts_with("timezone"));
    }

    #[test]
    fn dst_changes_in_new_york() {
        let ny = zone("America/New_York").unwrap();
        // Spring forward 2024-03-10 02:00 -> 03:00: 02:30 does not exist.
        let gap = NaiveDate::from_ymd_opt(2024, 3, 10)
            .unwrap()
            .and_hms_opt(2, 30, 0)
            .unwrap();
        assert_eq!(
            local_to_utc(gap, ny, "start").unwrap_err().code(),
            "invalid_input"
        );
        // Fall back 2024-11-03: 01:30 happens twice; the abbreviation picks one.
        let edt = parse_zoho_time("Nov 3, 2024 01:30 AM EDT", ny).unwrap();
        let est = parse_zoho_time("Nov 3, 2024 01:30 AM EST", ny).unwrap();
        assert_eq!(edt, utc(2024, 11, 3, 5, 30));
        assert_eq!(est, utc(2024, 11, 3, 6, 30));
        assert_eq!(parse_zoho_time("Nov 3, 2024 01:30 AM", ny).unwrap(), edt);
        let repeated = NaiveDate::from_ymd_opt(2024, 11, 3)
            .unwrap()
            .and_hms_opt(1, 30, 0)
            .unwrap();
        assert_eq!(local_to_utc(repeated, ny, "start").unwrap(), edt);
        assert_eq!(format_start_time(est, ny), "Nov 3, 2024 01:30 AM");
        // A gap time in a response is read with the pre-gap offset (EST).
        assert_eq!(
            parse_zoho_time("Mar 10, 2024 02:30 AM", ny).unwrap(),
            utc(2024, 3, 10, 7, 30)
        );
    }

    #[test]
    fn epoch_milliseconds() {
        assert_eq!(
            from_epoch_ms(1_704_375_000_000).unwrap(),
            utc(2024, 1, 4, 13, 30)
        );
    }
}
