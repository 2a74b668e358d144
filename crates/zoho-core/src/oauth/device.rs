//! Zoho's device authorization flow for "non-browser applications" (API.md §1.10): ask for
//! a user code, show it with the verification URL, and poll until the person approved it on
//! any device. Every body is untrusted: sizes are bounded, the verification URL must be
//! https (or http on loopback, for the simulator), and an `other_dc` answer may only move
//! polling to an allow-listed data centre.

use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use serde_json::{Map, Value};
use tokio_util::sync::CancellationToken;
use url::Url;

use super::token_endpoint::{GrantKind, TokenEndpoint, TokenGrant, token_error};
use crate::clock::SharedClock;
use crate::dc::{DataCenter, Endpoints};
use crate::error::{Error, Result};
use crate::model::quirks::{i64_of, string_of};
use crate::secret::Secret;

/// `POST {accounts}/oauth/v3/device/code`: asks for a user code.
pub const DEVICE_CODE_PATH: &str = "/oauth/v3/device/code";
/// `POST {accounts}/oauth/v3/device/token`: polled until the person answers.
pub const DEVICE_TOKEN_PATH: &str = "/oauth/v3/device/token";

/// Longest user code shown (Zoho's are a few characters).
const MAX_USER_CODE: usize = 64;
const MAX_DEVICE_CODE: usize = 1024;
/// Longest verification URL shown or opened.
pub const MAX_VERIFICATION_URL: usize = 2048;
/// When a body names no `interval` / `expires_in` (the documented user-code life is 5 min).
const DEFAULT_INTERVAL: Duration = Duration::from_secs(5);
const DEFAULT_LIFETIME: Duration = Duration::from_secs(300);
/// Upper bounds, so a hostile body cannot make the app wait for hours.
const MAX_LIFETIME: Duration = Duration::from_secs(30 * 60);
const MAX_WAIT: Duration = Duration::from_secs(5 * 60);
/// The shortest wait between polls whatever the policy says, so a zero minimum (and a
/// zero `interval`) can never turn into a busy loop, and `slow_down` always lengthens it.
const MIN_WAIT: Duration = Duration::from_millis(50);
/// `interval` above this is milliseconds (Zoho's 5000), else seconds: a misread only errs
/// towards polling sooner, and the minimum poll interval still applies.
const INTERVAL_MS_ABOVE: i64 = 60;
/// `expires_in` above an hour is milliseconds (Zoho's 300000), else seconds.
const LIFETIME_MS_ABOVE: i64 = 3600;

/// How often the device flow may poll.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DevicePolicy {
    /// Polls are at least this far apart whatever `interval` says: Zoho answers
    /// `slow_down` to two polls within 30 s (§1.10). Tests shorten it together with the
    /// simulator's threshold.
    pub min_poll_interval: Duration,
}

impl Default for DevicePolicy {
    fn default() -> Self {
        Self {
            min_poll_interval: Duration::from_secs(30),
        }
    }
}

/// What the person needs to approve the sign-in: safe to show (the device code, which
/// redeems the approval, stays in [`PendingDeviceSignIn`]).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DeviceCode {
    pub user_code: String,
    /// Checked: https, or http on a loopback host; at most [`MAX_VERIFICATION_URL`] long.
    pub verification_url: Url,
    /// The `interval` Zoho announced (polling waits at least the policy's minimum).
    pub interval: Duration,
    /// How long the user code is valid.
    pub expires_in: Duration,
}

/// Reads the answer to `POST /oauth/v3/device/code`.
pub fn parse_device_code_response(
    status: u16,
    body: &str,
    throttle_backoff: Duration,
) -> Result<(DeviceCode, Secret)> {
    let map = json_object(status, body)?;
    let text = |k: &str| map.get(k).and_then(string_of);
    if let Some(error) = text("error") {
        return Err(token_error(
            &error,
            text("error_description"),
            GrantKind::DeviceCode,
            throttle_backoff,
        ));
    }
    let unexpected = |detail: &str| Error::UnexpectedResponse {
        status,
        detail: detail.to_owned(),
    };
    if !(200..300).contains(&status) {
        return Err(unexpected("a device-code answer with an error status"));
    }
    let user_code = text("user_code")
        .filter(|code| valid_user_code(code))
        .ok_or_else(|| unexpected("no readable user_code"))?;
    let device_code = text("device_code")
        .filter(|code| code.len() <= MAX_DEVICE_CODE && code.chars().all(|c| c.is_ascii_graphic()))
        .ok_or_else(|| unexpected("no readable device_code"))?;
    let verification_url = text("verification_url")
        .or_else(|| text("verification_uri"))
        .ok_or_else(|| unexpected("no verification_url"))?;
    let verification_url = check_verification_url(&verification_url)
        .map_err(|reason| unexpected(&format!("the verification URL {reason}")))?;
    let interval = duration_of(&map, "interval", INTERVAL_MS_ABOVE)
        .unwrap_or(DEFAULT_INTERVAL)
        .min(MAX_WAIT);
    let expires_in = duration_of(&map, "expires_in", LIFETIME_MS_ABOVE)
        .filter(|lifetime| !lifetime.is_zero())
        .unwrap_or(DEFAULT_LIFETIME)
        .min(MAX_LIFETIME);
    Ok((
        DeviceCode {
            user_code,
            verification_url,
            interval,
            expires_in,
        },
        Secret::new(device_code),
    ))
}

