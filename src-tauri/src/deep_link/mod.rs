//! Deep links: `dev.zmeet.desktop:/…` URLs handed to the app by the browser or the desktop.
//!
//! Every URL is checked before anything acts on it, and only a redacted form (no codes,
//! tokens or state) is ever kept or shown.

mod registration;

pub use registration::register_scheme;

use tauri::{AppHandle, Manager};
use tauri_specta::Event;
use zmeet_core::logging::WarnOnErr;

use crate::state::AppState;
use zmeet_core::redact;

pub use zmeet_core::desktop_entry::SCHEME;

pub use crate::events::{LinkKind, ReceivedLink};

/// How many received links are kept for the diagnostics panel, newest last.
pub const MAX_RECEIVED_LINKS: usize = 20;
/// How much of a received link is kept or shown (after redaction).
pub const MAX_LINK_CHARS: usize = 512;
/// Longer URLs are not ours and are dropped unread.
const MAX_URL_BYTES: usize = 8 * 1024;

/// Takes the deep links among a launch's arguments (this one's at a cold start, or a
/// second launch's, forwarded by single-instance). Called directly, never through an
/// event, so the raw callback (code and state) never reaches a webview.
pub fn receive_args(app: &AppHandle, args: &[String]) {
    let prefix = format!("{SCHEME}:");
    for arg in args {
        if arg.len() <= MAX_URL_BYTES && arg.to_ascii_lowercase().starts_with(&prefix) {
            receive(app, arg);
        }
    }
}

/// Takes a URL from the desktop: validates it, records its redacted form and tells the UI.
pub fn receive(app: &AppHandle, raw: &str) {
    if raw.len() > MAX_URL_BYTES {
        return;
    }
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
        url: redact::redact(&url).chars().take(MAX_LINK_CHARS).collect(),
        kind,
    };
    if let Some(state) = app.try_state::<AppState>() {
        let mut links = state.received_links.lock().expect("links lock");
        remember(&mut links, link.clone());
    }
    link.emit(app)
        .warn_on_err("a received deep link (redacted) not sent to the UI");
    if kind == LinkKind::OauthCallback {
        // The whole URL (code and state) goes to the waiting sign-in and nowhere else; it
        // checks the state before anything is sent to Zoho.
        let app = app.clone();
        let callback = raw.to_owned();
        tauri::async_runtime::spawn(async move {
            crate::lifecycle::complete_deep_link_sign_in(&app, &callback).await
        });
    }
}

/// Appends `link`, keeping the last [`MAX_RECEIVED_LINKS`] only.
fn remember(links: &mut Vec<ReceivedLink>, link: ReceivedLink) {
    links.push(link);
    if links.len() > MAX_RECEIVED_LINKS {
        let excess = links.len() - MAX_RECEIVED_LINKS;
        links.drain(..excess);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_log_keeps_the_last_twenty() {
        let mut links = Vec::new();
        for n in 0..25 {
            let link = ReceivedLink {
                url: format!("{SCHEME}:/{n}"),
                kind: LinkKind::Unknown,
            };
            remember(&mut links, link);
        }
        assert_eq!(links.len(), MAX_RECEIVED_LINKS);
        assert_eq!(links[0].url, format!("{SCHEME}:/5"));
        assert_eq!(links[19].url, format!("{SCHEME}:/24"));
    }
}
