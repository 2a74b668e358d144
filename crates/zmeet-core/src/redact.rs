use url::Url;

/// Query parameters whose values are secrets or single-use credentials.
const SECRET_PARAMS: &[&str] = &[
    "code",
    "state",
    "access_token",
    "refresh_token",
    "token",
    "code_verifier",
];

/// The URL with the value of every secret query parameter replaced by `…`, safe to show or keep.
pub fn redact(url: &Url) -> String {
    let mut redacted = url.clone();
    if url.query().is_some() {
        let pairs: Vec<(String, String)> = url
            .query_pairs()
            .map(|(name, value)| {
                let value = if SECRET_PARAMS.contains(&name.as_ref()) {
                    "…".to_owned()
                } else {
                    value.into_owned()
                };
                (name.into_owned(), value)
            })
            .collect();
        redacted.query_pairs_mut().clear().extend_pairs(pairs);
    }
    redacted.set_fragment(None);
    redacted.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hides_codes_and_state_but_keeps_the_rest() {
        let url = Url::parse(
            "dev.zmeet.desktop:/oauth/callback?code=1000.abc.def&state=xyz&location=eu&accounts-server=https%3A%2F%2Faccounts.zoho.eu#frag",
        )
        .unwrap();
        let shown = redact(&url);
        assert!(!shown.contains("1000.abc.def"), "{shown}");
        assert!(!shown.contains("xyz"), "{shown}");
        assert!(!shown.contains("frag"), "{shown}");
        assert!(shown.contains("location=eu"), "{shown}");
        assert!(
            shown.starts_with("dev.zmeet.desktop:/oauth/callback?code="),
            "{shown}"
        );
    }

    #[test]
    fn leaves_a_url_without_query_alone() {
        let url = Url::parse("dev.zmeet.desktop:/hello").unwrap();
        assert_eq!(redact(&url), "dev.zmeet.desktop:/hello");
    }
}
