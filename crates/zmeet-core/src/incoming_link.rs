//! Deep links handed to the app (`dev.zmeet.desktop:/…`): which launch arguments are ours,
//! what a URL is, and the short redacted history the diagnostics panel shows. Every URL is
//! checked before anything acts on it, and only a redacted form (no codes, tokens or state)
//! is ever kept or shown.

use serde::Serialize;

use crate::desktop_entry::SCHEME;
use crate::redact;

/// How many received links are kept for the diagnostics panel, newest last.
pub const MAX_RECEIVED_LINKS: usize = 20;
/// How much of a received link is kept or shown (after redaction).
pub const MAX_LINK_CHARS: usize = 512;
/// Longer URLs are not ours and are dropped unread.
const MAX_URL_BYTES: usize = 8 * 1024;

/// What the app made of a deep link.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum LinkKind {
    /// The OAuth redirect back from the browser.
    OauthCallback,
    /// Our scheme, but a path the app has no use for; ignored.
    Unknown,
}

/// A URL of our scheme, checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Incoming {
    /// The URL with its secrets removed, at most [`MAX_LINK_CHARS`] characters.
    pub redacted: String,
    pub kind: LinkKind,
}

/// The deep links among a launch's arguments (this one's at a cold start, or a second
/// launch's, forwarded by single-instance).
pub fn in_args(args: &[String]) -> impl Iterator<Item = &str> {
    let prefix = format!("{SCHEME}:");
    args.iter()
        .filter(move |arg| {
            arg.len() <= MAX_URL_BYTES && arg.to_ascii_lowercase().starts_with(&prefix)
        })
        .map(String::as_str)
}

/// Checks `raw`: `None` unless it is a bounded, parseable URL of our scheme.
pub fn inspect(raw: &str) -> Option<Incoming> {
    if raw.len() > MAX_URL_BYTES {
        return None;
    }
    let url = url::Url::parse(raw).ok()?;
    if url.scheme() != SCHEME {
        return None;
    }
    let kind = match url.path() {
        "/oauth/callback" => LinkKind::OauthCallback,
        _ => LinkKind::Unknown,
    };
    Some(Incoming {
        redacted: redact::redact(&url).chars().take(MAX_LINK_CHARS).collect(),
        kind,
    })
}

/// Appends `link`, keeping the last [`MAX_RECEIVED_LINKS`] only.
pub fn remember<T>(links: &mut Vec<T>, link: T) {
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
            remember(&mut links, format!("{SCHEME}:/{n}"));
        }
        assert_eq!(links.len(), MAX_RECEIVED_LINKS);
        assert_eq!(links[0], format!("{SCHEME}:/5"));
        assert_eq!(links[19], format!("{SCHEME}:/24"));
    }

    #[test]
    fn a_callback_is_recognised_and_kept_without_its_code_and_state() {
        let raw = format!("{SCHEME}:/oauth/callback?code=1000.secret&state=xyz&location=eu");
        let incoming = inspect(&raw).unwrap();
        assert_eq!(incoming.kind, LinkKind::OauthCallback);
        assert!(
            !incoming.redacted.contains("1000.secret"),
            "{}",
            incoming.redacted
        );
        assert!(!incoming.redacted.contains("xyz"), "{}", incoming.redacted);
        assert!(incoming.redacted.contains("location=eu"));
        let other = inspect(&format!("{SCHEME}:/elsewhere")).unwrap();
        assert_eq!(other.kind, LinkKind::Unknown);
    }

    #[test]
    fn other_schemes_junk_and_oversized_urls_are_refused() {
        assert_eq!(inspect("https://example.com/oauth/callback?code=1"), None);
        assert_eq!(inspect("not a url"), None);
        let huge = format!("{SCHEME}:/oauth/callback?x={}", "a".repeat(MAX_URL_BYTES));
        assert_eq!(inspect(&huge), None);
        let long = format!("{SCHEME}:/x?note={}", "a".repeat(2 * MAX_LINK_CHARS));
        assert_eq!(
            inspect(&long).unwrap().redacted.chars().count(),
            MAX_LINK_CHARS
        );
    }

    #[test]
    fn only_our_scheme_is_taken_from_the_arguments_whatever_its_case() {
        let args = vec![
            "--minimized".to_owned(),
            format!("{}:/oauth/callback", SCHEME.to_uppercase()),
            "https://example.com".to_owned(),
            format!("{SCHEME}:/x?{}", "a".repeat(MAX_URL_BYTES)),
        ];
        let ours: Vec<&str> = in_args(&args).collect();
        assert_eq!(ours, [args[1].as_str()]);
    }
}
