//! The page itself: is it on screen.

/// Whether the tab is visible (background tabs need not poll).
pub fn is_visible() -> bool {
    web_sys::window()
        .and_then(|w| w.document())
        .is_some_and(|d| d.visibility_state() == web_sys::VisibilityState::Visible)
}