/// One poll's answer.
#[derive(Debug)]
pub enum PollAnswer {
    Granted(TokenGrant),
    /// `authorization_pending`: the person has not answered yet.
    Pending,
    /// `slow_down`: polls came too close together.
    SlowDown,
    /// `other_dc`: approved, but the person lives in `location`; poll there.
    OtherDc {
        location: String,
        accounts_server: Option<String>,
    },
}

/// Reads the answer to `POST /oauth/v3/device/token`. Zoho's feedback codes come in an
/// `error` member (§1.10); `access_denied` and `expired` end the sign-in, and so does any
/// code this client does not know.
pub fn parse_poll_response(
    status: u16,
    body: &str,
    throttle_backoff: Duration,
) -> Result<PollAnswer> {
    let map = json_object(status, body)?;
    let text = |k: &str| map.get(k).and_then(string_of);
    let Some(error) = text("error") else {
        return super::token_endpoint::parse_token_response(
            status,
            body,
            GrantKind::DeviceCode,
            throttle_backoff,
        )
        .map(PollAnswer::Granted);
    };
    let description = text("error_description").map(|d| d.chars().take(300).collect());
    match error.as_str() {
        "authorization_pending" => Ok(PollAnswer::Pending),
        "slow_down" => Ok(PollAnswer::SlowDown),
        "other_dc" => {
            let location = text("user_location").ok_or_else(|| Error::UnexpectedResponse {
                status,
                detail: "other_dc without user_location".into(),
            })?;
            Ok(PollAnswer::OtherDc {
                location,
                accounts_server: text("accounts-server").or_else(|| text("accounts_server")),
            })
        }
        "access_denied" => Err(Error::AccessDenied { description }),
        "expired" | "expired_token" => Err(Error::SignInExpired),
        other => Err(token_error(
            other,
            description,
            GrantKind::DeviceCode,
            throttle_backoff,
        )),
    }
}

fn json_object(status: u16, body: &str) -> Result<Map<String, Value>> {
    match serde_json::from_str(body) {
        Ok(Value::Object(map)) => Ok(map),
        _ => Err(Error::UnexpectedResponse {
            status,
            detail: crate::http::describe_body(body),
        }),
    }
}

fn duration_of(map: &Map<String, Value>, key: &str, ms_above: i64) -> Option<Duration> {
    let value = map.get(key).and_then(i64_of)?.max(0);
    Some(if value > ms_above {
        Duration::from_millis(value as u64)
    } else {
        Duration::from_secs(value as u64)
    })
}

fn valid_user_code(code: &str) -> bool {
    !code.is_empty()
        && code.len() <= MAX_USER_CODE
        && code
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == ' ')
}

/// A verification URL the app may show and open: https, or http on a loopback host (the
/// simulator); no user info; bounded length.
pub fn check_verification_url(text: &str) -> std::result::Result<Url, &'static str> {
    if text.len() > MAX_VERIFICATION_URL {
        return Err("is too long");
    }
    let url = Url::parse(text.trim()).map_err(|_| "is not a URL")?;
    if !url.username().is_empty() || url.password().is_some() {
        return Err("carries user info");
    }
    let loopback = matches!(
        url.host(),
        Some(url::Host::Ipv4(ip)) if ip.is_loopback()
    ) || matches!(url.host(), Some(url::Host::Ipv6(ip)) if ip.is_loopback())
        || url.host_str() == Some("localhost");
    match url.scheme() {
        "https" if url.host_str().is_some() => Ok(url),
        "http" if loopback => Ok(url),
        _ => Err("is not an https URL"),
    }
}

