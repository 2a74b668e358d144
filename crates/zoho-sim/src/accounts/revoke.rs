//! The two documented revoke forms (API.md §1.8): `POST /oauth/v2/token/revoke?token=` and
//! `POST /oauth/v2/revoke/token` with Basic client credentials and `token_type`.

use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use serde_json::json;

use super::params::{basic_credentials, merged};
use crate::shared::HostCtx;

pub async fn revoke_by_query(
    State(ctx): State<HostCtx>,
    uri: Uri,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let params = merged(&uri, &headers, &body);
    match params.get("token") {
        Some(token) if revoke_here(&ctx, token) => success(),
        _ => failure("invalid_token"),
    }
}

pub async fn revoke_with_basic_auth(
    State(ctx): State<HostCtx>,
    uri: Uri,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let config = &ctx.sim.config;
    let Some((client_id, secret)) = basic_credentials(&headers) else {
        return failure("invalid_client");
    };
    if client_id != config.client_id || secret != config.client_secret {
        return failure("invalid_client");
    }
    let params = merged(&uri, &headers, &body);
    let Some(token) = params.get("token") else {
        return failure("invalid_token");
    };
    // token_type, when given, must name what the token is.
    let kind_matches = {
        let tokens = ctx.sim.tokens();
        match params.get("token_type").map(String::as_str) {
            None => true,
            Some("refresh_token") => tokens.refresh_token_exists(token),
            Some("access_token") => tokens.access_token_exists(token),
            Some(_) => false,
        }
    };
    if kind_matches && revoke_here(&ctx, token) {
        success()
    } else {
        failure("invalid_token")
    }
}

/// Tokens live at their DC: another DC's accounts host does not know them.
fn revoke_here(ctx: &HostCtx, token: &str) -> bool {
    ctx.dc == ctx.sim.config.user_dc && ctx.sim.tokens().revoke(token)
}

fn success() -> Response {
    axum::Json(json!({ "status": "success" })).into_response()
}

/// GAP: the documented failure is "HTTP 400"; the body is the simulator's choice.
fn failure(error: &str) -> Response {
    let body = json!({ "status": "failure", "error": error });
    (StatusCode::BAD_REQUEST, axum::Json(body)).into_response()
}
