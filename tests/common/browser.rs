//! A stand-in for a person in a browser, for sign-in tests.
//!
//! The app opens the authorization URL with the program named by `ZMEET_BROWSER`. Tests
//! point it at a small script that re-runs the test binary's `fake_browser` entry (an
//! ignored test), which loads the simulator's consent page, presses Accept (or Deny) and
//! hands the redirect to plain `xdg-open`, as a browser does with a custom scheme. So the
//! whole real path runs: browser, desktop handler, second instance, deep link.

use std::path::{Path, PathBuf};

/// Environment variable the fake browser reads its decision from: `accept`, `deny`,
/// `none` (the person never answers; the URL is left in [`LAST_URL_FILE`] under HOME), or
/// for a verification page `approve-device:<user code>` / `deny-device:<user code>`.
pub const DECISION_ENV: &str = "ZMEET_FAKE_BROWSER_DECISION";
/// Where a `none` browser leaves the authorization URL it was given, under `$HOME`.
pub const LAST_URL_FILE: &str = "fake-browser-url.txt";
const URL_ENV: &str = "ZMEET_FAKE_BROWSER_URL";

/// Writes the `ZMEET_BROWSER` script into `dir` and returns its path. `test_name` is the
/// name of the ignored test in the current test binary that calls [`run_fake_browser`].
pub fn install(dir: &Path, test_name: &str, decision: &str) -> PathBuf {
    let test_binary = std::env::current_exe().expect("test binary");
    let script = dir.join("fake-browser");
    let log = dir.join("fake-browser.log");
    let body = format!(
        "#!/bin/sh\nexport {URL_ENV}=\"$1\" {DECISION_ENV}={decision}\n\
         exec '{}' --exact {test_name} --ignored --nocapture >>'{}' 2>&1\n",
        test_binary.display(),
        log.display(),
    );
    std::fs::write(&script, body).expect("write fake browser");
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&script, std::fs::Permissions::from_mode(0o755)).unwrap();
    script
}

/// The fake browser's body; does nothing unless started by the script.
pub async fn run_fake_browser() {
    let Ok(url) = std::env::var(URL_ENV) else {
        return;
    };
    let decision = std::env::var(DECISION_ENV).unwrap_or_else(|_| "accept".into());
    if decision == "none" {
        let home = std::env::var("HOME").expect("HOME");
        std::fs::write(Path::new(&home).join(LAST_URL_FILE), &url).expect("record the URL");
        return;
    }
    // The device flow: the URL is the verification page; type the code, approve or deny.
    if let Some((approve, code)) = decision
        .strip_prefix("approve-device:")
        .map(|code| (true, code))
        .or_else(|| {
            decision
                .strip_prefix("deny-device:")
                .map(|code| (false, code))
        })
    {
        let answered = if approve {
            zoho_sim::browser::approve_device(&url, code).await
        } else {
            zoho_sim::browser::deny_device(&url, code).await
        };
        answered.expect("the verification page took the answer");
        return;
    }
    let redirect = match decision.as_str() {
        "deny" => zoho_sim::browser::deny(&url).await,
        _ => zoho_sim::browser::accept(&url).await,
    }
    .expect("the consent page answered");
    let status = std::process::Command::new("xdg-open")
        .arg(&redirect)
        .status()
        .expect("xdg-open");
    assert!(status.success(), "xdg-open failed: {status}");
}
