//! The members of a session object that [`Meeting`] names, each kept as received until the
//! object is complete, then read with the quirk-tolerant readers of [`super::quirks`].
//!
//! Both ways into a [`Meeting`] go through here: [`Meeting::from_map`] (a body already
//! parsed into a JSON tree) and the streaming `Deserialize` (a list page read straight from
//! its text). The second never builds a map of the whole object: each named member goes to
//! its slot as it is read, and only the members this type does not name are kept as JSON
//! values (in `extra`). A list page of 100 sessions is read that way without a JSON tree.

use std::borrow::Cow;
use std::fmt;

use serde::de::{self, Deserializer, MapAccess, Visitor};
use serde_json::{Map, Value};

use super::meeting::{Meeting, Participant};
use super::quirks::{i64_of, id_of, string_of};
use crate::secret::Secret;
use crate::time;

/// One slot per member name `Meeting` reads. Where several names mean the same field,
/// the first of them that reads as a value wins (`meetingKey` before `webinarKey`).
#[derive(Default)]
pub(super) struct Fields {
    meeting_key: Option<Value>,
    webinar_key: Option<Value>,
    key: Option<Value>,
    topic: Option<Value>,
    agenda: Option<Value>,
    presenter: Option<Value>,
    presenter_zuid: Option<Value>,
    presenter_email: Option<Value>,
    presenter_name: Option<Value>,
    creator_zuid: Option<Value>,
    start_time_millisec: Option<Value>,
    start_time_millis: Option<Value>,
    end_time_millisec: Option<Value>,
    end_time_millis: Option<Value>,
    start_time: Option<Value>,
    /// Read for the end, and kept in `extra` as well (as it always was).
    end_time: Option<Value>,
    duration: Option<Value>,
    timezone: Option<Value>,
    offset: Option<Value>,
    join_link: Option<Value>,
    start_link: Option<Value>,
    embed_url: Option<Value>,
    pwd: Option<Value>,
    sys_id: Option<Value>,
    sys_id_snake: Option<Value>,
    uid: Option<Value>,
    participants: Option<Value>,
}

impl Fields {
    /// The slot of a member name, `None` for a name `Meeting` keeps in `extra`.
    fn slot(&mut self, name: &str) -> Option<&mut Option<Value>> {
        Some(match name {
            "meetingKey" => &mut self.meeting_key,
            "webinarKey" => &mut self.webinar_key,
            "key" => &mut self.key,
            "topic" => &mut self.topic,
            "agenda" => &mut self.agenda,
            "presenter" => &mut self.presenter,
            "presenterZuid" => &mut self.presenter_zuid,
            "presenterEmail" => &mut self.presenter_email,
            "presenterName" => &mut self.presenter_name,
            "creatorZuid" => &mut self.creator_zuid,
            "startTimeMillisec" => &mut self.start_time_millisec,
            "startTimeMillis" => &mut self.start_time_millis,
            "endTimeMillisec" => &mut self.end_time_millisec,
            "endTimeMillis" => &mut self.end_time_millis,
            "startTime" => &mut self.start_time,
            "endTime" => &mut self.end_time,
            "duration" => &mut self.duration,
            "timezone" => &mut self.timezone,
            "offset" => &mut self.offset,
            "joinLink" => &mut self.join_link,
            "startLink" => &mut self.start_link,
            "meetingEmbedUrl" => &mut self.embed_url,
            "pwd" => &mut self.pwd,
            "sysId" => &mut self.sys_id,
            "sys_id" => &mut self.sys_id_snake,
            "UID" => &mut self.uid,
            "participants" => &mut self.participants,
            _ => return None,
        })
    }

    /// Sorts the members of a parsed object into slots and `extra`.
    pub(super) fn from_map(map: Map<String, Value>) -> (Self, Map<String, Value>) {
        let mut fields = Fields::default();
        let mut extra = Map::new();
        for (name, value) in map {
            match fields.slot(&name) {
                Some(slot) => *slot = Some(value),
                None => {
                    extra.insert(name, value);
                }
            }
        }
        (fields, extra)
    }

