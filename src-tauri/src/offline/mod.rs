//! Working without Zoho: the account's local store, whether Zoho can be reached, and what
//! the app does about it (say so, keep the data browsable, retry, refuse changes).

mod local_store;
mod network_watch;
mod reconcile;
mod retry;

pub use crate::connectivity::{
    ConnectionStatus, Connectivity, ensure_online, is_unreachable, status,
};
pub use local_store::open_and_sync;
pub use reconcile::{after_lost_create, known_keys};
pub use retry::start as start_retrying;
