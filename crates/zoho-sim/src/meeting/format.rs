//! Zoho Meeting's wire formats: `"Jun 19, 2020 07:00 PM IST"` times computed from the stored
//! UTC instant and IANA zone, and the session bodies with their number/string quirks
//! (API.md §2.5, §2.6, §2.10).

use chrono::{DateTime, NaiveDateTime, Offset, TimeZone, Utc};
use chrono_tz::Tz;
use serde_json::{Map, Value, json};

use crate::dc::meeting_domain;
use crate::store::{SessionKind, Store, StoredSession};

const WIRE_TIME: &str = "%b %d, %Y %I:%M %p";

/// Parses an IANA zone id, aliases included (`Asia/Calcutta`).
pub fn parse_zone(name: &str) -> Option<Tz> {
    name.trim().parse().ok()
}

/// Parses a request `startTime` (`MMM d, yyyy hh:mm a`, day padded or not) in `zone`.
/// A wall time that falls in a DST gap is rejected; an ambiguous one takes the earlier instant.
pub fn parse_start_time(text: &str, zone: Tz) -> Option<DateTime<Utc>> {
    let naive = NaiveDateTime::parse_from_str(text.trim(), WIRE_TIME).ok()?;
    zone.from_local_datetime(&naive)
        .earliest()
        .map(|at| at.with_timezone(&Utc))
}

/// `"Jun 19, 2020 07:00 PM"`, optionally followed by the zone abbreviation (`IST`, `EDT`).
pub fn format_time(instant: DateTime<Utc>, zone: Tz, with_abbreviation: bool) -> String {
    let local = instant.with_timezone(&zone);
    if with_abbreviation {
        local.format("%b %d, %Y %I:%M %p %Z").to_string()
    } else {
        local.format(WIRE_TIME).to_string()
    }
}

/// UTC offset of `zone` at `instant`, in milliseconds.
pub fn offset_ms(instant: DateTime<Utc>, zone: Tz) -> i64 {
    i64::from(
        instant
            .with_timezone(&zone)
            .offset()
            .fix()
            .local_minus_utc(),
    ) * 1000
}

/// Which body a session is rendered for; each documented example has its own field set.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Shape {
    Create,
    Get,
    Edit,
    ListItem,
}

/// Renders a stored session as the inner object of a Zoho body. Numbers and strings follow
/// the docs: `meetingKey`, `presenter`, `creatorZuid`, `offset`, `sysId` are numbers,
/// participant ids are strings; list items say `presenterZuid`, not `presenter`.
pub fn render_session(
    store: &Store,
    session: &StoredSession,
    shape: Shape,
    now: DateTime<Utc>,
    include_participants: bool,
) -> Value {
    let zone = parse_zone(&session.timezone).unwrap_or(Tz::UTC);
    let end = session.start + chrono::TimeDelta::milliseconds(session.duration_ms);
    let domain = meeting_domain(&store.dc);
    let key = session.key;
    let join_link = format!("https://{domain}/join?key={key}");
    let start_link = format!("https://{domain}/meeting-start?key={key}");
    let embed_url = format!(
        "https://{domain}/meeting/login/embedmeeting.jsp?meetingKey={key}&newWindow=true&t={}",
        session.embed_token
    );
    let user = &store.user;
    let mut body = Map::new();
    let mut put = |name: &str, value: Value| {
        body.insert(name.to_string(), value);
    };
    put("meetingKey", json!(key));
    put("topic", json!(session.topic));
    if shape != Shape::ListItem {
        put("agenda", json!(session.agenda));
    }
    if matches!(shape, Shape::Get | Shape::Edit | Shape::ListItem) {
        put("presenterEmail", json!(user.email));
    }
    if shape == Shape::ListItem {
        put("presenterZuid", json!(session.presenter_zuid));
    } else {
        put("presenter", json!(session.presenter_zuid));
    }
    if matches!(shape, Shape::Get | Shape::Edit) {
        put("presenterName", json!(user.first_name));
    }
    put(
        "startTime",
        json!(format_time(session.start, zone, shape != Shape::Edit)),
    );
    if shape != Shape::Edit {
        put("endTime", json!(format_time(end, zone, true)));
    }
    put("duration", json!(session.duration_ms));
    put("timezone", json!(session.timezone));
    if shape == Shape::Create {
        put("offset", json!(offset_ms(session.start, zone)));
    }
    if matches!(shape, Shape::Create | Shape::ListItem) {
        put("creatorZuid", json!(user.zuid));
    }
    put("joinLink", json!(join_link));
    // startLink carries host credentials: only the host-facing bodies have it (not the list).
    if shape != Shape::ListItem {
        put("startLink", json!(start_link));
    }
    put("pwd", json!(session.pwd));
    put("encryptPwd", json!(session.encrypt_pwd));
    if shape != Shape::Create {
        put("meetingEmbedUrl", json!(embed_url));
    }
    if shape == Shape::ListItem {
        put("sysId", json!(session.sys_id));
    }
    if shape == Shape::Create || (include_participants && matches!(shape, Shape::Get | Shape::Edit))
    {
        let participants: Vec<Value> = session
            .participants
            .iter()
            .map(|participant| json!({ "id": participant.id, "email": participant.email }))
            .collect();
        put("participants", Value::Array(participants));
    }
    if session.kind == SessionKind::Webinar {
        add_webinar_fields(&mut body, session, domain, now, end);
    }
    Value::Object(body)
}

