//! Keeping the synced meetings and webinars current (`zmeet_core::services` does the work).

use std::time::Duration;

use tauri::AppHandle;

use crate::error::AppError;
use crate::session::core;

/// Syncs when forced, when nothing is synced yet, or when the copy is older than `max_age`.
pub async fn ensure_synced(
    app: &AppHandle,
    force: bool,
    max_age: Option<Duration>,
) -> Result<(), AppError> {
    core(app).ensure_synced(force, max_age).await
}

/// As [`ensure_synced`], and also when ranges starting at `from_ms` are not synced yet.
pub async fn ensure_synced_from(
    app: &AppHandle,
    force: bool,
    max_age: Option<Duration>,
    from_ms: Option<f64>,
) -> Result<(), AppError> {
    core(app).ensure_synced_from(force, max_age, from_ms).await
}
