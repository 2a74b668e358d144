//! Back to the tray-only state when the last window closes. Destroying a webview leaves
//! WebKit behind in the process (its network process, the heap and the libraries the
//! window touched): about 0.44× of the memory with the window open. A start with
//! `--minimized` never loads any of it, so on Linux the process replaces itself (`exec`, same
//! pid) with `zmeet --minimized`. Everything that must survive is already outside the
//! process: the session in the keyring, the calendar and the pending writes in the local
//! store (transactional), the reminder log on disk. What lives only in the process is waited
//! for first (a sync, a sign-in whose callback this process must receive, a notification
//! whose buttons this process answers). See `docs/architecture.md`.

use tauri::{AppHandle, Manager};

use crate::MINIMIZED_ARG;
use crate::state::AppState;

/// The last window has closed: drops to tray-only once nothing in flight needs this process.
pub fn last_window_closed(app: &AppHandle) {
    if cfg!(not(target_os = "linux")) {
        return;
    }
    let app = app.clone();
    tauri::async_runtime::spawn(async move {
        if let Some(why) = reason_to_stay(&app).await {
            tracing::info!("last window closed; staying as is: {why}");
            return;
        }
        let handle = app.clone();
        // On the main thread, after any window the tray opened meanwhile has been created.
        let scheduled = app.run_on_main_thread(move || restart_if_windowless(&handle));
        if let Err(error) = scheduled {
            tracing::warn!("cannot drop to tray-only: {error}");
        }
    });
}

/// Waits for what this process must finish itself; returns why it must stay as it is (the
/// next window close tries again).
async fn reason_to_stay(app: &AppHandle) -> Option<&'static str> {
    let state = app.state::<AppState>();
    // A sync in flight finishes first (its writes are transactional, but its work would be
    // lost and redone).
    drop(state.hold_syncs().await);
    if let Some(account) = state.account.read().await.as_ref() {
        // A loopback listener or a code being polled exists only in this process (a deep-link
        // sign-in is kept in the keyring and completes in the next one).
        if account.loopback_waiting().await || account.verification_url().await.is_some() {
            return Some("a sign-in is waiting in this process");
        }
    }
    // A reminder's buttons are answered by the process that showed it.
    let mut shown = crate::notify::waiting();
    if shown.wait_for(|count| *count == 0).await.is_err() {
        return Some("cannot follow the notifications shown");
    }
    None
}

fn restart_if_windowless(app: &AppHandle) {
    if !app.webview_windows().is_empty() {
        return;
    }
    let state = app.state::<AppState>();
    // Held through the exec, so no sync starts in between.
    let Some(_no_sync) = state.try_hold_syncs() else {
        // A sync started meanwhile: wait for it again.
        last_window_closed(app);
        return;
    };
    tracing::info!("last window closed: restarting as tray-only (same process id)");
    let error = exec_minimized();
    tracing::warn!("cannot restart as tray-only, staying as is: {error}");
}

/// Replaces this process with `zmeet --minimized`; returns only on failure. Through
/// `/proc/self/exe`, so an upgrade installed meanwhile does not swap the binary under a
/// running session. Other arguments are left out: a deep link was handled already, and
/// WebDriver's `--automation` belongs to the session that just ended.
#[cfg(target_os = "linux")]
fn exec_minimized() -> std::io::Error {
    use std::os::unix::process::CommandExt;
    let argv0 = std::env::args_os().next().unwrap_or_else(|| "zmeet".into());
    std::process::Command::new("/proc/self/exe")
        .arg0(argv0)
        .arg(MINIMIZED_ARG)
        .exec()
}

#[cfg(not(target_os = "linux"))]
fn exec_minimized() -> std::io::Error {
    std::io::Error::other(format!("{MINIMIZED_ARG} restart is Linux only"))
}

/// At start: children left by the process this one replaced (WebKit's network process,
/// which exits when its connection to the old image closes) are still children of this
/// pid; reap them as they exit, or they stay zombies. A normal start has none.
pub fn reap_inherited_children() {
    let children = children_of_self();
    if children.is_empty() {
        return;
    }
    tracing::info!(
        "reaping {} processes left by the replaced image",
        children.len()
    );
    std::thread::spawn(move || {
        for pid in children {
            // SAFETY: waitpid on a child pid with a null status pointer writes nothing.
            let reaped = unsafe { libc::waitpid(pid, std::ptr::null_mut(), 0) };
            if reaped != pid {
                tracing::warn!(
                    "cannot reap process {pid}: {}",
                    std::io::Error::last_os_error()
                );
            }
        }
    });
}

fn children_of_self() -> Vec<libc::pid_t> {
    let Ok(tasks) = std::fs::read_dir("/proc/self/task") else {
        return Vec::new();
    };
    tasks
        .flatten()
        .filter_map(|task| std::fs::read_to_string(task.path().join("children")).ok())
        .flat_map(|list| {
            list.split_whitespace()
                .filter_map(|pid| pid.parse().ok())
                .collect::<Vec<_>>()
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_fresh_process_has_no_inherited_children_until_it_spawns_one() {
        let before = children_of_self();
        let mut child = std::process::Command::new("sleep")
            .arg("30")
            .spawn()
            .unwrap();
        let pid = child.id() as libc::pid_t;
        assert!(children_of_self().contains(&pid), "{pid} is listed");
        assert!(!before.contains(&pid));
        child.kill().unwrap();
        child.wait().unwrap();
        assert!(
            !children_of_self().contains(&pid),
            "reaped: no longer listed"
        );
    }
}
