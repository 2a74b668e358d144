//! The X server side of the global shortcuts: one connection of our own (x11rb), the
//! shortcuts grabbed on the root window, and one thread that blocks on the connection's
//! socket until the server sends an event. A press of a grabbed key is the only thing that
//! wakes it (and keyboard-mapping changes, after which the grabs are made again).
//!
//! x11rb's connection is shared between threads: while the event thread waits, `set` sends
//! its requests and reads their replies through the same connection (x11rb hands packets
//! to whichever thread waits for them).

use std::sync::{Arc, Mutex};

use x11rb::connection::Connection;
use x11rb::errors::ReplyError;
use x11rb::protocol::ErrorKind;
use x11rb::protocol::Event;
use x11rb::protocol::xproto::{ConnectionExt, GrabMode, Mapping, ModMask, Window};
use x11rb::rust_connection::RustConnection;

use super::{Grab, KeyboardMapping, XShortcut, grab_for};

/// Why one shortcut was not grabbed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum GrabError {
    #[error("no key on this keyboard types it")]
    NoKey,
    #[error("another app has taken it")]
    Taken,
    #[error("the X server refused it: {0}")]
    Server(String),
}

/// The shortcuts wanted and the grabs made for them.
#[derive(Default)]
struct State {
    wanted: Vec<(XShortcut, u32)>,
    grabs: Vec<Grab>,
}

/// Grabs global shortcuts on an X display and calls back with the id given to a shortcut
/// when it is pressed.
pub struct KeyGrabber {
    conn: Arc<RustConnection>,
    root: Window,
    state: Arc<Mutex<State>>,
}

impl KeyGrabber {
    /// Connects to `display` (`DISPLAY`'s when none) and starts the thread, named
    /// `global-keys`, that waits for key presses; `on_press` runs on that thread, so it
    /// should only hand the id on.
    pub fn connect(
        display: Option<&str>,
        on_press: impl Fn(u32) + Send + 'static,
    ) -> Result<Self, String> {
        let (conn, screen) =
            RustConnection::connect(display).map_err(|error| format!("no X display: {error}"))?;
        let root = conn.setup().roots[screen].root;
        let grabber = Self {
            conn: Arc::new(conn),
            root,
            state: Arc::default(),
        };
        let (conn, state) = (grabber.conn.clone(), grabber.state.clone());
        std::thread::Builder::new()
            .name("global-keys".into())
            .spawn(move || wait_for_presses(&conn, root, &state, on_press))
            .map_err(|error| format!("cannot start the shortcut thread: {error}"))?;
        Ok(grabber)
    }

    /// Replaces the grabbed shortcuts with `wanted` (each with its id); one result per
    /// shortcut, in order.
    pub fn set(&self, wanted: Vec<(XShortcut, u32)>) -> Vec<Result<(), GrabError>> {
        let mut state = self.state.lock().expect("grab state lock");
        state.wanted = wanted;
        regrab(&self.conn, self.root, &mut state)
    }
}

/// Drops every grab of this connection, then grabs what `state` wants with the keyboard's
/// current mapping.
fn regrab(conn: &RustConnection, root: Window, state: &mut State) -> Vec<Result<(), GrabError>> {
    state.grabs.clear();
    let ungrab = conn
        .ungrab_key(x11rb::protocol::xproto::Grab::ANY, root, ModMask::ANY)
        .map_err(ReplyError::from)
        .and_then(|cookie| cookie.check());
    if let Err(error) = ungrab {
        tracing::warn!("cannot release the global shortcuts: {error}");
    }
    let mapping = match keyboard_mapping(conn) {
        Ok(mapping) => mapping,
        Err(error) => {
            let error = GrabError::Server(error.to_string());
            return vec![Err(error); state.wanted.len()];
        }
    };
    let wanted = state.wanted.clone();
    wanted
        .into_iter()
        .map(|(shortcut, id)| {
            let keycode = mapping.keycode(shortcut.keysym).ok_or(GrabError::NoKey)?;
            grab(conn, root, shortcut, keycode)?;
            state.grabs.push(Grab {
                keycode,
                modifiers: shortcut.modifiers,
                id,
            });
            Ok(())
        })
        .collect()
}

fn grab(
    conn: &RustConnection,
    root: Window,
    shortcut: XShortcut,
    keycode: u8,
) -> Result<(), GrabError> {
    for modifiers in shortcut.grab_variants() {
        let result = conn
            .grab_key(
                false,
                root,
                ModMask::from(modifiers),
                keycode,
                GrabMode::ASYNC,
                GrabMode::ASYNC,
            )
            .map_err(ReplyError::from)
            .and_then(|cookie| cookie.check());
        match result {
            Ok(()) => {}
            Err(ReplyError::X11Error(error)) if error.error_kind == ErrorKind::Access => {
                // Undo the variants already grabbed: half a shortcut would fire only with
                // some lock keys on.
                for modifiers in shortcut.grab_variants() {
                    if let Ok(cookie) = conn.ungrab_key(keycode, root, ModMask::from(modifiers)) {
                        cookie.ignore_error();
                    }
                }
                return Err(GrabError::Taken);
            }
            Err(error) => return Err(GrabError::Server(error.to_string())),
        }
    }
    Ok(())
}

fn keyboard_mapping(conn: &RustConnection) -> Result<KeyboardMapping, ReplyError> {
    let setup = conn.setup();
    let (min, max) = (setup.min_keycode, setup.max_keycode);
    let reply = conn
        .get_keyboard_mapping(min, max.saturating_sub(min).saturating_add(1))?
        .reply()?;
    Ok(KeyboardMapping {
        min_keycode: min,
        per_keycode: reply.keysyms_per_keycode,
        keysyms: reply.keysyms,
    })
}

/// The event thread: blocks in `wait_for_event` (a `poll` on the socket with no timeout)
/// until the server sends something.
fn wait_for_presses(
    conn: &RustConnection,
    root: Window,
    state: &Mutex<State>,
    on_press: impl Fn(u32),
) {
    loop {
        match conn.wait_for_event() {
            Ok(Event::KeyPress(press)) => {
                let id = {
                    let state = state.lock().expect("grab state lock");
                    grab_for(&state.grabs, press.detail, u16::from(press.state))
                };
                if let Some(id) = id {
                    on_press(id);
                }
            }
            Ok(Event::MappingNotify(change)) if change.request == Mapping::KEYBOARD => {
                let mut state = state.lock().expect("grab state lock");
                for (result, (shortcut, _)) in regrab(conn, root, &mut state)
                    .into_iter()
                    .zip(state.wanted.clone())
                {
                    if let Err(error) = result {
                        tracing::warn!(
                            "global shortcut (keysym {:#x}) lost after a keyboard change: {error}",
                            shortcut.keysym
                        );
                    }
                }
            }
            Ok(_) => {}
            Err(error) => {
                tracing::warn!("global shortcuts stopped: the X connection failed: {error}");
                return;
            }
        }
    }
}
