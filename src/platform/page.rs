//! The page itself: is it on screen, and timing marks for the benchmarks.

/// Whether the tab is visible (background tabs need not poll).
pub fn is_visible() -> bool {
    web_sys::window()
        .and_then(|w| w.document())
        .is_some_and(|d| d.visibility_state() == web_sys::VisibilityState::Visible)
}

/// A User Timing mark (`performance.mark`), read by the benchmarks in
/// `tests/e2e/bench`; costs nothing when nobody reads it.
pub fn mark(name: &str) {
    if let Some(performance) = web_sys::window().and_then(|w| w.performance()) {
        let _ = performance.mark(name);
    }
}

/// A measure between two marks (`performance.measure`).
pub fn measure(name: &str, start: &str, end: &str) {
    if let Some(performance) = web_sys::window().and_then(|w| w.performance()) {
        let _ = performance.measure_with_start_mark_and_end_mark(name, start, end);
    }
}
