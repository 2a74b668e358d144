//! Searching the meetings and webinars the app has synced.

use tauri::{AppHandle, Manager};

use crate::calendar::{CalendarEvent, MAX_QUERY_CHARS, search};
use crate::error::AppError;
use crate::state::AppState;

/// How many results one search returns.
const MAX_RESULTS: usize = 50;

/// Events whose topic, agenda or participants match every word of `query`, from the synced
/// copy: upcoming first, then past ones. Syncs first when nothing is synced yet; offline, it
/// searches what was synced before.
#[tauri::command]
#[specta::specta]
pub async fn search_events(app: AppHandle, query: String) -> Result<Vec<CalendarEvent>, AppError> {
    if query.chars().count() > MAX_QUERY_CHARS {
        return Err(AppError::invalid(
            "query",
            format!("at most {MAX_QUERY_CHARS} characters"),
        ));
    }
    let state = app.state::<AppState>();
    if !state.cache.lock().await.is_synced() {
        crate::sync::ensure_synced(&app, false, None).await?;
    }
    let now_ms = chrono::Utc::now().timestamp_millis() as f64;
    let cache = state.cache.lock().await;
    Ok(search(cache.entries(), &query, now_ms, MAX_RESULTS))
}
