// Prevents an extra console window on Windows in release builds.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

use zmeet_lib::cli::{self, Request};

fn main() {
    // Before Tauri: `--version` and `--help` must not open a window or touch the keyring.
    let args = std::env::args_os().skip(1);
    match cli::parse(args.map(|arg| arg.to_string_lossy().into_owned())) {
        Request::Run => {
            // Before any thread exists (the environment is read by WebKit's processes, which
            // inherit it): without a GPU, Skia's CPU painter, not llvmpipe (why: the module).
            if zmeet_core::web_painting::Machine::read().paint_with_cpu() {
                // SAFETY: still single-threaded here, so nothing reads the environment meanwhile.
                unsafe { std::env::set_var(zmeet_core::web_painting::CPU_PAINTING_ENV, "1") };
            }
            // Before Tauri, so that its start is logged too; never panics.
            zmeet_core::logging::init();
            zmeet_lib::run()
        }
        Request::Print(text) => print!("{text}"),
    }
}
