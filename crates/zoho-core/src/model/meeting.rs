//! Meetings and webinars as the Meeting API returns them, tolerant of every quirk in
//! API.md §2.10, and the validated inputs for creating and editing them.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Deserializer, Serialize};
use serde_json::{Map, Value, json};

use super::fields::{Fields, MeetingVisitor};
use crate::error::{Error, Result};
use crate::secret::Secret;
use crate::time;

/// A scheduled meeting or webinar. Every field but the key is optional; fields this type
/// does not name are kept in `extra`. Host-only links and the password are [`Secret`]s.
#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Meeting {
    /// `meetingKey` (or `webinarKey`), as a string whatever its JSON type.
    pub key: String,
    pub topic: Option<String>,
    pub agenda: Option<String>,
    /// The presenter's zuid, from `presenter` or `presenterZuid`.
    pub presenter: Option<String>,
    pub presenter_email: Option<String>,
    pub presenter_name: Option<String>,
    pub creator_zuid: Option<String>,
    /// The start instant: `startTimeMillisec` when present, else `startTime` read in
    /// `timezone`.
    pub start: Option<DateTime<Utc>>,
    /// The end instant: `endTimeMillisec`, else `endTime`, else start + duration.
    pub end: Option<DateTime<Utc>>,
    /// `startTime` exactly as received.
    pub start_time_text: Option<String>,
    pub duration_ms: Option<i64>,
    /// IANA zone id as received (the legacy `Asia/Calcutta` included).
    pub timezone: Option<String>,
    pub offset_ms: Option<i64>,
    /// Attendee-safe join link.
    pub join_link: Option<String>,
    /// Host-only link: never show it to participants or log it.
    pub start_link: Option<Secret>,
    /// Host-only embed link.
    pub embed_url: Option<Secret>,
    pub password: Option<Secret>,
    /// `sysId`, `sys_id` or `UID`.
    pub sys_id: Option<String>,
    pub participants: Vec<Participant>,
    /// Every member this type does not name (`encryptPwd` included).
    pub extra: Map<String, Value>,
}

pub type Webinar = Meeting;

#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct Participant {
    pub id: Option<String>,
    pub email: Option<String>,
    pub extra: Map<String, Value>,
}

impl Meeting {
    /// Reads one `session` object.
    pub fn from_map(map: Map<String, Value>) -> Result<Self, String> {
        let (fields, extra) = Fields::from_map(map);
        fields.into_meeting(extra)
    }
}

impl<'de> Deserialize<'de> for Meeting {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        // Member by member, without a map of the whole object first.
        deserializer.deserialize_map(MeetingVisitor)
    }
}

/// The `session` member of a response: an object (create/get/edit) or an array (list).
/// A body without `session` is an empty list.
pub fn sessions_of(body: Value) -> Result<Vec<Meeting>, String> {
    let Value::Object(mut body) = body else {
        return Err("the body is not a JSON object".into());
    };
    match body.remove("session").or_else(|| body.remove("webinar")) {
        None | Some(Value::Null) => Ok(Vec::new()),
        Some(Value::Array(items)) => items
            .into_iter()
            .map(|item| match item {
                Value::Object(map) => Meeting::from_map(map),
                _ => Err("a session that is not an object".into()),
            })
            .collect(),
        Some(Value::Object(map)) => Ok(vec![Meeting::from_map(map)?]),
        Some(_) => Err("`session` is neither an object nor an array".into()),
    }
}

/// Longest topic accepted (characters). Zoho documents no limit (GAP); 200 is a choice.
pub const MAX_TOPIC_CHARS: usize = 200;
/// Longest agenda accepted (characters); a choice, see README.
pub const MAX_AGENDA_CHARS: usize = 5000;
/// Longest meeting accepted: 24 hours.
pub const MAX_DURATION_MINUTES: u32 = 24 * 60;
/// Most participants accepted in one request; a choice, see README.
pub const MAX_PARTICIPANTS: usize = 100;

/// A meeting (or webinar) to create.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct NewMeeting {
    /// Required; 1–200 characters after trimming.
    pub topic: String,
    pub agenda: Option<String>,
    /// Start instant; sent as wall time in `timezone`, to the minute.
    pub start: DateTime<Utc>,
    /// 1 to 1440 minutes.
    pub duration_minutes: u32,
    /// IANA zone id (aliases such as `Asia/Calcutta` accepted).
    pub timezone: String,
    /// Participant e-mail addresses.
    #[serde(default)]
    pub participants: Vec<String>,
    /// Presenter zuid; the signed-in user's zuid when `None`.
    pub presenter: Option<String>,
}

