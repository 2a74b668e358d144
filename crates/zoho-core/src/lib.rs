//! zmeet's domain core: everything that talks to Zoho or keeps its secrets, with no Tauri in
//! sight, so it is tested without a display.
//!
//! Start with [`ZohoClient`]: `begin_sign_in` → `complete_sign_in` (or the device flow's
//! `begin_device_sign_in` → `complete_device_sign_in`) → a [`Session`] for the Meeting API;
//! `restore` brings a stored session back; `sign_out` revokes and forgets it.

pub mod api;
pub mod client;
pub mod clock;
pub mod dc;
pub mod error;
pub mod http;
pub mod model;
pub mod oauth;
pub mod secret;
pub mod session;
pub mod store;
pub mod time;
pub mod tls;

pub use api::{ListEnd, ListType, Listing, PagingReading};
pub use client::{SignOutReport, SignedIn, ZohoClient, ZohoConfig};
pub use clock::{Clock, ManualClock, SharedClock, SystemClock};
pub use dc::{DataCenter, Endpoints};
pub use error::{ERROR_CODES, Error, Result};
pub use http::HttpConfig;
pub use model::{
    CurrentUser, Meeting, MeetingPatch, NewMeeting, NewWebinar, Webinar, WebinarPatch,
};
pub use oauth::{DeviceCode, DevicePolicy, PendingDeviceSignIn, PendingSignIn, RedirectKind};
pub use secret::Secret;
pub use session::{AccountInfo, Session, keyring_service};

pub use secrecy::{ExposeSecret, SecretString};
