//! The real Secret Service items of a test session, read with `secret-tool` on the session's
//! own D-Bus, so keyring tests check what the app actually stored, not what it reports.
//!
//! `secret-tool search --all` prints each item's secret on standard output and its
//! attributes on standard error, so an item's attributes are checked with a `lookup` by
//! exactly those attributes instead.

use std::process::Stdio;

use test_harness::Session;

/// The secret of the item with attributes `service` = `service` and `username` = `name`
/// (the keyring crate's two lookup attributes), if the keyring holds one.
pub fn lookup(session: &Session, service: &str, name: &str) -> Option<String> {
    let out = secret_tool(session, &["lookup", "service", service, "username", name]);
    out.status
        .success()
        .then(|| String::from_utf8_lossy(&out.stdout).into_owned())
        .filter(|secret| !secret.is_empty())
}

/// What the keyring holds under `service`: every item's `username` and every secret.
#[derive(Debug)]
pub struct ServiceItems {
    pub names: Vec<String>,
    pub secrets: Vec<String>,
}

pub fn service_items(session: &Session, service: &str) -> ServiceItems {
    let out = secret_tool(session, &["search", "--all", "service", service]);
    let values = |text: &[u8], field: &str| -> Vec<String> {
        let prefix = format!("{field} = ");
        String::from_utf8_lossy(text)
            .lines()
            .filter_map(|line| line.strip_prefix(&prefix).map(str::to_owned))
            .collect()
    };
    ServiceItems {
        names: values(&out.stderr, "attribute.username"),
        secrets: values(&out.stdout, "secret"),
    }
}

fn secret_tool(session: &Session, args: &[&str]) -> std::process::Output {
    session
        .command("secret-tool")
        .args(args)
        .stdin(Stdio::null())
        .output()
        .expect("run secret-tool")
}
