//! The main window's page reporting its first frame, which the tray, the loops and the
//! first sync wait for (`desk_start`).

use tauri::AppHandle;

/// The main window's first frame is on screen (with the stored month, when there is one).
#[tauri::command]
#[specta::specta]
pub fn first_frame_painted(app: AppHandle) {
    crate::desk_start::first_frame_painted(&app);
}
