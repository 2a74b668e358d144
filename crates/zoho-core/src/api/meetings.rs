//! Meetings and webinars: list (paged), get, create (201), edit, delete (204).

use reqwest::Method;
use serde_json::Value;

use chrono::{DateTime, Utc};

use super::{Family, ListType, Listing};
use crate::error::{Error, Result};
use crate::model::{Meeting, MeetingPatch, NewMeeting, sessions_of};
use crate::session::Session;

fn unexpected(status: u16, why: String) -> Error {
    Error::UnexpectedResponse {
        status,
        detail: why,
    }
}

/// A key is used in a path: digits and letters only.
fn checked_key(key: &str) -> Result<&str> {
    let key = key.trim();
    if key.is_empty() || key.len() > 64 || !key.chars().all(|c| c.is_ascii_alphanumeric()) {
        return Err(Error::invalid_input(
            "key",
            "must be a Zoho meeting or webinar key",
        ));
    }
    Ok(key)
}

impl Session {
    pub(super) fn collection_path(&self, family: Family) -> String {
        format!("/api/v2/{}/{}.json", self.account().zsoid, family.area())
    }

    fn item_path(&self, family: Family, key: &str) -> Result<String> {
        Ok(format!(
            "/api/v2/{}/{}/{}.json",
            self.account().zsoid,
            family.area(),
            checked_key(key)?
        ))
    }

    async fn get_one(&self, family: Family, key: &str) -> Result<Meeting> {
        let reply = self
            .call(Method::GET, &self.item_path(family, key)?, &[], None)
            .await?;
        single(reply.status.as_u16(), reply.body)
    }

    async fn create(&self, family: Family, new: &NewMeeting) -> Result<Meeting> {
        let body = new.to_request(&self.account().zuid)?;
        let reply = self
            .call(
                Method::POST,
                &self.collection_path(family),
                &[],
                Some(&body),
            )
            .await?;
        single(reply.status.as_u16(), reply.body)
    }

    async fn edit(&self, family: Family, key: &str, patch: &MeetingPatch) -> Result<Meeting> {
        let path = self.item_path(family, key)?;
        let body = patch.to_request()?;
        let reply = self.call(Method::PUT, &path, &[], Some(&body)).await?;
        single(reply.status.as_u16(), reply.body)
    }

    async fn delete(&self, family: Family, key: &str) -> Result<()> {
        self.call(Method::DELETE, &self.item_path(family, key)?, &[], None)
            .await?;
        Ok(())
    }

    /// All meetings of `list` (all, upcoming, past, today), and whether any are missing.
    pub async fn list_meetings(&self, list: ListType) -> Result<Listing> {
        self.list(Family::Meeting, list, None).await
    }

    /// Meetings of a newest-first `list` (`past`) back to `since`: paging stops after the
    /// first page that reaches a meeting starting before it (then `ListEnd::ReachedSince`).
    /// A list that turns out not to be newest first is fetched whole.
    pub async fn list_meetings_since(
        &self,
        list: ListType,
        since: DateTime<Utc>,
    ) -> Result<Listing> {
        self.list(Family::Meeting, list, Some(since)).await
    }

    pub async fn get_meeting(&self, key: &str) -> Result<Meeting> {
        self.get_one(Family::Meeting, key).await
    }

    /// Creates a meeting; the presenter defaults to the signed-in user.
    pub async fn create_meeting(&self, new: &NewMeeting) -> Result<Meeting> {
        self.create(Family::Meeting, new).await
    }

    pub async fn edit_meeting(&self, key: &str, patch: &MeetingPatch) -> Result<Meeting> {
        self.edit(Family::Meeting, key, patch).await
    }

    pub async fn delete_meeting(&self, key: &str) -> Result<()> {
        self.delete(Family::Meeting, key).await
    }

    pub async fn list_webinars(&self, list: ListType) -> Result<Listing> {
        self.list(Family::Webinar, list, None).await
    }

    /// Webinars of a newest-first `list` back to `since` (see `list_meetings_since`).
    pub async fn list_webinars_since(
        &self,
        list: ListType,
        since: DateTime<Utc>,
    ) -> Result<Listing> {
        self.list(Family::Webinar, list, Some(since)).await
    }

    pub async fn get_webinar(&self, key: &str) -> Result<Meeting> {
        self.get_one(Family::Webinar, key).await
    }

    pub async fn create_webinar(&self, new: &NewMeeting) -> Result<Meeting> {
        self.create(Family::Webinar, new).await
    }

    pub async fn edit_webinar(&self, key: &str, patch: &MeetingPatch) -> Result<Meeting> {
        self.edit(Family::Webinar, key, patch).await
    }

    pub async fn delete_webinar(&self, key: &str) -> Result<()> {
        self.delete(Family::Webinar, key).await
    }
}

fn single(status: u16, body: Value) -> Result<Meeting> {
    sessions_of(body)
        .map_err(|why| unexpected(status, why))?
        .into_iter()
        .next()
        .ok_or_else(|| unexpected(status, "no session in the body".into()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_checked_before_they_reach_a_path() {
        assert_eq!(checked_key(" 123 ").unwrap(), "123");
        for bad in ["", "../x", "1/2", "a b", "1?x=y", &"9".repeat(65)] {
            assert_eq!(
                checked_key(bad).unwrap_err().code(),
                "invalid_input",
                "{bad}"
            );
        }
    }

    #[test]
    fn a_body_without_a_session_is_unexpected() {
        assert_eq!(
            single(200, serde_json::json!({})).unwrap_err().code(),
            "unexpected_response"
        );
        assert_eq!(
            single(200, serde_json::json!({"session": 3}))
                .unwrap_err()
                .code(),
            "unexpected_response"
        );
    }
}
