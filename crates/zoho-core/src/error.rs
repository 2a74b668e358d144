//! The crate's public error type. Every variant has a stable machine code ([`Error::code`])
//! that the app sends to the UI; messages never contain a secret.

use std::time::Duration;

use crate::store::StoreError;

pub type Result<T, E = Error> = std::result::Result<T, E>;

// Not `#[non_exhaustive]`: the app maps every variant to its own error code with an
// exhaustive `match`, so a new variant here must be given a code there (zmeet-core's
// `error.rs`) before anything compiles.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    // ---- sign-in: the redirect back from Zoho ----
    /// The redirect named a `location` that is not one of the configured data centres.
    #[error("Zoho named an unknown data centre {0:?}")]
    UnknownDataCenter(String),
    /// The redirect's `accounts-server` is not the allow-listed server of its `location`
    /// (RFC 9700 mix-up defence): the code is never sent there.
    #[error("Zoho named an accounts server that is not allowed: {0}")]
    UntrustedAccountsServer(String),
    /// The callback's `state` is missing or differs from the pending sign-in's.
    #[error("the sign-in callback does not belong to this sign-in (state mismatch)")]
    StateMismatch,
    /// The user refused consent.
    #[error("access was denied at Zoho{}", opt_suffix(.description))]
    AccessDenied { description: Option<String> },
    /// Zoho redirected back with an error other than `access_denied`.
    #[error("Zoho reported a sign-in error {error:?}{}", opt_suffix(.description))]
    AuthorizationFailed {
        error: String,
        description: Option<String>,
    },
    /// The pending sign-in is older than its lifetime.
    #[error("the sign-in took too long; start it again")]
    SignInExpired,
    /// A second callback arrived for a sign-in that already took one.
    #[error("this sign-in has already been completed or abandoned")]
    CallbackReplayed,
    /// The callback URL is malformed, points elsewhere or carries no code.
    #[error("the sign-in callback is invalid: {0}")]
    InvalidCallback(String),
    /// The loopback listener saw no valid callback in time.
    #[error("no sign-in answer arrived in time")]
    SignInTimedOut,

    // ---- token endpoint ----
    /// The authorization code is expired, used, or from another DC.
    #[error("Zoho rejected the authorization code (expired, already used or wrong data centre)")]
    InvalidCode,
    /// Zoho does not know the client id (or the client is not enabled for this DC).
    #[error("Zoho does not know this client (invalid_client)")]
    InvalidClient,
    /// The client secret is wrong.
    #[error("Zoho rejected the client secret")]
    InvalidClientSecret,
    /// Too many token requests: wait at least `retry_after`.
    #[error("Zoho is throttling token requests; try again in {} s", .retry_after.as_secs())]
    Throttled { retry_after: Duration },
    /// Any other token-endpoint error.
    #[error("the token endpoint answered {error:?}{}", opt_suffix(.description))]
    TokenEndpoint {
        error: String,
        description: Option<String>,
    },
    /// Zoho issued no refresh token and none is stored: sign in again (with consent).
    #[error("Zoho issued no refresh token; sign in again")]
    ConsentRequired,
    /// The refresh token is gone or invalid; the stored account was cleared.
    #[error("signed out: sign in again")]
    SignedOut,

    // ---- Meeting API ----
    /// The Meeting API still rejects a freshly refreshed token (error 2000): usually a wrong
    /// data-centre host.
    #[error("the Meeting API rejects the access token (wrong data centre?)")]
    InvalidToken,
    /// Unknown meeting or webinar key.
    #[error("no such meeting or webinar")]
    NotFound,
    /// The user may not do this (errors 3001, 1025, 1009 or HTTP 403).
    #[error("not permitted: {message}")]
    Forbidden { code: Option<i64>, message: String },
    /// Any other Meeting API error.
    #[error("the Meeting API failed with HTTP {status}{}", api_suffix(.code, .key, .message))]
    Api {
        status: u16,
        code: Option<i64>,
        key: Option<String>,
        message: Option<String>,
    },
    /// A body that is not what the endpoint documents (HTML error page, bad JSON...).
    #[error("unexpected answer (HTTP {status}): {detail}")]
    UnexpectedResponse { status: u16, detail: String },
    /// The request did not complete: connection refused or reset, timeout, DNS.
    #[error("network error: {0}")]
    Network(String),

    // ---- local ----
    /// A create/edit input is invalid; `field` names it.
    #[error("{field}: {reason}")]
    InvalidInput { field: String, reason: String },
    /// The keyring failed.
    #[error(transparent)]
    Store(#[from] StoreError),
    /// The configuration is unusable (bad endpoint override...).
    #[error("configuration error: {0}")]
    Config(String),
    /// A server's answer was larger than the client reads (announced or streamed).
    #[error("the server's answer is larger than {} MiB; it was not read", .limit / (1024 * 1024))]
    ResponseTooLarge { limit: usize },
    /// The user gave the sign-in up (Cancel); its loopback listener is closed.
    #[error("the sign-in was cancelled")]
    SignInCancelled,
}

