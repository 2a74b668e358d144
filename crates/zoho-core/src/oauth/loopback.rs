//! The loopback redirect (RFC 8252 §7.3): a tiny HTTP listener on `127.0.0.1:<random port>`
//! that is open only while a sign-in waits, answers the browser with a short page and closes
//! after the first callback whose `state` matches, or when its time is up.

use std::sync::Arc;
use std::time::Duration;

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::{Semaphore, mpsc};
use tokio_util::sync::CancellationToken;
use url::Url;

use crate::error::{Error, Result};
use crate::secret::Secret;

/// The path the loopback redirect URI uses.
pub const CALLBACK_PATH: &str = "/callback";
const MAX_REQUEST_BYTES: usize = 16 * 1024;
/// Connections served at once; more are closed unanswered (a browser needs one or two).
pub const MAX_CONNECTIONS: usize = 8;
const READ_TIMEOUT: Duration = Duration::from_secs(5);

const DONE_PAGE: &str = "<!doctype html><meta charset=utf-8><title>zmeet</title>\
<p>Signed in. You can close this tab and return to zmeet.</p>";
const FAILED_PAGE: &str = "<!doctype html><meta charset=utf-8><title>zmeet</title>\
<p>Sign-in was not completed. You can close this tab and return to zmeet.</p>";
const INVALID_PAGE: &str = "<!doctype html><meta charset=utf-8><title>zmeet</title>\
<p>This sign-in link is not valid.</p>";

/// A bound loopback listener, not yet serving.
#[derive(Debug)]
pub struct LoopbackListener {
    listener: TcpListener,
    port: u16,
}

impl LoopbackListener {
    /// Binds `127.0.0.1` on a port the OS picks.
    pub async fn bind() -> Result<Self> {
        let listener = TcpListener::bind(("127.0.0.1", 0))
            .await
            .map_err(|e| Error::Network(format!("cannot open the loopback listener: {e}")))?;
        let port = listener
            .local_addr()
            .map_err(|e| Error::Network(format!("loopback listener: {e}")))?
            .port();
        Ok(Self { listener, port })
    }

    pub fn port(&self) -> u16 {
        self.port
    }

    /// `http://127.0.0.1:<port>/callback`.
    pub fn redirect_uri(&self) -> String {
        format!("http://127.0.0.1:{}{CALLBACK_PATH}", self.port)
    }

    /// Serves until a request to `/callback` carries `state` (compared in constant time),
    /// then returns that request's full URL and closes. Other requests are answered (404 or
    /// 400) and ignored; at most [`MAX_CONNECTIONS`] are served at once. Gives up with
    /// [`Error::SignInTimedOut`] after `timeout`, or [`Error::SignInCancelled`] as soon as
    /// `cancelled` fires; the port is closed either way.
    pub async fn wait_for_callback(
        self,
        state: &Secret,
        timeout: Duration,
        cancelled: CancellationToken,
    ) -> Result<String> {
        let (found_tx, mut found_rx) = mpsc::channel::<String>(1);
        let base = self.redirect_uri();
        let slots = Arc::new(Semaphore::new(MAX_CONNECTIONS));
        let serve = async {
            loop {
                tokio::select! {
                    accepted = self.listener.accept() => {
                        let Ok((stream, _)) = accepted else { continue };
                        let Ok(slot) = Arc::clone(&slots).try_acquire_owned() else {
                            // Busy: drop the connection rather than queue without bound.
                            continue;
                        };
                        let found = found_tx.clone();
                        let state = state.clone();
                        let base = base.clone();
                        tokio::spawn(async move {
                            let _slot = slot;
                            if let Some(url) = handle(stream, &state, &base).await
                                && found.send(url).await.is_err()
                            {
                                tracing::warn!("loopback sign-in: the callback came after the wait ended");
                            }
                        });
                    }
                    Some(url) = found_rx.recv() => return Ok(url),
                    () = cancelled.cancelled() => return Err(Error::SignInCancelled),
                }
            }
        };
        let result = match tokio::time::timeout(timeout, serve).await {
            Ok(outcome) => outcome,
            Err(_) => Err(Error::SignInTimedOut),
        };
        drop(self.listener);
        result
    }
}

