//! Noticing that the network is back, so an offline app retries at once instead of waiting
//! for its backoff timer: NetworkManager's signals on the system bus (`StateChanged`, and
//! `PropertiesChanged` of its `State` or `Connectivity`).
//!
//! Everything here is optional: without a system bus (containers, the headless test
//! sessions), with a bus that does not answer, or without NetworkManager on it, [`watch`]
//! gives up quietly (logged at info) and the timer alone brings the app back. Connecting is
//! bounded by a timeout and runs in the caller's background task, never on the start-up
//! path; the connection holds no thread that could keep the process from exiting.

use std::collections::HashMap;
use std::time::Duration;

use futures_util::StreamExt;
use zbus::message::{Message, Type};
use zbus::zvariant::OwnedValue;
use zbus::{Connection, MatchRule, MessageStream, connection};

/// NetworkManager's well-known name, and the interface its state signals belong to.
pub const NETWORK_MANAGER: &str = "org.freedesktop.NetworkManager";
const NETWORK_MANAGER_PATH: &str = "/org/freedesktop/NetworkManager";
const PROPERTIES: &str = "org.freedesktop.DBus.Properties";

/// `NM_STATE_CONNECTED_LOCAL`: from here up (site, global) a retry may reach Zoho. A retry
/// that fails costs one request, so a portal (site) is worth trying too.
const NM_STATE_CONNECTED_LOCAL: u32 = 50;
/// `NM_CONNECTIVITY_FULL`: NetworkManager reached the internet.
const NM_CONNECTIVITY_FULL: u32 = 4;

/// Which bus to watch.
#[derive(Debug, Clone, Copy)]
pub enum Bus<'a> {
    /// The system bus, where NetworkManager lives.
    System,
    /// A bus at a D-Bus address (`unix:path=…`): tests serve a NetworkManager on one.
    Address(&'a str),
}

/// What NetworkManager said that makes a retry worth it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NetworkBack {
    /// Its state became connected (an `NMState` at or above "connected, local").
    State(u32),
    /// Its connectivity check found the internet (`NMConnectivityState` "full").
    Connectivity(u32),
}

/// A subscription to NetworkManager's state signals on one bus connection.
pub struct NetworkWatch {
    signals: MessageStream,
    // The stream needs its connection alive.
    _bus: Connection,
}

impl NetworkWatch {
    /// Connects to `bus` and subscribes to NetworkManager's signals; `None` when nobody owns
    /// NetworkManager's name there. Signals sent after this returns are not missed.
    pub async fn connect(bus: Bus<'_>) -> zbus::Result<Option<NetworkWatch>> {
        let builder = match bus {
            Bus::System => connection::Builder::system()?,
            Bus::Address(address) => connection::Builder::address(address)?,
        };
        let connection = builder.build().await?;
        // Only signals from NetworkManager's name owner: the bus resolves the name, so
        // another client on the bus cannot fake a "network is back".
        let rule = MatchRule::builder()
            .msg_type(Type::Signal)
            .sender(NETWORK_MANAGER)?
            .path(NETWORK_MANAGER_PATH)?
            .build();
        let signals = MessageStream::for_match_rule(rule, &connection, Some(16)).await?;
        let present = zbus::fdo::DBusProxy::new(&connection)
            .await?
            .name_has_owner(NETWORK_MANAGER.try_into()?)
            .await?;
        Ok(present.then_some(NetworkWatch {
            signals,
            _bus: connection,
        }))
    }

    /// Waits for NetworkManager to say the network is back; `None` once the bus
    /// connection is gone.
    pub async fn network_back(&mut self) -> Option<NetworkBack> {
        while let Some(message) = self.signals.next().await {
            match message {
                Ok(message) => {
                    if let Some(back) = says_network_back(&message) {
                        return Some(back);
                    }
                }
                Err(error) => tracing::warn!(%error, "unreadable message from NetworkManager"),
            }
        }
        None
    }
}

/// Whether a signal from NetworkManager says the network is back, and how.
pub fn says_network_back(message: &Message) -> Option<NetworkBack> {
    let header = message.header();
    let interface = header.interface()?.as_str();
    let member = header.member()?.as_str();
    match (interface, member) {
        (NETWORK_MANAGER, "StateChanged") => {
            let state: u32 = message.body().deserialize().ok()?;
            (state >= NM_STATE_CONNECTED_LOCAL).then_some(NetworkBack::State(state))
        }
        (PROPERTIES, "PropertiesChanged") => {
            let (of, changed, _invalidated): (String, HashMap<String, OwnedValue>, Vec<String>) =
                message.body().deserialize().ok()?;
            if of != NETWORK_MANAGER {
                return None;
            }
            let number = |name: &str| changed.get(name)?.downcast_ref::<u32>().ok();
            if let Some(state) = number("State").filter(|s| *s >= NM_STATE_CONNECTED_LOCAL) {
                return Some(NetworkBack::State(state));
            }
            number("Connectivity")
                .filter(|c| *c == NM_CONNECTIVITY_FULL)
                .map(NetworkBack::Connectivity)
        }
        _ => None,
    }
}

