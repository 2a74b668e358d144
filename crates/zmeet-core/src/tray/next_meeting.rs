//! Which meeting "join the next meeting" means: one running now or starting within
//! [`SOON`]; with none, the next one later, so the user can be told when it is.

use chrono::{DateTime, Duration, TimeZone, Utc};

use crate::calendar::CalendarEvent;

/// How close a meeting's start must be for "join the next meeting" to join it.
pub const SOON: Duration = Duration::minutes(10);

#[derive(Debug, Clone, Copy, PartialEq)]
pub enum NextMeeting<'a> {
    /// Running now or starting within [`SOON`]: join this one.
    Soon(&'a CalendarEvent),
    /// Nothing that close; this is the next one to start.
    Later(&'a CalendarEvent),
    /// Nothing running and nothing ahead.
    None,
}

/// Picks the meeting to join at `now`. Of the running and soon-starting ones, the one whose
/// start is closest to `now` wins: five minutes before the next meeting, that is the next
/// one rather than the one still running; a minute into a meeting, it is that meeting
/// rather than one starting in five.
pub fn next_meeting(events: &[CalendarEvent], now: DateTime<Utc>) -> NextMeeting<'_> {
    let now_ms = now.timestamp_millis() as f64;
    let soon_ms = (now + SOON).timestamp_millis() as f64;
    let distance = |event: &CalendarEvent| (event.start_ms - now_ms).abs();
    let close = events
        .iter()
        .filter(|event| event.end_ms > now_ms && event.start_ms <= soon_ms)
        .min_by(|a, b| distance(a).total_cmp(&distance(b)));
    if let Some(event) = close {
        return NextMeeting::Soon(event);
    }
    events
        .iter()
        .filter(|event| event.start_ms > soon_ms)
        .min_by(|a, b| a.start_ms.total_cmp(&b.start_ms))
        .map_or(NextMeeting::None, NextMeeting::Later)
}

/// "now", "in 3 min", "in 1 min": how far `event` is from `now`, for a label.
pub fn starts_in(event: &CalendarEvent, now: DateTime<Utc>) -> String {
    let minutes = ((event.start_ms - now.timestamp_millis() as f64) / 60_000.0).ceil();
    if minutes <= 0.0 {
        "now".to_owned()
    } else {
        format!("in {minutes} min")
    }
}

/// When `event` starts, on `zone`'s clock: "today 14:00", "tomorrow 09:00" or
/// "Tue, Dec 1 09:00".
pub fn when_label<Tz: TimeZone>(event: &CalendarEvent, now: DateTime<Utc>, zone: &Tz) -> String
where
    Tz::Offset: std::fmt::Display,
{
    let start = DateTime::from_timestamp_millis(event.start_ms as i64)
        .unwrap_or(now)
        .with_timezone(zone);
    let today = now.with_timezone(zone).date_naive();
    let time = start.format("%H:%M");
    if start.date_naive() == today {
        format!("today {time}")
    } else if start.date_naive() == today + Duration::days(1) {
        format!("tomorrow {time}")
    } else {
        start.format("%a, %b %-d %H:%M").to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(minutes: i64) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339("2026-11-28T09:00:00Z")
            .unwrap()
            .with_timezone(&Utc)
            + Duration::minutes(minutes)
    }

    /// An event starting `start` minutes after 09:00 UTC, lasting `length` minutes.
    fn event(key: &str, start: i64, length: i64) -> CalendarEvent {
        CalendarEvent::test_meeting(
            key,
            at(start).timestamp_millis() as f64,
            at(start + length).timestamp_millis() as f64,
        )
    }

    fn key(next: NextMeeting<'_>) -> String {
        match next {
            NextMeeting::Soon(e) => format!("soon {}", e.key),
            NextMeeting::Later(e) => format!("later {}", e.key),
            NextMeeting::None => "none".into(),
        }
    }

    #[test]
    fn a_running_meeting_is_the_one_to_join() {
        let events = [event("past", -90, 30), event("running", -20, 60)];
        assert_eq!(key(next_meeting(&events, at(0))), "soon running");
    }

    #[test]
    fn a_meeting_starting_within_ten_minutes_is_the_one_to_join() {
        let events = [event("tomorrow", 24 * 60, 30), event("soon", 3, 30)];
        assert_eq!(key(next_meeting(&events, at(0))), "soon soon");
        // Exactly ten minutes ahead still counts; a minute more does not.
        assert_eq!(
            key(next_meeting(&[event("ten", 10, 30)], at(0))),
            "soon ten"
        );
        assert_eq!(
            key(next_meeting(&[event("eleven", 11, 30)], at(0))),
            "later eleven"
        );
    }

    #[test]
    fn the_closest_start_wins_between_running_and_soon() {
        // 55 minutes into a meeting, the next one in 5: join the next one.
        let events = [event("running", -55, 60), event("next", 5, 30)];
        assert_eq!(key(next_meeting(&events, at(0))), "soon next");
        // A minute into a meeting, another in 5: stay with the one that started.
        let events = [event("started", -1, 60), event("other", 5, 30)];
        assert_eq!(key(next_meeting(&events, at(0))), "soon started");
    }

    #[test]
    fn with_none_close_the_next_later_one_is_named() {
        let events = [
            event("ended", -60, 30),
            event("afternoon", 5 * 60, 30),
            event("noon", 3 * 60, 30),
        ];
        assert_eq!(key(next_meeting(&events, at(0))), "later noon");
    }

    #[test]
    fn with_nothing_ahead_there_is_none() {
        assert_eq!(key(next_meeting(&[], at(0))), "none");
        assert_eq!(key(next_meeting(&[event("ended", -60, 60)], at(0))), "none");
    }

    #[test]
    fn when_label_says_the_day_on_the_local_clock() {
        use chrono_tz::Europe::Berlin;
        // 09:00 UTC is 10:00 in Berlin.
        assert_eq!(
            when_label(&event("noon", 180, 30), at(0), &Berlin),
            "today 13:00"
        );
        assert_eq!(
            when_label(&event("next", 24 * 60, 30), at(0), &Berlin),
            "tomorrow 10:00"
        );
        assert_eq!(
            when_label(&event("later", 3 * 24 * 60, 30), at(0), &Berlin),
            "Tue, Dec 1 10:00"
        );
    }

    #[test]
    fn starts_in_rounds_up_to_whole_minutes() {
        let soon = event("soon", 3, 30);
        assert_eq!(starts_in(&soon, at(0)), "in 3 min");
        assert_eq!(starts_in(&soon, at(0) + Duration::seconds(150)), "in 1 min");
        assert_eq!(starts_in(&soon, at(3)), "now");
        assert_eq!(starts_in(&soon, at(10)), "now");
    }
}
