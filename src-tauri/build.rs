/// Every command the app defines. Listing them makes each one permission-gated: a window may
/// call only the commands its capability file in `src-tauri/capabilities/` grants.
/// Keep in step with `collect_commands!` in `src-tauri/src/ipc.rs` (a test checks it).
const COMMANDS: &[&str] = &[
    "app_info",
    "keyring_probe_store",
    "keyring_probe_read",
    "keyring_probe_delete",
    "received_deep_links",
    "session_status",
    "sign_in",
    "cancel_sign_in",
    "sign_out",
    "list_events",
    "get_event",
    "create_event",
    "update_event",
    "reschedule_event",
    "delete_event",
    "open_event_link",
    "time_zones",
    "get_settings",
    "save_settings",
    "use_demo_mode",
    "quick_defaults",
    "quick_create",
    "get_start_at_login",
    "set_start_at_login",
];

fn main() {
    // Capabilities live under src-tauri/; without this pattern tauri-build watches a
    // missing ./capabilities folder and reruns on every build.
    let attributes = tauri_build::Attributes::new()
        .capabilities_path_pattern("./src-tauri/capabilities/**/*")
        .app_manifest(tauri_build::AppManifest::new().commands(COMMANDS));
    tauri_build::try_build(attributes).expect("tauri-build failed");
}
