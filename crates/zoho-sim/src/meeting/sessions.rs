//! Meetings: `/api/v2/{zsoid}/sessions.json` and `/api/v2/{zsoid}/sessions/{meetingKey}.json`,
//! scopes `ZohoMeeting.meeting.*`.

use std::collections::HashMap;

use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::http::HeaderMap;
use axum::response::Response;

use super::crud::{self, Family, respond};
use crate::shared::HostCtx;
use crate::store::SessionKind;

const MEETINGS: Family = Family {
    kind: SessionKind::Meeting,
    area: "meeting",
};

pub async fn list(
    State(ctx): State<HostCtx>,
    headers: HeaderMap,
    Path(zsoid): Path<String>,
    Query(params): Query<HashMap<String, String>>,
) -> Response {
    respond(crud::list(&ctx, MEETINGS, &headers, &zsoid, &params))
}

pub async fn create(
    State(ctx): State<HostCtx>,
    headers: HeaderMap,
    Path(zsoid): Path<String>,
    body: Bytes,
) -> Response {
    respond(crud::create(&ctx, MEETINGS, &headers, &zsoid, &body))
}

pub async fn get(
    State(ctx): State<HostCtx>,
    headers: HeaderMap,
    Path((zsoid, key)): Path<(String, String)>,
) -> Response {
    respond(crud::get(&ctx, MEETINGS, &headers, &zsoid, &key))
}

pub async fn edit(
    State(ctx): State<HostCtx>,
    headers: HeaderMap,
    Path((zsoid, key)): Path<(String, String)>,
    body: Bytes,
) -> Response {
    respond(crud::edit(&ctx, MEETINGS, &headers, &zsoid, &key, &body))
}

pub async fn delete(
    State(ctx): State<HostCtx>,
    headers: HeaderMap,
    Path((zsoid, key)): Path<(String, String)>,
) -> Response {
    respond(crud::delete(&ctx, MEETINGS, &headers, &zsoid, &key))
}
