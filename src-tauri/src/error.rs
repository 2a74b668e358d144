//! Errors as they cross IPC: a stable code the UI branches on, a message for people and,
//! for bad input, the field to show it at.

use serde::Serialize;
use specta::Type;
use zoho_core::store::StoreError;

/// Stable error codes. Renaming one is a breaking change for the UI.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, serde::Deserialize, Type)]
#[serde(rename_all = "snake_case")]
pub enum ErrorCode {
    // The app's own.
    /// The account is still connecting (demo simulator starting, keyring being read).
    NotReady,
    /// A sign-in callback arrived with no sign-in waiting for it.
    NoSignInPending,
    /// Opening the browser failed.
    BrowserFailed,
    /// The host-only start link is not available (not the host, or Zoho sent none).
    NotHost,
    // Mirrors of zoho-core's codes.
    UnknownDataCenter,
    UntrustedAccountsServer,
    StateMismatch,
    AccessDenied,
    AuthorizationFailed,
    SignInExpired,
    CallbackReplayed,
    InvalidCallback,
    SignInTimedOut,
    InvalidCode,
    InvalidClient,
    InvalidClientSecret,
    Throttled,
    TokenError,
    ConsentRequired,
    SignedOut,
    InvalidToken,
    NotFound,
    Forbidden,
    ApiError,
    UnexpectedResponse,
    Network,
    InvalidInput,
    KeyringUnavailable,
    KeyringTimedOut,
    KeyringFailed,
    Config,
    /// A server's answer was larger than the app reads (a cap against memory exhaustion).
    ResponseTooLarge,
    /// Saving other endpoints while signed in needs the person's confirmation first.
    SwitchNotConfirmed,
    /// A link from meeting data was not opened: not https, or not on a Meeting host.
    LinkRefused,
    /// The user gave the sign-in up.
    SignInCancelled,
    /// Zoho cannot be reached (no network, DNS, refused, timed out, or failing with 5xx
    /// after retries); a change was refused before anything was sent.
    Offline,
    /// The clipboard refused the text.
    ClipboardFailed,
}

/// An error as it crosses IPC.
#[derive(Debug, Clone, Serialize, Type, thiserror::Error)]
#[error("{message}")]
pub struct AppError {
    pub code: ErrorCode,
    pub message: String,
    /// For `invalid_input`: the form field at fault (its camelCase name).
    pub field: Option<String>,
}

impl AppError {
    pub fn new(code: ErrorCode, message: impl Into<String>) -> Self {
        Self {
            code,
            message: message.into(),
            field: None,
        }
    }

    /// Bad input in `field`; the message names the field for people too.
    pub fn invalid(field: &str, reason: impl std::fmt::Display) -> Self {
        Self {
            code: ErrorCode::InvalidInput,
            message: format!("{}: {reason}", field_label(field)),
            field: Some(field.to_owned()),
        }
    }
}

/// How a field is called in the forms, for messages.
fn field_label(field: &str) -> &str {
    match field {
        "topic" => "Topic",
        "agenda" => "Agenda",
        "start" | "date" | "time" => "Start",
        "durationMinutes" => "Duration",
        "timezone" => "Time zone",
        "participants" => "Participants",
        "clientId" => "Client id",
        "clientSecret" => "Client secret",
        "dataCentre" => "Data centre",
        "reminderMinutes" => "Reminder",
        "endpoints" => "Endpoints",
        "shortcutQuickCreate" => "Quick-create shortcut",
        "shortcutJoinNext" => "Join-next shortcut",
        "query" => "Search",
        other => other,
    }
}

impl From<StoreError> for AppError {
    fn from(error: StoreError) -> Self {
        AppError::from(zoho_core::Error::Store(error))
    }
}

impl From<zoho_core::Error> for AppError {
    fn from(error: zoho_core::Error) -> Self {
        use zoho_core::Error as E;
        if let E::InvalidInput { field, reason } = &error {
            return AppError::invalid(field, reason);
        }
        let code = match &error {
            E::UnknownDataCenter(_) => ErrorCode::UnknownDataCenter,
            E::UntrustedAccountsServer(_) => ErrorCode::UntrustedAccountsServer,
            E::StateMismatch => ErrorCode::StateMismatch,
            E::AccessDenied { .. } => ErrorCode::AccessDenied,
            E::AuthorizationFailed { .. } => ErrorCode::AuthorizationFailed,
            E::SignInExpired => ErrorCode::SignInExpired,
            E::CallbackReplayed => ErrorCode::CallbackReplayed,
            E::InvalidCallback(_) => ErrorCode::InvalidCallback,
            E::SignInTimedOut => ErrorCode::SignInTimedOut,
            E::InvalidCode => ErrorCode::InvalidCode,
            E::InvalidClient => ErrorCode::InvalidClient,
            E::InvalidClientSecret => ErrorCode::InvalidClientSecret,
            E::Throttled { .. } => ErrorCode::Throttled,
            E::TokenEndpoint { .. } => ErrorCode::TokenError,
            E::ConsentRequired => ErrorCode::ConsentRequired,
            E::SignedOut => ErrorCode::SignedOut,
            E::InvalidToken => ErrorCode::InvalidToken,
            E::NotFound => ErrorCode::NotFound,
            E::Forbidden { .. } => ErrorCode::Forbidden,
            E::Api { .. } => ErrorCode::ApiError,
            E::UnexpectedResponse { .. } => ErrorCode::UnexpectedResponse,
            E::Network(_) => ErrorCode::Network,
            E::Store(StoreError::Unavailable(_)) => ErrorCode::KeyringUnavailable,
            E::Store(StoreError::TimedOut(_)) => ErrorCode::KeyringTimedOut,
            E::Store(StoreError::Failed(_)) => ErrorCode::KeyringFailed,
            E::Config(_) => ErrorCode::Config,
            E::ResponseTooLarge { .. } => ErrorCode::ResponseTooLarge,
            E::SignInCancelled => ErrorCode::SignInCancelled,
            _ => ErrorCode::ApiError,
        };
        AppError::new(code, error.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every code zoho-core can produce has the same name on this side, so the UI sees one
    /// vocabulary.
    #[test]
    fn core_codes_cross_unchanged() {
        for code in zoho_core::ERROR_CODES {
            let ours: Result<ErrorCode, _> = serde_json::from_value(serde_json::json!(code));
            assert!(ours.is_ok(), "{code} has no ErrorCode");
        }
    }

    #[test]
    fn invalid_input_names_the_field() {
        let error = AppError::from(zoho_core::Error::InvalidInput {
            field: "durationMinutes".into(),
            reason: "must be 1 to 1440 minutes".into(),
        });
        assert_eq!(error.code, ErrorCode::InvalidInput);
        assert_eq!(error.field.as_deref(), Some("durationMinutes"));
        assert_eq!(error.message, "Duration: must be 1 to 1440 minutes");
    }
}
