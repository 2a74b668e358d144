//! The last warnings and errors, kept in memory for "Copy diagnostics".

use std::collections::VecDeque;
use std::io;
use std::sync::{Arc, Mutex};

use tracing_subscriber::fmt::MakeWriter;

/// How many lines are kept.
pub const RECENT_LINES: usize = 20;
/// A longer line is cut (a runaway message must not fill the clipboard).
const MAX_LINE: usize = 500;

/// The last [`RECENT_LINES`] warning and error lines, oldest first; cheap to clone.
#[derive(Clone, Debug, Default)]
pub struct RecentLines {
    lines: Arc<Mutex<VecDeque<String>>>,
}

impl RecentLines {
    /// The lines kept, oldest first, each [`scrub`]bed.
    pub fn lines(&self) -> Vec<String> {
        match self.lines.lock() {
            Ok(lines) => lines.iter().cloned().collect(),
            Err(_) => Vec::new(),
        }
    }

    fn push(&self, text: &str) {
        let Ok(mut lines) = self.lines.lock() else {
            return;
        };
        for line in text.lines().filter(|line| !line.trim().is_empty()) {
            let mut line = scrub(line);
            if line.len() > MAX_LINE {
                let mut cut = MAX_LINE;
                while !line.is_char_boundary(cut) {
                    cut -= 1;
                }
                line.truncate(cut);
                line.push('…');
            }
            if lines.len() == RECENT_LINES {
                lines.pop_front();
            }
            lines.push_back(line);
        }
    }
}

/// Collects one event's formatted text and adds it when dropped.
pub struct LineWriter {
    recent: RecentLines,
    buffer: Vec<u8>,
}

impl io::Write for LineWriter {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.buffer.extend_from_slice(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

impl Drop for LineWriter {
    fn drop(&mut self) {
        self.recent.push(&String::from_utf8_lossy(&self.buffer));
    }
}

impl<'a> MakeWriter<'a> for RecentLines {
    type Writer = LineWriter;

    fn make_writer(&'a self) -> Self::Writer {
        LineWriter {
            recent: self.clone(),
            buffer: Vec::new(),
        }
    }
}

/// Names whose values are secrets wherever they appear as `name=value` or `"name":"value"`.
const SECRET_NAMES: &[&str] = &[
    "code",
    "state",
    "token",
    "access_token",
    "refresh_token",
    "client_secret",
    "device_code",
    "code_verifier",
    "password",
    "pwd",
    "startlink",
    "start_link",
];

/// A second line of defence behind typed redaction: hides the value after any
/// [`SECRET_NAMES`] key in `key=value`, `key: value` or `"key":"value"` form.
pub fn scrub(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    let mut rest = line;
    while let Some((before, value_start, after)) = next_secret(rest) {
        out.push_str(&rest[..before]);
        out.push_str(&rest[before..value_start]);
        out.push_str("[redacted]");
        rest = &rest[after..];
    }
    out.push_str(rest);
    out
}

/// Finds the next secret: (start of key, start of value, end of value), byte offsets.
fn next_secret(text: &str) -> Option<(usize, usize, usize)> {
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if !bytes[i].is_ascii_alphabetic() || (i > 0 && is_name_byte(bytes[i - 1])) {
            i += 1;
            continue;
        }
        let end = (i..bytes.len())
            .find(|&j| !is_name_byte(bytes[j]))
            .unwrap_or(bytes.len());
        let name = text[i..end].to_ascii_lowercase();
        if SECRET_NAMES.contains(&name.as_str()) {
            let mut j = end;
            if bytes.get(j) == Some(&b'"') {
                j += 1;
            }
            let separated = matches!(bytes.get(j), Some(b'=' | b':'));
            if separated {
                j += 1;
                while bytes.get(j) == Some(&b' ') || bytes.get(j) == Some(&b'"') {
                    j += 1;
                }
                let value_end = (j..bytes.len())
                    .find(|&k| matches!(bytes[k], b'&' | b'"' | b' ' | b',' | b'}' | b')' | b';'))
                    .unwrap_or(bytes.len());
                let value = &text[j..value_end];
                if !value.is_empty() && value != "[redacted]" {
                    return Some((i, j, value_end));
                }
            }
        }
        i = end;
    }
    None
}

fn is_name_byte(byte: u8) -> bool {
    byte.is_ascii_alphanumeric() || byte == b'_'
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    #[test]
    fn secrets_after_known_names_are_hidden() {
        assert_eq!(
            scrub("callback ?code=1000.abc&state=xyz&location=eu"),
            "callback ?code=[redacted]&state=[redacted]&location=eu"
        );
        assert_eq!(
            scrub(r#"body {"access_token":"1000.tok","expires_in":3600}"#),
            r#"body {"access_token":"[redacted]","expires_in":3600}"#
        );
        assert_eq!(
            scrub("refresh_token: 1000.r x"),
            "refresh_token: [redacted] x"
        );
        assert_eq!(scrub("postcode=123 encode=4"), "postcode=123 encode=4");
        assert_eq!(scrub("Secret([redacted])"), "Secret([redacted])");
    }

    #[test]
    fn only_the_last_lines_are_kept_scrubbed() {
        let recent = RecentLines::default();
        for n in 0..RECENT_LINES + 5 {
            writeln!(recent.make_writer(), "line {n} token=t{n}").unwrap();
        }
        let lines = recent.lines();
        assert_eq!(lines.len(), RECENT_LINES);
        assert_eq!(lines[0], "line 5 token=[redacted]");
        assert!(lines.iter().all(|line| !line.contains("t2")), "{lines:?}");
    }
}