/// Answers one connection; returns the callback URL when it is the awaited one.
async fn handle(mut stream: TcpStream, state: &Secret, base: &str) -> Option<String> {
    let target = match tokio::time::timeout(READ_TIMEOUT, read_request_target(&mut stream)).await {
        Ok(Some(target)) => target,
        _ => {
            respond_logged(&mut stream, "400 Bad Request", INVALID_PAGE).await;
            return None;
        }
    };
    let url = Url::parse(base).ok()?.join(&target).ok()?;
    if url.path() != CALLBACK_PATH {
        respond_logged(&mut stream, "404 Not Found", INVALID_PAGE).await;
        return None;
    }
    let mut states = url.query_pairs().filter(|(k, _)| k == "state");
    let matches = match (states.next(), states.next()) {
        (Some((_, given)), None) => state.ct_eq(&given),
        _ => false,
    };
    if !matches {
        respond_logged(&mut stream, "400 Bad Request", INVALID_PAGE).await;
        return None;
    }
    let succeeded = url.query_pairs().any(|(k, _)| k == "code")
        && !url.query_pairs().any(|(k, _)| k == "error");
    let page = if succeeded { DONE_PAGE } else { FAILED_PAGE };
    respond_logged(&mut stream, "200 OK", page).await;
    Some(url.to_string())
}

/// The browser may have closed the tab already; the sign-in does not depend on the page.
async fn respond_logged(stream: &mut TcpStream, status: &str, page: &str) {
    if let Err(error) = respond(stream, status, page).await {
        tracing::warn!("loopback sign-in: the {status} page was not sent: {error}");
    }
}

/// Reads the request head and returns the target of a `GET` request line.
async fn read_request_target(stream: &mut TcpStream) -> Option<String> {
    let mut head = Vec::with_capacity(1024);
    let mut chunk = [0u8; 2048];
    while !head.windows(4).any(|w| w == b"\r\n\r\n") {
        let n = stream.read(&mut chunk).await.ok()?;
        if n == 0 || head.len() + n > MAX_REQUEST_BYTES {
            return None;
        }
        head.extend_from_slice(&chunk[..n]);
    }
    let head = std::str::from_utf8(&head).ok()?;
    let mut parts = head.lines().next()?.split(' ');
    let (method, target) = (parts.next()?, parts.next()?);
    (method == "GET" && target.starts_with('/')).then(|| target.to_owned())
}