    /// The meeting these members describe; `extra` holds the members not named here.
    pub(super) fn into_meeting(self, mut extra: Map<String, Value>) -> Result<Meeting, String> {
        let key = first([self.meeting_key, self.webinar_key, self.key], id_of)
            .ok_or("a session without meetingKey")?;
        let timezone = self.timezone.and_then(text);
        let tz = timezone.as_deref().and_then(|name| time::zone(name).ok());
        let start_ms = first([self.start_time_millisec, self.start_time_millis], i64_of);
        let end_ms = first([self.end_time_millisec, self.end_time_millis], i64_of);
        let start_time_text = self.start_time.and_then(text);
        let end_time_text = self.end_time.as_ref().and_then(string_of);
        if let Some(end_time) = self.end_time {
            extra.insert("endTime".into(), end_time);
        }
        let duration_ms = first([self.duration], i64_of);
        let read = |ms: Option<i64>, text: &Option<String>| {
            ms.and_then(time::from_epoch_ms).or_else(|| {
                let (text, tz) = (text.as_deref()?, tz?);
                time::parse_zoho_time(text, tz).ok()
            })
        };
        let start = read(start_ms, &start_time_text);
        let end = read(end_ms, &end_time_text)
            .or_else(|| Some(start? + chrono::Duration::milliseconds(duration_ms?)));
        let participants = match self.participants {
            Some(Value::Array(items)) => items.into_iter().filter_map(participant).collect(),
            Some(other) => {
                extra.insert("participants".into(), other);
                Vec::new()
            }
            None => Vec::new(),
        };
        Ok(Meeting {
            key,
            topic: self.topic.and_then(text),
            agenda: self.agenda.and_then(text),
            presenter: first([self.presenter, self.presenter_zuid], id_of),
            presenter_email: self.presenter_email.and_then(text),
            presenter_name: self.presenter_name.and_then(text),
            creator_zuid: first([self.creator_zuid], id_of),
            start,
            end,
            start_time_text,
            duration_ms,
            timezone,
            offset_ms: first([self.offset], i64_of),
            join_link: self.join_link.and_then(text),
            start_link: self.start_link.and_then(text).map(Secret::new),
            embed_url: self.embed_url.and_then(text).map(Secret::new),
            password: self.pwd.and_then(text).map(Secret::new),
            sys_id: first([self.sys_id, self.sys_id_snake, self.uid], id_of),
            participants,
            extra,
        })
    }
}

/// The first of `values` present that reads as `Some`.
fn first<T, const N: usize>(
    values: [Option<Value>; N],
    read: impl Fn(&Value) -> Option<T>,
) -> Option<T> {
    values.iter().flatten().find_map(read)
}

/// A non-empty string as [`string_of`] reads it, moving a string out rather than copying
/// it (a list page holds thousands of them).
fn text(value: Value) -> Option<String> {
    match value {
        Value::String(text) => (!text.is_empty()).then_some(text),
        other => string_of(&other),
    }
}

pub(super) fn participant(value: Value) -> Option<Participant> {
    match value {
        Value::Object(map) => {
            let (mut id, mut email, mut extra) = (None, None, Map::new());
            for (name, value) in map {
                match name.as_str() {
                    "id" => id = Some(value),
                    "email" => email = Some(value),
                    _ => {
                        extra.insert(name, value);
                    }
                }
            }
            Some(Participant {
                id: id.as_ref().and_then(id_of),
                email: email.and_then(text),
                extra,
            })
        }
        Value::String(email) => Some(Participant {
            id: None,
            email: Some(email),
            extra: Map::new(),
        }),
        _ => None,
    }
}

/// Reads a session object member by member (see the module's header).
pub(super) struct MeetingVisitor;

impl<'de> Visitor<'de> for MeetingVisitor {
    type Value = Meeting;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a session object")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut access: A) -> Result<Meeting, A::Error> {
        let mut fields = Fields::default();
        let mut extra = Map::new();
        while let Some(MemberName(name)) = access.next_key()? {
            match fields.slot(&name) {
                Some(slot) => *slot = Some(access.next_value()?),
                None => {
                    extra.insert(name.into_owned(), access.next_value()?);
                }
            }
        }
        fields.into_meeting(extra).map_err(de::Error::custom)
    }
}

/// A member name, borrowed from the body when it has no escapes (the usual case), so the
/// names `Meeting` reads are never copied.
struct MemberName<'de>(Cow<'de, str>);

impl<'de> de::Deserialize<'de> for MemberName<'de> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct NameVisitor;
        impl<'de> Visitor<'de> for NameVisitor {
            type Value = MemberName<'de>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a member name")
            }
            fn visit_borrowed_str<E: de::Error>(self, name: &'de str) -> Result<Self::Value, E> {
                Ok(MemberName(Cow::Borrowed(name)))
            }
            fn visit_str<E: de::Error>(self, name: &str) -> Result<Self::Value, E> {
                Ok(MemberName(Cow::Owned(name.to_owned())))
            }
            fn visit_string<E: de::Error>(self, name: String) -> Result<Self::Value, E> {
                Ok(MemberName(Cow::Owned(name)))
            }
        }
        deserializer.deserialize_str(NameVisitor)
    }
}
