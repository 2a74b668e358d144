//! The org's data as the simulator keeps it: instants in UTC plus the IANA zone they were
//! scheduled in. Response bodies are rendered from this by `meeting::format`.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use rand::rngs::StdRng;
use rand::{Rng, RngCore};
use sha2::{Digest, Sha256};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SessionKind {
    Meeting,
    Webinar,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Participant {
    /// Zoho sends participant ids as strings.
    pub id: String,
    pub email: String,
}

#[derive(Clone, Debug, PartialEq)]
pub struct StoredSession {
    pub key: u64,
    pub kind: SessionKind,
    pub topic: String,
    pub agenda: String,
    pub presenter_zuid: u64,
    pub start: DateTime<Utc>,
    pub duration_ms: i64,
    /// As the caller gave it (the alias `Asia/Calcutta` stays `Asia/Calcutta`).
    pub timezone: String,
    pub participants: Vec<Participant>,
    pub pwd: String,
    pub encrypt_pwd: String,
    pub sys_id: u64,
    /// The credential part of `meetingEmbedUrl` (host-only link).
    pub embed_token: String,
}

#[derive(Clone, Debug, PartialEq)]
pub struct DemoUser {
    pub zsoid: u64,
    pub zuid: u64,
    pub first_name: String,
    pub last_name: String,
    pub email: String,
    pub org_name: String,
    pub org_domain: String,
}

impl DemoUser {
    pub fn display_name(&self) -> String {
        format!("{} {}", self.first_name, self.last_name)
    }
}

/// The user, the org's sessions and the dice for new keys and passwords.
#[derive(Debug)]
pub struct Store {
    pub user: DemoUser,
    /// The user's DC: links in bodies use its Meeting domain.
    pub dc: String,
    pub sessions: BTreeMap<u64, StoredSession>,
    pub rng: StdRng,
}

impl Store {
    /// A meeting or webinar key not yet used (10 digits, like real keys).
    pub fn new_key(&mut self) -> u64 {
        loop {
            let key = self.rng.random_range(1_000_000_000..10_000_000_000u64);
            if !self.sessions.contains_key(&key) {
                return key;
            }
        }
    }

    pub fn new_participant_id(&mut self) -> String {
        self.rng
            .random_range(1_000_000_000_000..10_000_000_000_000u64)
            .to_string()
    }

    pub fn new_sys_id(&mut self) -> u64 {
        self.rng
            .random_range(10_000_000_000_000..100_000_000_000_000u64)
    }

    /// Meeting password and its SHA-256 form (the SDK examples show a 64-hex `encryptPwd`).
    pub fn new_password(&mut self, key: u64) -> (String, String) {
        const LETTERS: &[u8] = b"abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
        let pwd: String = (0..6)
            .map(|_| LETTERS[self.rng.random_range(0..LETTERS.len())] as char)
            .collect();
        let digest = Sha256::digest(format!("{pwd}:{key}").as_bytes());
        (pwd, hex(&digest))
    }

    pub fn new_embed_token(&mut self) -> String {
        let mut bytes = [0u8; 32];
        self.rng.fill_bytes(&mut bytes);
        hex(&bytes)
    }

    pub fn of_kind(&self, kind: SessionKind) -> impl Iterator<Item = &StoredSession> {
        self.sessions
            .values()
            .filter(move |session| session.kind == kind)
    }
}

pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|byte| format!("{byte:02x}")).collect()
}
