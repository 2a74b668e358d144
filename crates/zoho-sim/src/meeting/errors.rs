//! Meeting API error bodies. The first three are documented (API.md §2.9); scope and
//! validation errors are GAPs whose bodies are the simulator's choice (see the README).

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde_json::{Value, json};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MeetingError {
    /// 400 / 2000: missing, unknown, expired or revoked token, or another DC's token.
    InvalidToken,
    /// GAP: the token lacks the scope the endpoint needs.
    ScopeMismatch,
    /// 401 / 3001: the path's zsoid is not the user's org.
    UnauthorizedUser,
    /// 400 / 4000: unknown meeting or webinar key.
    InvalidKey,
    /// GAP: request validation.
    Invalid(Validation),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Validation {
    Body,
    Topic,
    StartTime,
    TimeZone,
    Duration,
    Presenter,
    ListParams,
}

impl Validation {
    fn parts(self) -> (u32, &'static str, &'static str) {
        match self {
            Validation::Body => (7000, "The request body is invalid.", "INVALID_INPUT"),
            Validation::Topic => (7001, "The topic is required.", "INVALID_TOPIC"),
            Validation::StartTime => (7002, "The start time is invalid.", "INVALID_START_TIME"),
            Validation::TimeZone => (7003, "The time zone is invalid.", "INVALID_TIMEZONE"),
            Validation::Duration => (7004, "The duration is invalid.", "INVALID_DURATION"),
            Validation::Presenter => (7005, "The presenter is invalid.", "INVALID_PRESENTER"),
            Validation::ListParams => (
                7006,
                "The listtype, index or count is invalid.",
                "INVALID_LIST_PARAMS",
            ),
        }
    }
}

impl MeetingError {
    pub fn status(self) -> StatusCode {
        match self {
            MeetingError::ScopeMismatch | MeetingError::UnauthorizedUser => {
                StatusCode::UNAUTHORIZED
            }
            _ => StatusCode::BAD_REQUEST,
        }
    }

    pub fn body(self) -> Value {
        match self {
            MeetingError::InvalidToken => {
                json!({ "error": { "code": 2000, "message": "INVALID_OAUTHTOKEN" } })
            }
            MeetingError::ScopeMismatch => {
                json!({ "error": { "code": 2001, "message": "INVALID_OAUTHSCOPE" } })
            }
            MeetingError::UnauthorizedUser => json!({ "error": {
                "errorCode": 3001,
                "message": "You do not have permission to access this organization account.",
                "key": "UNAUTHORIZED_USER",
            } }),
            MeetingError::InvalidKey => json!({ "error": {
                "errorCode": 4000,
                "message": "The meeting key is invalid.",
                "key": "INVALID_MEETING_KEY",
            } }),
            MeetingError::Invalid(validation) => {
                let (code, message, key) = validation.parts();
                json!({ "error": { "errorCode": code, "message": message, "key": key } })
            }
        }
    }
}

impl IntoResponse for MeetingError {
    fn into_response(self) -> Response {
        (self.status(), axum::Json(self.body())).into_response()
    }
}
