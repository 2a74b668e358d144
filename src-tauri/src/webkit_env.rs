//! WebKitGTK settings that must be in the environment before GTK and WebKit start.

/// WebKitGTK's switch for painting without accelerated compositing.
pub const DISABLE_COMPOSITING: &str = "WEBKIT_DISABLE_COMPOSITING_MODE";

/// Paints the webview without accelerated compositing, unless the environment says
/// otherwise. The calendar has no 3-D transforms, video or WebGL that would need it, and
/// with it the web process keeps GL buffers (painted by Mesa's llvmpipe where there is no
/// GPU, as under Xvfb): the window-open memory drops by about a third without it (figures in
/// `bench/RESULTS.md`).
///
/// # Safety
/// Changes the environment: call it before any other thread starts (first thing in `main`).
pub unsafe fn apply_defaults() {
    if std::env::var_os(DISABLE_COMPOSITING).is_none() {
        // SAFETY: the caller guarantees no other thread runs yet.
        unsafe { std::env::set_var(DISABLE_COMPOSITING, "1") };
    }
}
