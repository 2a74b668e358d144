//! The reminders already shown, kept in a small file so a restart never repeats one.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use super::schedule::ReminderId;

/// How long a shown reminder is remembered after its event started.
const KEEP_MS: i64 = 2 * 24 * 60 * 60 * 1000;

#[derive(Clone)]
pub struct SentLog {
    path: PathBuf,
    sent: BTreeSet<ReminderId>,
}

impl SentLog {
    /// Loads the log; a missing or unreadable file starts empty (at worst a reminder
    /// repeats once, which beats none at all).
    pub fn load(path: &Path) -> Self {
        let sent = match std::fs::read_to_string(path) {
            Ok(text) => serde_json::from_str(&text).unwrap_or_else(|error| {
                tracing::warn!(
                    "reminder log {} unreadable, starting empty: {error}",
                    path.display()
                );
                BTreeSet::new()
            }),
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => BTreeSet::new(),
            Err(error) => {
                tracing::warn!("cannot read the reminder log {}: {error}", path.display());
                BTreeSet::new()
            }
        };
        Self {
            path: path.to_owned(),
            sent,
        }
    }

    pub fn sent(&self) -> &BTreeSet<ReminderId> {
        &self.sent
    }

    /// Records shown reminders and forgets old ones, then saves atomically.
    pub fn record(
        &mut self,
        shown: impl IntoIterator<Item = ReminderId>,
        now_ms: i64,
    ) -> std::io::Result<()> {
        self.sent.extend(shown);
        self.sent.retain(|id| id.start_ms + KEEP_MS > now_ms);
        if let Some(dir) = self.path.parent() {
            std::fs::create_dir_all(dir)?;
        }
        let temporary = self.path.with_extension("json.tmp");
        std::fs::write(
            &temporary,
            serde_json::to_vec(&self.sent).expect("serialize"),
        )?;
        std::fs::rename(&temporary, &self.path)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::calendar::EventKind;

    #[test]
    fn shown_reminders_survive_a_reload_and_old_ones_are_pruned() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("state/reminders.json");
        let id = |key: &str, start_ms| ReminderId {
            kind: EventKind::Meeting,
            key: key.into(),
            start_ms,
        };
        let mut log = SentLog::load(&path);
        assert!(log.sent().is_empty());
        log.record([id("old", 0), id("new", KEEP_MS)], 1).unwrap();
        let reloaded = SentLog::load(&path);
        assert_eq!(reloaded.sent().len(), 2);
        let mut reloaded = reloaded;
        reloaded.record([], KEEP_MS + 1).unwrap();
        assert_eq!(
            SentLog::load(&path)
                .sent()
                .iter()
                .map(|i| i.key.as_str())
                .collect::<Vec<_>>(),
            ["new"]
        );
    }
}
