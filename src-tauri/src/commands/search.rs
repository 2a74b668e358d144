//! Searching the meetings and webinars the app has synced.

use tauri::{AppHandle, Manager};
use zmeet_core::event_requests::{check_query, search_synced};

use crate::calendar::CalendarEvent;
use crate::error::AppError;
use crate::state::AppState;

/// Events whose topic, agenda or participants match every word of `query`, from the synced
/// copy: upcoming first, then past ones. Syncs first when nothing is synced yet; offline, it
/// searches what was synced before.
#[tauri::command]
#[specta::specta]
pub async fn search_events(app: AppHandle, query: String) -> Result<Vec<CalendarEvent>, AppError> {
    check_query(&query)?;
    let state = app.state::<AppState>();
    if !state.cache.lock().await.is_synced() {
        crate::sync::ensure_synced(&app, false, None).await?;
    }
    let now_ms = chrono::Utc::now().timestamp_millis() as f64;
    Ok(search_synced(&*state.cache.lock().await, &query, now_ms))
}
