//! Zoho data centres and the base URLs of their accounts and Meeting hosts (API.md §1.11),
//! plus the allow-list check of the `location` / `accounts-server` a redirect names.

use std::collections::BTreeMap;
use std::fmt;

use serde::{Deserialize, Serialize};
use url::Url;

use crate::error::{Error, Result};

/// A Zoho data centre, named by its `location` value.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum DataCenter {
    Us,
    Eu,
    In,
    Au,
    Jp,
    Ca,
    Sa,
    Uk,
    Cn,
}

impl DataCenter {
    pub const ALL: [DataCenter; 9] = [
        DataCenter::Us,
        DataCenter::Eu,
        DataCenter::In,
        DataCenter::Au,
        DataCenter::Jp,
        DataCenter::Ca,
        DataCenter::Sa,
        DataCenter::Uk,
        DataCenter::Cn,
    ];

    /// The `location` value Zoho uses for this DC.
    pub fn location(self) -> &'static str {
        match self {
            DataCenter::Us => "us",
            DataCenter::Eu => "eu",
            DataCenter::In => "in",
            DataCenter::Au => "au",
            DataCenter::Jp => "jp",
            DataCenter::Ca => "ca",
            DataCenter::Sa => "sa",
            DataCenter::Uk => "uk",
            DataCenter::Cn => "cn",
        }
    }

    /// The DC of a `location` value (case-insensitive); `None` for an unknown one.
    pub fn from_location(location: &str) -> Option<Self> {
        let location = location.trim().to_ascii_lowercase();
        Self::ALL.into_iter().find(|dc| dc.location() == location)
    }

    /// The real accounts server (API.md §1.11).
    pub fn zoho_accounts_url(self) -> &'static str {
        match self {
            DataCenter::Us => "https://accounts.zoho.com",
            DataCenter::Eu => "https://accounts.zoho.eu",
            DataCenter::In => "https://accounts.zoho.in",
            DataCenter::Au => "https://accounts.zoho.com.au",
            DataCenter::Jp => "https://accounts.zoho.jp",
            DataCenter::Ca => "https://accounts.zohocloud.ca",
            DataCenter::Sa => "https://accounts.zoho.sa",
            DataCenter::Uk => "https://accounts.zoho.uk",
            DataCenter::Cn => "https://accounts.zoho.com.cn",
        }
    }

    /// The real Meeting host (API.md §1.11; UK is a GAP there, `meeting.zoho.uk` is assumed).
    pub fn zoho_meeting_url(self) -> &'static str {
        match self {
            DataCenter::Us => "https://meeting.zoho.com",
            DataCenter::Eu => "https://meeting.zoho.eu",
            DataCenter::In => "https://meeting.zoho.in",
            DataCenter::Au => "https://meeting.zoho.com.au",
            DataCenter::Jp => "https://meeting.zoho.jp",
            DataCenter::Ca => "https://meeting.zohocloud.ca",
            DataCenter::Sa => "https://meeting.zoho.sa",
            DataCenter::Uk => "https://meeting.zoho.uk",
            DataCenter::Cn => "https://meeting.zoho.com.cn",
        }
    }
}

impl fmt::Display for DataCenter {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.location())
    }
}

/// The hosts of one DC.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DcHosts {
    pub accounts: Url,
    pub meeting: Url,
}

/// Every DC the client may talk to, with its base URLs: the allow-list. The real Zoho hosts
/// by default; the simulator (or a test) replaces them with [`Endpoints::from_maps`] or
/// [`Endpoints::set`]. A DC that is not listed is unknown: a redirect naming it fails.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Endpoints {
    hosts: BTreeMap<DataCenter, DcHosts>,
}

impl Default for Endpoints {
    fn default() -> Self {
        Self::zoho()
    }
}

impl Endpoints {
    /// The real Zoho hosts of all nine DCs.
    pub fn zoho() -> Self {
        let hosts = DataCenter::ALL
            .into_iter()
            .map(|dc| {
                let hosts = DcHosts {
                    accounts: Url::parse(dc.zoho_accounts_url()).expect("static URL"),
                    meeting: Url::parse(dc.zoho_meeting_url()).expect("static URL"),
                };
                (dc, hosts)
            })
            .collect();
        Self { hosts }
    }

    /// No DC at all; add them with [`Endpoints::set`].
    pub fn empty() -> Self {
        Self {
            hosts: BTreeMap::new(),
        }
    }

