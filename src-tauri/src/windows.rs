//! The app's windows.

use tauri::{AppHandle, Manager, WebviewUrl, WebviewWindowBuilder};
use zmeet_core::logging::WarnOnErr;

pub const MAIN: &str = "main";
pub const QUICK: &str = "quick";

/// Creates the main window.
pub fn create_main(app: &AppHandle) -> tauri::Result<()> {
    WebviewWindowBuilder::new(app, MAIN, WebviewUrl::App("index.html".into()))
        .title("zmeet")
        .inner_size(1100.0, 760.0)
        .min_inner_size(640.0, 480.0)
        .build()?;
    Ok(())
}

/// Brings the main window forward, creating it if it was closed.
pub fn show_main(app: &AppHandle) {
    match app.get_webview_window(MAIN) {
        Some(window) => {
            window
                .unminimize()
                .warn_on_err("cannot unminimize the main window");
            window.show().warn_on_err("cannot show the main window");
            window
                .set_focus()
                .warn_on_err("cannot focus the main window");
        }
        None => {
            if let Err(error) = create_main(app) {
                tracing::warn!("cannot open the main window: {error}");
            }
        }
    }
}

/// Opens the tray's quick-create window, or brings it forward.
pub fn show_quick(app: &AppHandle) -> Result<(), crate::error::AppError> {
    if let Some(window) = app.get_webview_window(QUICK) {
        window
            .show()
            .warn_on_err("cannot show the quick-create window");
        window
            .set_focus()
            .warn_on_err("cannot focus the quick-create window");
        return Ok(());
    }
    WebviewWindowBuilder::new(app, QUICK, WebviewUrl::App("quick.html".into()))
        .title("Schedule a meeting — zmeet")
        .inner_size(420.0, 560.0)
        .resizable(false)
        .build()
        .map(|_| ())
        .map_err(|error| {
            crate::error::AppError::new(
                crate::error::ErrorCode::WindowFailed,
                format!("Cannot open the quick-create window: {error}"),
            )
        })
}
