//! Desktop entries (the freedesktop `.desktop` files) the app writes: the handler of its URL
//! scheme for development runs, and the autostart entry.

/// The private-use URI scheme (RFC 8252 §7.1): the app identifier in reverse-domain form.
pub const SCHEME: &str = "dev.zmeet.desktop";

/// The handler's desktop entry. A path made only of safe characters is written bare (valid
/// per the Desktop Entry spec, and parsed by every xdg-open); any other path is quoted.
pub fn scheme_handler(exe: &str) -> String {
    format!(
        "[Desktop Entry]\nType=Application\nName=zmeet\nExec={} %u\nTerminal=false\n\
         NoDisplay=true\nMimeType=x-scheme-handler/{SCHEME};\n",
        exec_argument(exe)
    )
}

/// `exe` as the program of an `Exec=` line.
pub fn exec_argument(exe: &str) -> String {
    let safe = |c: char| c.is_ascii_alphanumeric() || "/._+-".contains(c);
    if exe.chars().all(safe) {
        return exe.to_owned();
    }
    let mut quoted = String::from("\"");
    for c in exe.chars() {
        // Inside quotes the spec reserves " ` $ and \ ; each is escaped with a backslash,
        // and the backslash itself is doubled again by the string escaping of the file.
        match c {
            '"' | '`' | '$' => quoted.push_str(&format!("\\\\{c}")),
            '\\' => quoted.push_str("\\\\\\\\"),
            _ => quoted.push(c),
        }
    }
    quoted.push('"');
    quoted
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_plain_path_is_written_bare_with_the_url_placeholder() {
        let entry = scheme_handler("/home/ana/zmeet/target/debug/zmeet");
        assert!(
            entry.contains("\nExec=/home/ana/zmeet/target/debug/zmeet %u\n"),
            "{entry}"
        );
        assert!(
            entry.contains("\nMimeType=x-scheme-handler/dev.zmeet.desktop;\n"),
            "{entry}"
        );
    }

    #[test]
    fn a_path_with_spaces_is_quoted() {
        assert_eq!(exec_argument("/home/a b/zmeet"), "\"/home/a b/zmeet\"");
        assert_eq!(exec_argument("/x/$y"), "\"/x/\\\\$y\"");
    }
}