    /// Sets (or replaces) the base URLs of `dc`. Both must be `http` or `https` URLs with a
    /// host and nothing but a path of `/`.
    pub fn set(&mut self, dc: DataCenter, accounts: &str, meeting: &str) -> Result<&mut Self> {
        let hosts = DcHosts {
            accounts: parse_base(accounts)?,
            meeting: parse_base(meeting)?,
        };
        self.hosts.insert(dc, hosts);
        Ok(self)
    }

    /// Endpoints from `location -> base URL` maps (the simulator's `SimInfo.accounts` and
    /// `.meeting`). Only DCs present in both maps are allowed.
    pub fn from_maps(
        accounts: &BTreeMap<String, String>,
        meeting: &BTreeMap<String, String>,
    ) -> Result<Self> {
        let mut endpoints = Self::empty();
        for (location, accounts_url) in accounts {
            let dc = DataCenter::from_location(location)
                .ok_or_else(|| Error::Config(format!("unknown data centre {location:?}")))?;
            let meeting_url = meeting
                .get(location)
                .ok_or_else(|| Error::Config(format!("no Meeting host for {location:?}")))?;
            endpoints.set(dc, accounts_url, meeting_url)?;
        }
        Ok(endpoints)
    }

    pub fn hosts(&self, dc: DataCenter) -> Option<&DcHosts> {
        self.hosts.get(&dc)
    }

    pub fn data_centers(&self) -> impl Iterator<Item = DataCenter> + '_ {
        self.hosts.keys().copied()
    }

    /// The name under which the secrets this endpoint set issued are kept: `zoho` for Zoho's
    /// own hosts, `custom-<fingerprint>` for anything else (the first 16 hex digits of a
    /// SHA-256 over every DC and its two base URLs, so the same set pasted in any order or
    /// spelling gives the same name, and any other set a different one).
    pub fn namespace(&self) -> String {
        if *self == Self::zoho() {
            return "zoho".to_owned();
        }
        use sha2::{Digest, Sha256};
        let mut hash = Sha256::new();
        for (dc, hosts) in &self.hosts {
            hash.update(format!(
                "{}\t{}\t{}\n",
                dc.location(),
                hosts.accounts,
                hosts.meeting
            ));
        }
        let digest = hash.finalize();
        let hex: String = digest[..8].iter().map(|b| format!("{b:02x}")).collect();
        format!("custom-{hex}")
    }

    /// Every distinct host name the set names (accounts and Meeting), for a person to
    /// confirm before switching to it.
    pub fn host_names(&self) -> Vec<String> {
        let mut names: Vec<String> = self
            .hosts
            .values()
            .flat_map(|hosts| [&hosts.accounts, &hosts.meeting])
            .map(|url| match url.port() {
                Some(port) => format!("{}:{port}", url.host_str().unwrap_or_default()),
                None => url.host_str().unwrap_or_default().to_owned(),
            })
            .collect();
        names.sort();
        names.dedup();
        names
    }

    /// The Meeting hosts of every DC: where join and start links may point.
    pub fn meeting_hosts(&self) -> impl Iterator<Item = &Url> + '_ {
        self.hosts.values().map(|hosts| &hosts.meeting)
    }

    /// Where authorization starts: `.com` (US) for everyone except China, which must start
    /// at its own server (API.md §1.11). Falls back to the first configured DC.
    pub fn authorization_dc(&self, home: DataCenter) -> Result<DataCenter> {
        let start = if home == DataCenter::Cn {
            DataCenter::Cn
        } else {
            DataCenter::Us
        };
        if self.hosts.contains_key(&start) {
            return Ok(start);
        }
        self.hosts
            .keys()
            .next()
            .copied()
            .ok_or_else(|| Error::Config("no data centre".into()))
    }

    /// Checks the `location` and `accounts-server` of a redirect against the allow-list.
    /// `location` must name a configured DC and `accounts-server` (when given) must be that
    /// DC's accounts server, compared by scheme, host and port.
    pub fn resolve_redirect(
        &self,
        location: &str,
        accounts_server: Option<&str>,
    ) -> Result<DataCenter> {
        let dc = DataCenter::from_location(location)
            .filter(|dc| self.hosts.contains_key(dc))
            .ok_or_else(|| Error::UnknownDataCenter(location.chars().take(40).collect()))?;
        if let Some(server) = accounts_server {
            let expected = &self.hosts[&dc].accounts;
            let given = Url::parse(server.trim())
                .map_err(|_| Error::UntrustedAccountsServer(truncate(server)))?;
            let same = given.scheme() == expected.scheme()
                && given.host_str().map(str::to_ascii_lowercase)
                    == expected.host_str().map(str::to_ascii_lowercase)
                && given.port_or_known_default() == expected.port_or_known_default()
                && matches!(given.path(), "" | "/")
                && given.query().is_none()
                && given.username().is_empty()
                && given.password().is_none();
            if !same {
                return Err(Error::UntrustedAccountsServer(truncate(server)));
            }
        }
        Ok(dc)
    }
}

