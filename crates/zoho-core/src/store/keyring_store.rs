use keyring::{Entry, Error as KeyringError};
use secrecy::{ExposeSecret, SecretString};

use super::{StoreError, TokenStore};

/// Secrets in the OS keyring (the Secret Service on Linux), one entry per key under a
/// service name. `secret-tool search service <service>` lists them.
pub struct KeyringStore {
    service: String,
}

impl KeyringStore {
    /// A store under `service`. Nothing is contacted until the first call.
    pub fn new(service: impl Into<String>) -> Self {
        Self {
            service: service.into(),
        }
    }

    pub fn service(&self) -> &str {
        &self.service
    }

    fn entry(&self, key: &str) -> Result<Entry, StoreError> {
        Entry::new(&self.service, key).map_err(map_error)
    }
}

impl TokenStore for KeyringStore {
    fn put(&self, key: &str, value: &SecretString) -> Result<(), StoreError> {
        self.entry(key)?
            .set_password(value.expose_secret())
            .map_err(map_error)
    }

    fn get(&self, key: &str) -> Result<Option<SecretString>, StoreError> {
        match self.entry(key)?.get_password() {
            Ok(value) => Ok(Some(SecretString::from(value))),
            Err(KeyringError::NoEntry) => Ok(None),
            Err(other) => Err(map_error(other)),
        }
    }

    fn delete(&self, key: &str) -> Result<(), StoreError> {
        match self.entry(key)?.delete_credential() {
            Ok(()) | Err(KeyringError::NoEntry) => Ok(()),
            Err(other) => Err(map_error(other)),
        }
    }
}

fn map_error(error: KeyringError) -> StoreError {
    match error {
        KeyringError::NoDefaultStore => {
            let why = match Entry::store_status() {
                Err(reason) => reason.to_string(),
                Ok(()) => "no Secret Service is running".to_owned(),
            };
            StoreError::Unavailable(why)
        }
        KeyringError::NoStorageAccess(reason) => StoreError::Unavailable(reason.to_string()),
        other => StoreError::Failed(other.to_string()),
    }
}
