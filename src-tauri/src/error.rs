use serde::Serialize;
use specta::Type;
use zoho_core::store::StoreError;

/// Stable error codes the UI branches on. Renaming one is a breaking change for the UI.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Type)]
#[serde(rename_all = "snake_case")]
pub enum ErrorCode {
    KeyringUnavailable,
    KeyringTimeout,
    KeyringFailed,
    InvalidInput,
}

/// An error as it crosses IPC: a stable code and a message for people.
#[derive(Debug, Clone, Serialize, Type, thiserror::Error)]
#[error("{message}")]
pub struct AppError {
    pub code: ErrorCode,
    pub message: String,
}

impl AppError {
    pub fn new(code: ErrorCode, message: impl Into<String>) -> Self {
        Self {
            code,
            message: message.into(),
        }
    }
}

impl From<StoreError> for AppError {
    fn from(error: StoreError) -> Self {
        let code = match &error {
            StoreError::Unavailable(_) => ErrorCode::KeyringUnavailable,
            StoreError::TimedOut(_) => ErrorCode::KeyringTimeout,
            StoreError::Failed(_) => ErrorCode::KeyringFailed,
        };
        Self::new(code, error.to_string())
    }
}
