//! Isolated headless desktop sessions for tests.
//!
//! A [`Session`] is what a person's login gives a program: a home folder, a display, a
//! D-Bus session bus and an unlocked keyring. Each one is private to the test that made it
//! (a temporary HOME and XDG folders, its own Xvfb display, its own bus), so tests never
//! touch a user's data or keyring and two apps under test never see each other through
//! single-instance. Everything a session starts is stopped when it is dropped, also when the
//! test panics. Every program a session runs carries [`SESSION_MARKER`] (the session's id)
//! in its environment, so [`Session::processes_of`] counts that session's processes only.

mod process;
mod session;
mod session_processes;
mod tauri_driver;

pub use process::Guarded;
pub use session::{Session, SessionOptions};
pub use session_processes::{SESSION_MARKER, processes_in_session, processes_in_session_where};
pub use tauri_driver::TauriDriver;