pub type NewWebinar = NewMeeting;

/// Changes to a meeting (or webinar); `None` leaves a field as it is. Changing `start`
/// requires `timezone` (the wall time is sent in that zone).
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct MeetingPatch {
    pub topic: Option<String>,
    pub agenda: Option<String>,
    pub start: Option<DateTime<Utc>>,
    pub duration_minutes: Option<u32>,
    pub timezone: Option<String>,
    pub participants: Option<Vec<String>>,
    pub presenter: Option<String>,
}

pub type WebinarPatch = MeetingPatch;

impl NewMeeting {
    /// Checks the input and builds the `{"session": …}` request body.
    pub fn to_request(&self, default_presenter: &str) -> Result<Value> {
        let patch = MeetingPatch {
            topic: Some(self.topic.clone()),
            agenda: self.agenda.clone(),
            start: Some(self.start),
            duration_minutes: Some(self.duration_minutes),
            timezone: Some(self.timezone.clone()),
            participants: Some(self.participants.clone()),
            presenter: Some(
                self.presenter
                    .clone()
                    .unwrap_or_else(|| default_presenter.to_owned()),
            ),
        };
        patch.to_request()
    }
}

impl MeetingPatch {
    pub fn is_empty(&self) -> bool {
        self.topic.is_none()
            && self.agenda.is_none()
            && self.start.is_none()
            && self.duration_minutes.is_none()
            && self.timezone.is_none()
            && self.participants.is_none()
            && self.presenter.is_none()
    }

    /// Checks the changes and builds the `{"session": …}` request body.
    pub fn to_request(&self) -> Result<Value> {
        if self.is_empty() {
            return Err(Error::invalid_input("patch", "nothing to change"));
        }
        let mut session = Map::new();
        if let Some(topic) = &self.topic {
            let topic = topic.trim();
            if topic.is_empty() {
                return Err(Error::invalid_input("topic", "is required"));
            }
            if topic.chars().count() > MAX_TOPIC_CHARS {
                return Err(Error::invalid_input(
                    "topic",
                    format!("must be at most {MAX_TOPIC_CHARS} characters"),
                ));
            }
            if topic.chars().any(char::is_control) {
                return Err(Error::invalid_input(
                    "topic",
                    "must not contain control characters",
                ));
            }
            session.insert("topic".into(), json!(topic));
        }
        if let Some(agenda) = &self.agenda {
            if agenda.chars().count() > MAX_AGENDA_CHARS {
                return Err(Error::invalid_input(
                    "agenda",
                    format!("must be at most {MAX_AGENDA_CHARS} characters"),
                ));
            }
            session.insert("agenda".into(), json!(agenda));
        }
        if let Some(presenter) = &self.presenter {
            let presenter = presenter.trim();
            let value = match presenter.parse::<u64>() {
                Ok(number) => json!(number),
                Err(_) if !presenter.is_empty() => json!(presenter),
                Err(_) => return Err(Error::invalid_input("presenter", "must be a zuid")),
            };
            session.insert("presenter".into(), value);
        }
        let tz = self.timezone.as_deref().map(time::zone).transpose()?;
        if let Some(start) = self.start {
            let tz = tz.ok_or_else(|| {
                Error::invalid_input("timezone", "is required when the start changes")
            })?;
            session.insert(
                "startTime".into(),
                json!(time::format_start_time(start, tz)),
            );
        }
        if let Some(minutes) = self.duration_minutes {
            if minutes == 0 || minutes > MAX_DURATION_MINUTES {
                return Err(Error::invalid_input(
                    "durationMinutes",
                    format!("must be 1 to {MAX_DURATION_MINUTES} minutes"),
                ));
            }
            session.insert("duration".into(), json!(u64::from(minutes) * 60_000));
        }
        if let Some(name) = &self.timezone {
            session.insert("timezone".into(), json!(name.trim()));
        }
        if let Some(emails) = &self.participants {
            if emails.len() > MAX_PARTICIPANTS {
                return Err(Error::invalid_input(
                    "participants",
                    format!("at most {MAX_PARTICIPANTS} participants"),
                ));
            }
            let mut list = Vec::with_capacity(emails.len());
            for (i, email) in emails.iter().enumerate() {
                let email = email.trim();
                if !is_valid_email(email) {
                    return Err(Error::invalid_input(
                        format!("participants[{i}]"),
                        "is not a valid e-mail address",
                    ));
                }
                list.push(json!({ "email": email }));
            }
            session.insert("participants".into(), Value::Array(list));
        }
        Ok(json!({ "session": session }))
    }
}

