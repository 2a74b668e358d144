//! `POST {accounts-server}/oauth/v2/token` (code exchange, refresh) and
//! `POST /oauth/v2/token/revoke`. Parameters are form-encoded. Zoho reports most errors
//! with HTTP 200 and `{"error": …}`, so the body decides, not the status.

use std::time::Duration;

use serde_json::Value;
use url::Url;

use crate::dc::join;
use crate::error::{Error, Result};
use crate::http::{HttpConfig, Repeat, send};
use crate::model::quirks::{i64_of, string_of};
use crate::secret::Secret;

/// Default lifetime when a response names none (Zoho's is one hour).
const DEFAULT_LIFETIME: Duration = Duration::from_secs(3600);

/// A successful token response.
#[derive(Clone, Debug)]
pub struct TokenGrant {
    pub access_token: Secret,
    /// Only on the first `offline` consent (or with `prompt=consent`); never on refresh.
    pub refresh_token: Option<Secret>,
    pub expires_in: Duration,
    pub api_domain: Option<String>,
    pub scope: Option<String>,
}

/// Which grant a response answers: it decides what `invalid_code` means.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum GrantKind {
    AuthorizationCode,
    RefreshToken,
    /// The device flow (API.md §1.10): requesting a user code, or polling for the grant.
    DeviceCode,
}

/// Reads a token-endpoint answer. `throttle_backoff` is the wait reported with
/// [`Error::Throttled`].
pub fn parse_token_response(
    status: u16,
    body: &str,
    kind: GrantKind,
    throttle_backoff: Duration,
) -> Result<TokenGrant> {
    let unexpected = || Error::UnexpectedResponse {
        status,
        detail: crate::http::describe_body(body),
    };
    let value: Value = serde_json::from_str(body).map_err(|_| unexpected())?;
    let Value::Object(map) = value else {
        return Err(unexpected());
    };
    let text = |k: &str| map.get(k).and_then(string_of);
    if let Some(error) = text("error") {
        return Err(token_error(
            &error,
            text("error_description"),
            kind,
            throttle_backoff,
        ));
    }
    let access_token = text("access_token").ok_or_else(unexpected)?;
    if !(200..300).contains(&status) {
        return Err(unexpected());
    }
    let grant = TokenGrant {
        access_token: Secret::new(access_token),
        refresh_token: text("refresh_token").map(Secret::new),
        expires_in: lifetime(&map),
        api_domain: text("api_domain"),
        scope: text("scope"),
    };
    // The tokens are `Secret`s: their Debug prints a placeholder.
    tracing::debug!(?kind, ?grant, "token granted");
    Ok(grant)
}

/// `expires_in_sec` wins; else `expires_in` above a day is milliseconds (legacy), else seconds.
fn lifetime(map: &serde_json::Map<String, Value>) -> Duration {
    if let Some(seconds) = map.get("expires_in_sec").and_then(i64_of) {
        return Duration::from_secs(seconds.max(0) as u64);
    }
    match map.get("expires_in").and_then(i64_of) {
        Some(ms) if ms > 86_400 => Duration::from_millis(ms as u64),
        Some(seconds) => Duration::from_secs(seconds.max(0) as u64),
        None => DEFAULT_LIFETIME,
    }
}

pub(crate) fn token_error(
    error: &str,
    description: Option<String>,
    kind: GrantKind,
    throttle_backoff: Duration,
) -> Error {
    let throttle = error.eq_ignore_ascii_case("access denied")
        || description
            .as_deref()
            .is_some_and(|d| d.to_ascii_lowercase().contains("too many requests"));
    if throttle {
        return Error::Throttled {
            retry_after: throttle_backoff,
        };
    }
    match (error, kind) {
        ("invalid_client", _) => Error::InvalidClient,
        ("invalid_client_secret", _) => Error::InvalidClientSecret,
        ("invalid_code" | "invalid_grant" | "invalid_token", GrantKind::RefreshToken) => {
            Error::SignedOut
        }
        ("invalid_code", GrantKind::AuthorizationCode | GrantKind::DeviceCode) => {
            Error::InvalidCode
        }
        // A device-flow answer this client does not know ends the sign-in, named.
        (other, GrantKind::DeviceCode) => Error::AuthorizationFailed {
            error: other.chars().take(80).collect(),
            description: description.map(|d| d.chars().take(300).collect()),
        },
        (other, _) => Error::TokenEndpoint {
            error: other.chars().take(80).collect(),
            description: description.map(|d| d.chars().take(300).collect()),
        },
    }
}

