//! The Zoho account the app works with: how it connects (demo, custom endpoints or Zoho),
//! sign-in and sign-out, and the signed-in session.

mod connection;
mod demo;
mod device;
mod qr;
mod service;
mod status;

pub use crate::endpoint_override::EndpointOverride;
pub use connection::{ENDPOINTS_ENV, Mode, Plan, plan, selected_endpoints};
pub use device::explain as explain_device_failure;
pub use service::Account;
pub use status::{SessionStatus, SignInState};
