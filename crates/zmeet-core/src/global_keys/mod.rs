//! Global shortcuts grabbed on the X server, event-driven: the app asks the server for the
//! key combinations (GrabKey on the root window) and one thread sleeps on the connection
//! until a grabbed key is pressed. Nothing ticks while no key is pressed, which is what keeps
//! the tray-only app idle (issue 15: `global-hotkey`, which the Tauri plugin runs, polls its
//! X connection every 50 ms).
//!
//! This module is the part without a server: which keysym a shortcut's key is, which
//! modifier bits it holds, which keycode carries a keysym in the keyboard's mapping and
//! which grab a key event is for. [`x11`] talks to the server.

pub mod x11;

use global_hotkey::hotkey::{Code, HotKey, Modifiers};
use xkeysym::key;

/// X modifier bits (the core protocol's state mask), as GrabKey and key events use them.
pub mod mask {
    pub const SHIFT: u16 = 1 << 0;
    /// Caps Lock.
    pub const LOCK: u16 = 1 << 1;
    pub const CONTROL: u16 = 1 << 2;
    /// Alt on every common layout.
    pub const MOD1: u16 = 1 << 3;
    /// Num Lock on every common layout.
    pub const MOD2: u16 = 1 << 4;
    /// Super (the Windows key) on every common layout.
    pub const MOD4: u16 = 1 << 6;
    /// The modifiers a shortcut can name; the others (Caps Lock, Num Lock) are ignored.
    pub const SIGNIFICANT: u16 = SHIFT | CONTROL | MOD1 | MOD4;
}

/// A shortcut as the X server sees it: the keysym of its key and its modifier bits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct XShortcut {
    pub keysym: u32,
    pub modifiers: u16,
}

impl XShortcut {
    /// The X form of a parsed shortcut; none for a key this module cannot name as a keysym
    /// (media keys and the like, which the settings' parser accepts).
    pub fn from_hotkey(hotkey: &HotKey) -> Option<Self> {
        Some(Self {
            keysym: keysym(hotkey.key)?,
            modifiers: modifier_mask(hotkey.mods),
        })
    }

    /// The modifier sets to grab: the shortcut's own with every combination of Caps Lock
    /// and Num Lock, since a grab matches the exact state and either may be on.
    pub fn grab_variants(self) -> [u16; 4] {
        let m = self.modifiers;
        [
            m,
            m | mask::LOCK,
            m | mask::MOD2,
            m | mask::LOCK | mask::MOD2,
        ]
    }
}

/// The X modifier bits of a shortcut's modifiers. Meta and Super are the same key on X.
pub fn modifier_mask(mods: Modifiers) -> u16 {
    let mut bits = 0;
    for (modifier, bit) in [
        (Modifiers::SHIFT, mask::SHIFT),
        (Modifiers::CONTROL, mask::CONTROL),
        (Modifiers::ALT, mask::MOD1),
        (Modifiers::SUPER, mask::MOD4),
        (Modifiers::META, mask::MOD4),
    ] {
        if mods.contains(modifier) {
            bits |= bit;
        }
    }
    bits
}

