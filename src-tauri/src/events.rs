//! The events the shell sends to the UI. Their payloads come from `zmeet-core`; the event
//! types live here because tauri-specta's `Event` is a Tauri trait. Each type's name is its
//! event's name (`SessionStatus` -> `session-status`), so these names are part of the UI's API.

use serde::Serialize;
use specta::Type;
use tauri_specta::Event;
use zmeet_core::calendar::SyncShortfall;
use zmeet_core::error::AppError;
use zmeet_core::incoming_link::LinkKind;

/// The account changed (see `zmeet_core::account::SessionStatus`).
#[derive(Debug, Clone, Serialize, Type, Event)]
pub struct SessionStatus(pub zmeet_core::account::SessionStatus);

/// A sign-in ended without success: a forged, stale or denied callback, or a failed
/// exchange. The UI shows the message; nothing was stored.
#[derive(Debug, Clone, Serialize, Type, Event)]
pub struct SignInFailed(pub AppError);

/// Meetings or webinars changed (a sync, or a create, edit or delete from any window).
#[derive(Debug, Clone, Serialize, Type, Event)]
pub struct DataChanged;

/// Sync progress for the UI's indicator.
#[derive(Debug, Clone, Serialize, Type, Event)]
#[serde(rename_all = "camelCase")]
pub struct SyncProgress {
    /// `true` while the sync runs; the last event has `false`.
    pub running: bool,
    /// Events loaded so far.
    pub loaded: u32,
    /// On the last event: what the sync could not fetch (`None`: nothing is missing).
    pub shortfall: Option<SyncShortfall>,
}

/// A deep link as the UI sees it: redacted, with what the app made of it.
#[derive(Debug, Clone, Serialize, Type, Event)]
#[serde(rename_all = "camelCase")]
pub struct ReceivedLink {
    pub url: String,
    pub kind: LinkKind,
}
