//! Whether Zoho could be reached on the last try, and when the data was last synced, as
//! the UI sees it (the tracking is `zmeet_core::services`').

use serde::Serialize;
use specta::Type;
use tauri::AppHandle;
use tauri_specta::Event;

use crate::session::core;

pub use zmeet_core::services::is_unreachable;

/// What the header shows: offline or not, and the time of the last successful sync.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Type, Event)]
#[serde(rename_all = "camelCase")]
pub struct ConnectionStatus {
    /// Zoho could not be reached on the last try (DNS, refused, timeout, 5xx after retries).
    pub offline: bool,
    /// Epoch ms of the last successful sync (this run or a previous one), if any.
    pub last_synced_ms: Option<f64>,
}

impl From<zmeet_core::services::ConnectionStatus> for ConnectionStatus {
    fn from(status: zmeet_core::services::ConnectionStatus) -> Self {
        Self {
            offline: status.offline,
            last_synced_ms: status.last_synced_ms,
        }
    }
}

/// The connection's state now.
pub fn status(app: &AppHandle) -> ConnectionStatus {
    core(app).connection_status().into()
}