/// The token endpoint of one client.
#[derive(Clone)]
pub struct TokenEndpoint {
    http: reqwest::Client,
    http_config: HttpConfig,
    client_id: String,
    client_secret: Secret,
    throttle_backoff: Duration,
}

impl std::fmt::Debug for TokenEndpoint {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TokenEndpoint")
            .field("client_id", &self.client_id)
            .field("client_secret", &self.client_secret)
            .finish_non_exhaustive()
    }
}

impl TokenEndpoint {
    pub fn new(
        http: reqwest::Client,
        http_config: HttpConfig,
        client_id: String,
        client_secret: Secret,
        throttle_backoff: Duration,
    ) -> Self {
        Self {
            http,
            http_config,
            client_id,
            client_secret,
            throttle_backoff,
        }
    }

    /// Exchanges an authorization code (with its PKCE verifier) at `accounts`.
    pub async fn exchange_code(
        &self,
        accounts: &Url,
        code: &Secret,
        redirect_uri: &str,
        verifier: &Secret,
    ) -> Result<TokenGrant> {
        let form = [
            ("grant_type", "authorization_code"),
            ("client_id", self.client_id.as_str()),
            ("client_secret", self.client_secret.expose()),
            ("redirect_uri", redirect_uri),
            ("code", code.expose()),
            ("code_verifier", verifier.expose()),
        ];
        self.grant(accounts, &form, GrantKind::AuthorizationCode)
            .await
    }

    /// Mints a new access token from a refresh token.
    pub async fn refresh(&self, accounts: &Url, refresh_token: &Secret) -> Result<TokenGrant> {
        let form = [
            ("grant_type", "refresh_token"),
            ("client_id", self.client_id.as_str()),
            ("client_secret", self.client_secret.expose()),
            ("refresh_token", refresh_token.expose()),
        ];
        self.grant(accounts, &form, GrantKind::RefreshToken).await
    }

    /// Asks `accounts` for a device-flow user code (API.md §1.10). Only the client id
    /// goes with it; the secret is needed when polling.
    pub async fn request_device_code(
        &self,
        accounts: &Url,
        scopes: &[String],
        prompt_consent: bool,
    ) -> Result<(super::device::DeviceCode, Secret)> {
        let url = join(accounts, super::device::DEVICE_CODE_PATH);
        let scope = scopes.join(",");
        let form = super::device::device_code_form(&self.client_id, &scope, prompt_consent);
        // Not repeated after a failure in transit: each request mints a new user code.
        let reply = send(&self.http_config, Repeat::OnlyUnhandled, || {
            self.http.post(url.clone()).form(&form)
        })
        .await?;
        super::device::parse_device_code_response(
            reply.status.as_u16(),
            &reply.body,
            self.throttle_backoff,
        )
    }

    /// One device-flow poll at `accounts`.
    pub async fn poll_device(
        &self,
        accounts: &Url,
        device_code: &Secret,
    ) -> Result<super::device::PollAnswer> {
        let url = join(accounts, super::device::DEVICE_TOKEN_PATH);
        let form = [
            ("grant_type", "device_token"),
            ("client_id", self.client_id.as_str()),
            ("client_secret", self.client_secret.expose()),
            ("code", device_code.expose()),
        ];
        // A poll lost in transit is safe to repeat, but a quick repeat risks `slow_down`,
        // which the polling loop then answers by waiting longer.
        let reply = send(&self.http_config, Repeat::Safe, || {
            self.http.post(url.clone()).form(&form)
        })
        .await?;
        super::device::parse_poll_response(
            reply.status.as_u16(),
            &reply.body,
            self.throttle_backoff,
        )
    }

