//! The installed package, tested as a person gets it: `scripts/package-test.sh` builds the
//! .deb, installs it with apt, runs these tests against the installed `/usr/bin/zmeet`
//! (`ZMEET_INSTALLED_APP`), then removes the package and checks nothing of it is left.
//! Without the package they are ignored: `cargo test` alone cannot install one.

mod common;

use std::path::Path;
use std::time::Duration;

use common::{App, artifacts_dir, calendar, eventually};
use serde_json::json;
use test_harness::{Session, SessionOptions};

/// The installed binary, as the package test names it.
fn installed_app() -> String {
    let app = std::env::var("ZMEET_INSTALLED_APP")
        .expect("ZMEET_INSTALLED_APP names the installed binary (scripts/package-test.sh sets it)");
    assert!(Path::new(&app).is_file(), "{app} is not installed");
    app
}

/// The installed package's version (`dpkg-query`), as the package test reports it.
fn package_version() -> String {
    std::env::var("ZMEET_PACKAGE_VERSION").expect("ZMEET_PACKAGE_VERSION (scripts/package-test.sh)")
}

/// Processes of `program` in this session only (other tests or a person's own zmeet may run
/// beside it): the ones carrying the session's marker (see `test_harness::SESSION_MARKER`).
fn session_processes(session: &Session, program: &str) -> Vec<u32> {
    session.processes_of(Path::new(program))
}

/// Every running copy of `program` with its HOME, for failure messages.
fn describe(program: &str) -> String {
    let mut lines = Vec::new();
    for entry in std::fs::read_dir("/proc").expect("read /proc").flatten() {
        let exe = std::fs::read_link(entry.path().join("exe")).unwrap_or_default();
        if !exe.to_string_lossy().contains("zmeet") {
            continue;
        }
        let environ = std::fs::read(entry.path().join("environ")).unwrap_or_default();
        let home = environ
            .split(|b| *b == 0)
            .find(|var| var.starts_with(b"HOME="))
            .map(|var| String::from_utf8_lossy(var).into_owned());
        lines.push(format!(
            "{} {} {home:?}",
            entry.file_name().to_string_lossy(),
            exe.display()
        ));
    }
    format!("copies of {program}: {lines:?}")
}

fn stdout(output: &std::process::Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

#[test]
#[ignore = "needs the installed package: run scripts/package-test.sh"]
fn version_and_help_answer_without_a_display_or_keyring() {
    let app = installed_app();
    // No display and no Secret Service: starting the GUI or reading the keyring would fail.
    let session = Session::start_with(SessionOptions {
        display: false,
        keyring: false,
    })
    .expect("session without display");

    let version = session.command(&app).arg("--version").output().unwrap();
    assert!(version.status.success(), "{version:?}");
    assert_eq!(stdout(&version), format!("zmeet {}\n", package_version()));

    let help = session.command(&app).arg("--help").output().unwrap();
    assert!(help.status.success(), "{help:?}");
    let help = stdout(&help);
    for documented in [
        "--minimized",
        "ZMEET_ZOHO_ENDPOINTS",
        "ZMEET_BROWSER",
        "--version",
    ] {
        assert!(
            help.contains(documented),
            "--help lacks {documented}:\n{help}"
        );
    }
    assert!(
        session_processes(&session, &app).is_empty(),
        "nothing keeps running"
    );
    // Nothing was written to the home folder: no settings, no handler, no data.
    let written: Vec<_> = walk(session.home())
        .into_iter()
        .filter(|path| !path.starts_with(session.home().join("runtime")))
        .collect();
    assert!(written.is_empty(), "--version/--help wrote {written:?}");
}

/// Every file (not folder) below `dir`.
fn walk(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let path = entry.path();
        if path.is_dir() {
            files.extend(walk(&path));
        } else {
            files.push(path);
        }
    }
    files
}

