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
    /// The largest response body read; a larger one (announced or streamed) is
    /// `response_too_large`, so a broken or hostile server cannot fill the memory.
    pub max_body_bytes: usize,
}

/// 8 MiB: a page of 100 meetings is well under 1 MiB.
pub const MAX_BODY_BYTES: usize = 8 * 1024 * 1024;

impl Default for HttpConfig {
    fn default() -> Self {
        Self {
            timeout: Duration::from_secs(30),
            connect_timeout: Duration::from_secs(10),
            retries: 2,
            retry_backoff: Duration::from_millis(300),
            max_body_bytes: MAX_BODY_BYTES,
        }
    }
}

pub(crate) fn build_client(config: &HttpConfig) -> Result<reqwest::Client> {
    crate::tls::install_crypto_provider();
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
/// The body is read up to `config.max_body_bytes`; a larger one ends the exchange.
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
                // Host and path only: a query may carry parameters worth keeping private.
                tracing::debug!(
                    host = response.url().host_str().unwrap_or(""),
                    path = response.url().path(),
                    status = status.as_u16(),
                    attempt,
                    "Zoho answered"
                );
                match read_capped(response, config.max_body_bytes).await {
                    Ok(body) => Ok(Reply { status, body }),
                    Err(ReadError::TooLarge) => {
                        return Err(Error::ResponseTooLarge {
                            limit: config.max_body_bytes,
                        });
                    }
                    Err(ReadError::Network(e)) => Err(e),
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

enum ReadError {
    TooLarge,
    Network(reqwest::Error),
}

/// Reads a body of at most `limit` bytes: a larger `Content-Length` is refused before
/// reading anything, and a body that streams past the limit (chunked, or a server that
/// lies) is dropped as soon as it does, so memory never holds more than `limit`.
async fn read_capped(
    mut response: reqwest::Response,
    limit: usize,
) -> std::result::Result<String, ReadError> {
    let announced = response.content_length();
    if announced.is_some_and(|length| length > limit as u64) {
        return Err(ReadError::TooLarge);
    }
    let mut body = Vec::with_capacity(announced.unwrap_or(0) as usize);
    while let Some(chunk) = response.chunk().await.map_err(ReadError::Network)? {
        if body.len() + chunk.len() > limit {
            return Err(ReadError::TooLarge);
        }
        body.extend_from_slice(&chunk);
    }
    // Valid UTF-8 (the usual case) becomes the string without a copy.
    Ok(String::from_utf8(body)
        .unwrap_or_else(|invalid| String::from_utf8_lossy(invalid.as_bytes()).into_owned()))
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