fn truncate(text: &str) -> String {
    text.chars().take(120).collect()
}

fn parse_base(text: &str) -> Result<Url> {
    let url = Url::parse(text).map_err(|e| Error::Config(format!("{text:?}: {e}")))?;
    let Some(host) = url.host() else {
        return Err(Error::Config(format!(
            "{text:?}: not an http(s) URL with a host"
        )));
    };
    match url.scheme() {
        "https" => {}
        // Plain http is readable and forgeable by anyone on the path: only a server on
        // this machine (a simulator) may use it.
        "http" if is_loopback(&host) => {}
        "http" => {
            return Err(Error::Config(format!(
                "{text:?}: host {host} must use https (plain http is allowed only for \
                 127.0.0.0/8, ::1 and localhost)"
            )));
        }
        _ => {
            return Err(Error::Config(format!(
                "{text:?}: not an http(s) URL with a host"
            )));
        }
    }
    if !url.username().is_empty() || url.password().is_some() {
        return Err(Error::Config(format!(
            "{text:?}: a base URL carries no user name or password"
        )));
    }
    if url.path() != "/" || url.query().is_some() || url.fragment().is_some() {
        return Err(Error::Config(format!(
            "{text:?}: a base URL has no path or query"
        )));
    }
    Ok(url)
}

/// Whether `host` is this machine: `localhost`, `127.0.0.0/8` or `::1`.
pub fn is_loopback(host: &url::Host<&str>) -> bool {
    match host {
        url::Host::Domain(name) => name.eq_ignore_ascii_case("localhost"),
        url::Host::Ipv4(ip) => ip.is_loopback(),
        url::Host::Ipv6(ip) => ip.is_loopback(),
    }
}

