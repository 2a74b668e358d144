//! Meeting-hosted webinars: `/api/v2/{zsoid}/webinar.json` and `/api/v2/{zsoid}/webinar/{key}.json`,
//! scopes `ZohoMeeting.webinar.*` (API.md §2.7; bodies are a GAP, see format.rs).

use std::collections::HashMap;

use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::http::HeaderMap;
use axum::response::Response;

use super::crud::{self, Family, respond};
use crate::shared::HostCtx;
use crate::store::SessionKind;

const WEBINARS: Family = Family {
    kind: SessionKind::Webinar,
    area: "webinar",
};

pub async fn list(
    State(ctx): State<HostCtx>,
    headers: HeaderMap,
    Path(zsoid): Path<String>,
    Query(params): Query<HashMap<String, String>>,
) -> Response {
    respond(crud::list(&ctx, WEBINARS, &headers, &zsoid, &params))
}

pub async fn create(
    State(ctx): State<HostCtx>,
    headers: HeaderMap,
    Path(zsoid): Path<String>,
    body: Bytes,
) -> Response {
    respond(crud::create(&ctx, WEBINARS, &headers, &zsoid, &body))
}

pub async fn get(
    State(ctx): State<HostCtx>,
    headers: HeaderMap,
    Path((zsoid, key)): Path<(String, String)>,
) -> Response {
    respond(crud::get(&ctx, WEBINARS, &headers, &zsoid, &key))
}

pub async fn edit(
    State(ctx): State<HostCtx>,
    headers: HeaderMap,
    Path((zsoid, key)): Path<(String, String)>,
    body: Bytes,
) -> Response {
    respond(crud::edit(&ctx, WEBINARS, &headers, &zsoid, &key, &body))
}

pub async fn delete(
    State(ctx): State<HostCtx>,
    headers: HeaderMap,
    Path((zsoid, key)): Path<(String, String)>,
) -> Response {
    respond(crud::delete(&ctx, WEBINARS, &headers, &zsoid, &key))
}
