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
    "open_verification_url",
    "copy_verification_url",
    "search_events",
    "global_shortcut_status",
    "get_theme",
    "get_start_at_login",
    "set_start_at_login",
    "connection_status",
    "copy_diagnostics",
    "first_frame_painted",
];

fn main() {
    // Capabilities live under src-tauri/; without this pattern tauri-build watches a
    // missing ./capabilities folder and reruns on every build.
    // The capabilities in `debug/` (the keyring probe of the diagnostics panel) are granted
    // in development builds only: a release build lists none of them.
    let capabilities = if std::env::var("PROFILE").as_deref() == Ok("release") {
        "./src-tauri/capabilities/*.json"
    } else {
        "./src-tauri/capabilities/**/*"
    };
    let attributes = tauri_build::Attributes::new()
        .capabilities_path_pattern(capabilities)
        .app_manifest(tauri_build::AppManifest::new().commands(COMMANDS));
    tauri_build::try_build(attributes).expect("tauri-build failed");
}
