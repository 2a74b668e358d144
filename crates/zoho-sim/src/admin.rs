//! The admin host (its own port, `SimInfo.admin`): change faults, the clock and grants
//! while the simulator runs, and read the request log and stored data.

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use serde::Deserialize;
use serde_json::json;

use crate::faults::FaultConfig;
use crate::shared::HostCtx;
use crate::store::SessionKind;

pub fn router() -> Router<HostCtx> {
    Router::new()
        .route("/admin/info", get(info))
        .route("/admin/faults", get(faults).post(set_faults))
        .route("/admin/expire-access-tokens", post(expire_access_tokens))
        .route("/admin/revoke", post(revoke))
        .route("/admin/advance-clock", post(advance_clock))
        .route("/admin/requests", get(requests).delete(clear_requests))
        .route("/admin/device/approve", post(approve_device))
        .route("/admin/device/deny", post(deny_device))
        .route("/admin/meetings", get(meetings))
        .route("/admin/webinars", get(webinars))
}

async fn info(State(ctx): State<HostCtx>) -> Response {
    Json(ctx.sim.info.clone()).into_response()
}

async fn faults(State(ctx): State<HostCtx>) -> Response {
    Json(ctx.sim.current_faults()).into_response()
}

async fn set_faults(State(ctx): State<HostCtx>, Json(faults): Json<FaultConfig>) -> Response {
    ctx.sim.set_faults(faults);
    StatusCode::NO_CONTENT.into_response()
}

async fn expire_access_tokens(State(ctx): State<HostCtx>) -> Response {
    Json(json!({ "expired": ctx.sim.expire_all_access_tokens() })).into_response()
}

#[derive(Deserialize)]
struct RevokeRequest {
    token: String,
}

async fn revoke(State(ctx): State<HostCtx>, Json(request): Json<RevokeRequest>) -> Response {
    Json(json!({ "revoked": ctx.sim.revoke_token(&request.token) })).into_response()
}

#[derive(Deserialize)]
struct AdvanceRequest {
    seconds: u64,
}

async fn advance_clock(
    State(ctx): State<HostCtx>,
    Json(request): Json<AdvanceRequest>,
) -> Response {
    ctx.sim
        .advance_clock(std::time::Duration::from_secs(request.seconds));
    Json(json!({ "now": ctx.sim.clock.now().to_rfc3339() })).into_response()
}

#[derive(Deserialize)]
struct DeviceRequest {
    user_code: String,
}

async fn approve_device(
    State(ctx): State<HostCtx>,
    Json(request): Json<DeviceRequest>,
) -> Response {
    Json(json!({ "found": ctx.sim.decide_device(&request.user_code, true) })).into_response()
}

async fn deny_device(State(ctx): State<HostCtx>, Json(request): Json<DeviceRequest>) -> Response {
    Json(json!({ "found": ctx.sim.decide_device(&request.user_code, false) })).into_response()
}

async fn requests(State(ctx): State<HostCtx>) -> Response {
    Json(ctx.sim.log.snapshot()).into_response()
}

async fn clear_requests(State(ctx): State<HostCtx>) -> Response {
    ctx.sim.log.clear();
    StatusCode::NO_CONTENT.into_response()
}

async fn meetings(State(ctx): State<HostCtx>) -> Response {
    Json(ctx.sim.sessions_as_json(SessionKind::Meeting)).into_response()
}

async fn webinars(State(ctx): State<HostCtx>) -> Response {
    Json(ctx.sim.sessions_as_json(SessionKind::Webinar)).into_response()
}
