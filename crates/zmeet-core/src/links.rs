//! Links that arrive inside meeting data (join, start) are untrusted: a server, or whoever
//! edited the meeting, chooses them. Only `https` links to a Meeting host of the account's
//! data centre reach the browser; anything else (`javascript:`, `file:`, plain `http:`,
//! other hosts, `user@host` tricks) is refused before the opener sees it.

use url::{Host, Url};
use zoho_core::{DataCenter, Endpoints};

use crate::error::{AppError, ErrorCode};

/// Longer links are not meeting links.
pub const MAX_LINK_LENGTH: usize = 4096;

/// The host names Zoho serves meeting links from, under the Meeting host's domain:
/// `meeting.zoho.eu` → `meeting.`, `meet.` (short join links) and `webinar.` of `zoho.eu`.
const ZOHO_LINK_HOSTS: [&str; 3] = ["meeting.", "meet.", "webinar."];

/// Parses `link` and checks it against the Meeting hosts of `dc`: Zoho's own for that data
/// centre, and the configured Meeting host (custom endpoints: their host, which may be plain
/// `http` only on this machine, as the endpoints themselves).
pub fn check_meeting_link(
    link: &str,
    endpoints: &Endpoints,
    dc: DataCenter,
) -> Result<Url, AppError> {
    let refuse = |why: &str| {
        AppError::new(
            ErrorCode::LinkRefused,
            format!("This link was not opened: {why}."),
        )
    };
    if link.len() > MAX_LINK_LENGTH {
        return Err(refuse("it is too long to be a meeting link"));
    }
    let url = Url::parse(link.trim()).map_err(|_| refuse("it is not a web address"))?;
    if !url.username().is_empty() || url.password().is_some() {
        return Err(refuse(
            "it carries a user name, which meeting links never do",
        ));
    }
    if configured_meeting_origin(&url, endpoints, dc) {
        return Ok(url);
    }
    if url.scheme() != "https" {
        return Err(refuse("only https links are opened"));
    }
    let zoho_domain = dc.zoho_meeting_url().trim_start_matches("https://meeting.");
    let on_zoho = match url.host() {
        Some(Host::Domain(host)) => ZOHO_LINK_HOSTS
            .iter()
            .any(|prefix| host.eq_ignore_ascii_case(&format!("{prefix}{zoho_domain}"))),
        _ => false,
    };
    if on_zoho && url.port().is_none() {
        Ok(url)
    } else {
        Err(refuse(&format!(
            "it does not point to Zoho Meeting ({})",
            dc.zoho_meeting_url().trim_start_matches("https://")
        )))
    }
}

/// Same scheme, host and port as the configured Meeting host of `dc`.
fn configured_meeting_origin(url: &Url, endpoints: &Endpoints, dc: DataCenter) -> bool {
    let Some(hosts) = endpoints.hosts(dc) else {
        return false;
    };
    let base = &hosts.meeting;
    url.scheme() == base.scheme()
        && url.host() == base.host()
        && url.port_or_known_default() == base.port_or_known_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn custom() -> Endpoints {
        let mut endpoints = Endpoints::empty();
        endpoints
            .set(
                DataCenter::Eu,
                "http://127.0.0.1:4001",
                "http://127.0.0.1:4002",
            )
            .unwrap();
        endpoints
    }

    #[test]
    fn zoho_meeting_links_of_the_accounts_data_centre_open() {
        let zoho = Endpoints::zoho();
        for link in [
            "https://meeting.zoho.com/join?key=123456789",
            "https://meeting.zoho.com/meeting-start?key=1065243211",
            "https://meet.zoho.com/gT9JMpyG9z",
            "https://webinar.zoho.com/webinar/register/join?registerKey=5",
            "https://MEETING.zoho.com/join?key=1",
        ] {
            check_meeting_link(link, &zoho, DataCenter::Us)
                .unwrap_or_else(|e| panic!("{link}: {e}"));
        }
        check_meeting_link("https://meeting.zoho.eu/join?key=1", &zoho, DataCenter::Eu).unwrap();
        check_meeting_link(
            "https://meeting.zoho.com.au/join?key=1",
            &zoho,
            DataCenter::Au,
        )
        .unwrap();
        // The simulator's links name Zoho's domains; its own Meeting host is allowed too.
        check_meeting_link(
            "https://meeting.zoho.eu/join?key=1",
            &custom(),
            DataCenter::Eu,
        )
        .unwrap();
        check_meeting_link(
            "http://127.0.0.1:4002/join?key=1",
            &custom(),
            DataCenter::Eu,
        )
        .unwrap();
    }

    #[test]
    fn anything_else_is_refused_with_a_clear_code() {
        let zoho = Endpoints::zoho();
        for link in [
            "javascript:alert(1)",
            "file:///etc/passwd",
            "http://meeting.zoho.com/join?key=1",
            "https://meeting.zoho.com@evil.example/",
            "https://user:pw@meeting.zoho.com/join",
            "https://evil.example/join?key=1",
            "https://meeting.zoho.com.evil.example/join",
            "https://evilmeeting.zoho.com/join",
            "https://accounts.zoho.com/oauth/v2/auth",
            "https://meeting.zoho.com:8443/join",
            "https://meeting.zoho.eu/join?key=1",
            "data:text/html,<script>alert(1)</script>",
            "dev.zmeet.desktop:/oauth/callback?code=x",
            "//meeting.zoho.com/join",
            "",
            "https://127.0.0.1:4002/join",
        ] {
            let error = check_meeting_link(link, &zoho, DataCenter::Us).unwrap_err();
            assert_eq!(error.code, ErrorCode::LinkRefused, "{link}");
            assert!(
                error.message.starts_with("This link was not opened"),
                "{link}"
            );
        }
        let long = format!("https://meeting.zoho.com/join?key={}", "1".repeat(5000));
        assert!(check_meeting_link(&long, &zoho, DataCenter::Us).is_err());
        // A custom Meeting host is allowed with its own scheme and port only.
        for link in [
            "http://127.0.0.1:4001/join",
            "http://127.0.0.1/join",
            "https://127.0.0.1:4002/join",
            "http://localhost:4002/join",
        ] {
            assert!(
                check_meeting_link(link, &custom(), DataCenter::Eu).is_err(),
                "{link}"
            );
        }
    }
}
