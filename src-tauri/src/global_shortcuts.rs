//! Global shortcuts, which work while another app has the focus: one opens the
//! quick-create window, one joins the next meeting. They run the tray's actions.
//!
//! X11 lets an app grab a key combination for the whole session; Wayland does not (a
//! compositor's own shortcut settings must run the command instead), so there they are off
//! and Settings says why. The grabbing is `zmeet_core::global_keys` (event-driven: its thread
//! sleeps until a grabbed key is pressed, so the tray-only app does not wake for it).

use std::sync::{Mutex, OnceLock};

use tauri::{AppHandle, Manager};
use zmeet_core::global_keys::XShortcut;
use zmeet_core::global_keys::x11::KeyGrabber;

use crate::settings::{Settings, parse_shortcut};
use crate::tray::MenuAction;
pub use zmeet_core::shortcuts::GlobalShortcutStatus;
use zmeet_core::shortcuts::session_support;

/// The X connection that holds the grabs (none where the session has no global shortcuts,
/// and until [`install`] has run) and the action each grab's id runs (its index).
#[derive(Default)]
struct Bindings {
    grabber: OnceLock<KeyGrabber>,
    bound: Mutex<Vec<MenuAction>>,
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

/// Makes [`apply`] and [`status`] usable before [`install`] (Settings may be open first):
/// nothing is grabbed until then.
pub fn manage(app: &AppHandle) {
    app.manage(Bindings::default());
}

/// Connects to the X server where the session supports it, then grabs what the settings ask.
pub fn install(app: &AppHandle) {
    let grabber = this_session().ok().and_then(|()| {
        let handle = app.clone();
        KeyGrabber::connect(None, move |id| pressed(&handle, id))
            .inspect_err(|error| tracing::warn!("global shortcuts unavailable: {error}"))
            .ok()
    });
    if let Some(grabber) = grabber
        && app.state::<Bindings>().grabber.set(grabber).is_err()
    {
        tracing::warn!("global shortcuts were installed twice; the first grabs stay");
    }
    // Read after the grabber is in place: settings saved meanwhile are in the file.
    let settings = crate::app_paths::settings_path(app)
        .and_then(|path| Settings::load(&path))
        .unwrap_or_else(|error| {
            tracing::warn!("global shortcuts use the defaults: {}", error.message);
            Settings::default()
        });
    apply(app, &settings);
}

/// Runs on the grabber's thread: hands the action to the async runtime.
fn pressed(app: &AppHandle, id: u32) {
    let action = app
        .state::<Bindings>()
        .bound
        .lock()
        .expect("shortcut lock")
        .get(id as usize)
        .cloned();
    if let Some(action) = action {
        let app = app.clone();
        tauri::async_runtime::spawn(
            async move { crate::tray::handle_and_report(&app, action).await },
        );
    }
}

/// (Re)grabs the shortcuts the settings ask for; what happened is in [`status`].
pub fn apply(app: &AppHandle, settings: &Settings) {
    let support = this_session();
    let enabled = support.is_ok() && settings.global_shortcuts.unwrap_or(true);
    let bindings = app.state::<Bindings>();
    let mut bound = bindings.bound.lock().expect("shortcut lock");
    bound.clear();
    let mut active = Vec::new();
    let mut problems = Vec::new();
    if let Some(grabber) = bindings.grabber.get() {
        let mut wanted = Vec::new();
        let mut texts = Vec::new();
        if enabled {
            let fields = [
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
            for (field, text, action) in fields {
                let text = text.trim();
                let shortcut = parse_shortcut(field, text)
                    .map_err(|error| error.message)
                    .and_then(|hotkey| {
                        XShortcut::from_hotkey(&hotkey)
                            .ok_or_else(|| format!("{text}: this key cannot be a global shortcut"))
                    });
                match shortcut {
                    Ok(shortcut) => {
                        wanted.push((shortcut, bound.len() as u32));
                        bound.push(action);
                        texts.push(text.to_owned());
                    }
                    Err(problem) => problems.push(problem),
                }
            }
        }
        // An empty list releases every grab (switched off in Settings).
        for (result, text) in grabber.set(wanted).into_iter().zip(texts) {
            match result {
                Ok(()) => active.push(text),
                Err(error) => problems.push(format!("{text}: {error}")),
            }
        }
    }
    for problem in &problems {
        tracing::warn!("global shortcut not registered: {problem}");
    }
    *bindings.status.lock().expect("shortcut lock") = GlobalShortcutStatus {
        supported: support.is_ok() && bindings.grabber.get().is_some(),
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
