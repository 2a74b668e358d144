//! Zoho Meeting API v2 on one DC's Meeting host (API.md Part 2).

pub mod body;
pub mod crud;
pub mod errors;
pub mod format;
pub mod guard;
pub mod list;
pub mod sessions;
pub mod user;
pub mod webinars;

use axum::Router;
use axum::routing::get;

use crate::shared::HostCtx;

pub fn router() -> Router<HostCtx> {
    Router::new()
        .route("/api/v2/user.json", get(user::current_user))
        .route(
            "/api/v2/{zsoid}/sessions.json",
            get(sessions::list).post(sessions::create),
        )
        .route(
            "/api/v2/{zsoid}/sessions/{key}",
            get(sessions::get)
                .put(sessions::edit)
                .delete(sessions::delete),
        )
        .route(
            "/api/v2/{zsoid}/webinar.json",
            get(webinars::list).post(webinars::create),
        )
        .route(
            "/api/v2/{zsoid}/webinar/{key}",
            get(webinars::get)
                .put(webinars::edit)
                .delete(webinars::delete),
        )
}
