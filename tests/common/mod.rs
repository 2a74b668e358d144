//! Drives the real zmeet binary in its real WebKitGTK webview over WebDriver, inside a
//! private headless session (see the `test-harness` crate).

#![allow(dead_code)] // each test binary uses a different part of this module

pub mod axe;
pub mod browser;
pub mod calendar;
pub mod secret_items;
pub mod tray_socket;

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use fantoccini::{Client, ClientBuilder, Locator};
use serde_json::json;
use test_harness::{Session, TauriDriver};

/// The app binary cargo built for these tests.
pub const APP: &str = env!("CARGO_BIN_EXE_zmeet");

/// How long a launch may take, from starting tauri-driver to a ready UI.
pub const LAUNCH_TIMEOUT: Duration = Duration::from_secs(90);

/// How long the UI may take to show something after an action.
pub const UI_TIMEOUT: Duration = Duration::from_secs(20);

/// A running app in a session, driven over WebDriver.
pub struct App {
    pub client: Client,
    driver: TauriDriver,
}

impl App {
    /// Launches the app in `session` with `args` and waits until its UI is ready.
    pub async fn launch(session: &Session, args: &[&str]) -> App {
        Self::launch_with_env(session, args, &[]).await
    }

    /// Launches the app with extra environment variables (custom endpoints, the browser).
    pub async fn launch_with_env(session: &Session, args: &[&str], env: &[(&str, &str)]) -> App {
        Self::launch_program(session, APP, args, env).await
    }

    /// Launches another build of the app (the installed package's, say).
    pub async fn launch_program(
        session: &Session,
        program: &str,
        args: &[&str],
        env: &[(&str, &str)],
    ) -> App {
        // A hung WebDriver handshake must fail the test, not stall the whole run.
        tokio::time::timeout(
            LAUNCH_TIMEOUT,
            Self::launch_inner(session, program, args, env),
        )
        .await
        .expect("the app did not start within the launch timeout")
    }

    async fn launch_inner(
        session: &Session,
        program: &str,
        args: &[&str],
        env: &[(&str, &str)],
    ) -> App {
        // A new-session request answered by a dropped connection is the harness failing, not
        // the app (the known cause, a request sent before WebKitWebDriver listened, is waited
        // out in `TauriDriver::start_with_env`), so a second launch is allowed, said out loud.
        // Any other failure, or a second one, fails the test.
        let mut attempt = 1;
        loop {
            let driver = TauriDriver::start_with_env(session, env).expect("start tauri-driver");
            match Self::open_session(&driver, program, args).await {
                Ok(client) => {
                    let app = App { client, driver };
                    app.wait_for("body[data-ready='true']").await;
                    return app;
                }
                Err(error) if attempt == 1 && is_dropped_handshake(&error) => {
                    eprintln!(
                        "WARNING: WebDriver dropped the session request ({error}); \
                         launching the app once more"
                    );
                    drop(driver);
                    wait_for_no_app(session, program).await;
                    attempt += 1;
                }
                Err(error) => panic!("open a WebDriver session on the app: {error:?}"),
            }
        }
    }

    async fn open_session(
        driver: &TauriDriver,
        program: &str,
        args: &[&str],
    ) -> Result<Client, fantoccini::error::NewSessionError> {
        let mut capabilities = serde_json::Map::new();
        capabilities.insert("browserName".into(), json!("wry"));
        capabilities.insert(
            "tauri:options".into(),
            json!({ "application": program, "args": args }),
        );
        zoho_core::tls::install_crypto_provider();
        ClientBuilder::rustls()
            .expect("rustls client")
            .capabilities(capabilities)
            .connect(&driver.url())
            .await
    }

    /// Closes the WebDriver session, which ends the app.
    pub async fn quit(self) {
        let App { client, driver } = self;
        let _ = client.close().await;
        drop(driver);
    }

    /// Saves a PNG of what the window shows, once the latest DOM changes are painted.
    pub async fn screenshot(&self, name: &str) {
        // Two animation frames: the first runs before the next paint, the second after it.
        self.client
            .execute_async(
                "const done = arguments[0]; requestAnimationFrame(() => requestAnimationFrame(() => done()));",
                vec![],
            )
            .await
            .expect("wait for a paint");
        let png = self
            .client
            .screenshot()
            .await
            .expect("WebDriver screenshot");
        let dir = artifacts_dir();
        std::fs::create_dir_all(&dir).expect("artifacts dir");
        std::fs::write(dir.join(name), png).expect("write screenshot");
    }

    pub async fn wait_for(&self, css: &str) -> fantoccini::elements::Element {
        self.client
            .wait()
            .at_most(UI_TIMEOUT)
            .for_element(Locator::Css(css))
            .await
            .unwrap_or_else(|error| panic!("{css} did not appear: {error}"))
    }

