//! Reads a create/edit body: raw `{"session":{…}}` JSON (what working clients send) or the
//! docs' literal `JSONString=<json>` form field; then validates the fields into a change.

use chrono::{DateTime, Utc};
use serde_json::Value;

use super::errors::{MeetingError, Validation};
use super::format::{parse_start_time, parse_zone};

/// Validated fields of a create or edit request; `None` = not sent.
#[derive(Debug, Default)]
pub struct SessionChange {
    pub topic: Option<String>,
    pub agenda: Option<String>,
    pub presenter: Option<u64>,
    pub start: Option<DateTime<Utc>>,
    pub duration_ms: Option<i64>,
    pub timezone: Option<String>,
    pub participant_emails: Option<Vec<String>>,
}

/// Extracts the inner `session` object.
pub fn session_object(body: &[u8]) -> Result<serde_json::Map<String, Value>, MeetingError> {
    let invalid = MeetingError::Invalid(Validation::Body);
    let parsed: Value = match serde_json::from_slice(body) {
        Ok(value) => value,
        Err(_) => {
            let field = url::form_urlencoded::parse(body)
                .find(|(name, _)| name == "JSONString")
                .map(|(_, value)| value.into_owned())
                .ok_or(invalid)?;
            serde_json::from_str(&field).map_err(|_| invalid)?
        }
    };
    match parsed {
        Value::Object(mut outer) => match outer.remove("session") {
            Some(Value::Object(session)) => Ok(session),
            _ => Err(invalid),
        },
        _ => Err(invalid),
    }
}

/// Validates the fields. `current_zone` is the zone a `startTime` is read in when the body
/// has no `timezone` (edits); `None` means the body must carry one or fall back to UTC.
pub fn parse_change(
    session: &serde_json::Map<String, Value>,
    current_zone: Option<&str>,
) -> Result<SessionChange, MeetingError> {
    let text = |name: &str| {
        session
            .get(name)
            .and_then(Value::as_str)
            .map(str::to_string)
    };
    let mut change = SessionChange {
        topic: text("topic"),
        agenda: text("agenda"),
        ..Default::default()
    };
    if let Some(topic) = &change.topic
        && topic.trim().is_empty()
    {
        return Err(MeetingError::Invalid(Validation::Topic));
    }
    if let Some(value) = session.get("presenter") {
        change.presenter =
            Some(number_or_string(value).ok_or(MeetingError::Invalid(Validation::Presenter))?);
    }
    if let Some(value) = session.get("duration") {
        let duration = number_or_string(value)
            .and_then(|ms| i64::try_from(ms).ok())
            .filter(|ms| *ms > 0)
            .ok_or(MeetingError::Invalid(Validation::Duration))?;
        change.duration_ms = Some(duration);
    }
    if let Some(value) = session.get("timezone") {
        let name = value
            .as_str()
            .ok_or(MeetingError::Invalid(Validation::TimeZone))?;
        parse_zone(name).ok_or(MeetingError::Invalid(Validation::TimeZone))?;
        change.timezone = Some(name.trim().to_string());
    }
    if let Some(value) = session.get("startTime") {
        let zone_name = change.timezone.as_deref().or(current_zone).unwrap_or("UTC");
        let zone = parse_zone(zone_name).ok_or(MeetingError::Invalid(Validation::TimeZone))?;
        let start = value
            .as_str()
            .and_then(|text| parse_start_time(text, zone))
            .ok_or(MeetingError::Invalid(Validation::StartTime))?;
        change.start = Some(start);
    }
    if let Some(value) = session.get("participants") {
        let list = value
            .as_array()
            .ok_or(MeetingError::Invalid(Validation::Body))?;
        let emails = list
            .iter()
            .map(|item| {
                item.get("email")
                    .and_then(Value::as_str)
                    .map(str::to_string)
            })
            .collect::<Option<Vec<_>>>()
            .ok_or(MeetingError::Invalid(Validation::Body))?;
        change.participant_emails = Some(emails);
    }
    Ok(change)
}

/// Zoho sends ids as numbers or strings; accept both.
fn number_or_string(value: &Value) -> Option<u64> {
    match value {
        Value::Number(number) => number.as_u64(),
        Value::String(text) => text.trim().parse().ok(),
        _ => None,
    }
}
