//! The zmeet desktop shell: Tauri commands, windows, the deep link and (later) the tray.
//! Domain logic lives in the Tauri-free crates under `crates/`.

mod account;
mod autostart;
mod background;
mod calendar;
pub mod cli;
mod commands;
mod deep_link;
mod error;
mod global_shortcuts;
mod ipc;
mod lifecycle;
mod links;
mod local_zone;
mod notify;
mod offline;
mod reminders;
mod settings;
mod state;
mod sync;
#[cfg(debug_assertions)]
mod test_hooks;
mod tray;
mod windows;

use ipc::specta_builder;
use tauri::Manager;

/// Starts the app in the tray, without opening the main window.
pub const MINIMIZED_ARG: &str = "--minimized";

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
        .setup(move |app| {
            specta.mount_events(app);
            app.manage(state::AppState::new());
            app.manage(offline::Connectivity::default());
            deep_link::register_scheme(app.handle());
            // A cold start by a deep link carries the URL as an argument.
            let args: Vec<String> = std::env::args().skip(1).collect();
            deep_link::receive_args(app.handle(), &args);
            // `--minimized` starts in the tray only (for autostart at login).
            if !std::env::args().any(|arg| arg == MINIMIZED_ARG) {
                windows::create_main(app.handle())?;
            }
            tray::install(app.handle())?;
            global_shortcuts::install(app.handle());
            background::start(app.handle());
            offline::start_retrying(app.handle());
            #[cfg(debug_assertions)]
            test_hooks::start(app.handle());
            let handle = app.handle().clone();
            tauri::async_runtime::spawn(async move { lifecycle::connect(&handle).await });
            Ok(())
        })
        .build(tauri::generate_context!())
        .expect("error while building zmeet")
        .run(|_app, event| {
            // Closing the last window destroys its webview but keeps the app in the tray;
            // only Quit (an explicit exit code) ends it.
            if let tauri::RunEvent::ExitRequested {
                code: None, api, ..
            } = event
            {
                api.prevent_exit();
            }
        });
}
