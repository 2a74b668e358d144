//! Desktop notifications with action buttons (freedesktop notifications over D-Bus).

use tauri::{AppHandle, Manager};

use zmeet_core::tray::MenuAction;

/// Where notification button presses go: the tray reads them and runs them (see
/// `tray::install`), so notifications need not know the tray.
pub struct PressedActions(pub tokio::sync::mpsc::UnboundedSender<MenuAction>);

/// How many notifications shown by this process still wait for a button press (only this
/// process answers them: `tray_only` waits for none before replacing it).
static WAITING: std::sync::LazyLock<tokio::sync::watch::Sender<usize>> =
    std::sync::LazyLock::new(|| tokio::sync::watch::Sender::new(0));

/// Follows the number of notifications waiting for a button press.
pub fn waiting() -> tokio::sync::watch::Receiver<usize> {
    WAITING.subscribe()
}

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
            Ok(handle) => {
                WAITING.send_modify(|count| *count += 1);
                handle.wait_for_action(|id| {
                    if let Ok(action) = id.parse::<MenuAction>() {
                        match app.try_state::<PressedActions>() {
                            Some(pressed) if pressed.0.send(action).is_ok() => {}
                            _ => tracing::warn!("a notification's action found no handler"),
                        }
                    }
                });
                WAITING.send_modify(|count| *count -= 1);
            }
            // No notification server (a bare X session): the action still happened.
            Err(error) => tracing::warn!("notification not shown: {error}"),
        }
    });
}