    /// Clicks `css` once it is shown and enabled, as a person would: a control that is
    /// still hidden or disabled (the UI is busy) is waited for, not clicked. Of several
    /// matches, the first one shown is clicked (a view that is not active keeps its
    /// elements, hidden).
    pub async fn click(&self, css: &str) {
        wait_until(&format!("a click on {css}"), UI_TIMEOUT, async || {
            let elements = self
                .client
                .find_all(Locator::Css(css))
                .await
                .unwrap_or_default();
            if elements.is_empty() {
                return Err("not on the page".to_owned());
            }
            for element in elements {
                if element.is_displayed().await.unwrap_or(false)
                    && element.is_enabled().await.unwrap_or(false)
                {
                    return element.click().await.map_err(|error| error.to_string());
                }
            }
            Err("hidden or disabled".to_owned())
        })
        .await
    }

    pub async fn type_into(&self, css: &str, text: &str) {
        let field = self.wait_for(css).await;
        field.clear().await.expect("clear field");
        field.send_keys(text).await.expect("type");
    }

    pub async fn text(&self, css: &str) -> String {
        self.wait_for(css).await.text().await.unwrap_or_default()
    }

    /// The texts of every element matching `css`, in document order.
    pub async fn texts(&self, css: &str) -> Vec<String> {
        let mut texts = Vec::new();
        for element in self
            .client
            .find_all(Locator::Css(css))
            .await
            .unwrap_or_default()
        {
            texts.push(element.text().await.unwrap_or_default());
        }
        texts
    }

    /// Waits until some element matching `css` has a text that satisfies `ok`; returns all texts.
    pub async fn wait_any_text(
        &self,
        css: &str,
        what: &str,
        ok: impl Fn(&str) -> bool,
    ) -> Vec<String> {
        wait_until(&format!("a {css} showing {what}"), UI_TIMEOUT, async || {
            let texts = self.texts(css).await;
            if texts.iter().any(|text| ok(text)) {
                Ok(texts)
            } else {
                Err(format!("texts: {texts:?}"))
            }
        })
        .await
    }

    /// Opens the settings dialog, where the diagnostics panel lives, and waits until the
    /// panel shows.
    pub async fn open_diagnostics(&self) {
        self.click("#open-settings").await;
        self.wait_displayed("#about-button").await;
    }

    /// Waits until an element matching `css` is displayed (present is not enough for
    /// hidden elements and closed dialogs).
    pub async fn wait_displayed(&self, css: &str) -> fantoccini::elements::Element {
        wait_until(&format!("{css} to be displayed"), UI_TIMEOUT, async || {
            for element in self
                .client
                .find_all(Locator::Css(css))
                .await
                .unwrap_or_default()
            {
                if element.is_displayed().await.unwrap_or(false) {
                    return Ok(element);
                }
            }
            Err("none is displayed".to_owned())
        })
        .await
    }

    /// Waits until no element matching `css` is displayed.
    pub async fn wait_hidden(&self, css: &str) {
        wait_until(&format!("{css} to be hidden"), UI_TIMEOUT, async || {
            for element in self
                .client
                .find_all(Locator::Css(css))
                .await
                .unwrap_or_default()
            {
                if element.is_displayed().await.unwrap_or(false) {
                    return Err("it stayed displayed".to_owned());
                }
            }
            Ok(())
        })
        .await
    }

    /// Whether the header's error bar is shown now.
    pub async fn error_shown(&self) -> bool {
        self.wait_for("#app-error")
            .await
            .is_displayed()
            .await
            .unwrap()
    }

    /// Runs `script` (a function body; `arguments` holds `args`) in the page.
    pub async fn js(&self, script: &str, args: Vec<serde_json::Value>) -> serde_json::Value {
        self.client
            .execute(script, args)
            .await
            .unwrap_or_else(|e| panic!("script failed: {e}\n{script}"))
    }

    /// Runs an async `script`: it gets `done` as its last argument and must call it.
    pub async fn js_async(&self, script: &str, args: Vec<serde_json::Value>) -> serde_json::Value {
        self.client
            .execute_async(script, args)
            .await
            .unwrap_or_else(|e| panic!("async script failed: {e}\n{script}"))
    }

    /// Calls a Rust command the way the UI does, through Tauri's IPC; a failed command
    /// gives `{"error": <AppError>}`.
    pub async fn invoke(&self, command: &str, args: serde_json::Value) -> serde_json::Value {
        self.js_async(
            "const [command, args, done] = arguments;
             window.__TAURI_INTERNALS__.invoke(command, args)
               .then((ok) => done({ ok: ok === undefined ? null : ok }), (error) => done({ error }));",
            vec![json!(command), args],
        )
        .await
    }

    /// Like [`App::invoke`], for a command that must succeed.
    pub async fn invoke_ok(&self, command: &str, args: serde_json::Value) -> serde_json::Value {
        let answer = self.invoke(command, args).await;
        match answer.get("ok") {
            Some(ok) => ok.clone(),
            None => panic!("{command} failed: {answer}"),
        }
    }

