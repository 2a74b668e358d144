//! `GET /api/v2/user.json`: the signed-in user and their organisation (zsoid).

use reqwest::Method;

use crate::error::{Error, Result};
use crate::model::CurrentUser;
use crate::session::Session;

pub(crate) const USER_PATH: &str = "/api/v2/user.json";

pub(crate) fn parse_user(status: u16, body: serde_json::Value) -> Result<CurrentUser> {
    CurrentUser::from_body(body).map_err(|why| Error::UnexpectedResponse {
        status,
        detail: why,
    })
}

impl Session {
    /// The signed-in user, fresh from Zoho.
    pub async fn current_user(&self) -> Result<CurrentUser> {
        let reply = self.call(Method::GET, USER_PATH, &[], None).await?;
        parse_user(reply.status.as_u16(), reply.body)
    }
}