/// A device sign-in waiting for the person's answer. Cancel it with [`Self::cancel`] (or
/// drop the future waiting on it). Its `Debug` shows no device code.
pub struct PendingDeviceSignIn {
    code: DeviceCode,
    device_code: Secret,
    start_dc: DataCenter,
    created: Instant,
    clock: SharedClock,
    prompt_consent: bool,
    cancel: CancellationToken,
    waited: AtomicBool,
}

impl std::fmt::Debug for PendingDeviceSignIn {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PendingDeviceSignIn")
            .field("code", &self.code)
            .field("device_code", &self.device_code)
            .field("start_dc", &self.start_dc)
            .field("remaining", &self.remaining())
            .finish_non_exhaustive()
    }
}

impl PendingDeviceSignIn {
    pub(crate) fn new(
        code: DeviceCode,
        device_code: Secret,
        start_dc: DataCenter,
        prompt_consent: bool,
        clock: SharedClock,
    ) -> Self {
        Self {
            code,
            device_code,
            start_dc,
            created: clock.now(),
            clock,
            prompt_consent,
            cancel: CancellationToken::new(),
            waited: AtomicBool::new(false),
        }
    }

    /// What to show the person.
    pub fn code(&self) -> &DeviceCode {
        &self.code
    }

    pub fn start_dc(&self) -> DataCenter {
        self.start_dc
    }

    pub fn prompts_consent(&self) -> bool {
        self.prompt_consent
    }

    /// Time left before the user code expires.
    pub fn remaining(&self) -> Duration {
        self.code
            .expires_in
            .saturating_sub(self.clock.now().saturating_duration_since(self.created))
    }

    /// Stops the polling at once: the waiting call returns [`Error::SignInCancelled`].
    pub fn cancel(&self) {
        self.cancel.cancel();
    }

    pub fn is_cancelled(&self) -> bool {
        self.cancel.is_cancelled()
    }

    /// Polls until the person answers: returns the grant and the DC it was issued at.
    /// Polls are `max(interval, policy minimum)` apart, doubled after each `slow_down`;
    /// `other_dc` moves polling to that (allow-listed) DC's accounts server.
    pub(crate) async fn wait_for_grant(
        &self,
        endpoint: &TokenEndpoint,
        endpoints: &Endpoints,
        policy: DevicePolicy,
    ) -> Result<(DataCenter, TokenGrant)> {
        if self.waited.swap(true, Ordering::SeqCst) {
            return Err(Error::InvalidCallback(
                "this device sign-in is already being waited for".into(),
            ));
        }
        let mut dc = self.start_dc;
        let mut wait = self
            .code
            .interval
            .max(policy.min_poll_interval)
            .clamp(MIN_WAIT, MAX_WAIT);
        loop {
            let remaining = self.remaining();
            if remaining.is_zero() {
                return Err(Error::SignInExpired);
            }
            tokio::select! {
                () = self.cancel.cancelled() => return Err(Error::SignInCancelled),
                () = tokio::time::sleep(wait.min(remaining)) => {}
            }
            if self.remaining().is_zero() {
                return Err(Error::SignInExpired);
            }
            let accounts = &endpoints
                .hosts(dc)
                .ok_or_else(|| Error::Config(format!("no hosts for {dc}")))?
                .accounts;
            let answer = tokio::select! {
                () = self.cancel.cancelled() => return Err(Error::SignInCancelled),
                answer = endpoint.poll_device(accounts, &self.device_code) => answer?,
            };
            match answer {
                PollAnswer::Granted(grant) => return Ok((dc, grant)),
                PollAnswer::Pending => {}
                PollAnswer::SlowDown => wait = (wait * 2).min(MAX_WAIT),
                PollAnswer::OtherDc {
                    location,
                    accounts_server,
                } => dc = endpoints.resolve_redirect(&location, accounts_server.as_deref())?,
            }
        }
    }
}

/// The `POST /oauth/v3/device/code` form.
pub(crate) fn device_code_form<'a>(
    client_id: &'a str,
    scope: &'a str,
    prompt_consent: bool,
) -> Vec<(&'a str, &'a str)> {
    let mut form = vec![
        ("client_id", client_id),
        ("grant_type", "device_request"),
        ("scope", scope),
        ("access_type", "offline"),
    ];
    if prompt_consent {
        form.push(("prompt", "consent"));
    }
    form
}

#[cfg(test)]
mod tests {
    use super::*;

    const BACKOFF: Duration = Duration::from_secs(900);

    fn code(body: &str) -> Result<(DeviceCode, Secret)> {
        parse_device_code_response(200, body, BACKOFF)
    }

