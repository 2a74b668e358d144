//! The desktop the core's tray actions (`zmeet_core::tray_actions`) run on: Tauri's
//! clipboard, windows and browser, desktop notifications, and the account.

use chrono::{DateTime, Utc};
use chrono_tz::Tz;
use tauri::{AppHandle, Manager};
use tauri_plugin_clipboard_manager::ClipboardExt;
use zmeet_core::logging::WarnOnErr;
use zmeet_core::tray_actions::{Desk, Notice};
use zoho_core::NewMeeting;

use crate::calendar::{CalendarEvent, EventKind, EventLink};
use crate::error::{AppError, ErrorCode};
use crate::state::AppState;

pub struct Shell<'a>(pub &'a AppHandle);

impl Desk for Shell<'_> {
    async fn create_meeting(&self, new: NewMeeting) -> Result<CalendarEvent, AppError> {
        crate::meetings::create(self.0, EventKind::Meeting, new).await
    }
    async fn event_link(
        &self,
        kind: EventKind,
        key: String,
        link: EventLink,
    ) -> Result<String, AppError> {
        crate::meetings::event_link(self.0, kind, key, link).await
    }
    async fn sync(&self) -> Result<(), AppError> {
        crate::sync::ensure_synced(self.0, false, None).await
    }
    async fn events(&self) -> Vec<CalendarEvent> {
        self.0.state::<AppState>().cache.lock().await.all()
    }
    fn open_in_browser(&self, url: &str) -> Result<(), AppError> {
        crate::session::open_in_browser(self.0, url)
    }
    fn copy_to_clipboard(&self, text: &str) -> Result<(), AppError> {
        self.0.clipboard().write_text(text).map_err(|error| {
            AppError::new(
                ErrorCode::ClipboardFailed,
                format!("Could not copy the link: {error}"),
            )
        })
    }
    fn notify(&self, notice: Notice) {
        crate::notify::notify(self.0, &notice.summary, &notice.body, notice.actions);
    }
    fn show_quick(&self) -> Result<(), AppError> {
        crate::windows::show_quick(self.0)
    }
    fn close_quick(&self) {
        if let Some(window) = self.0.get_webview_window(crate::windows::QUICK) {
            window
                .destroy()
                .warn_on_err("cannot close the quick-create window");
        }
    }
    fn show_main(&self) {
        crate::windows::show_main(self.0)
    }
    async fn sign_in(&self) -> Result<(), AppError> {
        crate::lifecycle::sign_in(self.0).await
    }
    async fn sign_out(&self) -> Result<(), AppError> {
        crate::lifecycle::sign_out(self.0).await
    }
    fn quit(&self) {
        self.0.exit(0)
    }
    fn now(&self) -> DateTime<Utc> {
        Utc::now()
    }
    fn zone(&self) -> Tz {
        crate::local_zone::local_zone()
    }
}
