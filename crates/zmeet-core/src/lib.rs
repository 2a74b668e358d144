//! zmeet's application layer, with no Tauri in it: what the desktop shell (`src-tauri/`)
//! calls into. It talks to the outside only through small traits and channels, so its tests
//! run without a display. See `docs/architecture.md` for what talks to what.

pub mod network_watch;
