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
mod ipc;
mod lifecycle;
mod local_zone;
mod notify;
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
use tauri_plugin_deep_link::DeepLinkExt;

/// Starts the app in the tray, without opening the main window.
pub const MINIMIZED_ARG: &str = "--minimized";

/// Builds and runs the app until it quits.
pub fn run() {
    let specta = specta_builder();
    tauri::Builder::default()
        // single-instance must come first: a second launch (for example by the browser handing
        // over a deep link) forwards its arguments here and exits before anything else starts.
        // With its deep-link feature, URLs in the second launch's arguments reach
        // on_open_url below; here we only bring the window forward.
        .plugin(tauri_plugin_single_instance::init(|app, _args, _cwd| {
            windows::show_main(app);
        }))
        .plugin(tauri_plugin_deep_link::init())
        .plugin(tauri_plugin_opener::init())
        .plugin(tauri_plugin_clipboard_manager::init())
        .invoke_handler(specta.invoke_handler())
        .setup(move |app| {
            specta.mount_events(app);
            app.manage(state::AppState::new());
            deep_link::register_scheme(app.handle());
            let handle = app.handle().clone();
            app.deep_link().on_open_url(move |event| {
                for url in event.urls() {
                    deep_link::receive(&handle, url.as_str());
                }
            });
            // A cold start by a deep link carries the URL as an argument.
            if let Ok(Some(urls)) = app.deep_link().get_current() {
                for url in urls {
                    deep_link::receive(app.handle(), url.as_str());
                }
            }
            // `--minimized` starts in the tray only (for autostart at login).
            if !std::env::args().any(|arg| arg == MINIMIZED_ARG) {
                windows::create_main(app.handle())?;
            }
            tray::install(app.handle())?;
            background::start(app.handle());
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
