//! The X11 shortcut grabber against a real X server (Xvfb from the test harness), with key
//! presses sent as real X key events by xdotool.

use std::collections::HashMap;
use std::sync::mpsc::{Receiver, channel};
use std::sync::{Mutex, MutexGuard};
use std::time::Duration;

use test_harness::Session;
use zmeet_core::global_keys::XShortcut;
use zmeet_core::global_keys::x11::{GrabError, KeyGrabber};
use zmeet_core::settings::parse_shortcut;

const PRESS_TIMEOUT: Duration = Duration::from_secs(20);

/// One test at a time: the idle test counts the wake-ups of this process's grabber threads,
/// which another test's key presses would add to.
fn one_at_a_time() -> MutexGuard<'static, ()> {
    static SERIAL: Mutex<()> = Mutex::new(());
    SERIAL
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

fn shortcut(text: &str) -> XShortcut {
    XShortcut::from_hotkey(&parse_shortcut("field", text).unwrap()).unwrap()
}

fn display(session: &Session) -> String {
    session.env()["DISPLAY"].to_str().unwrap().to_owned()
}

fn grabber(session: &Session) -> (KeyGrabber, Receiver<u32>) {
    let (sender, presses) = channel();
    let grabber = KeyGrabber::connect(Some(&display(session)), move |id| {
        let _ = sender.send(id);
    })
    .expect("connects to the session's X server");
    (grabber, presses)
}

#[test]
fn grabbed_shortcuts_call_back_with_their_id_and_only_them() {
    let _serial = one_at_a_time();
    let session = Session::start().expect("headless session");
    let (grabber, presses) = grabber(&session);
    let results = grabber.set(vec![
        (shortcut("Ctrl+Alt+N"), 0),
        (shortcut("Ctrl+Alt+J"), 1),
    ]);
    assert_eq!(results, vec![Ok(()), Ok(())]);

    session.press_keys("ctrl+alt+j");
    assert_eq!(presses.recv_timeout(PRESS_TIMEOUT), Ok(1));
    // An ungrabbed combination is not ours; the next grabbed one is the next callback.
    session.press_keys("ctrl+alt+k");
    session.press_keys("ctrl+alt+n");
    assert_eq!(presses.recv_timeout(PRESS_TIMEOUT), Ok(0));

    // Replaced: the old combination is released (another client can take it), the new one
    // calls back.
    let results = grabber.set(vec![(shortcut("Super+Shift+F12"), 7)]);
    assert_eq!(results, vec![Ok(())]);
    let (other, _) = self::grabber(&session);
    assert_eq!(other.set(vec![(shortcut("Ctrl+Alt+N"), 0)]), vec![Ok(())]);
    session.press_keys("super+shift+F12");
    assert_eq!(presses.recv_timeout(PRESS_TIMEOUT), Ok(7));
}

#[test]
fn a_combination_another_client_holds_is_reported_taken() {
    let _serial = one_at_a_time();
    let session = Session::start().expect("headless session");
    let (first, _) = grabber(&session);
    let (second, _) = grabber(&session);
    assert_eq!(first.set(vec![(shortcut("Ctrl+Alt+N"), 0)]), vec![Ok(())]);
    assert_eq!(
        second.set(vec![
            (shortcut("Ctrl+Alt+N"), 0),
            (shortcut("Ctrl+Alt+J"), 1)
        ]),
        vec![Err(GrabError::Taken), Ok(())]
    );
    // Switched off (nothing wanted), the first releases it.
    assert_eq!(first.set(Vec::new()), Vec::new());
    assert_eq!(second.set(vec![(shortcut("Ctrl+Alt+N"), 0)]), vec![Ok(())]);
}

/// Voluntary context switches of each of this process's `global-keys` threads, by thread id.
fn grabber_wakeups() -> HashMap<String, u64> {
    let mut by_thread = HashMap::new();
    for task in std::fs::read_dir("/proc/self/task").unwrap() {
        let task = task.unwrap().path();
        let comm = std::fs::read_to_string(task.join("comm")).unwrap_or_default();
        if comm.trim() != "global-keys" {
            continue;
        }
        let status = std::fs::read_to_string(task.join("status")).unwrap_or_default();
        let switches = status
            .lines()
            .find_map(|line| line.strip_prefix("voluntary_ctxt_switches:"))
            .and_then(|n| n.trim().parse::<u64>().ok())
            .unwrap_or(0);
        let id = task.file_name().unwrap().to_string_lossy().into_owned();
        by_thread.insert(id, switches);
    }
    by_thread
}

/// Wake-ups since `before` of the threads alive in both snapshots (an earlier test's
/// grabber thread may end in between).
fn woke_since(before: &HashMap<String, u64>) -> u64 {
    grabber_wakeups()
        .iter()
        .filter_map(|(id, now)| before.get(id).map(|then| now - then))
        .sum()
}

#[test]
fn the_event_thread_sleeps_while_no_key_is_pressed() {
    let _serial = one_at_a_time();
    let session = Session::start().expect("headless session");
    let (grabber, _presses) = grabber(&session);
    assert_eq!(grabber.set(vec![(shortcut("Ctrl+Alt+N"), 0)]), vec![Ok(())]);
    // The thread's first wait (on the connection) is its first voluntary switch: from then on
    // it is asleep unless something wakes it.
    let started = std::time::Instant::now();
    let mut before = grabber_wakeups();
    while before.values().all(|&switches| switches == 0) {
        assert!(
            started.elapsed() < PRESS_TIMEOUT,
            "the grabber thread never waited"
        );
        std::thread::yield_now();
        before = grabber_wakeups();
    }
    // A measuring window, not a wait for a state: a poller at 50 ms (what the Tauri plugin's
    // global-hotkey does) would wake about 30 times in it.
    std::thread::sleep(Duration::from_millis(1500));
    let woke = woke_since(&before);
    assert!(
        woke <= 1,
        "the idle grabber thread woke {woke} times in 1.5 s"
    );
}
