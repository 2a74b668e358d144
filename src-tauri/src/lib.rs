//! The zmeet desktop shell: Tauri commands, windows, the deep link and (later) the tray.
//! Domain logic lives in the Tauri-free crates under `crates/`.

mod account;
mod calendar;
mod commands;
mod deep_link;
mod error;
mod ipc;
mod lifecycle;
mod settings;
mod state;
mod windows;

use ipc::specta_builder;
use tauri::Manager;
use tauri_plugin_deep_link::DeepLinkExt;

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
            windows::create_main(app.handle())?;
            let handle = app.handle().clone();
            tauri::async_runtime::spawn(async move { lifecycle::connect(&handle).await });
            Ok(())
        })
        .run(tauri::generate_context!())
        .expect("error while running zmeet");
}