    /// Sets a form control's value as a user's edit would (date and time inputs take no
    /// typing the same way in every engine).
    pub async fn set_value(&self, css: &str, value: &str) {
        let element = self.wait_displayed(css).await;
        self.js(
            "const [el, value] = arguments; el.value = value;
             el.dispatchEvent(new Event('input', { bubbles: true }));
             el.dispatchEvent(new Event('change', { bubbles: true }));",
            vec![serde_json::to_value(&element).unwrap(), json!(value)],
        )
        .await;
    }

    /// The current value of a form control.
    pub async fn value(&self, css: &str) -> String {
        self.wait_for(css)
            .await
            .prop("value")
            .await
            .unwrap()
            .unwrap_or_default()
    }

    /// Every event the app has, two years either side of now; with `refresh`, after
    /// syncing again.
    pub async fn all_events(&self, refresh: bool) -> Vec<serde_json::Value> {
        let now = self
            .js("return Date.now();", vec![])
            .await
            .as_f64()
            .unwrap();
        let year = 366.0 * 86_400_000.0;
        self.invoke_ok(
            "list_events",
            json!({ "fromMs": now - 2.0 * year, "toMs": now + 2.0 * year, "refresh": refresh }),
        )
        .await
        .as_array()
        .unwrap()
        .clone()
    }

    /// Today's local date as the date input writes it.
    pub async fn today(&self) -> String {
        self.js(
            "const d = new Date(); const pad = (n) => String(n).padStart(2, '0');
             return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;",
            vec![],
        )
        .await
        .as_str()
        .unwrap()
        .to_owned()
    }

    /// Waits until the text of `css` satisfies `ok`, and returns it.
    pub async fn wait_text(&self, css: &str, what: &str, ok: impl Fn(&str) -> bool) -> String {
        wait_until(&format!("{css} to show {what}"), UI_TIMEOUT, async || {
            let text = self.text(css).await;
            if ok(&text) {
                Ok(text)
            } else {
                Err(format!("last text: {text:?}"))
            }
        })
        .await
    }

    /// Waits until a window other than `main` is open (the quick-create window, say).
    pub async fn wait_other_window(
        &self,
        main: &fantoccini::wd::WindowHandle,
    ) -> fantoccini::wd::WindowHandle {
        wait_until("a second window", UI_TIMEOUT, async || {
            let windows = self.client.windows().await.unwrap_or_default();
            windows
                .into_iter()
                .find(|handle| handle != main)
                .ok_or_else(|| "only the main window".to_owned())
        })
        .await
    }
}

/// Where tests leave screenshots for people to look at (git-ignored).
/// A simulator set-up whose user lives in the EU while the app starts at the US data centre,
/// so a sign-in crosses data centres as Zoho's does. Tests add their own fields with
/// `..eu_user_config()`.
pub fn eu_user_config() -> zoho_sim::SimConfig {
    zoho_sim::SimConfig {
        user_dc: "eu".into(),
        dcs: vec!["us".into(), "eu".into()],
        ..zoho_sim::SimConfig::default()
    }
}

pub fn artifacts_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/artifacts")
}

/// Process ids of running copies of the app binary in `session` (zombies excluded): copies
/// run by other tests or left over from earlier runs do not count.
pub fn app_processes(session: &Session) -> Vec<u32> {
    session.processes_of(Path::new(APP))
}

/// The driver closed the connection before answering a new-session request.
fn is_dropped_handshake(error: &fantoccini::error::NewSessionError) -> bool {
    matches!(error, fantoccini::error::NewSessionError::FailedC(_))
        && format!("{error:?}").contains("IncompleteMessage")
}

/// Waits (failing after 15 s) until no process of `program` is left in `session`, so that a new
/// launch is not handed over to a dying one by the single-instance check.
async fn wait_for_no_app(session: &Session, program: &str) {
    wait_until(
        "the first app to exit",
        Duration::from_secs(15),
        async || match session.processes_of(Path::new(program)).as_slice() {
            [] => Ok(()),
            left => Err(format!("still running: {left:?}")),
        },
    )
    .await
}

/// Waits until `ok` holds, checking every 100 ms.
pub async fn eventually(what: &str, timeout: Duration, mut ok: impl FnMut() -> bool) {
    wait_until(what, timeout, async || {
        if ok() { Ok(()) } else { Err(String::new()) }
    })
    .await
}

/// The one polling loop of the E2E tests: re-checks `check` every 100 ms until it gives
/// `Ok`, and fails the test after `timeout` with `what` and the last `Err` (what was seen
/// instead). Tests wait on a state they can observe (the DOM, the simulator's request log, a
/// file, a process), never for a fixed time.
pub async fn wait_until<T>(
    what: &str,
    timeout: Duration,
    mut check: impl AsyncFnMut() -> Result<T, String>,
) -> T {
    let deadline = Instant::now() + timeout;
    loop {
        let seen = match check().await {
            Ok(value) => return value,
            Err(seen) => seen,
        };
        let seen = if seen.is_empty() {
            seen
        } else {
            format!("; {seen}")
        };
        assert!(
            Instant::now() < deadline,
            "timed out waiting for {what}{seen}"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}
