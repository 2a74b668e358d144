//! One Meeting API call: the `Zoho-oauthtoken` header, raw JSON bodies, the 2000 →
//! refresh → retry-once rule and error decoding.

use reqwest::{Method, StatusCode, header};
use serde_json::Value;

use super::errors::{MeetingErrorBody, decode_error};
use crate::dc::join;
use crate::error::{Error, Result};
use crate::http::{Repeat, send};
use crate::session::Session;

/// A successful answer: its status and JSON body (`Null` for an empty body, as on 204).
pub(crate) struct ApiReply {
    pub status: StatusCode,
    pub body: Value,
}

impl Session {
    pub(crate) async fn call(
        &self,
        method: Method,
        path: &str,
        query: &[(&str, String)],
        body: Option<&Value>,
    ) -> Result<ApiReply> {
        let reply = self.call_text(method, path, query, body).await?;
        let status = reply.status;
        if reply.body.trim().is_empty() {
            return Ok(ApiReply {
                status,
                body: Value::Null,
            });
        }
        let body = serde_json::from_str(&reply.body).map_err(|_| Error::UnexpectedResponse {
            status: status.as_u16(),
            detail: crate::http::describe_body(&reply.body),
        })?;
        Ok(ApiReply { status, body })
    }

    /// As [`Self::call`], the successful body left as text, for a reader that goes
    /// straight to its own types (a list page: see [`crate::model::ListPage`]).
    pub(crate) async fn call_text(
        &self,
        method: Method,
        path: &str,
        query: &[(&str, String)],
        body: Option<&Value>,
    ) -> Result<crate::http::Reply> {
        let token = self.tokens().access_token(None).await?;
        let reply = self
            .send_with(&method, path, query, body, token.value.expose())
            .await?;
        let reply = if rejects_token(&reply) {
            // Refresh once (unless someone already did) and retry once.
            let token = self.tokens().access_token(Some(token.generation)).await?;
            self.send_with(&method, path, query, body, token.value.expose())
                .await?
        } else {
            reply
        };
        if !reply.status.is_success() {
            return Err(decode_error(reply.status.as_u16(), &reply.body));
        }
        Ok(reply)
    }

    async fn send_with(
        &self,
        method: &Method,
        path: &str,
        query: &[(&str, String)],
        body: Option<&Value>,
        token: &str,
    ) -> Result<crate::http::Reply> {
        let inner = &self.inner;
        let url = join(&inner.meeting, path);
        let authorization = format!("Zoho-oauthtoken {token}");
        send(&inner.http_config, Repeat::of(method), || {
            let mut request = inner
                .http
                .request(method.clone(), url.clone())
                .header(header::AUTHORIZATION, &authorization)
                .header(header::ACCEPT, "application/json");
            if !query.is_empty() {
                request = request.query(query);
            }
            if let Some(body) = body {
                request = request
                    .header(header::CONTENT_TYPE, "application/json;charset=UTF-8")
                    .body(body.to_string());
            }
            request
        })
        .await
    }
}

fn rejects_token(reply: &crate::http::Reply) -> bool {
    !reply.status.is_success()
        && MeetingErrorBody::parse(&reply.body).is_some_and(|e| e.is_invalid_token())
}
