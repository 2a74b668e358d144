//! A list page (`{"session": [...], "count": N}`) read straight from its text into
//! [`Meeting`]s, with the same tolerance as [`super::sessions_of`] on a parsed body, but
//! without building a JSON tree of the whole page first (see [`super::fields`]).

use std::fmt;

use serde::de::{self, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde_json::Value;

use super::fields::MeetingVisitor;
use super::meeting::Meeting;
use super::quirks::i64_of;

/// One page of a meeting or webinar list.
#[derive(Debug, Default)]
pub struct ListPage {
    /// The top-level `count` (a number or a numeric string): how many sessions the whole
    /// list holds, by the server's word.
    pub total: Option<i64>,
    /// `session` (or, without it, `webinar`): an array, one object, or nothing.
    pub sessions: Vec<Meeting>,
}

/// Why a page body could not be read.
#[derive(Debug, PartialEq, Eq)]
pub enum PageError {
    /// Not JSON at all (an HTML error page, a cut body).
    NotJson,
    /// JSON, but not a list body; says what is wrong.
    Unexpected(String),
}

impl ListPage {
    /// Reads a page body.
    pub fn parse(body: &str) -> Result<Self, PageError> {
        if body.trim().is_empty() {
            return Err(PageError::Unexpected(
                "the body is not a JSON object".into(),
            ));
        }
        serde_json::from_str(body).map_err(|error| match error.classify() {
            serde_json::error::Category::Data => PageError::Unexpected(error.to_string()),
            _ => PageError::NotJson,
        })
    }
}

/// What a page holds, told without building anything from it: how many sessions, and the
/// server's total. Enough to ask for the next page while this one is read in full.
#[derive(Debug, PartialEq, Eq)]
pub struct PageShape {
    pub total: Option<i64>,
    pub sessions: usize,
}

impl PageShape {
    /// Scans a page body; `None` when it is not a list body (reading it in full says why).
    pub fn scan(body: &str) -> Option<Self> {
        serde_json::from_str(body).ok()
    }
}

impl<'de> de::Deserialize<'de> for PageShape {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct ShapeVisitor;
        impl<'de> Visitor<'de> for ShapeVisitor {
            type Value = PageShape;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("the body as a JSON object")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut access: A) -> Result<PageShape, A::Error> {
                let (mut total, mut session, mut webinar) = (None, None, None);
                while let Some(name) = access.next_key::<PageMember>()? {
                    match name {
                        PageMember::Count => total = i64_of(&access.next_value::<Value>()?),
                        PageMember::Session => session = Some(access.next_value::<Count>()?.0),
                        PageMember::Webinar => webinar = Some(access.next_value::<Count>()?.0),
                        PageMember::Other => {
                            access.next_value::<IgnoredAny>()?;
                        }
                    }
                }
                Ok(PageShape {
                    total,
                    sessions: session.or(webinar).unwrap_or(0),
                })
            }
        }
        deserializer.deserialize_map(ShapeVisitor)
    }
}

/// How many sessions `session` holds, each skipped unread.
struct Count(usize);

impl<'de> de::Deserialize<'de> for Count {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct CountVisitor;
        impl<'de> Visitor<'de> for CountVisitor {
            type Value = Count;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("`session` as an object or an array")
            }
            fn visit_unit<E: de::Error>(self) -> Result<Count, E> {
                Ok(Count(0))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut items: A) -> Result<Count, A::Error> {
                let mut count = 0;
                while items.next_element::<IgnoredAny>()?.is_some() {
                    count += 1;
                }
                Ok(Count(count))
            }
            fn visit_map<A: MapAccess<'de>>(self, access: A) -> Result<Count, A::Error> {
                IgnoredAny.visit_map(access)?;
                Ok(Count(1))
            }
        }
        deserializer.deserialize_any(CountVisitor)
    }
}

impl<'de> de::Deserialize<'de> for ListPage {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_map(PageVisitor)
    }
}

struct PageVisitor;

impl<'de> Visitor<'de> for PageVisitor {
    type Value = ListPage;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("the body as a JSON object")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut access: A) -> Result<ListPage, A::Error> {
        let (mut total, mut session, mut webinar) = (None, None, None);
        while let Some(name) = access.next_key::<PageMember>()? {
            match name {
                PageMember::Count => total = i64_of(&access.next_value::<Value>()?),
                PageMember::Session => session = Some(access.next_value::<Sessions>()?),
                PageMember::Webinar => webinar = Some(access.next_value::<Sessions>()?),
                PageMember::Other => {
                    access.next_value::<IgnoredAny>()?;
                }
            }
        }
        Ok(ListPage {
            total,
            sessions: session.or(webinar).map(|s| s.0).unwrap_or_default(),
        })
    }
}

/// The top-level members a page is read for.
enum PageMember {
    Count,
    Session,
    Webinar,
    Other,
}

impl<'de> de::Deserialize<'de> for PageMember {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct NameVisitor;
        impl Visitor<'_> for NameVisitor {
            type Value = PageMember;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a member name")
            }
            fn visit_str<E: de::Error>(self, name: &str) -> Result<PageMember, E> {
                Ok(match name {
                    "count" => PageMember::Count,
                    "session" => PageMember::Session,
                    "webinar" => PageMember::Webinar,
                    _ => PageMember::Other,
                })
            }
        }
        deserializer.deserialize_str(NameVisitor)
    }
}