    #[test]
    fn reads_interval_and_expiry_in_milliseconds_or_seconds() {
        let ms = r#"{"user_code":"ABCD-EFGH","device_code":"1004.d","verification_url":"https://accounts.zoho.com/oauth/v3/device","interval":5000,"expires_in":300000}"#;
        let (shown, device) = code(ms).unwrap();
        assert_eq!(shown.user_code, "ABCD-EFGH");
        assert_eq!(device.expose(), "1004.d");
        assert_eq!(shown.interval, Duration::from_secs(5));
        assert_eq!(shown.expires_in, Duration::from_secs(300));
        let seconds = r#"{"user_code":"ABCD","device_code":"d","verification_url":"https://accounts.zoho.eu/oauth/v3/device","interval":"30","expires_in":300}"#;
        let (shown, _) = code(seconds).unwrap();
        assert_eq!(shown.interval, Duration::from_secs(30));
        assert_eq!(shown.expires_in, Duration::from_secs(300));
        // Absent: the documented defaults; absurd: bounded.
        let bare =
            r#"{"user_code":"A","device_code":"d","verification_url":"https://a.example/x"}"#;
        let (shown, _) = code(bare).unwrap();
        assert_eq!(shown.interval, DEFAULT_INTERVAL);
        assert_eq!(shown.expires_in, DEFAULT_LIFETIME);
        let huge = r#"{"user_code":"A","device_code":"d","verification_url":"https://a.example/x","interval":86400000,"expires_in":999999999}"#;
        let (shown, _) = code(huge).unwrap();
        assert_eq!(shown.interval, MAX_WAIT);
        assert_eq!(shown.expires_in, MAX_LIFETIME);
    }

    #[test]
    fn refuses_unsafe_or_unreadable_codes_and_urls() {
        let with = |user_code: &str, url: &str| {
            let body = serde_json::json!({
                "user_code": user_code, "device_code": "d", "verification_url": url,
            });
            code(&body.to_string())
        };
        assert!(with("ABCD-1234", "http://127.0.0.1:4001/oauth/v3/device").is_ok());
        assert!(with("ABCD-1234", "http://localhost:4001/d").is_ok());
        for url in [
            "http://accounts.zoho.com/oauth/v3/device",
            "javascript:alert(1)",
            "file:///etc/passwd",
            "https://user:pw@accounts.zoho.com/",
            "not a url",
            &format!("https://accounts.zoho.com/{}", "a".repeat(3000)),
        ] {
            let err = with("ABCD", url).unwrap_err();
            assert_eq!(err.code(), "unexpected_response", "{url}");
        }
        for user_code in ["<script>", "", &"A".repeat(100), "AB\nCD"] {
            let err = with(user_code, "https://a.example/").unwrap_err();
            assert_eq!(err.code(), "unexpected_response", "{user_code:?}");
        }
        assert_eq!(
            code(r#"{"error":"invalid_client"}"#).unwrap_err().code(),
            "invalid_client"
        );
        assert_eq!(
            code(r#"{"error":"invalid_scope"}"#).unwrap_err().code(),
            "authorization_failed"
        );
        assert_eq!(code("<html>").unwrap_err().code(), "unexpected_response");
    }

    #[test]
    fn reads_every_documented_poll_answer() {
        let poll = |body: &str| parse_poll_response(200, body, BACKOFF);
        assert!(matches!(
            poll(r#"{"error":"authorization_pending"}"#).unwrap(),
            PollAnswer::Pending
        ));
        assert!(matches!(
            poll(r#"{"error":"slow_down"}"#).unwrap(),
            PollAnswer::SlowDown
        ));
        match poll(r#"{"error":"other_dc","user_location":"eu"}"#).unwrap() {
            PollAnswer::OtherDc {
                location,
                accounts_server,
            } => {
                assert_eq!(location, "eu");
                assert_eq!(accounts_server, None);
            }
            other => panic!("{other:?}"),
        }
        assert_eq!(
            poll(r#"{"error":"other_dc"}"#).unwrap_err().code(),
            "unexpected_response"
        );
        assert_eq!(
            poll(r#"{"error":"access_denied"}"#).unwrap_err().code(),
            "access_denied"
        );
        assert_eq!(
            poll(r#"{"error":"expired"}"#).unwrap_err().code(),
            "sign_in_expired"
        );
        let unknown = poll(r#"{"error":"mystery","error_description":"?"}"#).unwrap_err();
        assert_eq!(unknown.code(), "authorization_failed");
        assert!(unknown.to_string().contains("mystery"), "{unknown}");
        match poll(r#"{"access_token":"a","refresh_token":"r","expires_in":3600}"#).unwrap() {
            PollAnswer::Granted(grant) => assert!(grant.refresh_token.is_some()),
            other => panic!("{other:?}"),
        }
    }
}
