//! One connection state machine: where the app's connection stands, in one `watch` channel.
//!
//! # States
//!
//! - [`Connecting`](ConnectionState::Connecting): a connect is under way.
//! - [`Ready { account, generation }`](ConnectionState::Ready): connected and signed in.
//! - [`SignedOut`](ConnectionState::SignedOut): connected, nobody signed in.
//! - [`Failed(error)`](ConnectionState::Failed): the connect failed (bad settings, say).
//!
//! # The generation rule
//!
//! Every connect — at start, after settings are saved, when demo mode is chosen, when a
//! sign-in completes — and every sign-out starts a new *generation*. Work carries the
//! generation it started in (a [`ConnectTicket`] for a connect, a [`Ticket`] for a sync or
//! a call), and its result counts only while that generation is still the current one:
//!
//! - [`Connection::finish`] of an older connect changes nothing, whichever order connects
//!   finish in: the last one *started* wins.
//! - A sync writes its results through [`Connection::write_if_current`], which checks the
//!   ticket while holding the data's lock; whoever ends a generation does so *before*
//!   locking the data to clear it. So nothing synced for a signed-out (or replaced) account
//!   lands after the clear.
//! - [`Connection::session_lost`] (Zoho said the session is gone) and
//!   [`Connection::reconnect_after`] (a sign-in completed) count only for the current
//!   generation: a late answer never undoes a newer sign-out or connect.
//! - [`Connection::sign_out`] always wins: it is the user's own, newest action.
//!
//! Code that needs the connection waits on the channel ([`Connection::settled`],
//! [`Connection::ready`], or [`Connection::subscribe`] and `changed()`), never by polling.

mod machine;
mod state;
mod ticket;

#[cfg(test)]
mod tests;

pub use machine::Connection;
pub use state::{ConnectionState, Outcome};
pub use ticket::{ConnectTicket, Ticket};
