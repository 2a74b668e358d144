//! The states a connection can be in, as the watch channel carries them.

/// Where the app's connection to Zoho (or the demo) stands. `A` is what a ready connection
/// hands out (the shell's signed-in account), `E` why connecting failed (an error code and
/// a message).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ConnectionState<A, E> {
    /// A connect is under way: the simulator is starting, the keyring is being read, or a
    /// completed sign-in is being set up.
    Connecting,
    /// Connected and signed in; `generation` is the connect this account belongs to.
    Ready { account: A, generation: u64 },
    /// Connected, nobody signed in (never was, or signed out, or Zoho ended the session).
    SignedOut,
    /// The connect failed (bad settings, say); the next connect starts over.
    Failed(E),
}

impl<A, E> ConnectionState<A, E> {
    pub fn is_connecting(&self) -> bool {
        matches!(self, Self::Connecting)
    }

    /// The account, when ready.
    pub fn account(&self) -> Option<&A> {
        match self {
            Self::Ready { account, .. } => Some(account),
            _ => None,
        }
    }
}

/// How a connect ended, handed to [`Connection::finish`](super::Connection::finish).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome<A, E> {
    Ready(A),
    SignedOut,
    Failed(E),
}
