//! A create whose answer never came (the connection broke after the request was sent):
//! Zoho may or may not have created the event. Read the list again and look for it before
//! offering a retry, so there is never a duplicate (retrying blindly) nor a ghost (showing
//! an event Zoho does not have).

use std::collections::HashSet;

use zoho_core::NewMeeting;

use super::AppCore;
use crate::calendar::{CalendarEvent, EventKind};
use crate::error::{AppError, ErrorCode};

impl AppCore {
    /// The keys of `kind` the calendar knows now (taken before a create is sent).
    pub(super) async fn known_keys(&self, kind: EventKind) -> HashSet<String> {
        self.cache
            .lock()
            .await
            .all()
            .into_iter()
            .filter(|event| event.kind == kind)
            .map(|event| event.key)
            .collect()
    }

    /// Settles a create that failed with `lost` (Zoho unreachable mid-call): the event Zoho
    /// created after all, or an error saying whether trying again is safe.
    pub(super) async fn after_lost_create(
        &self,
        kind: EventKind,
        new: &NewMeeting,
        known_before: &HashSet<String>,
        lost: AppError,
    ) -> Result<CalendarEvent, AppError> {
        tracing::warn!("a create got no answer ({lost}); checking whether Zoho made it");
        if let Err(error) = self.ensure_synced(true, None).await {
            return Err(AppError::new(
                ErrorCode::Offline,
                format!(
                    "The connection broke before Zoho answered, and Zoho cannot be reached to \
                     check whether it was created ({error}). Your input is kept; once online, \
                     check the calendar before trying again."
                ),
            ));
        }
        let start_ms = new.start.timestamp_millis() / 60_000 * 60_000;
        let found = self.cache.lock().await.all().into_iter().find(|event| {
            event.kind == kind
                && !known_before.contains(&event.key)
                && event.topic == new.topic.trim()
                && event.start_ms as i64 / 60_000 * 60_000 == start_ms
        });
        found.ok_or_else(|| {
            AppError::new(
                ErrorCode::Network,
                "The connection broke before Zoho answered, and Zoho has no such event: \
                 nothing was created. Your input is kept; try again.",
            )
        })
    }
}
