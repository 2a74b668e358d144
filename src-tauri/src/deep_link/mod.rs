//! Deep links: `dev.zmeet.desktop:/…` URLs handed to the app by the browser or the desktop,
//! wired to the core's checks (`zmeet_core::incoming_link`): only a redacted form (no
//! codes, tokens or state) is ever kept or shown.

use tauri::{AppHandle, Manager};
use tauri_specta::Event;
use zmeet_core::incoming_link::{self, LinkKind};
use zmeet_core::logging::WarnOnErr;

use crate::state::AppState;

pub use crate::events::ReceivedLink;
pub use zmeet_core::desktop_entry::SCHEME;

/// Takes the deep links among a launch's arguments (this one's at a cold start, or a
/// second launch's, forwarded by single-instance). Called directly, never through an
/// event, so the raw callback (code and state) never reaches a webview.
pub fn receive_args(app: &AppHandle, args: &[String]) {
    for raw in incoming_link::in_args(args) {
        receive(app, raw);
    }
}

/// Takes a URL from the desktop: validates it, records its redacted form and tells the UI.
pub fn receive(app: &AppHandle, raw: &str) {
    let Some(incoming) = incoming_link::inspect(raw) else {
        return;
    };
    let link = ReceivedLink {
        url: incoming.redacted,
        kind: incoming.kind,
    };
    if let Some(state) = app.try_state::<AppState>() {
        let mut links = state.received_links.lock().expect("links lock");
        incoming_link::remember(&mut links, link.clone());
    }
    link.emit(app)
        .warn_on_err("a received deep link (redacted) not sent to the UI");
    if incoming.kind == LinkKind::OauthCallback {
        // The whole URL (code and state) goes to the waiting sign-in and nowhere else; it
        // checks the state before anything is sent to Zoho.
        let app = app.clone();
        let callback = raw.to_owned();
        tauri::async_runtime::spawn(async move {
            crate::lifecycle::complete_deep_link_sign_in(&app, &callback).await
        });
    }
}

/// [`register_scheme`] on a thread of its own: it waits for `xdg-mime` and
/// `update-desktop-database` processes, which the main thread must not (the window is built
/// meanwhile).
pub fn register_scheme_in_background(app: &AppHandle) {
    let app = app.clone();
    let registering = std::thread::Builder::new()
        .name("scheme-registration".into())
        .spawn(move || register_scheme(&app));
    if let Err(error) = registering {
        tracing::warn!("could not register the {SCHEME}: URL handler: {error}");
    }
}

/// Registers the app as the scheme's handler when run from a build folder (installed
/// packages register through their .desktop file; see `zmeet_core::scheme_registration`).
fn register_scheme(app: &AppHandle) {
    use zmeet_core::scheme_registration::{register, wanted};
    let Ok(exe) = std::env::current_exe() else {
        return;
    };
    if !wanted(&exe) {
        return;
    }
    let registered = app
        .path()
        .data_dir()
        .map_err(std::io::Error::other)
        .and_then(|data_dir| register(&data_dir, &exe));
    if let Err(error) = registered {
        tracing::warn!("could not register the {SCHEME}: URL handler: {error}");
    }
}