/// `session`: an array of session objects, one object, or `null` (none).
struct Sessions(Vec<Meeting>);

impl<'de> de::Deserialize<'de> for Sessions {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(SessionsVisitor)
    }
}

struct SessionsVisitor;

impl<'de> Visitor<'de> for SessionsVisitor {
    type Value = Sessions;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("`session` as an object or an array")
    }

    fn visit_unit<E: de::Error>(self) -> Result<Sessions, E> {
        Ok(Sessions(Vec::new()))
    }

    fn visit_none<E: de::Error>(self) -> Result<Sessions, E> {
        Ok(Sessions(Vec::new()))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut items: A) -> Result<Sessions, A::Error> {
        let mut sessions = Vec::with_capacity(items.size_hint().unwrap_or(0).min(1000));
        while let Some(meeting) = items.next_element::<Meeting>()? {
            sessions.push(meeting);
        }
        Ok(Sessions(sessions))
    }

    fn visit_map<A: MapAccess<'de>>(self, access: A) -> Result<Sessions, A::Error> {
        Ok(Sessions(vec![MeetingVisitor.visit_map(access)?]))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::sessions_of;

    /// The page reader and the tree reader agree on every member of every session.
    fn same_as_tree(body: &str) {
        let page = ListPage::parse(body).unwrap();
        let tree: Value = serde_json::from_str(body).unwrap();
        let total = tree.get("count").and_then(i64_of);
        let sessions = sessions_of(tree).unwrap();
        assert_eq!(page.total, total, "{body}");
        assert_eq!(
            format!("{:?}", page.sessions),
            format!("{sessions:?}"),
            "{body}"
        );
    }

    #[test]
    fn reads_the_documented_list_as_the_tree_reader_does() {
        for name in ["list-meetings.response.json", "get-meeting.response.json"] {
            let body = crate::model::example(name).to_string();
            same_as_tree(&body);
            assert!(!ListPage::parse(&body).unwrap().sessions.is_empty());
        }
    }

    #[test]
    fn survives_every_quirk_of_a_list_body() {
        for body in [
            // Ids as numbers or strings, a numeric-string total, epoch or wall-clock times.
            r#"{"count":"2","session":[
                {"meetingKey":1031,"topic":"A","startTimeMillisec":"1704375000000",
                 "endTimeMillisec":1704378600000,"presenter":"7","timezone":"Asia/Calcutta"},
                {"meetingKey":"1032","topic":"B","startTime":"Jan 04, 2024 07:00 PM IST",
                 "endTime":"Jan 04, 2024 08:00 PM IST","duration":3600000,
                 "timezone":"Asia/Calcutta","presenterZuid":7,"encryptPwd":"x"}]}"#,
            // A webinar list, one object instead of an array, names with escapes.
            r#"{"webinar":[{"webinarKey":5,"to\u0070ic":"C","sys_id":9,"UID":"u"}],"count":1}"#,
            r#"{"session":{"key":"77","participants":[{"id":1,"email":"a@b.co"},"c@d.ef",3]}}"#,
            // A 0 total and no session, `null`, an error body answered with HTTP 200.
            r#"{"count":0}"#,
            r#"{"session":null,"count":null}"#,
            r#"{"error":{"code":7006,"message":"INVALID_LIST_PARAMS"}}"#,
            // A member repeated: the last one counts, as in a parsed tree.
            r#"{"session":[{"meetingKey":1,"topic":"old","topic":"new","participants":"x"}]}"#,
        ] {
            same_as_tree(body);
        }
    }

    #[test]
    fn the_shape_counts_what_the_full_read_finds() {
        let list = crate::model::example("list-meetings.response.json").to_string();
        for body in [
            list.as_str(),
            r#"{"count":"250","session":[{"meetingKey":1},{"meetingKey":2}]}"#,
            r#"{"webinar":{"webinarKey":5}}"#,
            r#"{"session":null,"count":0}"#,
            r#"{"error":{"code":7006}}"#,
        ] {
            let page = ListPage::parse(body).unwrap();
            assert_eq!(
                PageShape::scan(body),
                Some(PageShape {
                    total: page.total,
                    sessions: page.sessions.len()
                }),
                "{body}"
            );
        }
        assert_eq!(PageShape::scan("<html>"), None);
    }

    #[test]
    fn a_broken_body_is_unexpected_not_a_panic() {
        assert_eq!(ListPage::parse("<html>").unwrap_err(), PageError::NotJson);
        assert_eq!(
            ListPage::parse(r#"{"session":[{"meetingKey":1}"#).unwrap_err(),
            PageError::NotJson
        );
        for body in [
            "",
            "[]",
            r#"{"session":3}"#,
            r#"{"session":[3]}"#,
            r#"{"session":[{"topic":"no key"}]}"#,
        ] {
            assert!(
                matches!(ListPage::parse(body), Err(PageError::Unexpected(_))),
                "{body}"
            );
            let tree: Value = serde_json::from_str(body).unwrap_or(Value::Null);
            assert!(sessions_of(tree).is_err(), "{body}");
        }
    }
}
