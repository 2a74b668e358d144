//! The text "Copy diagnostics" puts on the clipboard: what a person can paste into a bug
//! report. It names the build, the mode, the data centre, the log folder and the last
//! warnings and errors; it never holds a token, code, secret or start link (the recent lines
//! are scrubbed, and nothing else here comes from Zoho's answers).

use super::{Logging, scrub};

/// What the shell knows about the app at the moment of copying.
#[derive(Clone, Debug)]
pub struct Facts {
    pub name: String,
    pub version: String,
    pub debug_build: bool,
    /// `Demo`, `Custom endpoints` or `Zoho`.
    pub mode: String,
    /// The data centre of the signed-in account, else the one the settings name.
    pub data_centre: String,
    /// Where [`Facts::data_centre`] comes from (`signed in`, `settings`).
    pub data_centre_source: String,
}

/// The diagnostics text; `logging` is `None` when logging was never started.
pub fn diagnostics_text(facts: &Facts, logging: Option<&Logging>) -> String {
    let build = if facts.debug_build {
        "debug build"
    } else {
        "release build"
    };
    let folder = logging
        .and_then(|logging| logging.dir.as_ref())
        .map(|dir| dir.display().to_string())
        .unwrap_or_else(|| "none (logging to standard error only)".to_owned());
    let mut lines = vec![
        format!("{} {} ({build})", facts.name, facts.version),
        format!("OS: {} {}", std::env::consts::OS, std::env::consts::ARCH),
        format!("Mode: {}", facts.mode),
        format!(
            "Data centre: {} ({})",
            facts.data_centre, facts.data_centre_source
        ),
        format!("Log folder: {folder}"),
    ];
    let recent = logging
        .map(|logging| logging.recent.lines())
        .unwrap_or_default();
    if recent.is_empty() {
        lines.push("Recent warnings and errors: none".to_owned());
    } else {
        lines.push(format!("Recent warnings and errors ({}):", recent.len()));
        lines.extend(recent.iter().map(|line| format!("  {}", scrub(line))));
    }
    let mut text = lines.join("\n");
    text.push('\n');
    text
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::logging::RecentLines;
    use std::io::Write as _;
    use tracing_subscriber::fmt::MakeWriter;

    fn facts() -> Facts {
        Facts {
            name: "zmeet".into(),
            version: "1.2.3".into(),
            debug_build: false,
            mode: "Zoho".into(),
            data_centre: "eu".into(),
            data_centre_source: "signed in".into(),
        }
    }

    #[test]
    fn names_the_build_mode_centre_folder_and_recent_lines_scrubbed() {
        let recent = RecentLines::default();
        writeln!(recent.make_writer(), "WARN sync failed code=1000.secret").unwrap();
        let logging = Logging {
            dir: Some("/home/u/.local/state/zmeet/logs".into()),
            recent,
        };
        let text = diagnostics_text(&facts(), Some(&logging));
        assert!(text.starts_with("zmeet 1.2.3 (release build)\n"), "{text}");
        assert!(text.contains("Mode: Zoho\n"), "{text}");
        assert!(text.contains("Data centre: eu (signed in)\n"), "{text}");
        assert!(
            text.contains("Log folder: /home/u/.local/state/zmeet/logs\n"),
            "{text}"
        );
        assert!(
            text.contains("  WARN sync failed code=[redacted]\n"),
            "{text}"
        );
        assert!(!text.contains("1000.secret"), "{text}");
    }

    #[test]
    fn without_logging_it_says_so() {
        let text = diagnostics_text(&facts(), None);
        assert!(text.contains("Log folder: none"), "{text}");
        assert!(text.contains("Recent warnings and errors: none"), "{text}");
    }
}