/// Watches NetworkManager on `bus` and calls `on_network_back` each time it says the
/// network is back, until the bus goes away. Gives up quietly (logged at info) when the bus
/// cannot be reached, does not answer within `connect_timeout`, or has no NetworkManager.
pub async fn watch(bus: Bus<'_>, connect_timeout: Duration, mut on_network_back: impl FnMut()) {
    let mut watch = match tokio::time::timeout(connect_timeout, NetworkWatch::connect(bus)).await {
        Ok(Ok(Some(watch))) => watch,
        Ok(Ok(None)) => {
            tracing::info!(
                ?bus,
                "no NetworkManager on the bus; offline retries run on a timer"
            );
            return;
        }
        Ok(Err(error)) => {
            tracing::info!(?bus, %error, "no D-Bus to watch the network on; offline retries run on a timer");
            return;
        }
        Err(_) => {
            tracing::info!(
                ?bus,
                ?connect_timeout,
                "the D-Bus did not answer in time; offline retries run on a timer"
            );
            return;
        }
    };
    tracing::info!(?bus, "watching NetworkManager for the network coming back");
    while let Some(back) = watch.network_back().await {
        tracing::info!(?back, "NetworkManager says the network is back");
        on_network_back();
    }
    tracing::info!(
        ?bus,
        "the D-Bus connection closed; offline retries run on a timer"
    );
}

#[cfg(test)]
mod tests {
    use super::*;
    use zbus::zvariant::Value;

    fn state_changed(state: u32) -> Message {
        Message::signal(NETWORK_MANAGER_PATH, NETWORK_MANAGER, "StateChanged")
            .unwrap()
            .build(&(state,))
            .unwrap()
    }

    fn properties_changed(of: &str, name: &str, value: u32) -> Message {
        let changed = HashMap::from([(name, Value::from(value))]);
        Message::signal(NETWORK_MANAGER_PATH, PROPERTIES, "PropertiesChanged")
            .unwrap()
            .build(&(of, changed, Vec::<String>::new()))
            .unwrap()
    }

    #[test]
    fn only_connected_states_say_the_network_is_back() {
        // NMState: unknown, asleep, disconnected, disconnecting, connecting.
        for state in [0, 10, 20, 30, 40] {
            assert_eq!(says_network_back(&state_changed(state)), None, "{state}");
        }
        // Connected: local, site, global.
        for state in [50, 60, 70] {
            assert_eq!(
                says_network_back(&state_changed(state)),
                Some(NetworkBack::State(state))
            );
        }
    }

    #[test]
    fn a_property_change_counts_for_the_state_and_full_connectivity_only() {
        assert_eq!(
            says_network_back(&properties_changed(NETWORK_MANAGER, "State", 70)),
            Some(NetworkBack::State(70))
        );
        assert_eq!(
            says_network_back(&properties_changed(NETWORK_MANAGER, "State", 20)),
            None
        );
        // NMConnectivityState: unknown, none, portal, limited, full.
        for connectivity in [0, 1, 2, 3] {
            assert_eq!(
                says_network_back(&properties_changed(
                    NETWORK_MANAGER,
                    "Connectivity",
                    connectivity
                )),
                None
            );
        }
        assert_eq!(
            says_network_back(&properties_changed(NETWORK_MANAGER, "Connectivity", 4)),
            Some(NetworkBack::Connectivity(4))
        );
        // Another interface's properties, or another property, say nothing.
        assert_eq!(
            says_network_back(&properties_changed(
                "org.freedesktop.NetworkManager.Device",
                "State",
                100
            )),
            None
        );
        assert_eq!(
            says_network_back(&properties_changed(NETWORK_MANAGER, "WirelessEnabled", 1)),
            None
        );
    }

    #[test]
    fn a_malformed_signal_says_nothing() {
        let wrong_body = Message::signal(NETWORK_MANAGER_PATH, NETWORK_MANAGER, "StateChanged")
            .unwrap()
            .build(&("connected",))
            .unwrap();
        assert_eq!(says_network_back(&wrong_body), None);
        let other = Message::signal(NETWORK_MANAGER_PATH, NETWORK_MANAGER, "DeviceAdded")
            .unwrap()
            .build(&(70u32,))
            .unwrap();
        assert_eq!(says_network_back(&other), None);
    }
}
