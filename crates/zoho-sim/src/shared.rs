//! The state every host of one simulator run shares, and the per-host context handlers get.

use std::sync::{Arc, Mutex, MutexGuard};

use crate::accounts::tokens::TokenStore;
use crate::clock::SimClock;
use crate::config::SimConfig;
use crate::faults::FaultState;
use crate::info::SimInfo;
use crate::log::{HostKind, RequestLog};
use crate::store::Store;

#[derive(Debug)]
pub struct Shared {
    pub config: SimConfig,
    pub info: SimInfo,
    pub clock: SimClock,
    pub tokens: Mutex<TokenStore>,
    pub store: Mutex<Store>,
    pub faults: Mutex<FaultState>,
    pub log: RequestLog,
}

impl Shared {
    pub fn tokens(&self) -> MutexGuard<'_, TokenStore> {
        self.tokens.lock().expect("token lock")
    }

    pub fn store(&self) -> MutexGuard<'_, Store> {
        self.store.lock().expect("store lock")
    }

    pub fn faults(&self) -> MutexGuard<'_, FaultState> {
        self.faults.lock().expect("fault lock")
    }
}

/// Which host a request arrived at: handlers need the DC to enforce "tokens only work on
/// their own DC".
#[derive(Clone, Debug)]
pub struct HostCtx {
    pub sim: Arc<Shared>,
    pub dc: String,
    pub kind: HostKind,
}
