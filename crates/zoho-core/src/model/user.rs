//! The signed-in user from `GET /api/v2/user.json` (`{"userDetails": {…}}`, API.md §2.4).

use serde::{Deserialize, Deserializer, Serialize};
use serde_json::{Map, Value};

use super::quirks::{bool_of, id_of, string_of, take_with};

#[derive(Clone, Debug, Serialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct CurrentUser {
    /// Organisation id: the `{zsoid}` of every Meeting path.
    pub zsoid: String,
    pub zuid: String,
    /// `primaryEmail` (or `emailId`).
    pub email: Option<String>,
    /// `displayName`, else `fullName`.
    pub display_name: Option<String>,
    pub is_admin: Option<bool>,
    pub org_name: Option<String>,
    /// `meetingRedirectionServer` / `redirectionServer`: confirms the Meeting host.
    pub redirection_server: Option<String>,
    pub extra: Map<String, Value>,
}

impl CurrentUser {
    /// Reads the body of `user.json` (the `userDetails` wrapper is optional).
    pub fn from_body(body: Value) -> Result<Self, String> {
        let Value::Object(mut map) = body else {
            return Err("the body is not an object".into());
        };
        if let Some(Value::Object(inner)) = map.remove("userDetails") {
            map = inner;
        }
        Self::from_map(map)
    }

    pub fn from_map(mut map: Map<String, Value>) -> Result<Self, String> {
        let zsoid = take_with(&mut map, &["zsoid", "orgId"], id_of).ok_or("no zsoid")?;
        let zuid = take_with(&mut map, &["zuid"], id_of).ok_or("no zuid")?;
        Ok(CurrentUser {
            zsoid,
            zuid,
            email: take_with(&mut map, &["primaryEmail", "emailId", "email"], string_of),
            display_name: take_with(&mut map, &["displayName", "fullName"], string_of),
            is_admin: take_with(&mut map, &["isAdmin"], bool_of),
            org_name: take_with(&mut map, &["orgName"], string_of),
            redirection_server: take_with(
                &mut map,
                &["meetingRedirectionServer", "redirectionServer"],
                string_of,
            ),
            extra: map,
        })
    }
}

impl<'de> Deserialize<'de> for CurrentUser {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        CurrentUser::from_body(Value::deserialize(deserializer)?).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn reads_numbers_or_strings_and_keeps_unknown_fields() {
        let user = CurrentUser::from_body(json!({"userDetails": {
            "zsoid": 77994516, "zuid": "71158042", "primaryEmail": "a@b.co",
            "displayName": "A", "isAdmin": true, "orgName": "Org",
            "redirectionServer": "meeting.zoho.com", "daysLeft": 3
        }}))
        .unwrap();
        assert_eq!(
            (user.zsoid.as_str(), user.zuid.as_str()),
            ("77994516", "71158042")
        );
        assert_eq!(user.email.as_deref(), Some("a@b.co"));
        assert_eq!(user.display_name.as_deref(), Some("A"));
        assert_eq!(user.is_admin, Some(true));
        assert_eq!(user.extra.get("daysLeft"), Some(&json!(3)));
        assert!(CurrentUser::from_body(json!({"userDetails": {"zuid": 1}})).is_err());
        assert!(CurrentUser::from_body(json!([1])).is_err());
    }
}
