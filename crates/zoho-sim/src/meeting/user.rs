//! `GET /api/v2/user.json`: the current user, wrapped in `userDetails` (API.md §2.4; no
//! official example exists, so the body follows the suggested fixture, ids as numbers).

use axum::extract::State;
use axum::http::HeaderMap;
use axum::response::{IntoResponse, Response};
use serde_json::json;

use super::guard::check_token;
use crate::dc::meeting_domain;
use crate::shared::HostCtx;

pub async fn current_user(State(ctx): State<HostCtx>, headers: HeaderMap) -> Response {
    if let Err(error) = check_token(&ctx, &headers, "manageOrg", "READ") {
        return error.into_response();
    }
    let store = ctx.sim.store();
    let user = &store.user;
    let server = meeting_domain(&store.dc);
    axum::Json(json!({ "userDetails": {
        "zsoid": user.zsoid,
        "zuid": user.zuid,
        "primaryEmail": user.email,
        "displayName": user.display_name(),
        "fullName": user.display_name(),
        "isAdmin": true,
        "orgName": user.org_name,
        "portalName": user.org_domain.trim_end_matches(".example"),
        "edition": "Professional",
        "isPaidUser": true,
        "isTrialUser": false,
        "isMeetingPaidUser": true,
        "isWebinarPaidUser": true,
        "userCount": 12,
        "participantCount": 100,
        "superAdminZuid": user.zuid,
        "redirectionServer": server,
        "meetingRedirectionServer": server,
    } }))
    .into_response()
}
