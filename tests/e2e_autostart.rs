//! Settings → Start at login: the switch writes and removes the XDG autostart entry, and
//! shows whether the entry exists each time Settings opens.

mod common;

use std::time::Duration;

use common::{APP, App, eventually};
use test_harness::Session;

const SWITCH: &str = "#settings-start-at-login";

async fn switch_is_on(app: &App) -> bool {
    app.wait_for(SWITCH)
        .await
        .prop("checked")
        .await
        .unwrap()
        .as_deref()
        == Some("true")
}

/// Waits until the switch is usable again and shows `on`.
async fn wait_switch(app: &App, on: bool) {
    common::wait_until(
        &format!("the switch to show {on}"),
        common::UI_TIMEOUT,
        async || {
            let ready = app
                .wait_for(SWITCH)
                .await
                .is_enabled()
                .await
                .unwrap_or(false);
            if ready && switch_is_on(app).await == on {
                Ok(())
            } else {
                Err(format!("enabled: {ready}"))
            }
        },
    )
    .await
}

#[tokio::test]
async fn the_switch_writes_and_removes_the_autostart_entry_and_reflects_it() {
    let session = Session::start().expect("headless session");
    let entry = session.config_home().join("autostart/dev.zmeet.desktop");
    let app = App::launch(&session, &[]).await;

    app.open_diagnostics().await;
    wait_switch(&app, false).await;

    // On: the entry starts this very binary in the tray.
    app.click(SWITCH).await;
    wait_switch(&app, true).await;
    let text = std::fs::read_to_string(&entry).expect("the autostart entry is written");
    let exe = std::fs::canonicalize(APP).unwrap();
    assert!(
        text.contains(&format!("\nExec={} --minimized\n", exe.display())),
        "{text}"
    );
    assert!(text.starts_with("[Desktop Entry]\n"), "{text}");
    app.screenshot("settings-start-at-login.png").await;

    // Off: the entry is gone.
    app.click(SWITCH).await;
    wait_switch(&app, false).await;
    eventually("the entry to be removed", Duration::from_secs(5), || {
        !entry.exists()
    })
    .await;

    // The switch shows the file, not a remembered value: an entry made elsewhere (by an
    // earlier install, say) shows as on when Settings opens again.
    app.click("#settings-dialog [data-close]").await;
    app.wait_hidden("#settings-dialog").await;
    std::fs::write(
        &entry,
        "[Desktop Entry]\nType=Application\nName=zmeet\nExec=zmeet --minimized\n",
    )
    .unwrap();
    app.open_diagnostics().await;
    wait_switch(&app, true).await;
    app.quit().await;
}