fn opt_suffix(text: &Option<String>) -> String {
    text.as_deref()
        .map(|t| format!(": {t}"))
        .unwrap_or_default()
}

fn api_suffix(code: &Option<i64>, key: &Option<String>, message: &Option<String>) -> String {
    let mut out = String::new();
    if let Some(code) = code {
        out.push_str(&format!(" (code {code})"));
    }
    if let Some(key) = key {
        out.push_str(&format!(" {key}"));
    }
    if let Some(message) = message {
        out.push_str(&format!(": {message}"));
    }
    out
}

impl Error {
    /// The stable machine code of this error, for the UI.
    pub fn code(&self) -> &'static str {
        match self {
            Error::UnknownDataCenter(_) => "unknown_data_center",
            Error::UntrustedAccountsServer(_) => "untrusted_accounts_server",
            Error::StateMismatch => "state_mismatch",
            Error::AccessDenied { .. } => "access_denied",
            Error::AuthorizationFailed { .. } => "authorization_failed",
            Error::SignInExpired => "sign_in_expired",
            Error::CallbackReplayed => "callback_replayed",
            Error::InvalidCallback(_) => "invalid_callback",
            Error::SignInTimedOut => "sign_in_timed_out",
            Error::InvalidCode => "invalid_code",
            Error::InvalidClient => "invalid_client",
            Error::InvalidClientSecret => "invalid_client_secret",
            Error::Throttled { .. } => "throttled",
            Error::TokenEndpoint { .. } => "token_error",
            Error::ConsentRequired => "consent_required",
            Error::SignedOut => "signed_out",
            Error::InvalidToken => "invalid_token",
            Error::NotFound => "not_found",
            Error::Forbidden { .. } => "forbidden",
            Error::Api { .. } => "api_error",
            Error::UnexpectedResponse { .. } => "unexpected_response",
            Error::Network(_) => "network",
            Error::InvalidInput { .. } => "invalid_input",
            Error::Store(StoreError::Unavailable(_)) => "keyring_unavailable",
            Error::Store(StoreError::TimedOut(_)) => "keyring_timed_out",
            Error::Store(StoreError::Failed(_)) => "keyring_failed",
            Error::Config(_) => "config",
            Error::ResponseTooLarge { .. } => "response_too_large",
            Error::SignInCancelled => "sign_in_cancelled",
        }
    }

    pub(crate) fn invalid_input(field: impl Into<String>, reason: impl Into<String>) -> Self {
        Error::InvalidInput {
            field: field.into(),
            reason: reason.into(),
        }
    }

    pub(crate) fn network(error: reqwest::Error) -> Self {
        // reqwest's Display may include the URL; ours carry no secrets (codes and tokens
        // travel in bodies and headers), but leave it out anyway.
        let timeout = error.is_timeout();
        let mut text = error.without_url().to_string();
        if timeout {
            text = format!("timed out ({text})");
        }
        Error::Network(text)
    }
}

/// Every machine code [`Error::code`] can return, for documentation and UI tables.
pub const ERROR_CODES: &[&str] = &[
    "unknown_data_center",
    "untrusted_accounts_server",
    "state_mismatch",
    "access_denied",
    "authorization_failed",
    "sign_in_expired",
    "callback_replayed",
    "invalid_callback",
    "sign_in_timed_out",
    "invalid_code",
    "invalid_client",
    "invalid_client_secret",
    "throttled",
    "token_error",
    "consent_required",
    "signed_out",
    "invalid_token",
    "not_found",
    "forbidden",
    "api_error",
    "unexpected_response",
    "network",
    "invalid_input",
    "keyring_unavailable",
    "keyring_timed_out",
    "keyring_failed",
    "config",
    "response_too_large",
    "sign_in_cancelled",
];
