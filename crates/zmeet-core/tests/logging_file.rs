//! Logging started in a usable folder: lines at the level asked for land in today's file.
//! (Its own test binary: the global subscriber can be set once per process.)

use zmeet_core::logging;

#[test]
fn lines_at_the_level_asked_for_land_in_the_daily_file_and_warnings_in_the_recent_list() {
    // SAFETY: set before any other thread of this test binary reads the environment.
    unsafe {
        std::env::remove_var("RUST_LOG");
        std::env::set_var(logging::LEVEL_ENV, "info");
    }
    let state = tempfile::tempdir().unwrap();
    let dir = logging::log_dir_in(state.path());
    let started = logging::init_in(Some(dir.clone()));
    assert_eq!(started.dir.as_deref(), Some(dir.as_path()));

    tracing::debug!("below the level");
    tracing::info!("an info line");
    tracing::warn!("a warning line");

    let files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    assert_eq!(files.len(), 1, "{files:?}");
    let name = files[0].file_name().unwrap().to_string_lossy().into_owned();
    assert!(
        name.starts_with("zmeet.") && name.ends_with(".log"),
        "{name}"
    );
    let text = std::fs::read_to_string(&files[0]).unwrap();
    assert!(text.contains("an info line"), "{text}");
    assert!(text.contains("a warning line"), "{text}");
    assert!(!text.contains("below the level"), "{text}");

    let recent = logging::get().unwrap().recent.lines();
    assert_eq!(recent.len(), 1, "{recent:?}");
    assert!(recent[0].contains("a warning line"), "{recent:?}");
}
