//! Skipping work whose input did not change (issue 15: the tray-only app's idle wake-ups).
//! The tray menu is rebuilt from the state on every background tick and data event, but
//! handing the same menu to the desktop again costs a round trip to the GUI thread per item
//! and a D-Bus menu update ([`LastHandedOn`]); the reminders read the settings and their log
//! on every tick, though only a save changes them ([`Reread`]).

use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

/// The last value handed on (rendered, sent), to tell whether a new one differs.
#[derive(Debug, Default)]
pub struct LastHandedOn<T> {
    last: Mutex<Option<T>>,
}

impl<T: PartialEq + Clone> LastHandedOn<T> {
    pub fn new() -> Self {
        Self {
            last: Mutex::new(None),
        }
    }

    /// Whether `value` differs from the last one recorded (true when none was).
    pub fn differs(&self, value: &T) -> bool {
        self.last.lock().expect("last value lock").as_ref() != Some(value)
    }

    /// Records `value` as handed on; call only once it was (a failed render is retried).
    pub fn record(&self, value: &T) {
        *self.last.lock().expect("last value lock") = Some(value.clone());
    }
}

/// What tells a file changed without reading it: its size, modification time and inode
/// (a save by a rename over it is a new inode); none while there is no file.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Stamp(Option<(u64, i64, i64, u64)>);

impl Stamp {
    fn of(path: &Path) -> Self {
        Self(
            std::fs::metadata(path)
                .ok()
                .map(|m| (m.len(), m.mtime(), m.mtime_nsec(), m.ino())),
        )
    }
}

/// A file's contents as last read, read again only when the file changed.
#[derive(Debug, Default)]
pub struct Reread<T> {
    cached: Mutex<Option<(PathBuf, Stamp, T)>>,
}

impl<T: Clone> Reread<T> {
    pub const fn new() -> Self {
        Self {
            cached: Mutex::new(None),
        }
    }

    /// What `read` made of `path`, from the last read while the file (or its absence) is
    /// the same, else read now.
    pub fn get(&self, path: &Path, read: impl FnOnce(&Path) -> T) -> T {
        let stamp = Stamp::of(path);
        let mut cached = self.cached.lock().expect("reread lock");
        if let Some((last_path, last_stamp, value)) = cached.as_ref()
            && last_path == path
            && *last_stamp == stamp
        {
            return value.clone();
        }
        let value = read(path);
        *cached = Some((path.to_owned(), stamp, value.clone()));
        value
    }
}

#[cfg(test)]
mod tests {
    use super::{LastHandedOn, Reread};
    use std::cell::Cell;

    #[test]
    fn only_a_value_different_from_the_recorded_one_differs() {
        let last = LastHandedOn::new();
        assert!(last.differs(&vec!["Meet now"]), "nothing recorded yet");
        // Not recorded (the render failed): still differs.
        assert!(last.differs(&vec!["Meet now"]));
        last.record(&vec!["Meet now"]);
        assert!(!last.differs(&vec!["Meet now"]));
        assert!(last.differs(&vec!["Meet now", "Join Design crit (in 3 min)"]));
        last.record(&vec!["Meet now", "Join Design crit (in 3 min)"]);
        assert!(last.differs(&vec!["Meet now", "Join Design crit (in 2 min)"]));
    }

    #[test]
    fn a_file_is_read_again_only_when_it_changed() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("settings.json");
        let reads = Cell::new(0);
        let read = |path: &std::path::Path| {
            reads.set(reads.get() + 1);
            std::fs::read_to_string(path).unwrap_or_default()
        };
        let cache = Reread::new();
        // No file yet: read once, then remembered as absent.
        assert_eq!(cache.get(&path, read), "");
        assert_eq!(cache.get(&path, read), "");
        assert_eq!(reads.get(), 1);
        std::fs::write(&path, "5").unwrap();
        assert_eq!(cache.get(&path, read), "5");
        assert_eq!(cache.get(&path, read), "5");
        assert_eq!(reads.get(), 2);
        // Saved the way the app saves: a new file renamed over the old one.
        let temporary = dir.path().join("settings.json.tmp");
        std::fs::write(&temporary, "10").unwrap();
        std::fs::rename(&temporary, &path).unwrap();
        assert_eq!(cache.get(&path, read), "10");
        assert_eq!(reads.get(), 3);
        // Another file is another read.
        let other = dir.path().join("reminders.json");
        assert_eq!(cache.get(&other, read), "");
        assert_eq!(reads.get(), 4);
        std::fs::remove_file(&path).unwrap();
        assert_eq!(cache.get(&path, read), "");
        assert_eq!(reads.get(), 5);
    }
}
