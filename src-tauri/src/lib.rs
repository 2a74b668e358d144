//! The zmeet desktop shell: what needs Tauri, and nothing else. The application logic is
//! in `zmeet-core` (account, calendar cache, settings, reminders, tray model, error codes),
//! Zoho in `zoho-core`; see `docs/architecture.md`.
//!
//! What is where, from the bottom up (a module uses only those before it; no cycles,
//! checked by `tests/module_graph.rs`):
//! - `app_paths`, `events`, `windows`, `notify`: file paths, the events sent to the UI, the
//!   windows, desktop notifications (their buttons reach the tray through a channel).
//! - `state`: what Tauri manages (the core's `AppCore`, received deep links).
//!   `launch_data`: the stored month handed to the main window's page as it loads (served
//!   on `zmeetlaunch:`, main window only).
//! - `session`: the core for a handle, the account's status, the signed-in session for a
//!   call, the browser; `connectivity`: the `connection-status` event; `sync`.
//! - `offline`: starts the retry loop; `meetings`: create / links, shared by the
//!   commands and the tray; `pasted_secret`; `core_ports`: the core's event sink and
//!   desktop over the `AppHandle` (the services themselves are `zmeet_core::services`).
//! - `lifecycle`: connecting the account, sign-in and sign-out; `deep_link`: receiving and
//!   registering `dev.zmeet.desktop:` links.
//! - `tray` (renders the core's menu model, runs actions), `reminders`, `global_shortcuts`,
//!   `background` (the periodic tick), `tray_only` (the drop back to a `--minimized` process
//!   when the last window closes); `desk_start`: starts those after the main window's first
//!   frame (a start's order: window, connect, then these; why: the module).
//! - `commands` (IPC to core calls) and `ipc` (the bindings); `cli`; `test_hooks` (debug
//!   builds only).
//!
//! The core's modules appear here under their own names (`crate::account`, …) through the
//! `use` below.

mod app_paths;
mod background;
pub mod cli;
mod commands;
mod connectivity;
mod core_ports;
mod deep_link;
mod desk_start;
mod events;
mod global_shortcuts;
mod ipc;
mod launch_data;
mod lifecycle;
mod meetings;
mod notify;
mod offline;
mod pasted_secret;
mod reminders;
mod session;
mod state;
mod sync;
#[cfg(debug_assertions)]
mod test_hooks;
mod tray;
mod tray_only;
mod windows;

// The application layer, under the names the shell's modules use for it.
use zmeet_core::{account, calendar, error, local_zone, settings};

use ipc::specta_builder;

pub use zmeet_core::autostart::MINIMIZED_ARG;

/// Builds and runs the app until it quits.
pub fn run() {
    let specta = specta_builder();
    tauri::Builder::default()
        // single-instance must come first: a second launch (for example by the browser handing
        // over a deep link) forwards its arguments here and exits before anything else starts.
        // Deep links in them go straight to the handler: the deep-link plugin's own path
        // would broadcast the raw URL (code and state) to every webview as an event.
        .plugin(tauri_plugin_single_instance::init(|app, args, _cwd| {
            deep_link::receive_args(app, &args);
            windows::show_main(app);
        }))
        .plugin(tauri_plugin_opener::init())
        .plugin(tauri_plugin_clipboard_manager::init())
        .invoke_handler(specta.invoke_handler())
        .register_asynchronous_uri_scheme_protocol(launch_data::SCHEME, launch_data::serve)
        .setup(move |app| {
            specta.mount_events(app);
            tray_only::reap_inherited_children();
            core_ports::manage_state(app.handle());
            global_shortcuts::manage(app.handle());
            deep_link::register_scheme_in_background(app.handle());
            // A cold start by a deep link carries the URL as an argument.
            let args: Vec<String> = std::env::args().skip(1).collect();
            deep_link::receive_args(app.handle(), &args);
            // `--minimized` starts in the tray only (for autostart at login).
            let window_open = !std::env::args().any(|arg| arg == MINIMIZED_ARG);
            if window_open {
                windows::create_main(app.handle())?;
            }
            if window_open {
                // Until the page's first frame (desk_start), the connect's sync waits.
                session::core(app.handle()).hold_sync_until_painted();
            }
            let handle = app.handle().clone();
            tauri::async_runtime::spawn(async move { lifecycle::connect(&handle).await });
            // The tray, the shortcuts and the loops wait for the first paint.
            desk_start::start_after_first_paint(app.handle(), window_open);
            #[cfg(debug_assertions)]
            test_hooks::start(app.handle());
            Ok(())
        })
        .build(tauri::generate_context!())
        .expect("error while building zmeet")
        .run(|app, event| {
            // Closing the last window keeps the app in the tray, where it drops back to the
            // state of a `--minimized` start; only Quit (an explicit exit code) ends it.
            if let tauri::RunEvent::ExitRequested {
                code: None, api, ..
            } = event
            {
                api.prevent_exit();
                tray_only::last_window_closed(app);
            }
        });
}
