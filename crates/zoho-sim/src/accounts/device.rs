//! The device flow's two endpoints (API.md §1.10): `POST /oauth/v3/device/code` hands out a
//! user code and a device code; `POST /oauth/v3/device/token` answers polls with
//! `authorization_pending`, `slow_down`, `other_dc` (+ `user_location`), `access_denied`,
//! `expired` or, once approved and polled at the user's DC, a normal token response.
//! Errors are `{"error": …}` with HTTP 200, like the token endpoint's.

use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, Uri};
use axum::response::{IntoResponse, Response};
use serde_json::json;

use super::device_grants::PollOutcome;
use super::params::{basic_credentials, merged};
use super::token::{error, success, throttled};
use crate::log::{AnswerSeen, GrantTypeSeen};
use crate::shared::HostCtx;

/// Where the verification page is, on every accounts host.
pub const VERIFICATION_PATH: &str = "/oauth/v3/device";

pub async fn code(
    State(ctx): State<HostCtx>,
    uri: Uri,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let params = merged(&uri, &headers, &body);
    let get = |name: &str| {
        params
            .get(name)
            .map(String::as_str)
            .filter(|v| !v.is_empty())
    };
    let sim = &ctx.sim;
    let config = &sim.config;
    let response = if get("client_id") != Some(config.client_id.as_str()) {
        error("invalid_client")
    } else if get("grant_type") != Some("device_request") {
        error("unsupported_grant_type")
    } else {
        let scopes: Vec<String> = get("scope")
            .unwrap_or_default()
            .split([',', ' '])
            .filter(|scope| !scope.is_empty())
            .map(str::to_string)
            .collect();
        if scopes.is_empty() {
            error("invalid_scope")
        } else {
            let now = sim.clock.now();
            let (device_code, user_code) = {
                let mut tokens = sim.tokens();
                let started = tokens.devices.start(
                    &config.client_id,
                    scopes,
                    get("access_type") == Some("offline"),
                    get("prompt") == Some("consent"),
                    now,
                    config,
                );
                tokens.record_issued(&started.0);
                started
            };
            let (interval, expires_in) = if config.device_times_in_seconds {
                (
                    config.device_interval.as_secs() as u128,
                    config.device_code_lifetime.as_secs() as u128,
                )
            } else {
                (
                    config.device_interval.as_millis(),
                    config.device_code_lifetime.as_millis(),
                )
            };
            axum::Json(json!({
                "user_code": user_code,
                "device_code": device_code,
                "verification_url": format!("{}{VERIFICATION_PATH}", sim.info.accounts[&ctx.dc]),
                "interval": interval as u64,
                "expires_in": expires_in as u64,
            }))
            .into_response()
        }
    };
    tagged(response, get("grant_type"), None)
}

pub async fn token(
    State(ctx): State<HostCtx>,
    uri: Uri,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let mut params = merged(&uri, &headers, &body);
    if let Some((id, secret)) = basic_credentials(&headers) {
        params.entry("client_id".into()).or_insert(id);
        params.entry("client_secret".into()).or_insert(secret);
    }
    let get = |name: &str| {
        params
            .get(name)
            .map(String::as_str)
            .filter(|v| !v.is_empty())
    };
    let (response, answer) = poll(&ctx, &get);
    tagged(response, get("grant_type"), Some(answer))
}

fn poll<'a>(ctx: &HostCtx, get: &impl Fn(&str) -> Option<&'a str>) -> (Response, &'static str) {
    let sim = &ctx.sim;
    let config = &sim.config;
    let fail = |code: &'static str| (error(code), code);
    if sim.faults().config.force_token_throttle {
        return (throttled(config.throttle_http_status), "Access Denied");
    }
    let Some(client_id) = get("client_id").filter(|id| *id == config.client_id) else {
        return fail("invalid_client");
    };
    if get("client_secret") != Some(config.client_secret.as_str()) {
        return fail("invalid_client_secret");
    }
    if get("grant_type") != Some("device_token") {
        return fail("unsupported_grant_type");
    }
    let Some(device_code) = get("code") else {
        return fail("invalid_code");
    };
    let now = sim.clock.now();
    let at_user_dc = ctx.dc == config.user_dc;
    let mut tokens = sim.tokens();
    let outcome = tokens
        .devices
        .poll(device_code, client_id, now, config, at_user_dc);
    match outcome {
        PollOutcome::Unknown => fail("invalid_code"),
        PollOutcome::Expired => fail("expired"),
        PollOutcome::SlowDown => fail("slow_down"),
        PollOutcome::Pending => fail("authorization_pending"),
        PollOutcome::Denied => fail("access_denied"),
        PollOutcome::Approved(_) if !at_user_dc => {
            let body = json!({ "error": "other_dc", "user_location": config.user_dc });
            (axum::Json(body).into_response(), "other_dc")
        }
        PollOutcome::Approved(grant) => {
            let issue_refresh_token = tokens.record_consent(
                &grant.client_id,
                grant.offline,
                grant.prompt_consent,
                config,
            );
            let refresh_token = issue_refresh_token.then(|| {
                tokens.create_refresh_token(
                    &grant.client_id,
                    &ctx.dc,
                    &grant.scopes,
                    config.max_refresh_tokens,
                )
            });
            let access_token = tokens.mint_access_token(
                &ctx.dc,
                &grant.scopes,
                refresh_token.as_deref(),
                now,
                config,
            );
            drop(tokens);
            (
                success(ctx, access_token, refresh_token, &grant.scopes),
                "granted",
            )
        }
    }
}

/// Lets the request log name the grant type and the answer (never a code).
fn tagged(mut response: Response, grant_type: Option<&str>, answer: Option<&str>) -> Response {
    if let Some(grant_type) = grant_type {
        response
            .extensions_mut()
            .insert(GrantTypeSeen(grant_type.to_string()));
    }
    if let Some(answer) = answer {
        response
            .extensions_mut()
            .insert(AnswerSeen(answer.to_string()));
    }
    response
}
