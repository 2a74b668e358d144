//! The keyring store against a real Secret Service (a private dbus-daemon and an unlocked
//! gnome-keyring from `test-harness`), plus the store's failure paths.
//!
//! The keyring crate reads `DBUS_SESSION_BUS_ADDRESS` from the process environment on first
//! use, so the outer test re-runs this test binary as a child with the session's
//! environment; the inner `#[ignore]` tests do the keyring work only when the marker is set.

use std::process::Command;
use std::sync::Arc;
use std::time::Duration;

use test_harness::{Session, SessionOptions};
use zoho_core::session::{AccountInfo, AccountStore};
use zoho_core::store::{KeyringStore, StoreError, TokenStore, run_blocking};
use zoho_core::{DataCenter, Error, Secret};

const MARKER: &str = "ZOHO_CORE_KEYRING_CHILD";
const SERVICE: &str = "dev.zmeet.desktop.zoho-core-test";

fn run_child(test: &str, env: &[(String, std::ffi::OsString)]) -> std::process::Output {
    let mut command = Command::new(std::env::current_exe().unwrap());
    command
        .args(["--exact", test, "--nocapture", "--ignored"])
        .env(MARKER, "1");
    for (key, value) in env {
        command.env(key, value);
    }
    command.output().unwrap()
}

fn account() -> AccountInfo {
    AccountInfo {
        dc: DataCenter::In,
        accounts_server: "https://accounts.zoho.in/".into(),
        meeting_server: "https://meeting.zoho.in/".into(),
        zsoid: "77994516".into(),
        zuid: "71158042".into(),
        email: Some("user@example.com".into()),
        display_name: Some("User".into()),
        scopes: None,
        client_id: "1000.X".into(),
    }
}

#[test]
fn keyring_store_in_a_private_session() {
    let session = Session::start_with(SessionOptions {
        display: false,
        keyring: true,
    })
    .expect("private keyring session");
    let env: Vec<_> = session
        .env()
        .iter()
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect();
    let out = run_child("inner_keyring_round_trip", &env);
    let printed = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(out.status.success(), "child failed:\n{printed}");
    assert!(
        printed.contains("1 passed"),
        "the inner test did not run:\n{printed}"
    );
    let found = session
        .secret_tool(&["search", "--all", "service", SERVICE])
        .unwrap();
    // The three entries of one account are under the one service, named after Zoho's
    // endpoint set; the child left them.
    for key in ["zoho/refresh-token", "zoho/client-secret", "zoho/account"] {
        assert!(found.contains(key), "{key} missing in:\n{found}");
    }
    let refresh = session
        .secret_tool(&[
            "lookup",
            "service",
            SERVICE,
            "username",
            "zoho/refresh-token",
        ])
        .unwrap();
    assert_eq!(refresh.trim(), "1000.refresh.keyring-test");
    // Nothing secret in the metadata entry.
    let meta = session
        .secret_tool(&["lookup", "service", SERVICE, "username", "zoho/account"])
        .unwrap();
    assert!(meta.contains("77994516") && !meta.contains("1000.refresh"));
}

#[test]
#[ignore = "run by keyring_store_in_a_private_session in a child process"]
fn inner_keyring_round_trip() {
    if std::env::var_os(MARKER).is_none() {
        return;
    }
    let runtime = tokio::runtime::Runtime::new().unwrap();
    runtime.block_on(async {
        let raw = Arc::new(KeyringStore::new(SERVICE));
        let store = AccountStore::new(raw.clone(), "zoho");
        store.clear().await.unwrap();
        assert!(store.load().await.unwrap().is_none());
        store
            .save(&account(), &Secret::new("1000.refresh.first"))
            .await
            .unwrap();
        store
            .save(&account(), &Secret::new("1000.refresh.keyring-test"))
            .await
            .unwrap();
        store
            .save_client_secret(&Secret::new("client-secret-value"))
            .await
            .unwrap();
        let (info, token) = store.load().await.unwrap().unwrap();
        assert_eq!(info, account());
        assert_eq!(token.expose(), "1000.refresh.keyring-test");
        assert_eq!(
            store.client_secret().await.unwrap().unwrap().expose(),
            "client-secret-value"
        );
        // Delete and re-create to prove delete works on the real keyring.
        raw.delete("scratch").unwrap();
        raw.put("scratch", &Secret::new("x").to_secret_string())
            .unwrap();
        raw.delete("scratch").unwrap();
        assert!(raw.get("scratch").unwrap().is_none());
    });
}

#[test]
fn no_secret_service_is_keyring_unavailable() {
    let dir = std::env::temp_dir().join(format!("zoho-core-no-bus-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let env = vec![
        (
            "DBUS_SESSION_BUS_ADDRESS".to_owned(),
            format!("unix:path={}/missing-bus", dir.display()).into(),
        ),
        ("XDG_RUNTIME_DIR".to_owned(), dir.clone().into_os_string()),
    ];
    let out = run_child("inner_no_secret_service", &env);
    let printed = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(out.status.success(), "child failed:\n{printed}");
    assert!(
        printed.contains("1 passed"),
        "the inner test did not run:\n{printed}"
    );
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
#[ignore = "run by no_secret_service_is_keyring_unavailable in a child process"]
fn inner_no_secret_service() {
    if std::env::var_os(MARKER).is_none() {
        return;
    }
    let runtime = tokio::runtime::Runtime::new().unwrap();
    runtime.block_on(async {
        let store = AccountStore::new(Arc::new(KeyringStore::new(SERVICE)), "zoho");
        let err = store
            .save_client_secret(&Secret::new("x"))
            .await
            .unwrap_err();
        assert_eq!(err.code(), "keyring_unavailable", "{err:?}");
    });
}

/// A store that hangs (until the test lets go of it) or fails, for the other two store errors.
struct Broken(std::sync::Mutex<std::sync::mpsc::Receiver<()>>);

impl TokenStore for Broken {
    fn put(&self, _: &str, _: &zoho_core::SecretString) -> Result<(), StoreError> {
        Err(StoreError::Failed("disk on fire".into()))
    }
    fn get(&self, _: &str) -> Result<Option<zoho_core::SecretString>, StoreError> {
        // Returns once the test drops its end: a hung keyring, not a slow one.
        let _ = self.0.lock().expect("gate lock").recv();
        Ok(None)
    }
    fn delete(&self, _: &str) -> Result<(), StoreError> {
        panic!("delete panics")
    }
}

#[tokio::test]
async fn slow_failing_and_panicking_stores_are_typed() {
    let (release, hang) = std::sync::mpsc::channel::<()>();
    let store = AccountStore::new(Arc::new(Broken(std::sync::Mutex::new(hang))), "zoho")
        .with_timeout(Duration::from_millis(50));
    let err = store.refresh_token().await.unwrap_err();
    assert!(
        matches!(err, Error::Store(StoreError::TimedOut(_))),
        "{err:?}"
    );
    assert_eq!(err.code(), "keyring_timed_out");
    drop(release);
    let err = store
        .save_client_secret(&Secret::new("x"))
        .await
        .unwrap_err();
    assert_eq!(err.code(), "keyring_failed");
    // (A generous timeout: printing the panic's backtrace takes a while.)
    let store = store.with_timeout(Duration::from_secs(20));
    let err = store.clear().await.unwrap_err();
    assert_eq!(
        err.code(),
        "keyring_failed",
        "a panicking call is a failure: {err:?}"
    );
    let direct = run_blocking(Duration::from_secs(1), || Ok::<_, StoreError>(7))
        .await
        .unwrap();
    assert_eq!(direct, 7);
}