/// The keysym a key produces without Shift on a US layout, which is how the settings name
/// keys (`Ctrl+Alt+N` is the key that types `n`).
pub fn keysym(code: Code) -> Option<u32> {
    if let Some(letter) = letter(code) {
        return Some(key::a + letter);
    }
    if let Some(digit) = digit(code) {
        return Some(key::_0 + digit);
    }
    if let Some(n) = function_key(code) {
        return Some(key::F1 + n);
    }
    let sym = match code {
        Code::Space => key::space,
        Code::Enter => key::Return,
        Code::Tab => key::Tab,
        Code::Escape => key::Escape,
        Code::Backspace => key::BackSpace,
        Code::Delete => key::Delete,
        Code::Insert => key::Insert,
        Code::Home => key::Home,
        Code::End => key::End,
        Code::PageUp => key::Page_Up,
        Code::PageDown => key::Page_Down,
        Code::ArrowUp => key::Up,
        Code::ArrowDown => key::Down,
        Code::ArrowLeft => key::Left,
        Code::ArrowRight => key::Right,
        Code::Minus => key::minus,
        Code::Equal => key::equal,
        Code::BracketLeft => key::bracketleft,
        Code::BracketRight => key::bracketright,
        Code::Backslash => key::backslash,
        Code::Semicolon => key::semicolon,
        Code::Quote => key::apostrophe,
        Code::Backquote => key::grave,
        Code::Comma => key::comma,
        Code::Period => key::period,
        Code::Slash => key::slash,
        Code::PrintScreen => key::Print,
        Code::Pause => key::Pause,
        Code::ScrollLock => key::Scroll_Lock,
        Code::NumpadAdd => key::KP_Add,
        Code::NumpadSubtract => key::KP_Subtract,
        Code::NumpadMultiply => key::KP_Multiply,
        Code::NumpadDivide => key::KP_Divide,
        Code::NumpadDecimal => key::KP_Decimal,
        Code::NumpadEnter => key::KP_Enter,
        other => key::KP_0 + numpad_digit(other)?,
    };
    Some(sym)
}

fn letter(code: Code) -> Option<u32> {
    use Code::*;
    const LETTERS: [Code; 26] = [
        KeyA, KeyB, KeyC, KeyD, KeyE, KeyF, KeyG, KeyH, KeyI, KeyJ, KeyK, KeyL, KeyM, KeyN, KeyO,
        KeyP, KeyQ, KeyR, KeyS, KeyT, KeyU, KeyV, KeyW, KeyX, KeyY, KeyZ,
    ];
    position(&LETTERS, code)
}

fn digit(code: Code) -> Option<u32> {
    use Code::*;
    const DIGITS: [Code; 10] = [
        Digit0, Digit1, Digit2, Digit3, Digit4, Digit5, Digit6, Digit7, Digit8, Digit9,
    ];
    position(&DIGITS, code)
}

fn numpad_digit(code: Code) -> Option<u32> {
    use Code::*;
    const DIGITS: [Code; 10] = [
        Numpad0, Numpad1, Numpad2, Numpad3, Numpad4, Numpad5, Numpad6, Numpad7, Numpad8, Numpad9,
    ];
    position(&DIGITS, code)
}

fn function_key(code: Code) -> Option<u32> {
    use Code::*;
    const KEYS: [Code; 24] = [
        F1, F2, F3, F4, F5, F6, F7, F8, F9, F10, F11, F12, F13, F14, F15, F16, F17, F18, F19, F20,
        F21, F22, F23, F24,
    ];
    position(&KEYS, code)
}

fn position(codes: &[Code], code: Code) -> Option<u32> {
    codes
        .iter()
        .position(|c| *c == code)
        .and_then(|i| u32::try_from(i).ok())
}

/// The keyboard's mapping as GetKeyboardMapping returns it: for each keycode from
/// `min_keycode` on, `per_keycode` keysyms (plain, shifted, then other groups).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct KeyboardMapping {
    pub min_keycode: u8,
    pub per_keycode: u8,
    pub keysyms: Vec<u32>,
}

impl KeyboardMapping {
    /// The keycode that types `keysym`: the first keycode with it in the first column, else
    /// in a later one (as Xlib's XKeysymToKeycode looks), so `n` is the N key.
    pub fn keycode(&self, keysym: u32) -> Option<u8> {
        let per = usize::from(self.per_keycode);
        if per == 0 {
            return None;
        }
        (0..per).find_map(|column| {
            self.keysyms
                .chunks_exact(per)
                .position(|syms| syms[column] == keysym)
                .and_then(|row| u8::try_from(usize::from(self.min_keycode) + row).ok())
        })
    }
}

/// A grabbed key: the keycode and significant modifiers a press must have, and the caller's
/// id for it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Grab {
    pub keycode: u8,
    pub modifiers: u16,
    pub id: u32,
}

