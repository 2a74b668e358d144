//! Whether a redirect URI is registered. Exact match, except that a loopback URI may use
//! any port when `loopback_any_port` is on (RFC 8252 §7.3; Zoho's behaviour is a GAP).

use url::Url;

pub fn is_registered(candidate: &str, registered: &[String], loopback_any_port: bool) -> bool {
    registered.iter().any(|uri| {
        uri == candidate || (loopback_any_port && same_loopback_ignoring_port(uri, candidate))
    })
}

fn same_loopback_ignoring_port(registered: &str, candidate: &str) -> bool {
    let (Ok(registered), Ok(candidate)) = (Url::parse(registered), Url::parse(candidate)) else {
        return false;
    };
    let is_loopback = matches!(registered.host_str(), Some("127.0.0.1") | Some("[::1]"));
    is_loopback
        && registered.scheme() == "http"
        && candidate.scheme() == "http"
        && registered.host_str() == candidate.host_str()
        && registered.path() == candidate.path()
        && registered.query() == candidate.query()
        && candidate.fragment().is_none()
}

#[cfg(test)]
mod tests {
    use super::is_registered;

    fn registered() -> Vec<String> {
        vec![
            "dev.zmeet.desktop:/oauth/callback".into(),
            "http://127.0.0.1/callback".into(),
        ]
    }

    #[test]
    fn loopback_port_is_ignored_only_when_allowed() {
        assert!(is_registered(
            "http://127.0.0.1:5000/callback",
            &registered(),
            true
        ));
        assert!(!is_registered(
            "http://127.0.0.1:5000/callback",
            &registered(),
            false
        ));
        assert!(is_registered(
            "http://127.0.0.1/callback",
            &registered(),
            false
        ));
    }

    #[test]
    fn host_path_scheme_and_query_must_still_match() {
        for candidate in [
            "http://localhost:5000/callback",
            "https://127.0.0.1:5000/callback",
            "http://127.0.0.1:5000/callback/",
            "http://127.0.0.1:5000/callback?x=1",
            "dev.zmeet.desktop:/oauth/callback2",
        ] {
            assert!(
                !is_registered(candidate, &registered(), true),
                "{candidate}"
            );
        }
        assert!(is_registered(
            "dev.zmeet.desktop:/oauth/callback",
            &registered(),
            true
        ));
    }
}
