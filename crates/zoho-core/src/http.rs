//! The one pooled HTTP client (reqwest + rustls) and the retry rule every call uses.

use std::time::Duration;

use reqwest::{Method, RequestBuilder, StatusCode};

use crate::error::{Error, Result};

/// Timeouts and retries of every request.
#[derive(Clone, Debug)]
pub struct HttpConfig {
    /// Whole-request timeout (a hung server ends here).
    pub timeout: Duration,
    pub connect_timeout: Duration,
    /// Extra attempts after a transient failure (5xx, reset, timeout) of a request that is
    /// safe to repeat.
    pub retries: u32,
    /// Wait before the first retry; doubled for each next one.
    pub retry_backoff: Duration,
}

impl Default for HttpConfig {
    fn default() -> Self {
        Self {
            timeout: Duration::from_secs(30),
            connect_timeout: Duration::from_secs(10),
            retries: 2,
            retry_backoff: Duration::from_millis(300),
        }
    }
}

pub(crate) fn build_client(config: &HttpConfig) -> Result<reqwest::Client> {
    reqwest::Client::builder()
        .timeout(config.timeout)
        .connect_timeout(config.connect_timeout)
        .pool_idle_timeout(Duration::from_secs(60))
        .user_agent(concat!("zmeet/", env!("CARGO_PKG_VERSION")))
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .map_err(|e| Error::Config(format!("HTTP client: {e}")))
}

/// What a request may do again after a failure.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Repeat {
    /// Idempotent: retry on any transient failure.
    Safe,
    /// Not idempotent (create): retry only when the server said it did not handle the
    /// request (502/503/504), never after a timeout or a reset.
    OnlyUnhandled,
}

impl Repeat {
    pub(crate) fn of(method: &Method) -> Self {
        if *method == Method::POST {
            Repeat::OnlyUnhandled
        } else {
            Repeat::Safe
        }
    }
}

/// A finished exchange: status and body.
pub(crate) struct Reply {
    pub status: StatusCode,
    /// The body as text (Zoho answers JSON or, from a proxy, HTML).
    pub body: String,
}

/// Sends the request `build` makes, repeating it on transient failures as `repeat` allows.
pub(crate) async fn send(
    config: &HttpConfig,
    repeat: Repeat,
    build: impl Fn() -> RequestBuilder,
) -> Result<Reply> {
    let mut attempt = 0;
    loop {
        let outcome = match build().send().await {
            Ok(response) => {
                let status = response.status();
                match response.text().await {
                    Ok(body) => Ok(Reply { status, body }),
                    Err(e) => Err(e),
                }
            }
            Err(e) => Err(e),
        };
        let transient = match &outcome {
            Ok(reply) => {
                is_unhandled(reply.status)
                    || (reply.status.is_server_error() && repeat == Repeat::Safe)
            }
            Err(e) => repeat == Repeat::Safe || e.is_connect(),
        };
        if !transient || attempt >= config.retries {
            return outcome.map_err(Error::network);
        }
        tokio::time::sleep(config.retry_backoff * 2u32.pow(attempt)).await;
        attempt += 1;
    }
}

fn is_unhandled(status: StatusCode) -> bool {
    matches!(status.as_u16(), 502..=504)
}

/// A short, secret-free description of a body that is not what was expected.
pub(crate) fn describe_body(body: &str) -> String {
    let trimmed = body.trim();
    if trimmed.is_empty() {
        return "empty body".into();
    }
    if trimmed.starts_with('<') {
        return "an HTML page".into();
    }
    format!(
        "a body of {} bytes that is not the expected JSON",
        trimmed.len()
    )
}
