//! Retrying at once when the network comes back: NetworkManager's `StateChanged` signal on
//! the system bus. Where there is no NetworkManager (or no system bus) the retry loop's
//! timer alone brings the app back online.

use futures_util::StreamExt;
use tauri::{AppHandle, Manager};

use super::connectivity::Connectivity;

/// `NM_STATE_CONNECTED_LOCAL`: from here up (site, global) a retry may succeed.
const NM_STATE_CONNECTED_LOCAL: u32 = 50;

/// Whether a NetworkManager state is worth a retry.
pub fn is_connected(state: u32) -> bool {
    state >= NM_STATE_CONNECTED_LOCAL
}

pub fn start(app: &AppHandle) {
    let app = app.clone();
    tauri::async_runtime::spawn(async move {
        if let Err(error) = watch(&app).await {
            eprintln!(
                "zmeet: not watching NetworkManager ({error}); offline retries run on a timer"
            );
        }
    });
}

async fn watch(app: &AppHandle) -> zbus::Result<()> {
    let bus = zbus::Connection::system().await?;
    let rule = zbus::MatchRule::builder()
        .msg_type(zbus::message::Type::Signal)
        .interface("org.freedesktop.NetworkManager")?
        .member("StateChanged")?
        .build();
    let mut signals = zbus::MessageStream::for_match_rule(rule, &bus, None).await?;
    while let Some(signal) = signals.next().await {
        let state = signal.and_then(|signal| signal.body().deserialize::<u32>());
        match state {
            Ok(state) if is_connected(state) => {
                let connectivity = app.state::<Connectivity>();
                if connectivity.is_offline() {
                    connectivity.wake.notify_one();
                }
            }
            Ok(_) => {}
            Err(error) => eprintln!("zmeet: unreadable NetworkManager signal: {error}"),
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_connected_states_wake_the_retry() {
        // NetworkManager's NMState values.
        for (state, wakes) in [
            (0, false),
            (10, false),
            (20, false),
            (30, false),
            (40, false),
        ] {
            assert_eq!(is_connected(state), wakes, "{state}");
        }
        for state in [50, 60, 70] {
            assert!(is_connected(state), "{state}");
        }
    }
}