/// The grab a key press is for (its keycode and state), ignoring Caps Lock and Num Lock.
pub fn grab_for(grabs: &[Grab], keycode: u8, state: u16) -> Option<u32> {
    let state = state & mask::SIGNIFICANT;
    grabs
        .iter()
        .find(|g| g.keycode == keycode && g.modifiers == state)
        .map(|g| g.id)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::settings::parse_shortcut;

    fn shortcut(text: &str) -> XShortcut {
        XShortcut::from_hotkey(&parse_shortcut("field", text).unwrap()).unwrap()
    }

    #[test]
    fn the_default_shortcuts_are_ctrl_alt_and_a_lowercase_letter() {
        assert_eq!(
            shortcut("Ctrl+Alt+N"),
            XShortcut {
                keysym: 0x6e, // n
                modifiers: mask::CONTROL | mask::MOD1
            }
        );
        assert_eq!(shortcut("Ctrl+Alt+J").keysym, 0x6a);
        assert_eq!(
            shortcut("Super+Shift+F12"),
            XShortcut {
                keysym: 0xffc9,
                modifiers: mask::MOD4 | mask::SHIFT
            }
        );
    }

    #[test]
    fn keys_map_to_their_unshifted_keysyms() {
        assert_eq!(keysym(Code::KeyA), Some(0x61));
        assert_eq!(keysym(Code::KeyZ), Some(0x7a));
        assert_eq!(keysym(Code::Digit0), Some(0x30));
        assert_eq!(keysym(Code::Digit9), Some(0x39));
        assert_eq!(keysym(Code::F1), Some(0xffbe));
        assert_eq!(keysym(Code::Space), Some(0x20));
        assert_eq!(keysym(Code::Numpad7), Some(0xffb7));
        assert_eq!(keysym(Code::Slash), Some(0x2f));
        assert_eq!(keysym(Code::MediaPlayPause), None);
    }

    #[test]
    fn every_lock_combination_is_grabbed() {
        let variants = shortcut("Ctrl+Alt+N").grab_variants();
        let base = mask::CONTROL | mask::MOD1;
        assert_eq!(variants[0], base);
        assert!(variants.contains(&(base | mask::LOCK | mask::MOD2)));
        assert_eq!(variants.iter().filter(|v| **v & base == base).count(), 4);
    }

    #[test]
    fn keycodes_are_found_in_the_first_column_before_the_others() {
        // keycode 10: a / A, keycode 11: n / N, keycode 12: N in the first column.
        let mapping = KeyboardMapping {
            min_keycode: 10,
            per_keycode: 2,
            keysyms: vec![0x61, 0x41, 0x6e, 0x4e, 0x4e, 0],
        };
        assert_eq!(mapping.keycode(0x6e), Some(11));
        assert_eq!(mapping.keycode(0x4e), Some(12), "first column wins");
        assert_eq!(mapping.keycode(0x41), Some(10));
        assert_eq!(mapping.keycode(0x7a), None);
        assert_eq!(KeyboardMapping::default().keycode(0x61), None);
    }

    #[test]
    fn presses_match_a_grab_whatever_the_locks() {
        let grabs = [
            Grab {
                keycode: 57,
                modifiers: mask::CONTROL | mask::MOD1,
                id: 1,
            },
            Grab {
                keycode: 44,
                modifiers: mask::CONTROL | mask::MOD1,
                id: 2,
            },
        ];
        let ctrl_alt = mask::CONTROL | mask::MOD1;
        assert_eq!(grab_for(&grabs, 57, ctrl_alt), Some(1));
        assert_eq!(
            grab_for(&grabs, 44, ctrl_alt | mask::MOD2 | mask::LOCK),
            Some(2)
        );
        assert_eq!(grab_for(&grabs, 57, ctrl_alt | mask::SHIFT), None);
        assert_eq!(grab_for(&grabs, 58, ctrl_alt), None);
        // Mouse buttons held during the press (bits 8 and up) do not matter.
        assert_eq!(grab_for(&grabs, 57, ctrl_alt | 1 << 8), Some(1));
    }
}
