// Prevents an extra console window on Windows in release builds.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

use zmeet_lib::cli::{self, Request};

fn main() {
    // Before Tauri: `--version` and `--help` must not open a window or touch the keyring.
    let args = std::env::args_os().skip(1);
    match cli::parse(args.map(|arg| arg.to_string_lossy().into_owned())) {
        Request::Run => {
            // Before Tauri, so that its start is logged too; never panics.
            zmeet_core::logging::init();
            zmeet_lib::run()
        }
        Request::Print(text) => print!("{text}"),
    }
}
