//! Between zoho-core's models and the calendar's, validating form input on the way in.

use chrono::{NaiveDate, NaiveDateTime, NaiveTime, TimeZone, Utc};
use zoho_core::{Meeting, MeetingPatch, NewMeeting};

use super::model::{CalendarEvent, EventDetails, EventInput, EventKind};
use crate::error::AppError;

/// A calendar event from a listed or fetched meeting; `None` for one without a start.
pub fn event_of(kind: EventKind, meeting: &Meeting, my_zuid: &str) -> Option<CalendarEvent> {
    let (start_ms, end_ms) = span_of(meeting)?;
    Some(CalendarEvent {
        kind,
        key: meeting.key.clone(),
        topic: meeting.topic.clone().unwrap_or_else(no_topic),
        start_ms,
        end_ms,
        timezone: meeting.timezone.clone().unwrap_or_else(utc),
        is_host: meeting.presenter.as_deref() == Some(my_zuid),
        join_link: meeting.join_link.clone(),
    })
}

/// Start and end (epoch ms) as the calendar shows them: an end missing or not after the
/// start makes a 30-minute event. `None` without a start.
pub(crate) fn span_of(meeting: &Meeting) -> Option<(f64, f64)> {
    let start = meeting.start?;
    let end = meeting
        .end
        .filter(|end| *end > start)
        .unwrap_or(start + chrono::Duration::minutes(30));
    Some((
        start.timestamp_millis() as f64,
        end.timestamp_millis() as f64,
    ))
}

/// The topic shown for a meeting without one.
pub(crate) fn no_topic() -> String {
    "(no topic)".to_owned()
}

/// The zone of a meeting that names none.
pub(crate) fn utc() -> String {
    "UTC".to_owned()
}

pub fn details_of(event: CalendarEvent, meeting: &Meeting) -> EventDetails {
    let duration_ms = (event.end_ms - event.start_ms).max(0.0);
    let start_in_zone = match (meeting.start, zoho_core::time::zone(&event.timezone)) {
        (Some(start), Ok(tz)) => start
            .with_timezone(&tz)
            .format("%a, %b %-d, %Y, %I:%M %p %Z")
            .to_string(),
        (Some(start), Err(_)) => start.format("%a, %b %-d, %Y, %I:%M %p UTC").to_string(),
        (None, _) => String::new(),
    };
    EventDetails {
        has_start_link: event.is_host && meeting.start_link.is_some(),
        agenda: meeting.agenda.clone().filter(|agenda| !agenda.is_empty()),
        duration_minutes: (duration_ms / 60_000.0).round() as u32,
        start_in_zone,
        participants: meeting
            .participants
            .iter()
            .filter_map(|p| p.email.clone())
            .collect(),
        presenter_name: meeting.presenter_name.clone(),
        event,
    }
}

/// The form's input as a new meeting, or the first bad field.
pub fn input_to_new(input: &EventInput) -> Result<NewMeeting, AppError> {
    let start = start_of(input)?;
    let participants = participants_of(&input.participants)?;
    let new = NewMeeting {
        topic: input.topic.trim().to_owned(),
        agenda: Some(input.agenda.trim().to_owned()).filter(|agenda| !agenda.is_empty()),
        start,
        duration_minutes: input.duration_minutes,
        timezone: input.timezone.clone(),
        participants,
        presenter: None,
    };
    // zoho-core checks topic, agenda, duration and zone; run it now so nothing is sent
    // before every field is known to be good.
    new.to_request("0")?;
    Ok(new)
}

/// The form's input as a full edit of an existing meeting.
pub fn input_to_patch(input: &EventInput) -> Result<MeetingPatch, AppError> {
    let new = input_to_new(input)?;
    Ok(MeetingPatch {
        topic: Some(new.topic),
        agenda: Some(new.agenda.unwrap_or_default()),
        start: Some(new.start),
        duration_minutes: Some(new.duration_minutes),
        timezone: Some(new.timezone),
        participants: Some(new.participants),
        presenter: None,
    })
}

