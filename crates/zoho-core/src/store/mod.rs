//! Where secrets live: the OS keyring in the app, an in-memory map in unit tests.

mod keyring_store;
mod memory_store;

pub use keyring_store::KeyringStore;
pub use memory_store::MemoryStore;

use secrecy::SecretString;

/// Why a secret could not be read, written or deleted.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// No Secret Service answered, or it is locked. The keyring crate reports a locked
    /// keyring as "no entry" on read and "no storage access" on write; both mean the same
    /// thing to a user: unlock or start a keyring.
    #[error("no unlocked keyring is available: {0}")]
    Unavailable(String),
    /// The keyring did not answer in time (it may be showing an unlock prompt).
    #[error("the keyring did not answer within {0:?}")]
    TimedOut(std::time::Duration),
    /// The keyring answered with something else that went wrong.
    #[error("the keyring failed: {0}")]
    Failed(String),
}

/// A place to keep named secrets for one service.
///
/// Calls may block (the keyring is a D-Bus round trip that can wait on a prompt): call them
/// from a blocking context, e.g. `tokio::task::spawn_blocking`.
pub trait TokenStore: Send + Sync {
    /// Stores `value` under `key`, replacing what was there.
    fn put(&self, key: &str, value: &SecretString) -> Result<(), StoreError>;
    /// Reads the secret under `key`; `None` when there is none.
    fn get(&self, key: &str) -> Result<Option<SecretString>, StoreError>;
    /// Deletes the secret under `key`; deleting a missing one is not an error.
    fn delete(&self, key: &str) -> Result<(), StoreError>;
}

/// How long a keyring call may take before we give up on it: long enough for a slow D-Bus,
/// short enough that a hidden unlock prompt does not freeze the app.
pub const KEYRING_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(10);

/// Runs a blocking store call on the blocking thread pool, giving up after `timeout`.
pub async fn run_blocking<T, F>(timeout: std::time::Duration, call: F) -> Result<T, StoreError>
where
    T: Send + 'static,
    F: FnOnce() -> Result<T, StoreError> + Send + 'static,
{
    match tokio::time::timeout(timeout, tokio::task::spawn_blocking(call)).await {
        Ok(Ok(result)) => result,
        Ok(Err(join_error)) => Err(StoreError::Failed(format!(
            "keyring call panicked: {join_error}"
        ))),
        Err(_) => Err(StoreError::TimedOut(timeout)),
    }
}
