//! Secrets go to the real Secret Service (gnome-keyring) and survive a restart: after a
//! sign-in against the simulator, the session's keyring holds the refresh token the
//! simulator issued, under the app's service and `<namespace>/<key>` names; after sign-out
//! it is gone.

mod common;

use common::secret_items::{lookup, service_items};
use common::{App, browser};
use test_harness::Session;
use zoho_sim::{SimConfig, Simulator};

const SERVICE: &str = "dev.zmeet.desktop.debug";
const FAKE_BROWSER: &str = "fake_browser";

/// Not a test: the body of the stand-in browser the app starts (see `common::browser`).
#[tokio::test(flavor = "multi_thread")]
#[ignore = "run by the app as its browser, not by the test runner"]
async fn fake_browser() {
    browser::run_fake_browser().await;
}

async fn launch(session: &Session, sim: &Simulator) -> App {
    let script = browser::install(session.home(), FAKE_BROWSER, "accept");
    let endpoints = serde_json::to_string(sim.info()).unwrap();
    let env = [
        ("ZMEET_ZOHO_ENDPOINTS", endpoints.as_str()),
        ("ZMEET_BROWSER", script.to_str().unwrap()),
    ];
    App::launch_with_env(session, &[], &env).await
}

async fn wait_signed_in(app: &App, sim: &Simulator) {
    let email = &sim.info().user.email;
    app.wait_text("#session-user", "the user", |t| t.contains(email))
        .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn sign_in_stores_the_issued_refresh_token_in_the_keyring_and_sign_out_removes_it() {
    let sim = Simulator::start(SimConfig::default()).await.unwrap();
    let session = Session::start().expect("headless session");
    assert!(
        service_items(&session, SERVICE).names.is_empty(),
        "starts empty"
    );
    // Entries are named `<namespace>/<key>`, the namespace naming the endpoint set (the
    // simulator's is a custom one).
    let info = sim.info();
    let namespace = zoho_core::Endpoints::from_maps(&info.accounts, &info.meeting)
        .unwrap()
        .namespace();
    assert!(namespace.starts_with("custom-"), "{namespace}");
    let name = |key: &str| format!("{namespace}/{key}");

    let app = launch(&session, &sim).await;
    app.click("#sign-in").await;
    wait_signed_in(&app, &sim).await;
    app.quit().await;

    let token = lookup(&session, SERVICE, &name("refresh-token")).unwrap_or_else(|| {
        let items = service_items(&session, SERVICE);
        panic!("no {} entry: {:?}", name("refresh-token"), items.names)
    });
    assert!(
        sim.refresh_token_is_live(&token),
        "the entry holds the refresh token the simulator issued"
    );
    assert_eq!(
        sim.refresh_token_count(),
        1,
        "one sign-in, one refresh token"
    );
    // The account metadata is stored beside it and holds no secret.
    let account = lookup(&session, SERVICE, &name("account")).expect("the account entry");
    assert!(account.contains(&info.user.email), "{account}");
    assert!(!account.contains(&token), "no token in the metadata");
    // Every entry of the service is the app's, under its namespace.
    let items = service_items(&session, SERVICE);
    assert!(items.names.contains(&name("refresh-token")), "{items:?}");
    assert_eq!(items.names.len(), items.secrets.len(), "{items:?}");
    for entry in &items.names {
        assert!(entry.starts_with(&name("")), "{entry}");
    }

    // A new process signs in from the keyring alone, then signs out.
    let app = launch(&session, &sim).await;
    wait_signed_in(&app, &sim).await;
    app.click("#sign-out").await;
    app.wait_text("#sign-in", "the sign-in button", |t| {
        t == "Sign in with Zoho"
    })
    .await;
    app.quit().await;

    assert_eq!(lookup(&session, SERVICE, &name("refresh-token")), None);
    assert_eq!(lookup(&session, SERVICE, &name("account")), None);
    let items = service_items(&session, SERVICE);
    assert!(!items.secrets.contains(&token), "{:?}", items.names);
    assert!(!sim.refresh_token_is_live(&token), "and Zoho revoked it");
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