/// A drag or resize on the calendar: a new start and duration, the zone unchanged.
pub fn reschedule_patch(
    start_ms: f64,
    end_ms: f64,
    timezone: &str,
) -> Result<MeetingPatch, AppError> {
    let start = Utc
        .timestamp_millis_opt(start_ms as i64)
        .single()
        .ok_or_else(|| AppError::invalid("start", "is not a valid time"))?;
    let minutes = ((end_ms - start_ms) / 60_000.0).round();
    if !(1.0..=f64::from(zoho_core::model::meeting::MAX_DURATION_MINUTES)).contains(&minutes) {
        return Err(AppError::invalid(
            "durationMinutes",
            "must be between 1 minute and 24 hours",
        ));
    }
    Ok(MeetingPatch {
        start: Some(start),
        duration_minutes: Some(minutes as u32),
        timezone: Some(timezone.to_owned()),
        ..MeetingPatch::default()
    })
}

fn start_of(input: &EventInput) -> Result<chrono::DateTime<Utc>, AppError> {
    let date = NaiveDate::parse_from_str(input.date.trim(), "%Y-%m-%d")
        .map_err(|_| AppError::invalid("date", "must be a date like 2026-12-01"))?;
    let time = NaiveTime::parse_from_str(input.time.trim(), "%H:%M")
        .map_err(|_| AppError::invalid("time", "must be a time like 14:30"))?;
    let tz = zoho_core::time::zone(&input.timezone)
        .map_err(|_| AppError::invalid("timezone", "is not a known time zone"))?;
    Ok(zoho_core::time::local_to_utc(
        NaiveDateTime::new(date, time),
        tz,
        "time",
    )?)
}

fn participants_of(emails: &[String]) -> Result<Vec<String>, AppError> {
    let mut seen = Vec::new();
    for email in emails
        .iter()
        .map(|email| email.trim())
        .filter(|email| !email.is_empty())
    {
        if !zoho_core::model::meeting::is_valid_email(email) {
            return Err(AppError::invalid(
                "participants",
                format!("{email:?} is not an email address"),
            ));
        }
        if !seen.iter().any(|s: &String| s.eq_ignore_ascii_case(email)) {
            seen.push(email.to_owned());
        }
    }
    Ok(seen)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input() -> EventInput {
        EventInput {
            topic: "  Design review ".into(),
            agenda: "".into(),
            date: "2026-03-29".into(),
            time: "09:30".into(),
            duration_minutes: 45,
            timezone: "Europe/Berlin".into(),
            participants: vec!["a@example.com".into(), " A@example.com".into(), "".into()],
        }
    }

    #[test]
    fn wall_time_is_read_in_the_meetings_zone_across_dst() {
        // 29 March 2026 is the day Berlin moves to summer time (UTC+2).
        let new = input_to_new(&input()).unwrap();
        assert_eq!(new.start.to_rfc3339(), "2026-03-29T07:30:00+00:00");
        assert_eq!(new.topic, "Design review");
        assert_eq!(new.agenda, None);
        assert_eq!(new.participants, vec!["a@example.com"]);
    }

    #[test]
    fn each_bad_field_is_named() {
        let field = |change: fn(&mut EventInput)| {
            let mut bad = input();
            change(&mut bad);
            input_to_new(&bad).unwrap_err().field.unwrap()
        };
        assert_eq!(field(|i| i.topic = "   ".into()), "topic");
        assert_eq!(field(|i| i.topic = "x".repeat(201)), "topic");
        assert_eq!(field(|i| i.date = "29/03/2026".into()), "date");
        assert_eq!(field(|i| i.time = "9.30".into()), "time");
        assert_eq!(
            field(|i| i.time = "02:30".into()),
            "time",
            "02:30 does not exist that night"
        );
        assert_eq!(field(|i| i.timezone = "Mars/Olympus".into()), "timezone");
        assert_eq!(field(|i| i.duration_minutes = 0), "durationMinutes");
        assert_eq!(
            field(|i| i.participants = vec!["not-an-email".into()]),
            "participants"
        );
    }

    #[test]
    fn a_reschedule_keeps_the_zone_and_rounds_to_minutes() {
        let patch = reschedule_patch(
            1_800_000_000_000.0,
            1_800_000_000_000.0 + 90.0 * 60_000.0,
            "Asia/Kolkata",
        )
        .unwrap();
        assert_eq!(patch.duration_minutes, Some(90));
        assert_eq!(patch.timezone.as_deref(), Some("Asia/Kolkata"));
        assert!(patch.topic.is_none());
        assert_eq!(
            reschedule_patch(0.0, 0.0, "UTC")
                .unwrap_err()
                .field
                .as_deref(),
            Some("durationMinutes")
        );
    }
}
