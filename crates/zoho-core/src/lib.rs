//! zmeet's domain core: everything that talks to Zoho or keeps its secrets, with no Tauri in
//! sight, so it is tested without a display.

pub mod store;

pub use secrecy::{ExposeSecret, SecretString};
