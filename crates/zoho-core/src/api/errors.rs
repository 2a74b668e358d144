//! Meeting API error bodies (API.md §2.9): `{"error":{"code":2000,"message":…}}` and
//! `{"error":{"errorCode":4000,"message":…,"key":"INVALID_MEETING_KEY"}}`.

use serde_json::Value;

use crate::error::Error;
use crate::model::quirks::{i64_of, string_of};

/// Meeting error code of an invalid or expired token (or a wrong-DC host).
pub const INVALID_OAUTHTOKEN: i64 = 2000;

/// The error object of a Meeting API body, whichever shape it has.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct MeetingErrorBody {
    pub code: Option<i64>,
    pub key: Option<String>,
    pub message: Option<String>,
    pub resource_type: Option<String>,
}

impl MeetingErrorBody {
    /// Reads `{"error": {…}}`; `None` when the body has no error object.
    pub fn parse(body: &str) -> Option<Self> {
        let value: Value = serde_json::from_str(body).ok()?;
        let error = value.get("error")?.as_object()?;
        Some(Self {
            code: error
                .get("code")
                .or_else(|| error.get("errorCode"))
                .and_then(i64_of),
            key: error.get("key").and_then(string_of),
            message: error.get("message").and_then(string_of),
            resource_type: value.get("resourceType").and_then(string_of),
        })
    }

    pub fn is_invalid_token(&self) -> bool {
        self.code == Some(INVALID_OAUTHTOKEN)
            || self.message.as_deref() == Some("INVALID_OAUTHTOKEN")
    }
}

/// The typed error of a failed Meeting API answer.
pub fn decode_error(status: u16, body: &str) -> Error {
    let Some(parsed) = MeetingErrorBody::parse(body) else {
        return Error::Api {
            status,
            code: None,
            key: None,
            message: Some(crate::http::describe_body(body)),
        };
    };
    if parsed.is_invalid_token() {
        return Error::InvalidToken;
    }
    let message = parsed.message.clone().unwrap_or_default();
    match (parsed.code, parsed.key.as_deref(), status) {
        (Some(4000), _, _) | (_, Some("INVALID_MEETING_KEY" | "INVALID_WEBINAR_KEY"), _) => {
            Error::NotFound
        }
        (Some(3001 | 1025 | 1009), _, _) | (_, _, 401 | 403) => Error::Forbidden {
            code: parsed.code,
            message,
        },
        (None, None, 404) => Error::NotFound,
        _ => Error::Api {
            status,
            code: parsed.code,
            key: parsed.key,
            message: parsed.message,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::example;

    fn decode(name: &str, status: u16) -> Error {
        decode_error(status, &example(name).to_string())
    }

    #[test]
    fn every_documented_error_body_decodes() {
        assert_eq!(
            decode("error.invalid-oauthtoken.response.json", 400).code(),
            "invalid_token"
        );
        assert_eq!(
            decode("error.invalid-meeting-key.response.json", 400).code(),
            "not_found"
        );
        for (name, code) in [
            ("error.unauthorized-user.response.json", 3001),
            ("error.org-mismatch.response.json", 1025),
            ("error.invalid-org-admin.response.json", 1009),
        ] {
            match decode(name, 403) {
                Error::Forbidden { code: got, message } => {
                    assert_eq!(got, Some(code));
                    assert!(!message.is_empty());
                }
                other => panic!("{name}: {other:?}"),
            }
        }
        let parsed =
            MeetingErrorBody::parse(&example("error.org-mismatch.response.json").to_string())
                .unwrap();
        assert_eq!(
            parsed.resource_type.as_deref(),
            Some("/meeting/api/v2/1234567/user")
        );
        let unauthorized =
            MeetingErrorBody::parse(&example("error.unauthorized-user.response.json").to_string())
                .unwrap();
        assert_eq!(unauthorized.key.as_deref(), Some("UNAUTHORIZED_USER"));
    }

    #[test]
    fn unknown_errors_keep_their_details() {
        let body = r#"{"error":{"errorCode":7001,"message":"The topic is required.","key":"INVALID_TOPIC"}}"#;
        match decode_error(400, body) {
            Error::Api {
                status,
                code,
                key,
                message,
            } => {
                assert_eq!(
                    (status, code, key.as_deref()),
                    (400, Some(7001), Some("INVALID_TOPIC"))
                );
                assert_eq!(message.as_deref(), Some("The topic is required."));
            }
            other => panic!("{other:?}"),
        }
        assert_eq!(decode_error(503, "<html>busy</html>").code(), "api_error");
        assert_eq!(
            decode_error(404, r#"{"error":{"message":"nope"}}"#).code(),
            "not_found"
        );
    }
}
