use std::io;
use std::net::{TcpListener, TcpStream};
use std::process::Stdio;
use std::time::Duration;

use crate::process::{Guarded, wait_until};
use crate::session::Session;

/// tauri-driver with Debian's WebKitWebDriver, inside a [`Session`]. Sessions it opens
/// launch the app under test as a child, so stopping the driver stops the app too.
pub struct TauriDriver {
    process: Guarded,
    port: u16,
}

impl TauriDriver {
    pub fn start(session: &Session) -> io::Result<Self> {
        Self::start_with_env(session, &[])
    }

    /// Starts the driver with extra environment variables, which reach the app it launches.
    pub fn start_with_env(session: &Session, extra_env: &[(&str, &str)]) -> io::Result<Self> {
        let port = free_port()?;
        let native_port = free_port()?;
        let mut process = Guarded::spawn(
            "tauri-driver",
            session
                .command(tauri_driver_path())
                .args([
                    "--port",
                    &port.to_string(),
                    "--native-port",
                    &native_port.to_string(),
                ])
                .args(["--native-driver", "/usr/bin/WebKitWebDriver"])
                .envs(extra_env.iter().copied())
                .stdout(Stdio::null()),
        )?;
        // tauri-driver listens at once but starts WebKitWebDriver beside it without waiting
        // for it, and forwards a new-session request straight to the native port: sent before
        // WebKitWebDriver listens, the request is dropped unanswered. Both must accept first.
        let accepts = |port: u16| TcpStream::connect(("127.0.0.1", port)).is_ok();
        wait_until(
            "tauri-driver and WebKitWebDriver",
            Duration::from_secs(15),
            || (accepts(port) && accepts(native_port)) || process.exited().is_some(),
        )?;
        process.ensure_running()?;
        Ok(Self { process, port })
    }

    /// The WebDriver endpoint.
    pub fn url(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }
}

impl Drop for TauriDriver {
    fn drop(&mut self) {
        self.process.stop();
    }
}

fn tauri_driver_path() -> String {
    if let Ok(path) = std::env::var("TAURI_DRIVER") {
        return path;
    }
    // cargo install puts it here; PATH may not include it in a CI shell.
    let cargo_bin = std::env::var("CARGO_HOME")
        .map(|home| format!("{home}/bin/tauri-driver"))
        .unwrap_or_else(|_| {
            format!(
                "{}/.cargo/bin/tauri-driver",
                std::env::var("HOME").unwrap_or_default()
            )
        });
    if std::path::Path::new(&cargo_bin).exists() {
        cargo_bin
    } else {
        "tauri-driver".to_owned()
    }
}

fn free_port() -> io::Result<u16> {
    Ok(TcpListener::bind(("127.0.0.1", 0))?.local_addr()?.port())
}