#[test]
#[ignore = "needs the installed package: run scripts/package-test.sh"]
fn the_package_installs_a_launcher_icons_and_metadata_that_validate() {
    installed_app();
    // The launcher is named after the app id; the bundler's own <productName>.desktop is a
    // hidden copy, so the menu shows one launcher and the scheme has one handler.
    let hidden = std::fs::read_to_string("/usr/share/applications/zmeet.desktop")
        .expect("the bundler's desktop file is installed");
    assert!(hidden.contains("\nHidden=true\n"), "{hidden}");
    assert!(!hidden.contains("MimeType="), "{hidden}");
    let desktop = "/usr/share/applications/dev.zmeet.desktop";
    let entry = std::fs::read_to_string(desktop).expect("the launcher is installed");
    // A bare Exec: Debian 12's xdg-open cannot parse a quoted one.
    assert!(entry.contains("\nExec=zmeet %u\n"), "{entry}");
    assert!(
        entry.contains("\nMimeType=x-scheme-handler/dev.zmeet.desktop;\n"),
        "{entry}"
    );
    assert!(entry.contains("\nIcon=zmeet\n"), "{entry}");
    let validate = std::process::Command::new("desktop-file-validate")
        .args([desktop, "/usr/share/applications/zmeet.desktop"])
        .output()
        .unwrap();
    assert!(
        validate.status.success() && validate.stdout.is_empty(),
        "desktop-file-validate: {}",
        stdout(&validate)
    );

    for size in [32, 64, 128, 256, 512] {
        let icon = format!("/usr/share/icons/hicolor/{size}x{size}/apps/zmeet.png");
        let identify = std::process::Command::new("identify")
            .args(["-format", "%wx%h"])
            .arg(&icon)
            .output()
            .unwrap();
        assert_eq!(stdout(&identify), format!("{size}x{size}"), "{icon}");
    }

    // Network checks (screenshot URLs) cannot run here; everything else is validated.
    let metainfo = "/usr/share/metainfo/dev.zmeet.desktop.metainfo.xml";
    let validate = std::process::Command::new("appstreamcli")
        .args(["validate", "--no-net", "--pedantic", metainfo])
        .output()
        .unwrap();
    assert!(
        validate.status.success(),
        "appstreamcli validate: {}",
        stdout(&validate)
    );
}

#[tokio::test]
#[ignore = "needs the installed package: run scripts/package-test.sh"]
async fn the_installed_app_paints_its_window_and_takes_links_from_plain_xdg_open() {
    let program = installed_app();
    let session = Session::start().expect("headless session");

    // The package's launcher is the scheme's handler for the desktop's own tools.
    let handler = session
        .command("xdg-mime")
        .args(["query", "default", "x-scheme-handler/dev.zmeet.desktop"])
        .output()
        .unwrap();
    assert_eq!(stdout(&handler).trim(), "dev.zmeet.desktop");

    let app = App::launch_program(&session, &program, &[], &[]).await;
    // It paints: the demo calendar with its events, in the window and on the screen.
    app.wait_displayed(calendar::EVENT).await;
    app.wait_hidden("#sync-progress").await;
    app.screenshot("package-window.png").await;
    let screen = artifacts_dir().join("package-screen.png");
    session
        .screenshot(&screen)
        .expect("screenshot of the screen");
    let colours = session
        .command("identify")
        .args(["-format", "%k"])
        .arg(&screen)
        .output()
        .unwrap();
    let colours: u32 = stdout(&colours).trim().parse().expect("colour count");
    assert!(
        colours > 100,
        "the screen shows no painted window ({colours} colours)"
    );

    // A release build: the release keyring service, and no development self-registration
    // (the package's launcher is the one handler).
    let info = app.invoke_ok("app_info", json!({})).await;
    assert_eq!(
        info["keyringService"],
        zoho_core::keyring_service(false),
        "{info}"
    );
    assert_eq!(info["version"], package_version().as_str(), "{info}");
    assert!(
        !session
            .data_home()
            .join("applications/zmeet-handler.desktop")
            .exists(),
        "the installed app registered a second handler"
    );
    assert_eq!(
        session_processes(&session, &program).len(),
        1,
        "{}",
        describe(&program)
    );

    // Plain xdg-open (what browsers call) hands the link to the running instance.
    app.open_diagnostics().await;
    let url = "dev.zmeet.desktop:/hello?via=installed-xdg-open";
    let status = session.command("xdg-open").arg(url).status().unwrap();
    assert!(status.success(), "xdg-open failed: {status}");
    app.wait_any_text("#deep-links li", url, |text| {
        text.starts_with(&format!("{url} "))
    })
    .await;
    eventually(
        "the handed-over launch to exit",
        Duration::from_secs(10),
        || session_processes(&session, &program).len() == 1,
    )
    .await;

    app.quit().await;
}
