//! `POST /oauth/v2/token`: the authorization_code and refresh_token grants. Errors come back
//! as `{"error":"…"}` with HTTP 200, as Zoho's do; only the throttle has its own status.

use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use serde_json::{Map, Value, json};

use super::params::{basic_credentials, merged};
use super::pkce::verifies;
use super::tokens::RefreshRefusal;
use crate::dc::api_domain;
use crate::log::GrantTypeSeen;
use crate::shared::HostCtx;

pub const THROTTLE_DESCRIPTION: &str =
    "You have made too many requests continuously. Please try again after some time.";

pub async fn token(
    State(ctx): State<HostCtx>,
    uri: Uri,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let mut params = merged(&uri, &headers, &body);
    // Client credentials may also come as HTTP Basic auth (API.md §1.4).
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
    let grant_type = get("grant_type").unwrap_or_default().to_string();
    let mut response = answer(&ctx, &get);
    if !grant_type.is_empty() {
        response.extensions_mut().insert(GrantTypeSeen(grant_type));
    }
    response
}

fn answer<'a>(ctx: &HostCtx, get: &impl Fn(&str) -> Option<&'a str>) -> Response {
    let sim = &ctx.sim;
    let config = &sim.config;
    if sim.faults().config.force_token_throttle {
        return throttled(config.throttle_http_status);
    }
    let Some(client_id) = get("client_id").filter(|id| *id == config.client_id) else {
        return error("invalid_client");
    };
    if get("client_secret") != Some(config.client_secret.as_str()) {
        return error("invalid_client_secret");
    }
    let now = sim.clock.now();
    match get("grant_type") {
        Some("authorization_code") => {
            let Some(grant) =
                get("code").and_then(|code| sim.tokens().take_code(code, &ctx.dc, now))
            else {
                return error("invalid_code");
            };
            if grant.client_id != client_id {
                return error("invalid_code");
            }
            if get("redirect_uri") != Some(grant.redirect_uri.as_str()) {
                return error(&config.redirect_mismatch_error);
            }
            if let Some(challenge) = &grant.challenge {
                // GAP: Zoho's error for a wrong verifier is unknown; it reports nearly every
                // bad grant as invalid_code, so that is used here.
                if !get("code_verifier").is_some_and(|verifier| verifies(challenge, verifier)) {
                    return error("invalid_code");
                }
            }
            let mut tokens = sim.tokens();
            let refresh_token = grant.issue_refresh_token.then(|| {
                tokens.create_refresh_token(
                    client_id,
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
            success(ctx, access_token, refresh_token, &grant.scopes)
        }
        Some("refresh_token") => {
            let Some(refresh_token) = get("refresh_token") else {
                return error("invalid_code");
            };
            let mut tokens = sim.tokens();
            match tokens.refresh_grant(refresh_token, client_id, &ctx.dc, now, config) {
                Ok(scopes) => {
                    let access_token = tokens.mint_access_token(
                        &ctx.dc,
                        &scopes,
                        Some(refresh_token),
                        now,
                        config,
                    );
                    drop(tokens);
                    // A refresh never rotates the refresh token: the response has none.
                    success(ctx, access_token, None, &scopes)
                }
                Err(RefreshRefusal::Invalid) => error("invalid_code"),
                Err(RefreshRefusal::Throttled) => throttled(config.throttle_http_status),
            }
        }
        _ => error("unsupported_grant_type"),
    }
}

pub(super) fn success(
    ctx: &HostCtx,
    access_token: String,
    refresh_token: Option<String>,
    scopes: &[String],
) -> Response {
    let config = &ctx.sim.config;
    let lifetime = config.access_token_lifetime;
    let mut body = Map::new();
    body.insert("access_token".into(), json!(access_token));
    if let Some(refresh_token) = refresh_token {
        body.insert("refresh_token".into(), json!(refresh_token));
    }
    body.insert("scope".into(), json!(scopes.join(" ")));
    body.insert("api_domain".into(), json!(api_domain(&ctx.dc)));
    body.insert("token_type".into(), json!("Bearer"));
    if config.legacy_expires_in_ms {
        body.insert("expires_in_sec".into(), json!(lifetime.as_secs()));
        body.insert("expires_in".into(), json!(lifetime.as_millis() as u64));
    } else {
        body.insert("expires_in".into(), json!(lifetime.as_secs()));
    }
    axum::Json(Value::Object(body)).into_response()
}

/// Token-endpoint errors are HTTP 200 with `{"error": code}` (API.md §1.7).
pub(super) fn error(code: &str) -> Response {
    axum::Json(json!({ "error": code })).into_response()
}

pub(super) fn throttled(status: u16) -> Response {
    let status = StatusCode::from_u16(status).unwrap_or(StatusCode::BAD_REQUEST);
    let body = json!({
        "error": "Access Denied",
        "error_description": THROTTLE_DESCRIPTION,
        "status": "failure",
    });
    (status, axum::Json(body)).into_response()
}
