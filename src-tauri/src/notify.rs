//! Desktop notifications with action buttons (freedesktop notifications over D-Bus).

use tauri::AppHandle;

use crate::tray::MenuAction;

/// Shows a notification; a button press runs its action through the tray's handler. Never
/// put a secret (a start link) in the text.
pub fn notify(
    app: &AppHandle,
    summary: &str,
    body: &str,
    actions: Vec<(MenuAction, &'static str)>,
) {
    let app = app.clone();
    let (summary, body) = (summary.to_owned(), body.to_owned());
    // Waiting for a button press blocks, so each notification gets a thread.
    std::thread::spawn(move || {
        let mut notification = notify_rust::Notification::new();
        notification
            .appname("zmeet")
            .summary(&summary)
            .body(&body)
            .icon("zmeet");
        for (action, label) in &actions {
            notification.action(&action.to_string(), label);
        }
        match notification.show() {
            Ok(handle) => handle.wait_for_action(|id| {
                if let Ok(action) = id.parse::<MenuAction>() {
                    let app = app.clone();
                    tauri::async_runtime::spawn(async move {
                        crate::tray::handle_and_report(&app, action).await
                    });
                }
            }),
            // No notification server (a bare X session): the action still happened.
            Err(error) => tracing::warn!("notification not shown: {error}"),
        }
    });
}