/// GAP (API.md §2.7): webinar bodies are undocumented; 3P-kb says they add a registration
/// link, registrant/attendee counts, an instance id and past/started flags. These names are
/// the simulator's choice.
fn add_webinar_fields(
    body: &mut Map<String, Value>,
    session: &StoredSession,
    domain: &str,
    now: DateTime<Utc>,
    end: DateTime<Utc>,
) {
    let key = session.key;
    let registered = session.participants.len();
    let attended = if end <= now { registered * 2 / 3 } else { 0 };
    body.insert(
        "registrationLink".into(),
        json!(format!("https://{domain}/webinar/register?key={key}")),
    );
    body.insert("registeredCount".into(), json!(registered));
    body.insert("attendeeCount".into(), json!(attended));
    body.insert("instanceId".into(), json!(session.sys_id.to_string()));
    body.insert("isPast".into(), json!(end <= now));
    body.insert("isStarted".into(), json!(session.start <= now && now < end));
}

#[cfg(test)]
mod tests {
    use chrono::TimeZone;

    use super::*;

    #[test]
    fn parses_padded_and_unpadded_days_in_the_given_zone() {
        let zone = parse_zone("Asia/Calcutta").unwrap();
        let padded = parse_start_time("Jan 04, 2024 07:00 PM", zone).unwrap();
        let unpadded = parse_start_time("Jan 4, 2024 07:00 PM", zone).unwrap();
        assert_eq!(padded, unpadded);
        assert_eq!(padded, Utc.with_ymd_and_hms(2024, 1, 4, 13, 30, 0).unwrap());
        assert!(parse_start_time("2024-01-04 19:00", zone).is_none());
    }

    #[test]
    fn formats_with_the_abbreviation_of_the_instant() {
        let zone = parse_zone("Europe/London").unwrap();
        let winter = Utc.with_ymd_and_hms(2030, 1, 10, 9, 0, 0).unwrap();
        let summer = Utc.with_ymd_and_hms(2030, 7, 10, 9, 0, 0).unwrap();
        assert_eq!(format_time(winter, zone, true), "Jan 10, 2030 09:00 AM GMT");
        assert_eq!(format_time(summer, zone, true), "Jul 10, 2030 10:00 AM BST");
        assert_eq!(format_time(summer, zone, false), "Jul 10, 2030 10:00 AM");
        assert_eq!(offset_ms(summer, zone), 3_600_000);
    }

    #[test]
    fn rejects_wall_times_in_a_dst_gap() {
        let zone = parse_zone("America/New_York").unwrap();
        assert!(parse_start_time("Mar 10, 2030 02:30 AM", zone).is_none());
    }
}
