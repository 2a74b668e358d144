//! zmeet's application layer, with no Tauri in it: what the desktop shell (`src-tauri/`)
//! calls into. It talks to the outside only through small traits and channels, so its tests
//! run without a display. See `docs/architecture.md` for what talks to what.

// Lets code moved here from the shell keep its `zmeet_core::` paths.
extern crate self as zmeet_core;

pub mod account;
pub mod autostart;
pub mod calendar;
pub mod connection;
pub mod desktop_entry;
pub mod diagnostics;
pub mod due_reminders;
pub mod endpoint_override;
pub mod error;
pub mod event_requests;
pub mod global_keys;
pub mod incoming_link;
pub mod launch_data;
pub mod links;
pub mod local_zone;
pub mod logging;
pub mod network_watch;
pub mod redact;
pub mod reminders;
pub mod scheme_registration;
pub mod services;
pub mod settings;
pub mod settings_service;
pub mod shortcuts;
pub mod start_at_login;
pub mod tray;
pub mod tray_actions;
#[cfg(debug_assertions)]
pub mod tray_test_hook;
pub mod unchanged;
pub mod web_painting;
