//! Results nobody can act on (an event the UI may have missed, a window that would not
//! focus) are still not dropped silently: they are logged at warn with what was tried.

use std::fmt::Display;
use std::panic::Location;

/// Logs the error of a `Result` whose caller goes on either way.
pub trait WarnOnErr {
    /// On `Err`, logs "`what`: error" at warn with the caller's file and line.
    #[track_caller]
    fn warn_on_err(self, what: &str);
}

impl<T, E: Display> WarnOnErr for Result<T, E> {
    #[track_caller]
    fn warn_on_err(self, what: &str) {
        if let Err(error) = self {
            let at = Location::caller();
            tracing::warn!(at = %format_args!("{}:{}", at.file(), at.line()), "{what}: {error}");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::logging::RecentLines;
    use tracing_subscriber::layer::SubscriberExt;

    #[test]
    fn an_error_is_logged_with_context_and_place_and_ok_is_not() {
        let recent = RecentLines::default();
        let subscriber = tracing_subscriber::registry().with(
            tracing_subscriber::fmt::layer()
                .with_ansi(false)
                .with_writer(recent.clone()),
        );
        tracing::subscriber::with_default(subscriber, || {
            Ok::<(), String>(()).warn_on_err("nothing");
            Err::<(), _>("disk full").warn_on_err("saving the reminder log");
        });
        let lines = recent.lines();
        assert_eq!(lines.len(), 1, "{lines:?}");
        assert!(lines[0].contains("WARN"), "{lines:?}");
        assert!(
            lines[0].contains("saving the reminder log: disk full"),
            "{lines:?}"
        );
        assert!(lines[0].contains("discarded.rs:"), "{lines:?}");
    }
}