/// Joins a base URL and an absolute path such as `/oauth/v2/token`.
pub(crate) fn join(base: &Url, path: &str) -> Url {
    let mut url = base.clone();
    url.set_path(path);
    url
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_location_round_trips() {
        for dc in DataCenter::ALL {
            assert_eq!(DataCenter::from_location(dc.location()), Some(dc));
            assert_eq!(
                DataCenter::from_location(&dc.location().to_uppercase()),
                Some(dc)
            );
            let hosts = Endpoints::zoho();
            let hosts = hosts.hosts(dc).unwrap();
            assert!(hosts.accounts.host_str().unwrap().starts_with("accounts."));
            assert!(hosts.meeting.host_str().unwrap().starts_with("meeting."));
        }
        assert_eq!(DataCenter::from_location("ae"), None);
        assert_eq!(
            Endpoints::zoho()
                .hosts(DataCenter::Ca)
                .unwrap()
                .meeting
                .as_str(),
            "https://meeting.zohocloud.ca/"
        );
    }

    #[test]
    fn redirect_is_checked_against_the_allow_list() {
        let endpoints = Endpoints::zoho();
        assert_eq!(
            endpoints
                .resolve_redirect("in", Some("https://accounts.zoho.in"))
                .unwrap(),
            DataCenter::In
        );
        assert_eq!(
            endpoints
                .resolve_redirect("eu", Some("https://accounts.zoho.eu/"))
                .unwrap(),
            DataCenter::Eu
        );
        assert_eq!(
            endpoints.resolve_redirect("us", None).unwrap(),
            DataCenter::Us
        );
        for (location, server) in [
            ("in", "https://accounts.zoho.eu"),
            ("in", "https://accounts.zoho.in.evil.example"),
            ("in", "http://accounts.zoho.in"),
            ("in", "https://accounts.zoho.in:444"),
            ("in", "https://user@accounts.zoho.in"),
            ("in", "https://accounts.zoho.in/steal"),
            ("in", "not a url"),
        ] {
            let err = endpoints
                .resolve_redirect(location, Some(server))
                .unwrap_err();
            assert_eq!(err.code(), "untrusted_accounts_server", "{server}");
        }
        let err = endpoints
            .resolve_redirect("ae", Some("https://accounts.zoho.ae"))
            .unwrap_err();
        assert_eq!(err.code(), "unknown_data_center");
    }

    #[test]
    fn overrides_replace_hosts_and_limit_the_allow_list() {
        let mut accounts = BTreeMap::new();
        let mut meeting = BTreeMap::new();
        accounts.insert("eu".to_owned(), "http://127.0.0.1:4001".to_owned());
        meeting.insert("eu".to_owned(), "http://127.0.0.1:4002".to_owned());
        let endpoints = Endpoints::from_maps(&accounts, &meeting).unwrap();
        assert_eq!(
            endpoints.data_centers().collect::<Vec<_>>(),
            vec![DataCenter::Eu]
        );
        assert_eq!(
            endpoints
                .resolve_redirect("eu", Some("http://127.0.0.1:4001"))
                .unwrap(),
            DataCenter::Eu
        );
        assert_eq!(
            endpoints.resolve_redirect("us", None).unwrap_err().code(),
            "unknown_data_center"
        );
        // No US host configured: authorization starts at the first configured DC.
        assert_eq!(
            endpoints.authorization_dc(DataCenter::Eu).unwrap(),
            DataCenter::Eu
        );
        assert_eq!(
            Endpoints::zoho().authorization_dc(DataCenter::Eu).unwrap(),
            DataCenter::Us
        );
        assert_eq!(
            Endpoints::zoho().authorization_dc(DataCenter::Cn).unwrap(),
            DataCenter::Cn
        );
        assert_eq!(
            Endpoints::empty()
                .authorization_dc(DataCenter::Us)
                .unwrap_err()
                .code(),
            "config"
        );
    }

    #[test]
    fn bad_overrides_are_config_errors() {
        let mut endpoints = Endpoints::empty();
        for bad in [
            "ftp://127.0.0.1",
            "http://127.0.0.1/api",
            "nonsense",
            "https://h/?q=1",
            "https://user:pw@h/",
        ] {
            let err = endpoints
                .set(DataCenter::Us, bad, "http://127.0.0.1:1")
                .unwrap_err();
            assert_eq!(err.code(), "config", "{bad}");
        }
        let mut accounts = BTreeMap::new();
        accounts.insert("xx".to_owned(), "http://127.0.0.1:1".to_owned());
        assert_eq!(
            Endpoints::from_maps(&accounts, &BTreeMap::new())
                .unwrap_err()
                .code(),
            "config"
        );
        accounts.clear();
        accounts.insert("us".to_owned(), "http://127.0.0.1:1".to_owned());
        assert_eq!(
            Endpoints::from_maps(&accounts, &BTreeMap::new())
                .unwrap_err()
                .code(),
            "config"
        );
    }

    #[test]
    fn plain_http_only_for_loopback_hosts() {
        let mut endpoints = Endpoints::empty();
        for good in [
            "http://127.0.0.1:4001",
            "http://127.8.9.10/",
            "http://[::1]:80",
            "http://localhost:1",
            "http://LOCALHOST",
            "https://accounts.example.com",
        ] {
            endpoints
                .set(DataCenter::Us, good, "https://meeting.example.com")
                .unwrap_or_else(|e| panic!("{good}: {e}"));
        }
        for bad in [
            "http://accounts.example.com",
            "http://10.0.0.1",
            "http://[::2]",
            "http://localhost.evil.example",
            "http://127.0.0.1.evil.example",
            "http://0.0.0.0",
        ] {
            let err = endpoints
                .set(DataCenter::Us, bad, "https://meeting.example.com")
                .unwrap_err();
            assert_eq!(err.code(), "config", "{bad}");
            assert!(err.to_string().contains("https"), "{bad}: {err}");
        }
    }

    #[test]
    fn each_endpoint_set_has_its_own_namespace() {
        assert_eq!(Endpoints::zoho().namespace(), "zoho");
        let set = |accounts: &str, meeting: &str| {
            let mut endpoints = Endpoints::empty();
            endpoints.set(DataCenter::Us, accounts, meeting).unwrap();
            endpoints
        };
        let a = set("http://127.0.0.1:4001", "http://127.0.0.1:4002");
        let b = set("http://127.0.0.1:5001", "http://127.0.0.1:5002");
        assert!(a.namespace().starts_with("custom-"));
        assert_ne!(a.namespace(), b.namespace());
        // The same set spelled differently is the same set.
        assert_eq!(
            a.namespace(),
            set("http://127.0.0.1:4001/", "HTTP://127.0.0.1:4002").namespace()
        );
        // Zoho's own hosts for one DC only are not Zoho mode.
        let us = DataCenter::Us;
        assert_ne!(
            set(us.zoho_accounts_url(), us.zoho_meeting_url()).namespace(),
            "zoho"
        );
        assert_eq!(
            b.host_names(),
            vec!["127.0.0.1:5001".to_owned(), "127.0.0.1:5002".to_owned()]
        );
    }
}
