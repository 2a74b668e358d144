//! How the webviews paint. WebKitGTK's accelerated compositing keeps a GL context (and with
//! software GL, Mesa's llvmpipe and its LLVM) in the app and in every web process; the
//! calendar's flat boxes and text gain nothing from it. Painting without it took the
//! process tree with the window open from 337–345 MiB to 226 MiB PSS (bench/RESULTS.md).

/// WebKitGTK's switch for painting without accelerated compositing.
const COMPOSITING_OFF: &str = "WEBKIT_DISABLE_COMPOSITING_MODE";

/// Turns accelerated compositing off unless the user's environment already sets the switch
/// (whatever it says is kept). Call first thing in `main`.
pub fn software_rendering() {
    if std::env::var_os(COMPOSITING_OFF).is_none() {
        // SAFETY: called at the start of `main`, before any other thread exists, so nothing
        // reads the environment concurrently.
        unsafe { std::env::set_var(COMPOSITING_OFF, "1") };
    }
}
