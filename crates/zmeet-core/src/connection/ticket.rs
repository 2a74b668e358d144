//! Proof of which generation a piece of work started in.

/// The generation some work (a sync, a call to Zoho) started in. Its results count only
/// while no connect or sign-out has happened since: see
/// [`Connection::is_current`](super::Connection::is_current).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Ticket {
    pub(super) generation: u64,
}

impl Ticket {
    pub fn generation(&self) -> u64 {
        self.generation
    }
}

/// One connect's right to set the state, from
/// [`Connection::begin_connect`](super::Connection::begin_connect). Not `Clone`, and used up
/// by [`Connection::finish`](super::Connection::finish): a connect ends once.
#[derive(Debug, PartialEq, Eq)]
#[must_use = "a connect that is never finished leaves the state Connecting"]
pub struct ConnectTicket {
    pub(super) generation: u64,
}

impl ConnectTicket {
    pub fn generation(&self) -> u64 {
        self.generation
    }

    /// A guard of this connect's generation for work it starts (opening the store, say).
    pub fn guard(&self) -> Ticket {
        Ticket {
            generation: self.generation,
        }
    }
}
