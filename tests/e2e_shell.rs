//! The main window renders the UI shell, and its buttons reach Rust commands.

mod common;

use common::App;
use test_harness::Session;

#[tokio::test]
async fn main_window_renders_the_shell_and_a_button_reaches_a_rust_command() {
    let session = Session::start().expect("headless session");
    let app = App::launch(&session, &[]).await;

    assert_eq!(app.client.title().await.unwrap(), "zmeet");
    assert_eq!(app.text("#app-title").await, "zmeet");
    // The version comes from Rust (the package version), not from the page.
    assert_eq!(
        app.text("#app-version").await,
        format!("v{}", env!("CARGO_PKG_VERSION"))
    );

    // The diagnostics panel lives in the settings dialog.
    app.open_diagnostics().await;
    assert_eq!(
        app.text("#about-result").await,
        "",
        "nothing is shown before the click"
    );
    app.click("#about-button").await;
    let about = app
        .wait_text("#about-result", "the app info", |t| !t.is_empty())
        .await;
    assert_eq!(
        about,
        format!(
            "zmeet {} · scheme dev.zmeet.desktop · keyring service dev.zmeet.desktop.debug",
            env!("CARGO_PKG_VERSION")
        )
    );

    app.screenshot("main-window.png").await;
    app.quit().await;
}
