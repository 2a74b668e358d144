//! The commands the UI may invoke. Each is thin: it validates, calls into the account,
//! calendar or domain crates, and maps errors to stable codes.

pub mod autostart;
pub mod calendar;
pub mod connection;
pub mod copy_diagnostics;
pub mod diagnostics;
pub mod launch;
pub mod quick;
pub mod search;
pub mod session;
pub mod settings;