    async fn grant(
        &self,
        accounts: &Url,
        form: &[(&str, &str)],
        kind: GrantKind,
    ) -> Result<TokenGrant> {
        let url = join(accounts, "/oauth/v2/token");
        // A grant that failed in transit is safe to repeat: a code is single-use anyway
        // (a repeat after success reads invalid_code) and a refresh only mints a token.
        let reply = send(&self.http_config, Repeat::Safe, || {
            self.http.post(url.clone()).form(form)
        })
        .await?;
        parse_token_response(
            reply.status.as_u16(),
            &reply.body,
            kind,
            self.throttle_backoff,
        )
    }

    /// Revokes a refresh token (and the access tokens minted from it). An unknown token
    /// (HTTP 400) counts as revoked.
    pub async fn revoke(&self, accounts: &Url, token: &Secret) -> Result<()> {
        let url = join(accounts, "/oauth/v2/token/revoke");
        let form = [("token", token.expose())];
        let reply = send(&self.http_config, Repeat::Safe, || {
            self.http.post(url.clone()).form(&form)
        })
        .await?;
        parse_revoke_response(reply.status.as_u16(), &reply.body)
    }
}

/// Reads a revoke answer: `{"status":"success"}`, or HTTP 400 for a token Zoho does not
/// know (already revoked: fine).
pub fn parse_revoke_response(status: u16, body: &str) -> Result<()> {
    let value: Option<Value> = serde_json::from_str(body).ok();
    let succeeded = value
        .as_ref()
        .and_then(|b| b.get("status"))
        .and_then(Value::as_str)
        .is_some_and(|s| s.eq_ignore_ascii_case("success"));
    match status {
        200..=299 if succeeded => Ok(()),
        400 => Ok(()),
        _ => Err(Error::UnexpectedResponse {
            status,
            detail: crate::http::describe_body(body),
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::example;

    const BACKOFF: Duration = Duration::from_secs(900);

    fn parse(status: u16, body: &str, kind: GrantKind) -> Result<TokenGrant> {
        parse_token_response(status, body, kind, BACKOFF)
    }

    #[test]
    fn reads_every_documented_token_response() {
        for name in [
            "oauth-token.authorization-code.multidc-eu.response.json",
            "oauth-token.authorization-code.writer-doc.response.json",
        ] {
            let grant = parse(
                200,
                &example(name).to_string(),
                GrantKind::AuthorizationCode,
            )
            .unwrap();
            assert!(grant.refresh_token.is_some(), "{name}");
            assert_eq!(grant.expires_in, Duration::from_secs(3600));
        }
        let eu = parse(
            200,
            &example("oauth-token.authorization-code.multidc-eu.response.json").to_string(),
            GrantKind::AuthorizationCode,
        )
        .unwrap();
        assert_eq!(eu.api_domain.as_deref(), Some("https://api.zoho.eu"));
        for name in [
            "oauth-token.refresh.contracts-doc.response.json",
            "oauth-token.refresh.fsm-doc.response.json",
        ] {
            let grant = parse(200, &example(name).to_string(), GrantKind::RefreshToken).unwrap();
            assert!(grant.refresh_token.is_none(), "{name}");
            assert_eq!(grant.access_token.expose(), "{new_access_token}");
        }
        let fsm = example("oauth-token.refresh.fsm-doc.response.json").to_string();
        assert_eq!(
            parse(200, &fsm, GrantKind::RefreshToken)
                .unwrap()
                .scope
                .as_deref(),
            Some("ZohoFSM.modules.all")
        );
    }

    #[test]
    fn reads_the_documented_revoke_response() {
        let body = example("oauth-revoke.response.json").to_string();
        assert!(parse_revoke_response(200, &body).is_ok());
        assert!(parse_revoke_response(400, r#"{"status":"failure"}"#).is_ok());
        let err = parse_revoke_response(503, "<html>").unwrap_err();
        assert_eq!(err.code(), "unexpected_response");
    }

    #[test]
    fn legacy_milliseconds_and_seconds() {
        let legacy = r#"{"access_token":"a","expires_in":3600000,"expires_in_sec":3600}"#;
        assert_eq!(
            parse(200, legacy, GrantKind::RefreshToken)
                .unwrap()
                .expires_in,
            Duration::from_secs(3600)
        );
        let ms_only = r#"{"access_token":"a","expires_in":3600000}"#;
        assert_eq!(
            parse(200, ms_only, GrantKind::RefreshToken)
                .unwrap()
                .expires_in,
            Duration::from_secs(3600)
        );
        let seconds = r#"{"access_token":"a","expires_in":"1800"}"#;
        assert_eq!(
            parse(200, seconds, GrantKind::RefreshToken)
                .unwrap()
                .expires_in,
            Duration::from_secs(1800)
        );
        let none = r#"{"access_token":"a"}"#;
        assert_eq!(
            parse(200, none, GrantKind::RefreshToken)
                .unwrap()
                .expires_in,
            DEFAULT_LIFETIME
        );
    }

    #[test]
    fn errors_are_read_from_the_body_whatever_the_status() {
        let code = |body: &str, status: u16, kind| parse(status, body, kind).unwrap_err().code();
        use GrantKind::*;
        assert_eq!(
            code(r#"{"error":"invalid_code"}"#, 200, AuthorizationCode),
            "invalid_code"
        );
        assert_eq!(
            code(r#"{"error":"invalid_code"}"#, 200, RefreshToken),
            "signed_out"
        );
        assert_eq!(
            code(r#"{"error":"invalid_client"}"#, 200, RefreshToken),
            "invalid_client"
        );
        assert_eq!(
            code(
                r#"{"error":"invalid_client_secret"}"#,
                200,
                AuthorizationCode
            ),
            "invalid_client_secret"
        );
        assert_eq!(
            code(
                r#"{"error":"invalid_redirect_uri"}"#,
                200,
                AuthorizationCode
            ),
            "token_error"
        );
        let throttle = r#"{"error":"Access Denied","error_description":"You have made too many requests continuously. Please try again after some time.","status":"failure"}"#;
        for status in [200, 400] {
            match parse(status, throttle, RefreshToken).unwrap_err() {
                Error::Throttled { retry_after } => assert_eq!(retry_after, BACKOFF),
                other => panic!("{other:?}"),
            }
        }
        assert_eq!(
            code("<html>bad gateway</html>", 502, RefreshToken),
            "unexpected_response"
        );
        assert_eq!(
            code(r#"{"status":"ok"}"#, 200, RefreshToken),
            "unexpected_response"
        );
        assert_eq!(
            code(r#"{"access_token":"a"}"#, 500, RefreshToken),
            "unexpected_response"
        );
        assert_eq!(code("[]", 200, RefreshToken), "unexpected_response");
    }

    #[test]
    fn errors_and_debug_never_show_secrets() {
        let grant = parse(
            200,
            r#"{"access_token":"AT-SECRET","refresh_token":"RT-SECRET"}"#,
            GrantKind::AuthorizationCode,
        )
        .unwrap();
        let shown = format!("{grant:?}");
        assert!(!shown.contains("AT-SECRET") && !shown.contains("RT-SECRET"));
        let endpoint = TokenEndpoint::new(
            reqwest::Client::new(),
            HttpConfig::default(),
            "id".into(),
            Secret::new("CLIENT-SECRET"),
            BACKOFF,
        );
        assert!(!format!("{endpoint:?}").contains("CLIENT-SECRET"));
    }
}
