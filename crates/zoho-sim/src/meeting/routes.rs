//! The CRUD routes of both session families, one set of handlers for each:
//! meetings at `/api/v2/{zsoid}/sessions.json` and `/sessions/{meetingKey}.json` (scopes
//! `ZohoMeeting.meeting.*`), meeting-hosted webinars at `/api/v2/{zsoid}/webinar.json` and
//! `/webinar/{key}.json` (scopes `ZohoMeeting.webinar.*`; API.md §2.7, bodies are a GAP,
//! see format.rs).

use std::collections::HashMap;

use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::http::HeaderMap;
use axum::response::Response;

use super::crud::{self, Family, respond};
use crate::shared::HostCtx;
use crate::store::SessionKind;

/// Which family a set of handlers serves.
pub trait Routes {
    const FAMILY: Family;
}

pub struct Meetings;
impl Routes for Meetings {
    const FAMILY: Family = Family {
        kind: SessionKind::Meeting,
        area: "meeting",
    };
}

pub struct Webinars;
impl Routes for Webinars {
    const FAMILY: Family = Family {
        kind: SessionKind::Webinar,
        area: "webinar",
    };
}

pub async fn list<R: Routes>(
    State(ctx): State<HostCtx>,
    headers: HeaderMap,
    Path(zsoid): Path<String>,
    Query(params): Query<HashMap<String, String>>,
) -> Response {
    respond(crud::list(&ctx, R::FAMILY, &headers, &zsoid, &params))
}

pub async fn create<R: Routes>(
    State(ctx): State<HostCtx>,
    headers: HeaderMap,
    Path(zsoid): Path<String>,
    body: Bytes,
) -> Response {
    respond(crud::create(&ctx, R::FAMILY, &headers, &zsoid, &body))
}

pub async fn get<R: Routes>(
    State(ctx): State<HostCtx>,
    headers: HeaderMap,
    Path((zsoid, key)): Path<(String, String)>,
) -> Response {
    respond(crud::get(&ctx, R::FAMILY, &headers, &zsoid, &key))
}

pub async fn edit<R: Routes>(
    State(ctx): State<HostCtx>,
    headers: HeaderMap,
    Path((zsoid, key)): Path<(String, String)>,
    body: Bytes,
) -> Response {
    respond(crud::edit(&ctx, R::FAMILY, &headers, &zsoid, &key, &body))
}

pub async fn delete<R: Routes>(
    State(ctx): State<HostCtx>,
    headers: HeaderMap,
    Path((zsoid, key)): Path<(String, String)>,
) -> Response {
    respond(crud::delete(&ctx, R::FAMILY, &headers, &zsoid, &key))
}
