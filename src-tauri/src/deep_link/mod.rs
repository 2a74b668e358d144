//! Deep links: `dev.zmeet.desktop:/…` URLs handed to the app by the browser or the desktop.
//!
//! Every URL is checked before anything acts on it, and only a redacted form (no codes,
//! tokens or state) is ever kept or shown.

mod redact;
mod registration;

pub(crate) use registration::exec_argument;
pub use registration::register_scheme;

use serde::Serialize;
use specta::Type;
use tauri::{AppHandle, Manager};
use tauri_specta::Event;

use crate::state::AppState;

/// The private-use URI scheme (RFC 8252 §7.1): the app identifier in reverse-domain form.
pub const SCHEME: &str = "dev.zmeet.desktop";

/// What the app made of a deep link.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Type)]
#[serde(rename_all = "snake_case")]
pub enum LinkKind {
    /// The OAuth redirect back from the browser.
    OauthCallback,
    /// Our scheme, but a path the app has no use for; ignored.
    Unknown,
}

/// A deep link as the UI sees it: redacted, with what the app made of it.
#[derive(Debug, Clone, Serialize, Type, Event)]
#[serde(rename_all = "camelCase")]
pub struct ReceivedLink {
    pub url: String,
    pub kind: LinkKind,
}

/// Takes a URL from the desktop: validates it, records its redacted form and tells the UI.
pub fn receive(app: &AppHandle, raw: &str) {
    let Ok(url) = url::Url::parse(raw) else {
        return;
    };
    if url.scheme() != SCHEME {
        return;
    }
    let kind = match url.path() {
        "/oauth/callback" => LinkKind::OauthCallback,
        _ => LinkKind::Unknown,
    };
    let link = ReceivedLink {
        url: redact::redact(&url),
        kind,
    };
    if let Some(state) = app.try_state::<AppState>() {
        state
            .received_links
            .lock()
            .expect("links lock")
            .push(link.clone());
    }
    let _ = link.emit(app);
    if kind == LinkKind::OauthCallback {
        // The whole URL (code and state) goes to the waiting sign-in and nowhere else; it
        // checks the state before anything is sent to Zoho.
        let app = app.clone();
        let callback = raw.to_owned();
        tauri::async_runtime::spawn(async move {
            crate::lifecycle::complete_sign_in(&app, &callback).await
        });
    }
}
