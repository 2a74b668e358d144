//! The typed IPC surface: every command and event the UI may use, from which the
//! TypeScript bindings in `ui/src/bindings.ts` are generated.

use tauri_specta::{Builder, collect_commands, collect_events};

use crate::commands;
use crate::deep_link::ReceivedLink;

/// Where the generated bindings are committed, relative to the repository root.
pub const BINDINGS_PATH: &str = "ui/src/bindings.ts";

pub fn specta_builder() -> Builder<tauri::Wry> {
    Builder::<tauri::Wry>::new()
        .commands(collect_commands![
            commands::app_info,
            commands::keyring_probe_store,
            commands::keyring_probe_read,
            commands::keyring_probe_delete,
            commands::received_deep_links,
        ])
        .events(collect_events![ReceivedLink])
}

/// The bindings as TypeScript source.
pub fn bindings_source() -> String {
    let language = specta_typescript::Typescript::default()
        // Millisecond timestamps fit in a JS number; bigint would burden every caller.
        .bigint(specta_typescript::BigIntExportBehavior::Number)
        .header("// Generated from the Rust commands by `UPDATE_BINDINGS=1 cargo test --lib ipc`. Do not edit.\n");
    specta_builder().export_str(language).expect("bindings export")
}

#[cfg(test)]
mod tests {
    #[test]
    fn committed_bindings_are_current() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let path = root.join(super::BINDINGS_PATH);
        let generated = super::bindings_source();
        if std::env::var_os("UPDATE_BINDINGS").is_some() {
            std::fs::write(&path, &generated).expect("write bindings");
        }
        let committed = std::fs::read_to_string(&path).unwrap_or_default();
        assert!(
            committed == generated,
            "{} is stale: run `UPDATE_BINDINGS=1 cargo test --lib ipc`",
            super::BINDINGS_PATH
        );
    }
}
