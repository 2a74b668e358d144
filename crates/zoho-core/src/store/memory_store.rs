use std::collections::HashMap;
use std::sync::Mutex;

use secrecy::{ExposeSecret, SecretString};

use super::{StoreError, TokenStore};

/// An in-memory store, for unit tests only: it forgets everything when dropped.
#[derive(Default)]
pub struct MemoryStore {
    secrets: Mutex<HashMap<String, SecretString>>,
}

impl MemoryStore {
    pub fn new() -> Self {
        Self::default()
    }
}

impl TokenStore for MemoryStore {
    fn put(&self, key: &str, value: &SecretString) -> Result<(), StoreError> {
        let copy = SecretString::from(value.expose_secret().to_owned());
        self.secrets
            .lock()
            .expect("store lock")
            .insert(key.to_owned(), copy);
        Ok(())
    }

    fn get(&self, key: &str) -> Result<Option<SecretString>, StoreError> {
        let secrets = self.secrets.lock().expect("store lock");
        Ok(secrets
            .get(key)
            .map(|s| SecretString::from(s.expose_secret().to_owned())))
    }

    fn delete(&self, key: &str) -> Result<(), StoreError> {
        self.secrets.lock().expect("store lock").remove(key);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn put_get_delete_round_trip() {
        let store = MemoryStore::new();
        assert!(store.get("k").unwrap().is_none());
        store.put("k", &SecretString::from("v1")).unwrap();
        store.put("k", &SecretString::from("v2")).unwrap();
        assert_eq!(store.get("k").unwrap().unwrap().expose_secret(), "v2");
        store.delete("k").unwrap();
        store.delete("k").unwrap();
        assert!(store.get("k").unwrap().is_none());
    }
}
