//! The daily log file: `tracing-appender`'s daily rotation, with a size budget over all the
//! files and owner-only permissions.
//!
//! Files are `zmeet.YYYY-MM-DD.log` (the UTC date, as `tracing-appender` names them). Each
//! day's file is made before the appender opens it, so it is created 0600; the folder is
//! 0700. At start and at each change of day, [`super::prune`] deletes the oldest files
//! beyond [`super::MAX_TOTAL_BYTES`].

use std::fs::{self, DirBuilder, OpenOptions};
use std::io;
use std::os::unix::fs::{DirBuilderExt, OpenOptionsExt, PermissionsExt};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use chrono::{NaiveDate, Utc};
use tracing_appender::rolling::{RollingFileAppender, RollingWriter, Rotation};
use tracing_subscriber::fmt::MakeWriter;

use super::retention;

pub const FILE_PREFIX: &str = "zmeet";
pub const FILE_SUFFIX: &str = "log";

/// A daily-rotated, size-bounded log file; cheap to clone.
#[derive(Clone)]
pub struct DailyFile {
    inner: Arc<Inner>,
}

struct Inner {
    dir: PathBuf,
    appender: RollingFileAppender,
    /// The day whose file was last prepared.
    day: Mutex<NaiveDate>,
}

impl DailyFile {
    /// Makes the folder (0700), prunes it, and opens today's file (0600).
    pub fn open(dir: &Path) -> io::Result<Self> {
        DirBuilder::new().recursive(true).mode(0o700).create(dir)?;
        // An existing folder keeps its mode through `create`: tighten it.
        fs::set_permissions(dir, fs::Permissions::from_mode(0o700))?;
        let today = Utc::now().date_naive();
        prepare_day(dir, today)?;
        let appender = RollingFileAppender::builder()
            .rotation(Rotation::DAILY)
            .filename_prefix(FILE_PREFIX)
            .filename_suffix(FILE_SUFFIX)
            .build(dir)
            .map_err(io::Error::other)?;
        Ok(Self {
            inner: Arc::new(Inner {
                dir: dir.to_owned(),
                appender,
                day: Mutex::new(today),
            }),
        })
    }

    /// On the first line of a new day: make its file owner-only and prune old ones,
    /// before the appender rotates into it.
    fn roll_if_new_day(&self) {
        let today = Utc::now().date_naive();
        let Ok(mut day) = self.inner.day.lock() else {
            return;
        };
        if *day != today {
            *day = today;
            if let Err(error) = prepare_day(&self.inner.dir, today) {
                // Logging about the log would recurse; standard error is all there is.
                eprintln!("zmeet: cannot prepare the log file of {today}: {error}");
            }
        }
    }
}

/// The file name `tracing-appender` gives `day`'s log.
pub fn file_name(day: NaiveDate) -> String {
    format!("{FILE_PREFIX}.{}.{FILE_SUFFIX}", day.format("%Y-%m-%d"))
}

fn prepare_day(dir: &Path, day: NaiveDate) -> io::Result<()> {
    let name = file_name(day);
    let path = dir.join(&name);
    OpenOptions::new()
        .append(true)
        .create(true)
        .mode(0o600)
        .open(&path)?;
    fs::set_permissions(&path, fs::Permissions::from_mode(0o600))?;
    retention::prune(dir, retention::MAX_TOTAL_BYTES, &name)
}

impl<'a> MakeWriter<'a> for DailyFile {
    type Writer = RollingWriter<'a>;

    fn make_writer(&'a self) -> Self::Writer {
        self.roll_if_new_day();
        self.inner.appender.make_writer()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    #[test]
    fn the_folder_and_todays_file_are_owner_only_and_lines_land_in_it() {
        let home = tempfile::tempdir().unwrap();
        let dir = home.path().join("zmeet/logs");
        let file = DailyFile::open(&dir).unwrap();
        file.make_writer().write_all(b"a line\n").unwrap();

        let mode = |path: &Path| fs::metadata(path).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode(&dir), 0o700);
        let today = dir.join(file_name(Utc::now().date_naive()));
        assert_eq!(mode(&today), 0o600);
        assert_eq!(fs::read_to_string(&today).unwrap(), "a line\n");
    }

    #[test]
    fn an_existing_open_folder_is_tightened() {
        let home = tempfile::tempdir().unwrap();
        let dir = home.path().join("logs");
        fs::create_dir(&dir).unwrap();
        fs::set_permissions(&dir, fs::Permissions::from_mode(0o755)).unwrap();
        DailyFile::open(&dir).unwrap();
        assert_eq!(
            fs::metadata(&dir).unwrap().permissions().mode() & 0o777,
            0o700
        );
    }

    #[test]
    fn a_folder_that_cannot_be_made_is_an_error_not_a_panic() {
        let home = tempfile::tempdir().unwrap();
        let blocker = home.path().join("file");
        fs::write(&blocker, "").unwrap();
        assert!(DailyFile::open(&blocker.join("logs")).is_err());
    }
}
