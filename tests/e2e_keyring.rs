//! Secrets go to the real Secret Service (gnome-keyring) and survive a restart.

mod common;

use common::App;
use test_harness::Session;

const SERVICE: &str = "dev.zmeet.desktop.debug";

#[tokio::test]
async fn the_app_stores_reads_after_restart_and_deletes_a_keyring_value() {
    let session = Session::start().expect("headless session");
    let value = format!("probe-{}", std::process::id());

    let app = App::launch(&session, &[]).await;
    app.open_diagnostics().await;
    app.type_into("#keyring-value", &value).await;
    app.click("#keyring-store").await;
    app.wait_text("#keyring-result", "the stored message", |t| {
        t == "Stored in the keyring."
    })
    .await;
    app.quit().await;

    let found = session
        .secret_tool(&["search", "--all", "service", SERVICE])
        .unwrap();
    assert!(
        found.contains(&format!("secret = {value}")),
        "secret-tool sees: {found}"
    );
    let looked_up = session
        .secret_tool(&[
            "lookup",
            "service",
            SERVICE,
            "username",
            "diagnostics-probe",
        ])
        .unwrap();
    assert_eq!(looked_up.trim(), value);

    // A new process reads it back from the keyring.
    let app = App::launch(&session, &[]).await;
    app.open_diagnostics().await;
    app.click("#keyring-read").await;
    let shown = app
        .wait_text("#keyring-result", "the read value", |t| {
            t.starts_with("Read:")
        })
        .await;
    assert_eq!(shown, format!("Read: {value}"));

    app.click("#keyring-delete").await;
    app.wait_text("#keyring-result", "the deleted message", |t| {
        t == "Deleted from the keyring."
    })
    .await;
    let after = session
        .secret_tool(&["search", "--all", "service", SERVICE])
        .unwrap();
    assert!(!after.contains(&value), "still in the keyring: {after}");
    app.click("#keyring-read").await;
    app.wait_text("#keyring-result", "nothing stored", |t| {
        t == "Nothing stored."
    })
    .await;
    app.quit().await;
}

#[tokio::test]
async fn a_missing_keyring_gives_a_clear_coded_error() {
    // A session with a bus but no Secret Service: what a user without a keyring daemon has.
    let options = test_harness::SessionOptions {
        display: true,
        keyring: false,
    };
    let session = Session::start_with(options).expect("headless session");
    let app = App::launch(&session, &[]).await;
    app.open_diagnostics().await;
    app.type_into("#keyring-value", "anything").await;
    app.click("#keyring-store").await;
    let shown = app
        .wait_text("#keyring-result", "an error", |t| {
            t.starts_with("keyring_unavailable:")
        })
        .await;
    assert!(shown.contains("no unlocked keyring"), "{shown}");
    app.quit().await;
}
