//! A local simulator of Zoho Accounts OAuth 2.0 and the Zoho Meeting API v2, built from
//! `docs/zoho/API.md`: every DC's accounts and Meeting host on loopback, the limits
//! and quirks Zoho has, fault injection, seeded demo data and a request log. See README.md.

pub mod accounts;
pub mod admin;
pub mod browser;
pub mod clock;
pub mod config;
mod control;
pub mod data;
pub mod dc;
pub mod faults;
pub mod info;
pub mod log;
pub mod meeting;
mod middleware;
mod server;
mod shared;
mod sim;
pub mod store;

pub use accounts::pkce::s256_challenge;
pub use browser::BrowserError;
pub use config::{ALL_DCS, DEEP_LINK_REDIRECT_URI, LOOPBACK_REDIRECT_URI, SimConfig};
pub use faults::{
    FaultConfig, FaultHosts, HugeBodyFault, Latency, RateFault, ServerErrorFault, TargetedAction,
    TargetedFault,
};
pub use info::{GrantedTokens, SimInfo, SimUser};
pub use log::{HostKind, RequestRecord};
pub use sim::Simulator;
