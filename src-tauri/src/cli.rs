//! The command line, read before anything else starts: `--version` and `--help` print and
//! exit without a window, a D-Bus name or the keyring; everything else goes to the app.

use crate::MINIMIZED_ARG;
use crate::account::ENDPOINTS_ENV;
use crate::deep_link::SCHEME;
use crate::session::BROWSER_ENV;

/// What the command line asks for.
#[derive(Debug, PartialEq, Eq)]
pub enum Request {
    /// Start the app (the arguments stay in `std::env::args` for it).
    Run,
    /// Print this to standard output and exit successfully.
    Print(String),
}

/// Reads the arguments after the program name. The first of `--version` and `--help` wins.
pub fn parse<I: IntoIterator<Item = String>>(args: I) -> Request {
    for arg in args {
        match arg.as_str() {
            "--version" | "-V" => return Request::Print(version()),
            "--help" | "-h" => return Request::Print(help()),
            // Anything else is the app's: `--minimized`, a deep link, and `--automation`,
            // which WebKitWebDriver adds when a test drives the app.
            _ => {}
        }
    }
    Request::Run
}

fn version() -> String {
    format!("zmeet {}\n", env!("CARGO_PKG_VERSION"))
}

fn help() -> String {
    format!(
        "zmeet {version}: a desktop companion for Zoho Meeting.

Usage: zmeet [OPTIONS] [{SCHEME}:URL]

Options:
  {MINIMIZED_ARG}   start in the system tray only, without opening the window
                (what Settings → Start at login uses)
  -h, --help    print this help and exit
  -V, --version print the version and exit

A {SCHEME}: URL (the sign-in callback) is handed to the running zmeet, or
starts it with that URL.

Environment:
  {ENDPOINTS_ENV}  Zoho-compatible endpoints instead of Zoho's own: the JSON
                        line a zoho-sim prints when ready, or the path of a file
                        holding it
  {BROWSER_ENV}         a program that opens sign-in pages instead of the
                        desktop's browser
",
        version = env!("CARGO_PKG_VERSION")
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn version_and_help_print_and_never_run() {
        assert_eq!(
            parse(args(&["--version"])),
            Request::Print("zmeet 0.1.0\n".into())
        );
        assert_eq!(parse(args(&["-V"])), parse(args(&["--version"])));
        let Request::Print(help) = parse(args(&["--minimized", "--help"])) else {
            panic!("--help must print");
        };
        for documented in [MINIMIZED_ARG, ENDPOINTS_ENV, BROWSER_ENV, "--version"] {
            assert!(help.contains(documented), "{documented} missing:\n{help}");
        }
    }

    #[test]
    fn the_app_runs_with_minimized_a_url_or_the_webdriver_flag() {
        assert_eq!(parse(args(&[])), Request::Run);
        assert_eq!(parse(args(&["--minimized"])), Request::Run);
        assert_eq!(
            parse(args(&["dev.zmeet.desktop:/oauth/callback?code=x"])),
            Request::Run
        );
        assert_eq!(parse(args(&["--automation"])), Request::Run);
    }

    /// The version the packages carry (tauri.conf.json) is the one `--version` prints.
    #[test]
    fn the_package_version_is_the_crate_version() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let config: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(root.join("tauri.conf.json")).unwrap())
                .unwrap();
        assert_eq!(config["version"], env!("CARGO_PKG_VERSION"));
    }
}
