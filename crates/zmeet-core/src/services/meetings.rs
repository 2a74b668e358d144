//! What the app does with meetings and webinars at Zoho: create, edit, reschedule, delete,
//! fetch links, and announce the change. The IPC commands, the tray and quick-create all
//! come through here.

use zoho_core::{MeetingPatch, NewMeeting, Session};

use super::{AppCore, AppEvent, is_unreachable};
use crate::calendar::{
    CalendarEvent, EventCache, EventKind, EventLink, event_of_stored, reschedule_patch, stored_of,
};
use crate::connection::Ticket;
use crate::error::{AppError, ErrorCode};
use crate::event_requests;

impl AppCore {
    /// Creates an event and announces it (also for the tray's presets and quick-create).
    pub async fn create(
        &self,
        kind: EventKind,
        new: NewMeeting,
    ) -> Result<CalendarEvent, AppError> {
        self.ensure_online()?;
        let known_before = self.known_keys(kind).await;
        let ticket = self.connection.ticket();
        let sent = new.clone();
        let saved = self
            .with_session(|session| async move {
                let meeting = match kind {
                    EventKind::Meeting => session.create_meeting(&sent).await?,
                    EventKind::Webinar => session.create_webinar(&sent).await?,
                };
                Ok((meeting, session.account().zuid.clone()))
            })
            .await;
        match saved {
            Ok(saved) => self.store_and_announce(kind, &ticket, saved).await,
            // The answer may have been lost after Zoho created it: look before a retry.
            Err(error) if is_unreachable(&error) => {
                self.after_lost_create(kind, &new, &known_before, error)
                    .await
            }
            Err(error) => Err(error),
        }
    }

    /// An event's join link, or its start link for the host, fetched fresh. The start link
    /// is a secret: hand it only to the browser.
    pub async fn event_link(
        &self,
        kind: EventKind,
        key: String,
        link: EventLink,
    ) -> Result<String, AppError> {
        let endpoints = self.account().await?.endpoints().clone();
        let (url, dc) = self
            .with_session(|session| async move {
                let meeting = fetch(&session, kind, &key).await?;
                let is_host = meeting.presenter.as_deref() == Some(session.account().zuid.as_str());
                match link {
                    EventLink::Join => meeting
                        .join_link
                        .ok_or_else(|| AppError::new(ErrorCode::NoLink, "Zoho sent no join link.")),
                    EventLink::Start if is_host => meeting
                        .start_link
                        .map(|secret| secret.expose().to_owned())
                        .ok_or_else(|| {
                            AppError::new(
                                ErrorCode::NoLink,
                                "Zoho sent no start link for this event.",
                            )
                        }),
                    EventLink::Start => Err(AppError::new(
                        ErrorCode::NotHost,
                        "Only the host can start this event.",
                    )),
                }
                .map(|url| (url, session.account().dc))
            })
            .await?;
        // The link is the server's choice: only a Meeting host's https link goes to the
        // browser.
        crate::links::check_meeting_link(&url, &endpoints, dc)?;
        Ok(url)
    }

    /// Sends `patch` and reads the event back; returns it with the signed-in user's zuid.
    pub async fn edit(
        &self,
        kind: EventKind,
        key: String,
        patch: MeetingPatch,
    ) -> Result<(zoho_core::Meeting, String), AppError> {
        self.with_session(|session| async move {
            let edited = match kind {
                EventKind::Meeting => session.edit_meeting(&key, &patch).await?,
                EventKind::Webinar => session.edit_webinar(&key, &patch).await?,
            };
            // The edit answer omits the end and the zone suffix (API.md §2.5): read it back
            // whole.
            let meeting = fetch(&session, kind, &edited.key)
                .await
                .inspect_err(|error| {
                    tracing::warn!(
                        "reading an edited event back failed, using the edit's answer: {error}"
                    )
                })
                .unwrap_or(edited);
            Ok((meeting, session.account().zuid.clone()))
        })
        .await
    }

    /// Replaces every field of an event with `patch` (a form's input), caches and
    /// announces it.
    pub async fn update(
        &self,
        kind: EventKind,
        key: String,
        mut patch: MeetingPatch,
    ) -> Result<CalendarEvent, AppError> {
        self.ensure_online()?;
        event_requests::keep_unknown_participants(
            &mut patch,
            &*self.cache.lock().await,
            kind,
            &key,
        );
        let ticket = self.connection.ticket();
        let saved = self.edit(kind, key, patch).await?;
        self.store_and_announce(kind, &ticket, saved).await
    }

    /// Moves or resizes an event (a drag on the calendar), keeping its zone.
    pub async fn reschedule(
        &self,
        kind: EventKind,
        key: String,
        start_ms: f64,
        end_ms: f64,
    ) -> Result<CalendarEvent, AppError> {
        let timezone = event_requests::zone_of(&*self.cache.lock().await, kind, &key)?;
        let patch = reschedule_patch(start_ms, end_ms, &timezone)?;
        self.ensure_online()?;
        let ticket = self.connection.ticket();
        let saved = self.edit(kind, key, patch).await?;
        self.store_and_announce(kind, &ticket, saved).await
    }

    /// Deletes an event at Zoho, then from the calendar, and announces it.
    pub async fn delete(&self, kind: EventKind, key: String) -> Result<(), AppError> {
        self.ensure_online()?;
        let deleted_key = key.clone();
        let ticket = self.connection.ticket();
        self.with_session(|session| async move {
            match kind {
                EventKind::Meeting => session.delete_meeting(&key).await?,
                EventKind::Webinar => session.delete_webinar(&key).await?,
            }
            Ok(())
        })
        .await?;
        self.cache_if_current(&ticket, |cache| cache.remove(kind, &deleted_key))
            .await;
        self.emit(AppEvent::DataChanged);
        Ok(())
    }

    /// Caches a saved event and tells the UI. `ticket` is the connection's generation when
    /// the call was made: an answer that arrives after a sign-out or a new connect is not
    /// cached (it belongs to the account that was), only returned to the form that asked.
    pub async fn store_and_announce(
        &self,
        kind: EventKind,
        ticket: &Ticket,
        (meeting, zuid): (zoho_core::Meeting, String),
    ) -> Result<CalendarEvent, AppError> {
        let stored = stored_of(kind, &meeting, &zuid).ok_or_else(|| {
            AppError::new(
                ErrorCode::UnexpectedResponse,
                "Zoho saved the event but sent back no start time; refresh.",
            )
        })?;
        let event = event_of_stored(&stored);
        self.cache_if_current(ticket, |cache| cache.upsert(stored))
            .await;
        self.emit(AppEvent::DataChanged);
        Ok(event)
    }

    /// Changes the calendar cache only while `ticket`'s generation is current (see
    /// `crate::connection`): a late answer never lands in a cleared or replaced cache.
    pub async fn cache_if_current(&self, ticket: &Ticket, change: impl FnOnce(&mut EventCache)) {
        if self
            .connection
            .write_if_current(ticket, &self.cache, change)
            .await
            .is_none()
        {
            tracing::info!("an answer came after a sign-out or a new connect; not cached");
        }
    }
}

/// One event in full, as Zoho has it now.
pub async fn fetch(
    session: &Session,
    kind: EventKind,
    key: &str,
) -> Result<zoho_core::Meeting, AppError> {
    Ok(match kind {
        EventKind::Meeting => session.get_meeting(key).await?,
        EventKind::Webinar => session.get_webinar(key).await?,
    })
}
