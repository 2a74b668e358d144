//! How much log is kept: the newest files up to [`MAX_TOTAL_BYTES`] together.
//!
//! The rule: list the log files (`zmeet.<date>.log`), newest first (the date in the name
//! sorts them); keep files while their running total stays within the budget; delete every
//! older one. The current day's file is always kept, so a single busy day can exceed the
//! budget until the next start or change of day.

use std::fs;
use std::io;
use std::path::Path;

use super::file::{FILE_PREFIX, FILE_SUFFIX};

/// The budget for all log files together (about 10 MiB).
pub const MAX_TOTAL_BYTES: u64 = 10 * 1024 * 1024;

/// Deletes the oldest log files in `dir` beyond `budget` bytes; `current` (a file name) is
/// never deleted. Files that are not logs are left alone.
pub fn prune(dir: &Path, budget: u64, current: &str) -> io::Result<()> {
    let mut logs = Vec::new();
    for entry in fs::read_dir(dir)? {
        let entry = entry?;
        let name = entry.file_name().to_string_lossy().into_owned();
        let is_log = name.starts_with(&format!("{FILE_PREFIX}."))
            && name.ends_with(&format!(".{FILE_SUFFIX}"));
        let metadata = entry.metadata()?;
        if is_log && metadata.is_file() {
            logs.push((name, metadata.len()));
        }
    }
    // Newest first; the current file leads whatever its name.
    logs.sort_by(|a, b| (b.0 == current, &b.0).cmp(&(a.0 == current, &a.0)));
    let mut total = 0u64;
    for (name, len) in logs {
        total = total.saturating_add(len);
        if name != current && total > budget {
            fs::remove_file(dir.join(&name))?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn write(dir: &Path, name: &str, len: usize) {
        fs::write(dir.join(name), vec![b'x'; len]).unwrap();
    }

    fn names(dir: &Path) -> Vec<String> {
        let mut names: Vec<_> = fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }

    #[test]
    fn the_oldest_files_beyond_the_budget_go_and_other_files_stay() {
        let dir = tempfile::tempdir().unwrap();
        let dir = dir.path();
        write(dir, "zmeet.2026-01-01.log", 40);
        write(dir, "zmeet.2026-01-02.log", 40);
        write(dir, "zmeet.2026-01-03.log", 40);
        write(dir, "zmeet.2026-01-04.log", 40);
        write(dir, "notes.txt", 1000);
        prune(dir, 100, "zmeet.2026-01-04.log").unwrap();
        assert_eq!(
            names(dir),
            ["notes.txt", "zmeet.2026-01-03.log", "zmeet.2026-01-04.log"]
        );
    }

    #[test]
    fn the_current_file_stays_even_over_budget() {
        let dir = tempfile::tempdir().unwrap();
        let dir = dir.path();
        write(dir, "zmeet.2026-01-01.log", 10);
        write(dir, "zmeet.2026-01-02.log", 500);
        prune(dir, 100, "zmeet.2026-01-02.log").unwrap();
        assert_eq!(names(dir), ["zmeet.2026-01-02.log"]);
    }

    #[test]
    fn within_budget_nothing_is_deleted() {
        let dir = tempfile::tempdir().unwrap();
        let dir = dir.path();
        write(dir, "zmeet.2026-01-01.log", 10);
        write(dir, "zmeet.2026-01-02.log", 10);
        prune(dir, MAX_TOTAL_BYTES, "zmeet.2026-01-02.log").unwrap();
        assert_eq!(names(dir).len(), 2);
    }
}
