//! Meetings and webinars: list (paged), get, create (201), edit, delete (204).

use std::collections::HashSet;

use reqwest::Method;
use serde_json::Value;

use super::{Family, ListType};
use crate::error::{Error, Result};
use crate::model::quirks::i64_of;
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
    fn collection_path(&self, family: Family) -> String {
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

    /// Every session of a list type, page by page (`index`/`count`) until a short page, or
    /// until the total the server reports is reached. Duplicates across pages are dropped.
    async fn list(&self, family: Family, list: ListType) -> Result<Vec<Meeting>> {
        let paging = self.inner.paging;
        let count = paging.page_size.max(1);
        let path = self.collection_path(family);
        let mut index = paging.first_index;
        let mut seen = HashSet::new();
        let mut all = Vec::new();
        for _ in 0..paging.max_pages {
            let query = [
                ("listtype", list.as_str().to_owned()),
                ("index", index.to_string()),
                ("count", count.to_string()),
            ];
            let reply = self.call(Method::GET, &path, &query, None).await?;
            let status = reply.status.as_u16();
            let total = reply.body.get("count").and_then(i64_of);
            let page = sessions_of(reply.body).map_err(|why| unexpected(status, why))?;
            let received = page.len();
            let mut fresh = 0;
            for meeting in page {
                if seen.insert(meeting.key.clone()) {
                    all.push(meeting);
                    fresh += 1;
                }
            }
            let reached_total = total.is_some_and(|t| all.len() as i64 >= t);
            if received < count as usize || fresh == 0 || reached_total {
                break;
            }
            index += if paging.index_is_page {
                1
            } else {
                received as u64
            };
        }
        Ok(all)
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

    /// All meetings of `list` (all, upcoming, past, today).
    pub async fn list_meetings(&self, list: ListType) -> Result<Vec<Meeting>> {
        self.list(Family::Meeting, list).await
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

    pub async fn list_webinars(&self, list: ListType) -> Result<Vec<Meeting>> {
        self.list(Family::Webinar, list).await
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
