//! Zoho Accounts OAuth 2.0: authorization request with PKCE, callback checks, the loopback
//! listener, the device flow and the token endpoint.

pub mod authorize;
pub mod callback;
pub mod device;
pub mod loopback;
pub mod pkce;
pub mod token_endpoint;

pub use authorize::{
    AcceptedCallback, DEEP_LINK_REDIRECT_URI, PendingSignIn, RedirectKind, RedirectTarget, SCOPES,
};
pub use device::{DeviceCode, DevicePolicy, PendingDeviceSignIn};
pub use loopback::LoopbackListener;
pub use token_endpoint::{GrantKind, TokenEndpoint, TokenGrant};