/// A pragmatic address check: one `@`, a non-empty local part, a dotted domain, no spaces
/// or control characters, at most 254 characters.
pub fn is_valid_email(email: &str) -> bool {
    let Some((local, domain)) = email.split_once('@') else {
        return false;
    };
    email.len() <= 254
        && !local.is_empty()
        && local.len() <= 64
        && !domain.contains('@')
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !domain.contains("..")
        && !email
            .chars()
            .any(|c| c.is_whitespace() || c.is_control() || "<>()[],;:\"".contains(c))
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn new_meeting() -> NewMeeting {
        NewMeeting {
            topic: "  Monthly Marketing Meeting ".into(),
            agenda: Some("Points".into()),
            start: Utc.with_ymd_and_hms(2020, 6, 19, 13, 30, 0).unwrap(),
            duration_minutes: 60,
            timezone: "Asia/Calcutta".into(),
            participants: vec!["dummy@email.com".into()],
            presenter: None,
        }
    }

    #[test]
    fn builds_the_documented_create_body() {
        let body = new_meeting().to_request("123456789").unwrap();
        let mut expected = crate::model::example("create-meeting.request.json");
        expected["session"]["agenda"] = json!("Points");
        assert_eq!(body, expected);
    }

    #[test]
    fn rejects_invalid_input_naming_the_field() {
        type Change = Box<dyn Fn(&mut NewMeeting)>;
        let cases: Vec<(Change, &str)> = vec![
            (Box::new(|m| m.topic = "   ".into()), "topic"),
            (
                Box::new(|m| m.topic = "x".repeat(MAX_TOPIC_CHARS + 1)),
                "topic",
            ),
            (Box::new(|m| m.topic = "a\u{0}b".into()), "topic"),
            (
                Box::new(|m| m.agenda = Some("x".repeat(MAX_AGENDA_CHARS + 1))),
                "agenda",
            ),
            (Box::new(|m| m.duration_minutes = 0), "durationMinutes"),
            (
                Box::new(|m| m.duration_minutes = MAX_DURATION_MINUTES + 1),
                "durationMinutes",
            ),
            (Box::new(|m| m.timezone = "Nowhere/Else".into()), "timezone"),
            (
                Box::new(|m| m.participants = vec!["a@b.co".into(), "not-an-email".into()]),
                "participants[1]",
            ),
            (
                Box::new(|m| m.participants = vec!["x@y.z".into(); MAX_PARTICIPANTS + 1]),
                "participants",
            ),
            (Box::new(|m| m.presenter = Some(" ".into())), "presenter"),
        ];
        for (change, field) in cases {
            let mut meeting = new_meeting();
            change(&mut meeting);
            match meeting.to_request("1") {
                Err(Error::InvalidInput { field: got, .. }) => assert_eq!(got, field),
                other => panic!("{field}: {other:?}"),
            }
        }
        // The topic limit counts characters, not bytes.
        let mut meeting = new_meeting();
        meeting.topic = "é".repeat(MAX_TOPIC_CHARS);
        assert!(meeting.to_request("1").is_ok());
    }

    #[test]
    fn patches_send_only_what_changes() {
        let patch = MeetingPatch {
            topic: Some("New".into()),
            ..Default::default()
        };
        assert_eq!(
            patch.to_request().unwrap(),
            json!({"session": {"topic": "New"}})
        );
        let err = MeetingPatch::default().to_request().unwrap_err();
        assert!(matches!(err, Error::InvalidInput { ref field, .. } if field == "patch"));
        let start_only = MeetingPatch {
            start: Some(Utc::now()),
            ..Default::default()
        };
        let err = start_only.to_request().unwrap_err();
        assert!(matches!(err, Error::InvalidInput { ref field, .. } if field == "timezone"));
    }

    #[test]
    fn email_check() {
        for good in ["a@b.co", "first.last+tag@sub.example.org"] {
            assert!(is_valid_email(good), "{good}");
        }
        for bad in [
            "", "a", "@b.co", "a@", "a@b", "a@.b", "a@b.", "a b@c.d", "a@b@c.d", "a@b..c",
        ] {
            assert!(!is_valid_email(bad), "{bad}");
        }
    }
}
