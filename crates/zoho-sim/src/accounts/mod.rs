//! Zoho Accounts: the OAuth endpoints of one DC's accounts host (API.md Part 1).

pub mod auth;
pub mod consent_page;
pub mod device;
pub mod device_grants;
pub mod device_page;
pub mod params;
pub mod pkce;
pub mod redirect_uri;
pub mod revoke;
pub mod token;
pub mod tokens;

use axum::Router;
use axum::routing::{get, post};

use crate::shared::HostCtx;

pub fn router() -> Router<HostCtx> {
    Router::new()
        .route("/oauth/v2/auth", get(auth::authorize))
        .route("/oauth/v2/auth/consent", post(auth::decide))
        .route("/oauth/v2/token", post(token::token))
        .route("/oauth/v2/token/revoke", post(revoke::revoke_by_query))
        .route(
            "/oauth/v2/revoke/token",
            post(revoke::revoke_with_basic_auth),
        )
        .route("/oauth/v3/device/code", post(device::code))
        .route("/oauth/v3/device/token", post(device::token))
        .route("/oauth/v3/device", get(device_page::page))
        .route("/oauth/v3/device/approve", post(device_page::decide))
}
