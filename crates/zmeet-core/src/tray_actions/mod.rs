//! What each tray action does: the menu, notification buttons, global shortcuts, the
//! quick-create window and (in debug builds) the test hook all come through here. The
//! shell fills [`Desk`] with Tauri's clipboard, windows, browser and notifications.

use std::future::Future;

use chrono::{DateTime, Utc};
use chrono_tz::Tz;
use zoho_core::NewMeeting;

use crate::account::SignInState;
use crate::calendar::{CalendarEvent, EventInput, EventKind, EventLink, input_to_new};
use crate::error::{AppError, ErrorCode};
use crate::tray::MenuAction;
use crate::tray::next_meeting::{NextMeeting, next_meeting, when_label};
use crate::tray::presets;

/// A desktop notification: never put a secret (a start link) in it.
#[derive(Debug, Clone, PartialEq)]
pub struct Notice {
    pub summary: String,
    pub body: String,
    /// Buttons; a press runs the action.
    pub actions: Vec<(MenuAction, &'static str)>,
}

impl Notice {
    pub fn new(summary: &str, body: &str) -> Self {
        Self {
            summary: summary.to_owned(),
            body: body.to_owned(),
            actions: Vec::new(),
        }
    }
}

/// What the tray's actions need from the desktop and the account.
pub trait Desk: Sync {
    /// Creates a meeting with the signed-in session (and keeps and announces it).
    fn create_meeting(
        &self,
        new: NewMeeting,
    ) -> impl Future<Output = Result<CalendarEvent, AppError>> + Send;
    /// An event's join or start link, as Zoho has it now.
    fn event_link(
        &self,
        kind: EventKind,
        key: String,
        link: EventLink,
    ) -> impl Future<Output = Result<String, AppError>> + Send;
    /// Brings the synced copy up to date (a no-op when it is fresh).
    fn sync(&self) -> impl Future<Output = Result<(), AppError>> + Send;
    /// The synced events.
    fn events(&self) -> impl Future<Output = Vec<CalendarEvent>> + Send;
    fn open_in_browser(&self, url: &str) -> Result<(), AppError>;
    fn copy_to_clipboard(&self, text: &str) -> Result<(), AppError>;
    fn notify(&self, notice: Notice);
    fn show_quick(&self) -> Result<(), AppError>;
    fn close_quick(&self);
    fn show_main(&self);
    fn sign_in(&self) -> impl Future<Output = Result<(), AppError>> + Send;
    fn sign_out(&self) -> impl Future<Output = Result<(), AppError>> + Send;
    fn quit(&self);
    fn now(&self) -> DateTime<Utc>;
    fn zone(&self) -> Tz;
}

/// Runs an action; a failure becomes a notification, as there may be no window to show it.
pub async fn perform_and_report(desk: &impl Desk, action: MenuAction) {
    if let Err(error) = perform(desk, action).await {
        desk.notify(Notice::new("zmeet", &error.message));
    }
}

pub async fn perform(desk: &impl Desk, action: MenuAction) -> Result<(), AppError> {
    match action {
        MenuAction::MeetNow => {
            let start = presets::meet_now(desk.now());
            let event = create_preset(desk, "Instant meeting", start).await?;
            copy_join_link(desk, &event)?;
            let mut notice = Notice::new("Meeting ready: join link copied", &event.topic);
            if event.is_host {
                notice.actions = vec![(MenuAction::Start(event.kind, event.key), "Start")];
            }
            desk.notify(notice);
        }
        MenuAction::MeetIn15 => {
            let event = create_preset(desk, "Meeting", presets::in_15_minutes(desk.now())).await?;
            copy_join_link(desk, &event)?;
            let summary = "Meeting in 15 minutes: join link copied";
            desk.notify(Notice::new(summary, &event.topic));
        }
        MenuAction::Schedule => desk.show_quick()?,
        MenuAction::Start(kind, key) => open(desk, kind, key, EventLink::Start).await?,
        MenuAction::Join(kind, key) => open(desk, kind, key, EventLink::Join).await?,
        MenuAction::CopyLink(kind, key) => {
            let link = desk.event_link(kind, key, EventLink::Join).await?;
            desk.copy_to_clipboard(&link)?;
        }
        MenuAction::OpenMain => desk.show_main(),
        MenuAction::SignIn => desk.sign_in().await?,
        MenuAction::SignOut => desk.sign_out().await?,
        MenuAction::Quit => desk.quit(),
        MenuAction::JoinNext => join_next(desk).await?,
    }
    Ok(())
}

/// The quick-create window's action: creates the meeting, copies its join link and closes
/// the window. On an error the window stays open with its input.
pub async fn quick_create(desk: &impl Desk, input: &EventInput) -> Result<CalendarEvent, AppError> {
    let event = desk.create_meeting(input_to_new(input)?).await?;
    if let Some(link) = &event.join_link
        && let Err(error) = desk.copy_to_clipboard(link)
    {
        tracing::warn!("the quick-created join link was not copied: {error}");
    }
    let summary = "Meeting scheduled: join link copied";
    desk.notify(Notice::new(summary, &event.topic));
    desk.close_quick();
    Ok(event)
}

/// The quick-create window's form: an empty meeting starting at the next half hour on
/// `zone`'s clock, for 30 minutes. Signed out (a global shortcut opens the window whatever
/// the state), the window cannot create anything, so it is told so at once instead of after
/// the user filled it in.
pub fn quick_defaults(
    state: SignInState,
    now: DateTime<Utc>,
    zone: Tz,
) -> Result<EventInput, AppError> {
    if state != SignInState::SignedIn {
        return Err(AppError::new(
            ErrorCode::SignedOut,
            "Sign in to zmeet first (tray → Sign in), then schedule again.",
        ));
    }
    let start = presets::next_half_hour(now, &zone).with_timezone(&zone);
    Ok(EventInput {
        topic: String::new(),
        agenda: String::new(),
        date: start.format("%Y-%m-%d").to_string(),
        time: start.format("%H:%M").to_string(),
        duration_minutes: presets::PRESET_MINUTES,
        timezone: zone.name().to_owned(),
        participants: Vec::new(),
    })
}

/// Opens the meeting running now or starting soon (the start link for its host, who must
/// start it); with none, a notification says when the next one is.
async fn join_next(desk: &impl Desk) -> Result<(), AppError> {
    // Right after launch nothing may be synced yet; offline, the synced copy still answers.
    if let Err(error) = desk.sync().await {
        tracing::warn!("join next: sync failed, using the synced copy: {error}");
    }
    let events = desk.events().await;
    let now = desk.now();
    let summary = "No meeting in the next 10 minutes";
    match next_meeting(&events, now) {
        NextMeeting::Soon(event) => {
            let link = if event.is_host {
                EventLink::Start
            } else {
                EventLink::Join
            };
            open(desk, event.kind, event.key.clone(), link).await?;
        }
        NextMeeting::Later(event) => {
            let when = when_label(event, now, &desk.zone());
            let body = format!("Next: {}, {when}", event.topic);
            desk.notify(Notice::new(summary, &body));
        }
        NextMeeting::None => desk.notify(Notice::new(summary, "Nothing else is scheduled.")),
    }
    Ok(())
}

async fn create_preset(
    desk: &impl Desk,
    topic: &str,
    start: DateTime<Utc>,
) -> Result<CalendarEvent, AppError> {
    let new = NewMeeting {
        topic: topic.to_owned(),
        agenda: None,
        start,
        duration_minutes: presets::PRESET_MINUTES,
        timezone: desk.zone().name().to_owned(),
        participants: Vec::new(),
        presenter: None,
    };
    desk.create_meeting(new).await
}

async fn open(
    desk: &impl Desk,
    kind: EventKind,
    key: String,
    link: EventLink,
) -> Result<(), AppError> {
    let url = desk.event_link(kind, key, link).await?;
    desk.open_in_browser(&url)
}

fn copy_join_link(desk: &impl Desk, event: &CalendarEvent) -> Result<(), AppError> {
    let link = event.join_link.as_deref().ok_or_else(|| {
        AppError::new(
            ErrorCode::NoLink,
            "The meeting was created, but Zoho sent no join link.",
        )
    })?;
    desk.copy_to_clipboard(link)
}

#[cfg(test)]
mod tests;
