//! Sign-in with a code on another device (Zoho's device flow): what the app keeps while
//! the person approves, what the UI is shown, and how each failure is explained.

use std::sync::Arc;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use serde::Serialize;
use zoho_core::{DevicePolicy, PendingDeviceSignIn};

use super::qr;
use crate::error::{AppError, ErrorCode};

/// Shortens the minimum time between device-flow polls (milliseconds; default 30 000, as
/// Zoho asks). For tests, together with the simulator's `slow_down` threshold.
pub const DEVICE_MIN_POLL_ENV: &str = "ZMEET_DEVICE_MIN_POLL_MS";

/// The polling policy, with the environment's override when it is a number.
pub fn policy_from_env() -> DevicePolicy {
    let mut policy = DevicePolicy::default();
    match std::env::var(DEVICE_MIN_POLL_ENV)
        .ok()
        .map(|v| v.trim().parse::<u64>())
    {
        Some(Ok(ms)) => policy.min_poll_interval = Duration::from_millis(ms),
        Some(Err(_)) => tracing::warn!("{DEVICE_MIN_POLL_ENV} is not a number of ms; ignored"),
        None => {}
    }
    policy
}

/// What the sign-in panel shows.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct DevicePrompt {
    /// The code to type on the verification page.
    pub user_code: String,
    /// Checked by zoho-core: https (or http on loopback), bounded length.
    pub verification_url: String,
    /// When the code expires (Unix ms), for the countdown.
    pub expires_at_ms: f64,
    /// The verification URL as a QR code (an SVG document drawn by the app); none when it
    /// does not fit one.
    pub qr_svg: Option<String>,
}

/// A device sign-in in progress.
pub struct DeviceSignIn {
    pub pending: PendingDeviceSignIn,
    prompt: DevicePrompt,
}

impl DeviceSignIn {
    pub fn new(pending: PendingDeviceSignIn) -> Arc<Self> {
        let code = pending.code();
        let now_ms = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map(|d| d.as_millis() as f64)
            .unwrap_or(0.0);
        let prompt = DevicePrompt {
            user_code: code.user_code.clone(),
            verification_url: code.verification_url.to_string(),
            expires_at_ms: now_ms + pending.remaining().as_millis() as f64,
            qr_svg: qr::svg_of(code.verification_url.as_str()),
        };
        Arc::new(Self { pending, prompt })
    }

    pub fn prompt(&self) -> &DevicePrompt {
        &self.prompt
    }
}

/// A device sign-in's failure, said for people: what happened and what to do.
pub fn explain(error: zoho_core::Error) -> AppError {
    match error {
        zoho_core::Error::AccessDenied { .. } => AppError::new(
            ErrorCode::AccessDenied,
            "Sign-in was denied on the other device. Nothing was stored; sign in again to retry.",
        ),
        zoho_core::Error::SignInExpired => AppError::new(
            ErrorCode::SignInExpired,
            "The sign-in code expired before it was approved. Sign in again for a new code.",
        ),
        other => {
            let error = AppError::from(other);
            AppError::new(
                error.code,
                format!("Sign-in with a code failed: {}", error.message),
            )
        }
    }
}
