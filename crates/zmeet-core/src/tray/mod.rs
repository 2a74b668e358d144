//! The tray's menu as data: its actions, the next meeting, the quick-create presets. The
//! shell renders it with Tauri's menu types and runs the actions.

pub mod action;
pub mod menu_model;
pub mod next_meeting;
pub mod presets;

pub use action::MenuAction;
