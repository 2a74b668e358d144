//! The app's log: `tracing` events go to a daily file under the XDG state directory
//! (`$XDG_STATE_HOME/zmeet/logs`, else `~/.local/state/zmeet/logs`), to standard error in
//! debug builds, and (warnings and errors only) to a short in-memory list that "Copy
//! diagnostics" reads.
//!
//! The level comes from `ZMEET_LOG`, else `RUST_LOG`, in `RUST_LOG` syntax
//! (`debug`, `zmeet_lib=debug,info`, …); the default is `info`.
//!
//! Secrets stay out by type: tokens, codes, the client secret and host-only links are
//! `zoho_core::Secret`s, whose `Debug` and `Display` print a placeholder. The recent lines
//! are scrubbed once more before they leave the process (see [`recent`]).

mod discarded;
mod file;
mod recent;
mod report;
mod retention;

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use tracing_subscriber::filter::LevelFilter;
use tracing_subscriber::layer::SubscriberExt;
use tracing_subscriber::util::SubscriberInitExt;
use tracing_subscriber::{EnvFilter, Layer};

pub use discarded::WarnOnErr;
pub use file::{FILE_PREFIX, FILE_SUFFIX};
pub use recent::{RECENT_LINES, RecentLines, scrub};
pub use report::{Facts, diagnostics_text};
pub use retention::{MAX_TOTAL_BYTES, prune};

/// The level variable; `RUST_LOG` is read when it is not set.
pub const LEVEL_ENV: &str = "ZMEET_LOG";
/// The level when neither variable is set.
pub const DEFAULT_LEVEL: &str = "info";

/// What [`init`] set up.
#[derive(Debug)]
pub struct Logging {
    /// The folder of the log files; `None` when it could not be made (logs then go to
    /// standard error only).
    pub dir: Option<PathBuf>,
    /// The last warnings and errors, scrubbed.
    pub recent: RecentLines,
}

static LOGGING: OnceLock<Logging> = OnceLock::new();

/// Starts logging, once (later calls return the first result). Never panics: a log folder
/// that cannot be made leaves logging on standard error, said there.
pub fn init() -> &'static Logging {
    init_in(default_dir())
}

/// [`init`] with the log folder given (`None`: there is none).
pub fn init_in(folder: Option<PathBuf>) -> &'static Logging {
    LOGGING.get_or_init(|| {
        let (level, level_problem) = level_from_env();
        let recent = RecentLines::default();
        let (dir, dir_problem) = match folder {
            Some(dir) => match file::DailyFile::open(&dir) {
                Ok(appender) => (Some((dir, appender)), None),
                Err(error) => (None, Some(format!("{}: {error}", dir.display()))),
            },
            None => (None, Some("no home or XDG state directory".to_owned())),
        };
        let file_layer = dir.as_ref().map(|(_, appender)| {
            tracing_subscriber::fmt::layer()
                .with_ansi(false)
                .with_writer(appender.clone())
                .with_filter(filter(&level))
        });
        // Standard error in debug builds, and in any build whose log file is unusable.
        let stderr_layer = (cfg!(debug_assertions) || dir.is_none()).then(|| {
            tracing_subscriber::fmt::layer()
                .with_ansi(std::io::IsTerminal::is_terminal(&std::io::stderr()))
                .with_writer(std::io::stderr)
                .with_filter(filter(&level))
        });
        let recent_layer = tracing_subscriber::fmt::layer()
            .with_ansi(false)
            .with_writer(recent.clone())
            .with_filter(LevelFilter::WARN);
        let installed = tracing_subscriber::registry()
            .with(file_layer)
            .with(stderr_layer)
            .with(recent_layer)
            .try_init();
        if let Err(error) = installed {
            eprintln!("zmeet: logging not started: {error}");
        }
        if let Some(problem) = level_problem {
            tracing::warn!("{LEVEL_ENV}/RUST_LOG ignored, using {DEFAULT_LEVEL}: {problem}");
        }
        if let Some(problem) = dir_problem {
            tracing::warn!("no log file, logging to standard error only: {problem}");
        }
        Logging {
            dir: dir.map(|(dir, _)| dir),
            recent,
        }
    })
}

/// What [`init`] set up, if it ran.
pub fn get() -> Option<&'static Logging> {
    LOGGING.get()
}

/// `$XDG_STATE_HOME/zmeet/logs`, else `~/.local/state/zmeet/logs`.
pub fn default_dir() -> Option<PathBuf> {
    let state = std::env::var_os("XDG_STATE_HOME")
        .map(PathBuf::from)
        .filter(|path| path.is_absolute())
        .or_else(|| std::env::home_dir().map(|home| home.join(".local/state")))?;
    Some(log_dir_in(&state))
}

/// The log folder inside a state directory.
pub fn log_dir_in(state: &Path) -> PathBuf {
    state.join("zmeet").join("logs")
}

/// The level directives, and why the environment's were refused, if they were.
fn level_from_env() -> (String, Option<String>) {
    let wanted = std::env::var(LEVEL_ENV)
        .or_else(|_| std::env::var("RUST_LOG"))
        .ok()
        .filter(|value| !value.trim().is_empty());
    match wanted {
        Some(value) => match EnvFilter::try_new(&value) {
            Ok(_) => (value, None),
            Err(error) => (DEFAULT_LEVEL.to_owned(), Some(error.to_string())),
        },
        None => (DEFAULT_LEVEL.to_owned(), None),
    }
}

fn filter(level: &str) -> EnvFilter {
    EnvFilter::try_new(level).unwrap_or_else(|_| EnvFilter::new(DEFAULT_LEVEL))
}
