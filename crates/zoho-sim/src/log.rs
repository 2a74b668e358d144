//! The request log tests read ("exactly one token request", "a revoke arrived"). It keeps
//! the method, the path (never the query string) and the grant type: never a token, a code
//! or a secret.

use std::sync::Mutex;

use serde::{Deserialize, Serialize};

#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[serde(rename_all = "snake_case")]
pub enum HostKind {
    Accounts,
    Meeting,
    Admin,
}

#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct RequestRecord {
    /// Location of the host that got the request ("us"); empty for the admin host.
    pub dc: String,
    pub host: HostKind,
    pub method: String,
    /// Path only; the query string is dropped because Zoho clients put codes and tokens there.
    pub path: String,
    /// `grant_type` of a token-endpoint request.
    pub grant_type: Option<String>,
    /// HTTP status sent; 0 when a fault meant no answer (reset or hang).
    pub status: u16,
    /// The injected fault, if any: "server_error", "reset" or "hang".
    pub fault: Option<String>,
    /// Simulated time the request arrived (RFC 3339).
    pub at: String,
    /// For device-flow polls: the answer given (`authorization_pending`, `slow_down`,
    /// `other_dc`, `access_denied`, `expired`, `granted`, or another error code).
    #[serde(default)]
    pub answer: Option<String>,
}

#[derive(Debug, Default)]
pub struct RequestLog {
    records: Mutex<Vec<RequestRecord>>,
}

impl RequestLog {
    pub fn push(&self, record: RequestRecord) {
        self.records.lock().expect("log lock").push(record);
    }

    pub fn snapshot(&self) -> Vec<RequestRecord> {
        self.records.lock().expect("log lock").clone()
    }

    pub fn clear(&self) {
        self.records.lock().expect("log lock").clear();
    }
}

/// Response extension a token handler sets so the log can name the grant type without the
/// logging layer reading (and buffering) the body.
#[derive(Clone, Debug)]
pub struct GrantTypeSeen(pub String);

/// Response extension a device-flow handler sets so the log can name its answer.
#[derive(Clone, Debug)]
pub struct AnswerSeen(pub String);