async fn respond(stream: &mut TcpStream, status: &str, page: &str) -> std::io::Result<()> {
    let response = format!(
        "HTTP/1.1 {status}\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: {}\r\n\
         Cache-Control: no-store\r\nReferrer-Policy: no-referrer\r\nConnection: close\r\n\r\n{page}",
        page.len()
    );
    stream.write_all(response.as_bytes()).await?;
    stream.shutdown().await
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The listener's answer; empty when it closed the connection without one.
    async fn get(port: u16, target: &str) -> String {
        let mut stream = TcpStream::connect(("127.0.0.1", port)).await.unwrap();
        let request = format!("GET {target} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
        let mut answer = String::new();
        if stream.write_all(request.as_bytes()).await.is_ok() {
            let _ = stream.read_to_string(&mut answer).await;
        }
        answer
    }

    #[tokio::test]
    async fn accepts_one_valid_callback_then_closes() {
        let listener = LoopbackListener::bind().await.unwrap();
        let port = listener.port();
        assert_eq!(
            listener.redirect_uri(),
            format!("http://127.0.0.1:{port}/callback")
        );
        let state = Secret::new("s-123");
        let waiter = tokio::spawn(async move {
            listener
                .wait_for_callback(&state, Duration::from_secs(10), CancellationToken::new())
                .await
        });
        assert!(get(port, "/favicon.ico").await.starts_with("HTTP/1.1 404"));
        assert!(
            get(port, "/callback?code=1&state=wrong")
                .await
                .starts_with("HTTP/1.1 400")
        );
        assert!(
            get(port, "/callback?code=1&state=s-123&state=s-123")
                .await
                .starts_with("HTTP/1.1 400")
        );
        // Garbage and a silent connection do not stop the listener.
        {
            let mut junk = TcpStream::connect(("127.0.0.1", port)).await.unwrap();
            junk.write_all(b"POST / HTTP/1.1\r\n\r\n").await.unwrap();
        }
        let _silent = TcpStream::connect(("127.0.0.1", port)).await.unwrap();
        let page = get(port, "/callback?code=c&state=s-123").await;
        assert!(page.starts_with("HTTP/1.1 200"));
        assert!(page.contains("close this tab"));
        let url = waiter.await.unwrap().unwrap();
        assert_eq!(
            url,
            format!("http://127.0.0.1:{port}/callback?code=c&state=s-123")
        );
        assert!(
            TcpStream::connect(("127.0.0.1", port)).await.is_err(),
            "still listening"
        );
    }

    #[tokio::test]
    async fn times_out_and_closes() {
        let listener = LoopbackListener::bind().await.unwrap();
        let port = listener.port();
        let err = listener
            .wait_for_callback(
                &Secret::new("s"),
                Duration::from_millis(200),
                CancellationToken::new(),
            )
            .await
            .unwrap_err();
        assert_eq!(err.code(), "sign_in_timed_out");
        assert!(TcpStream::connect(("127.0.0.1", port)).await.is_err());
    }

    #[tokio::test]
    async fn an_error_redirect_with_the_right_state_also_ends_the_wait() {
        let listener = LoopbackListener::bind().await.unwrap();
        let port = listener.port();
        let state = Secret::new("abc");
        let waiter = tokio::spawn(async move {
            listener
                .wait_for_callback(&state, Duration::from_secs(10), CancellationToken::new())
                .await
        });
        let page = get(port, "/callback?error=access_denied&state=abc").await;
        assert!(page.contains("not completed"));
        assert!(
            waiter
                .await
                .unwrap()
                .unwrap()
                .contains("error=access_denied")
        );
    }

    #[tokio::test]
    async fn cancel_closes_the_port_at_once() {
        let listener = LoopbackListener::bind().await.unwrap();
        let port = listener.port();
        let cancelled = CancellationToken::new();
        let token = cancelled.clone();
        let waiter = tokio::spawn(async move {
            listener
                .wait_for_callback(&Secret::new("s"), Duration::from_secs(300), token)
                .await
        });
        assert!(get(port, "/favicon.ico").await.starts_with("HTTP/1.1 404"));
        cancelled.cancel();
        let err = waiter.await.unwrap().unwrap_err();
        assert_eq!(err.code(), "sign_in_cancelled");
        assert!(TcpStream::connect(("127.0.0.1", port)).await.is_err());
    }

    #[tokio::test]
    async fn connections_beyond_the_cap_are_closed_unanswered() {
        let listener = LoopbackListener::bind().await.unwrap();
        let port = listener.port();
        let state = Secret::new("s-9");
        let waiter = tokio::spawn(async move {
            listener
                .wait_for_callback(&state, Duration::from_secs(30), CancellationToken::new())
                .await
        });
        // Silent connections hold every slot (each until its read timeout)...
        let mut silent = Vec::new();
        for _ in 0..MAX_CONNECTIONS {
            silent.push(TcpStream::connect(("127.0.0.1", port)).await.unwrap());
        }
        // ...so one more is closed without an answer.
        let extra = get(port, "/callback?code=c&state=s-9").await;
        assert_eq!(extra, "", "answered beyond the cap: {extra}");
        // Once they go, a callback is served again.
        drop(silent);
        let deadline = std::time::Instant::now() + Duration::from_secs(10);
        loop {
            let page = get(port, "/callback?code=c&state=s-9").await;
            if page.starts_with("HTTP/1.1 200") {
                break;
            }
            assert!(std::time::Instant::now() < deadline, "never served again");
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        assert!(waiter.await.unwrap().unwrap().contains("code=c"));
    }
}
