//! Zoho Meeting API v2 on one DC's Meeting host (API.md Part 2).

pub mod body;
pub mod crud;
pub mod errors;
pub mod format;
pub mod guard;
pub mod list;
pub mod routes;
pub mod user;

use axum::Router;
use axum::routing::get;

use crate::shared::HostCtx;
use routes::{Meetings, Webinars};

pub fn router() -> Router<HostCtx> {
    Router::new()
        .route("/api/v2/user.json", get(user::current_user))
        .route(
            "/api/v2/{zsoid}/sessions.json",
            get(routes::list::<Meetings>).post(routes::create::<Meetings>),
        )
        .route(
            "/api/v2/{zsoid}/sessions/{key}",
            get(routes::get::<Meetings>)
                .put(routes::edit::<Meetings>)
                .delete(routes::delete::<Meetings>),
        )
        .route(
            "/api/v2/{zsoid}/webinar.json",
            get(routes::list::<Webinars>).post(routes::create::<Webinars>),
        )
        .route(
            "/api/v2/{zsoid}/webinar/{key}",
            get(routes::get::<Webinars>)
                .put(routes::edit::<Webinars>)
                .delete(routes::delete::<Webinars>),
        )
}
