//! Logging started where no folder can be made: no panic, standard error only, and the
//! reason is logged. (Its own test binary: the global subscriber can be set once.)

use zmeet_core::logging;

#[test]
fn a_folder_that_cannot_be_made_falls_back_to_standard_error_and_says_so() {
    let state = tempfile::tempdir().unwrap();
    let blocker = state.path().join("not-a-folder");
    std::fs::write(&blocker, "").unwrap();
    let started = logging::init_in(Some(blocker.join("zmeet/logs")));
    assert!(started.dir.is_none());
    let recent = started.recent.lines();
    assert!(
        recent
            .iter()
            .any(|line| line.contains("no log file, logging to standard error only")),
        "{recent:?}"
    );
    // A second start changes nothing.
    assert!(std::ptr::eq(started, logging::init()));
}
