//! Global shortcuts, which work while another app has the focus: one opens the
//! quick-create window, one joins the next meeting. They run the tray's actions.
//!
//! X11 lets an app grab a key combination for the whole session; Wayland does not (a
//! compositor's own shortcut settings must run the command instead), so there they are off
//! and Settings says why.

use std::sync::Mutex;

use tauri::{AppHandle, Manager, Wry};
use tauri_plugin_global_shortcut::{GlobalShortcut, Shortcut, ShortcutState};

use crate::settings::{Settings, parse_shortcut};
use crate::tray::MenuAction;
pub use zmeet_core::shortcuts::GlobalShortcutStatus;
use zmeet_core::shortcuts::session_support;

/// The registered shortcuts and the action each runs.
#[derive(Default)]
pub struct Bindings {
    bound: Mutex<Vec<(Shortcut, MenuAction)>>,
    status: Mutex<GlobalShortcutStatus>,
}

fn this_session() -> Result<(), String> {
    let var = |name| std::env::var(name).ok();
    session_support(
        var("XDG_SESSION_TYPE").as_deref(),
        var("WAYLAND_DISPLAY").as_deref(),
        var("DISPLAY").as_deref(),
    )
}

/// Installs the plugin where the session supports it, then registers what the settings ask.
pub fn install(app: &AppHandle) {
    app.manage(Bindings::default());
    if this_session().is_ok() {
        let plugin = tauri_plugin_global_shortcut::Builder::new()
            .with_handler(|app, shortcut, event| {
                if event.state == ShortcutState::Pressed {
                    pressed(app, shortcut);
                }
            })
            .build();
        if let Err(error) = app.plugin(plugin) {
            tracing::warn!("global shortcuts unavailable: {error}");
        }
    }
    let settings = crate::app_paths::settings_path(app)
        .and_then(|path| Settings::load(&path))
        .unwrap_or_else(|error| {
            tracing::warn!("global shortcuts use the defaults: {}", error.message);
            Settings::default()
        });
    apply(app, &settings);
}

fn pressed(app: &AppHandle, shortcut: &Shortcut) {
    let action = app
        .state::<Bindings>()
        .bound
        .lock()
        .expect("shortcut lock")
        .iter()
        .find(|(bound, _)| bound.id() == shortcut.id())
        .map(|(_, action)| action.clone());
    if let Some(action) = action {
        let app = app.clone();
        tauri::async_runtime::spawn(
            async move { crate::tray::handle_and_report(&app, action).await },
        );
    }
}

/// (Re)registers the shortcuts the settings ask for; what happened is in [`status`].
pub fn apply(app: &AppHandle, settings: &Settings) {
    let support = this_session();
    let enabled = support.is_ok() && settings.global_shortcuts.unwrap_or(true);
    let bindings = app.state::<Bindings>();
    let mut bound = bindings.bound.lock().expect("shortcut lock");
    let plugin = app.try_state::<GlobalShortcut<Wry>>();
    if let Some(plugin) = &plugin
        && !bound.is_empty()
        && let Err(error) = plugin.unregister_all()
    {
        tracing::warn!("cannot unregister the global shortcuts: {error}");
    }
    bound.clear();
    let mut active = Vec::new();
    let mut problems = Vec::new();
    if let (true, Some(plugin)) = (enabled, &plugin) {
        let wanted = [
            (
                "shortcutQuickCreate",
                &settings.shortcut_quick_create,
                MenuAction::Schedule,
            ),
            (
                "shortcutJoinNext",
                &settings.shortcut_join_next,
                MenuAction::JoinNext,
            ),
        ];
        for (field, text, action) in wanted {
            let registered = parse_shortcut(field, text)
                .map_err(|error| error.message)
                .and_then(|shortcut| {
                    plugin
                        .register(shortcut)
                        .map(|()| shortcut)
                        .map_err(|error| format!("{}: {error}", text.trim()))
                });
            match registered {
                Ok(shortcut) => {
                    bound.push((shortcut, action));
                    active.push(text.trim().to_owned());
                }
                Err(problem) => {
                    tracing::warn!("global shortcut not registered: {problem}");
                    problems.push(problem);
                }
            }
        }
    }
    *bindings.status.lock().expect("shortcut lock") = GlobalShortcutStatus {
        supported: support.is_ok() && plugin.is_some(),
        note: support.err(),
        enabled,
        active,
        problem: (!problems.is_empty()).then(|| problems.join("; ")),
    };
}

/// What Settings shows: supported or not (and why), and what is registered.
pub fn status(app: &AppHandle) -> GlobalShortcutStatus {
    app.state::<Bindings>()
        .status
        .lock()
        .expect("shortcut lock")
        .clone()
}
