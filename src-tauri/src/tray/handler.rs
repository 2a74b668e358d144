//! What each tray action does. The menu, notification buttons and (in debug builds) the
//! test hook all come through here.

use chrono::Utc;
use tauri::{AppHandle, Manager};
use tauri_plugin_clipboard_manager::ClipboardExt;
use zoho_core::NewMeeting;

use super::action::MenuAction;
use super::next_meeting::{NextMeeting, next_meeting, when_label};
use super::presets;
use crate::calendar::{CalendarEvent, EventKind, EventLink};
use crate::error::{AppError, ErrorCode};
use crate::meetings::{create, event_link};
use crate::notify::notify;
use crate::state::AppState;

/// Runs an action; a failure becomes a notification, as there may be no window to show it.
pub async fn handle_and_report(app: &AppHandle, action: MenuAction) {
    if let Err(error) = handle(app, action).await {
        notify(app, "zmeet", &error.message, Vec::new());
    }
}

pub async fn handle(app: &AppHandle, action: MenuAction) -> Result<(), AppError> {
    match action {
        MenuAction::MeetNow => {
            let event =
                create_preset(app, "Instant meeting", presets::meet_now(Utc::now())).await?;
            copy_join_link(app, &event)?;
            let start = vec![(MenuAction::Start(event.kind, event.key.clone()), "Start")];
            notify(
                app,
                "Meeting ready: join link copied",
                &event.topic,
                if event.is_host { start } else { Vec::new() },
            );
        }
        MenuAction::MeetIn15 => {
            let event = create_preset(app, "Meeting", presets::in_15_minutes(Utc::now())).await?;
            copy_join_link(app, &event)?;
            notify(
                app,
                "Meeting in 15 minutes: join link copied",
                &event.topic,
                Vec::new(),
            );
        }
        MenuAction::Schedule => crate::windows::show_quick(app)?,
        MenuAction::Start(kind, key) => open(app, kind, key, EventLink::Start).await?,
        MenuAction::Join(kind, key) => open(app, kind, key, EventLink::Join).await?,
        MenuAction::CopyLink(kind, key) => {
            let link = event_link(app, kind, key, EventLink::Join).await?;
            write_clipboard(app, &link)?;
        }
        MenuAction::OpenMain => crate::windows::show_main(app),
        MenuAction::SignIn => crate::lifecycle::sign_in(app).await?,
        MenuAction::SignOut => crate::lifecycle::sign_out(app).await?,
        MenuAction::Quit => app.exit(0),
        MenuAction::JoinNext => join_next(app).await?,
    }
    Ok(())
}

/// Opens the meeting running now or starting soon (the start link for its host, who must
/// start it); with none, a notification says when the next one is.
async fn join_next(app: &AppHandle) -> Result<(), AppError> {
    // Right after launch nothing may be synced yet; offline, the synced copy still answers.
    if let Err(error) = crate::sync::ensure_synced(app, false, None).await {
        tracing::warn!("join next: sync failed, using the synced copy: {error}");
    }
    let events = app.state::<AppState>().cache.lock().await.all();
    let now = Utc::now();
    match next_meeting(&events, now) {
        NextMeeting::Soon(event) => {
            let link = if event.is_host {
                EventLink::Start
            } else {
                EventLink::Join
            };
            open(app, event.kind, event.key.clone(), link).await?;
        }
        NextMeeting::Later(event) => notify(
            app,
            "No meeting in the next 10 minutes",
            &format!(
                "Next: {}, {}",
                event.topic,
                when_label(event, now, &crate::local_zone::local_zone())
            ),
            Vec::new(),
        ),
        NextMeeting::None => notify(
            app,
            "No meeting in the next 10 minutes",
            "Nothing else is scheduled.",
            Vec::new(),
        ),
    }
    Ok(())
}

async fn create_preset(
    app: &AppHandle,
    topic: &str,
    start: chrono::DateTime<Utc>,
) -> Result<CalendarEvent, AppError> {
    let new = NewMeeting {
        topic: topic.to_owned(),
        agenda: None,
        start,
        duration_minutes: presets::PRESET_MINUTES,
        timezone: crate::local_zone::local_zone().name().to_owned(),
        participants: Vec::new(),
        presenter: None,
    };
    create(app, EventKind::Meeting, new).await
}

async fn open(
    app: &AppHandle,
    kind: EventKind,
    key: String,
    link: EventLink,
) -> Result<(), AppError> {
    let url = event_link(app, kind, key, link).await?;
    crate::session::open_in_browser(app, &url)
}

fn copy_join_link(app: &AppHandle, event: &CalendarEvent) -> Result<(), AppError> {
    let link = event.join_link.as_deref().ok_or_else(|| {
        AppError::new(
            ErrorCode::NoLink,
            "The meeting was created, but Zoho sent no join link.",
        )
    })?;
    write_clipboard(app, link)
}

fn write_clipboard(app: &AppHandle, text: &str) -> Result<(), AppError> {
    app.clipboard().write_text(text).map_err(|error| {
        AppError::new(
            ErrorCode::ClipboardFailed,
            format!("Could not copy the link: {error}"),
        )
    })
}
