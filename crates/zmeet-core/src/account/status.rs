//! What the UI (and the tray) are told about the account.

use serde::Serialize;

use super::Mode;
use super::device::DevicePrompt;
use crate::error::AppError;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum SignInState {
    /// Starting: the simulator is starting or the keyring is being read.
    Connecting,
    SignedOut,
    /// The browser is open at Zoho's consent page (waiting for the redirect back), or a
    /// sign-in code is shown (waiting for its approval).
    SigningIn,
    SignedIn,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct UserSummary {
    pub display_name: Option<String>,
    pub email: Option<String>,
    /// The data centre the account lives in (`us`, `eu`, …).
    pub data_centre: String,
}

/// The account as the UI shows it; also sent as an event whenever it changes (the shell's
/// `events::SessionStatus` carries it, hence the other name in the bindings).
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(
    feature = "specta",
    derive(specta::Type),
    specta(rename = "AccountStatus")
)]
#[serde(rename_all = "camelCase")]
pub struct SessionStatus {
    pub mode: Mode,
    pub state: SignInState,
    pub user: Option<UserSummary>,
    /// Why the account could not connect, when it could not (bad settings, no keyring).
    pub problem: Option<AppError>,
    /// While signing in with a code: what the sign-in panel shows.
    pub device: Option<DevicePrompt>,
}
