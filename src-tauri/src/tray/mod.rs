//! The system tray: quick-create, the next meetings with Start / Join / Copy link, sign-in
//! and quit. Linux trays (AppIndicator) send no clicks on the icon itself, so everything is
//! in the menu.

mod desk;
mod render;

pub use desk::Shell;
pub use zmeet_core::tray::MenuAction;
use zmeet_core::tray::menu_model;
use zmeet_core::tray_actions::perform_and_report;

use tauri::tray::TrayIconBuilder;
use tauri::{AppHandle, Manager};
use zmeet_core::logging::WarnOnErr;

use crate::state::AppState;

const TRAY_ID: &str = "zmeet";

/// The menu the tray shows now, so that a refresh with nothing new renders nothing.
type ShownMenu = zmeet_core::unchanged::LastHandedOn<Vec<menu_model::MenuEntry>>;

/// Creates the tray icon with its first menu.
pub fn install(app: &AppHandle) -> tauri::Result<()> {
    let entries = menu_model::build(
        crate::account::SignInState::Connecting,
        &[],
        chrono::Utc::now(),
        &crate::local_zone::local_zone(),
    );
    let mut builder = TrayIconBuilder::with_id(TRAY_ID)
        .tooltip("zmeet")
        .menu(&render::render(app, &entries)?)
        .show_menu_on_left_click(true)
        .on_menu_event(|app, event| {
            if let Ok(action) = event.id().as_ref().parse::<MenuAction>() {
                let app = app.clone();
                tauri::async_runtime::spawn(async move { handle_and_report(&app, action).await });
            }
        });
    if let Some(icon) = app.default_window_icon() {
        builder = builder.icon(icon.clone());
    }
    builder.build(app)?;
    app.manage(ShownMenu::new());
    receive_pressed_actions(app);
    Ok(())
}

/// Runs the actions of notification buttons (see `notify::PressedActions`).
fn receive_pressed_actions(app: &AppHandle) {
    let (sender, mut pressed) = tokio::sync::mpsc::unbounded_channel();
    app.manage(crate::notify::PressedActions(sender));
    let app = app.clone();
    tauri::async_runtime::spawn(async move {
        while let Some(action) = pressed.recv().await {
            handle_and_report(&app, action).await;
        }
    });
}

/// Runs an action; a failure becomes a notification, as there may be no window to show it.
pub async fn handle_and_report(app: &AppHandle, action: MenuAction) {
    perform_and_report(&Shell(app), action).await
}

/// Rebuilds the menu from the current account state and synced events.
pub async fn refresh(app: &AppHandle) {
    let status = crate::session::status(app).await;
    let now = chrono::Utc::now();
    let span = menu_model::events_span(now);
    let events = app.state::<AppState>().events_in(span).await;
    let entries = menu_model::build(status.state, &events, now, &crate::local_zone::local_zone());
    let Some(tray) = app.tray_by_id(TRAY_ID) else {
        return;
    };
    // The same menu again would only cost the GUI thread and the tray host a rebuild.
    let shown = app.state::<ShownMenu>();
    if !shown.differs(&entries) {
        return;
    }
    match render::render(app, &entries) {
        Ok(menu) => {
            tray.set_menu(Some(menu))
                .warn_on_err("the tray menu was not replaced");
            shown.record(&entries);
        }
        Err(error) => tracing::warn!("cannot build the tray menu: {error}"),
    }
}
