//! Working without Zoho: whether Zoho can be reached and the retry loop while it cannot
//! (the local store, the backoff and reconciling a lost create are in
//! `zmeet_core::services`).

use tauri::AppHandle;

pub use crate::connectivity::{ConnectionStatus, is_unreachable, status};

/// Starts the retry loop: syncs again with backoff while offline.
pub fn start_retrying(app: &AppHandle) {
    tauri::async_runtime::spawn(crate::session::core(app).retry_while_offline());
}
