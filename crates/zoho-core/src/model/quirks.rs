//! Readers for the type inconsistencies of API.md §2.10: ids and numbers that arrive as a
//! JSON number or a string. Numbers are read from serde_json's integer representation, so
//! large ids (beyond 2^53) never pass through `f64`.

use serde::{Deserialize, Deserializer};
use serde_json::{Map, Value};

/// An id as a string, from a JSON integer or a non-empty string.
pub fn id_of(value: &Value) -> Option<String> {
    match value {
        Value::Number(n) if n.is_i64() || n.is_u64() => Some(n.to_string()),
        Value::String(s) if !s.trim().is_empty() => Some(s.trim().to_owned()),
        _ => None,
    }
}

/// An integer from a JSON integer or a string of digits.
pub fn i64_of(value: &Value) -> Option<i64> {
    match value {
        Value::Number(n) => n.as_i64(),
        Value::String(s) => s.trim().parse().ok(),
        _ => None,
    }
}

/// A boolean from JSON `true`/`false` or the strings `"true"`/`"false"`.
pub fn bool_of(value: &Value) -> Option<bool> {
    match value {
        Value::Bool(b) => Some(*b),
        Value::String(s) => s.trim().parse().ok(),
        _ => None,
    }
}

/// A non-empty string (numbers are rendered).
pub fn string_of(value: &Value) -> Option<String> {
    match value {
        Value::String(s) if !s.is_empty() => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

/// Removes and returns the first of `keys` present in `map` that reads as `Some`.
pub fn take_with<T>(
    map: &mut Map<String, Value>,
    keys: &[&str],
    read: impl Fn(&Value) -> Option<T>,
) -> Option<T> {
    let mut found = None;
    for key in keys {
        if let Some(value) = map.remove(*key)
            && found.is_none()
        {
            found = read(&value);
        }
    }
    found
}

/// serde helper: a required id, number or string.
pub fn de_id<'de, D: Deserializer<'de>>(deserializer: D) -> Result<String, D::Error> {
    let value = Value::deserialize(deserializer)?;
    id_of(&value).ok_or_else(|| serde::de::Error::custom("expected an id (number or string)"))
}

/// serde helper: an optional integer, number or string.
pub fn de_opt_i64<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<i64>, D::Error> {
    let value = Option::<Value>::deserialize(deserializer)?;
    match value {
        None | Some(Value::Null) => Ok(None),
        Some(v) => i64_of(&v)
            .map(Some)
            .ok_or_else(|| serde::de::Error::custom("expected an integer (number or string)")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn ids_never_pass_through_floats() {
        let big: Value = serde_json::from_str("556536000000214003").unwrap();
        assert_eq!(id_of(&big).as_deref(), Some("556536000000214003"));
        assert_eq!(id_of(&json!("1169128522")).as_deref(), Some("1169128522"));
        assert_eq!(id_of(&json!(1.5)), None);
        assert_eq!(id_of(&json!("")), None);
        assert_eq!(i64_of(&json!("19800000")), Some(19_800_000));
        assert_eq!(i64_of(&json!(19800000)), Some(19_800_000));
        assert_eq!(i64_of(&json!("x")), None);
        assert_eq!(bool_of(&json!("true")), Some(true));
        assert_eq!(string_of(&json!(12)).as_deref(), Some("12"));
    }

    #[test]
    fn take_with_prefers_the_first_key_and_removes_all() {
        let mut map = json!({"presenter": 1, "presenterZuid": "2"})
            .as_object()
            .unwrap()
            .clone();
        assert_eq!(
            take_with(&mut map, &["presenter", "presenterZuid"], id_of).as_deref(),
            Some("1")
        );
        assert!(map.is_empty());
    }
}
