//! [`Connection`]: the one place the connection state changes, with the generation rule.

use std::sync::atomic::{AtomicU64, Ordering};

use tokio::sync::watch;

use super::state::{ConnectionState, Outcome};
use super::ticket::{ConnectTicket, Ticket};

/// The connection state machine: a `watch` channel of [`ConnectionState`] and the current
/// generation. See the module doc for the rules.
pub struct Connection<A, E> {
    state: watch::Sender<ConnectionState<A, E>>,
    /// Changed only inside the channel's `send_*` closures, which run under the channel's
    /// lock: a state and its generation always change together.
    generation: AtomicU64,
}

impl<A: Clone, E: Clone> Default for Connection<A, E> {
    fn default() -> Self {
        Self::new()
    }
}

impl<A: Clone, E: Clone> Connection<A, E> {
    /// Starts `Connecting`, in generation 0 (the start-up connect's `begin_connect` makes it 1).
    pub fn new() -> Self {
        Self {
            state: watch::Sender::new(ConnectionState::Connecting),
            generation: AtomicU64::new(0),
        }
    }

    /// A receiver of every change, for code that waits on the connection.
    pub fn subscribe(&self) -> watch::Receiver<ConnectionState<A, E>> {
        self.state.subscribe()
    }

    /// The state now.
    pub fn current(&self) -> ConnectionState<A, E> {
        self.state.borrow().clone()
    }

    pub fn generation(&self) -> u64 {
        self.generation.load(Ordering::SeqCst)
    }

    /// The generation now, for work whose results must not outlive it (a sync).
    pub fn ticket(&self) -> Ticket {
        Ticket {
            generation: self.generation(),
        }
    }

    /// Whether no connect or sign-out has happened since `ticket` was taken.
    pub fn is_current(&self, ticket: &Ticket) -> bool {
        ticket.generation == self.generation()
    }

    /// Starts a connect (at start, after settings are saved, when demo mode is chosen):
    /// a new generation, state `Connecting`. Every ticket taken before is stale from now on.
    pub fn begin_connect(&self) -> ConnectTicket {
        let mut generation = 0;
        self.state.send_modify(|state| {
            generation = self.generation.fetch_add(1, Ordering::SeqCst) + 1;
            *state = ConnectionState::Connecting;
        });
        ConnectTicket { generation }
    }

    /// Starts a connect that continues the one `seen` was taken in (a sign-in completed on
    /// that connect's account), unless something newer has happened since: then `None`,
    /// and the caller drops what it has.
    pub fn reconnect_after(&self, seen: &Ticket) -> Option<ConnectTicket> {
        let mut generation = None;
        self.state.send_if_modified(|state| {
            if self.generation.load(Ordering::SeqCst) != seen.generation {
                return false;
            }
            generation = Some(self.generation.fetch_add(1, Ordering::SeqCst) + 1);
            *state = ConnectionState::Connecting;
            true
        });
        generation.map(|generation| ConnectTicket { generation })
    }

    /// Ends the connect of `ticket` with `outcome`, unless a newer connect or a sign-out has
    /// happened since: then nothing changes (and nobody is woken). Returns whether the
    /// outcome was taken.
    pub fn finish(&self, ticket: ConnectTicket, outcome: Outcome<A, E>) -> bool {
        self.state.send_if_modified(|state| {
            let generation = self.generation.load(Ordering::SeqCst);
            if generation != ticket.generation {
                return false;
            }
            *state = match outcome {
                Outcome::Ready(account) => ConnectionState::Ready {
                    account,
                    generation,
                },
                Outcome::SignedOut => ConnectionState::SignedOut,
                Outcome::Failed(error) => ConnectionState::Failed(error),
            };
            true
        })
    }

    /// The user signed out: a new generation, state `SignedOut`, whatever was under way (a
    /// connect, a sync, a token refresh) now stale. Returns the new generation's ticket.
    pub fn sign_out(&self) -> Ticket {
        let mut generation = 0;
        self.state.send_modify(|state| {
            generation = self.generation.fetch_add(1, Ordering::SeqCst) + 1;
            *state = ConnectionState::SignedOut;
        });
        Ticket { generation }
    }

    /// Zoho said the session of a call made under `ticket` is gone: `SignedOut` (a new
    /// generation), unless that generation is already over. Returns whether it counted.
    pub fn session_lost(&self, ticket: &Ticket) -> bool {
        self.state.send_if_modified(|state| {
            if self.generation.load(Ordering::SeqCst) != ticket.generation {
                return false;
            }
            self.generation.fetch_add(1, Ordering::SeqCst);
            *state = ConnectionState::SignedOut;
            true
        })
    }

    /// Waits while a connect is under way and returns where it ended.
    pub async fn settled(&self) -> ConnectionState<A, E> {
        let mut receiver = self.subscribe();
        receiver
            .wait_for(|state| !state.is_connecting())
            .await
            .expect("the sender lives as long as self")
            .clone()
    }

    /// Waits until connected and signed in; returns the account and its generation.
    pub async fn ready(&self) -> (A, Ticket) {
        let mut receiver = self.subscribe();
        let ready = receiver
            .wait_for(|state| state.account().is_some())
            .await
            .expect("the sender lives as long as self");
        match &*ready {
            ConnectionState::Ready {
                account,
                generation,
            } => (
                account.clone(),
                Ticket {
                    generation: *generation,
                },
            ),
            _ => unreachable!("waited for Ready"),
        }
    }

    /// Runs `write` on `data` (the calendar cache, say) only if `ticket` is still current,
    /// checked while `data` is locked. Paired with the rule that whoever ends a generation
    /// (connect, sign-out) does so before locking `data` to clear it, no result of an old
    /// generation lands after the clear.
    pub async fn write_if_current<T, R>(
        &self,
        ticket: &Ticket,
        data: &tokio::sync::Mutex<T>,
        write: impl FnOnce(&mut T) -> R,
    ) -> Option<R> {
        let mut data = data.lock().await;
        self.is_current(ticket).then(|| write(&mut data))
    }
}
