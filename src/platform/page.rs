//! The page itself: is it on screen, its URL and focus, where a pointer
//! is on an element, and timing marks for the benchmarks.

use wasm_bindgen::JsCast;

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

/// Shows `path` as the page's URL without adding a history entry (the
/// kiosk: nothing to go back to).
pub fn replace_url(path: &str) {
    if let Some(history) = web_sys::window().and_then(|w| w.history().ok()) {
        let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(path));
    }
}

/// Takes the focus off whatever has it (a text box's on-screen keyboard
/// closes).
pub fn blur_focus() {
    let focused = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.active_element())
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok());
    if let Some(element) = focused {
        let _ = element.blur();
    }
}

/// Moves the focus to the element with this id (scrolling it into view)
/// once it is on the page: a panel that opens elsewhere than the button
/// that opened it.
pub fn focus_soon(id: &'static str) {
    leptos::prelude::request_animation_frame(move || {
        let element = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.get_element_by_id(id))
            .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok());
        if let Some(element) = element {
            let _ = element.focus();
        }
    });
}

/// Where `ev` happened on the element it is handled on, as a fraction of
/// its width and height (0-1 each); `None` for an element with no size.
pub fn pointer_fraction(ev: &web_sys::MouseEvent) -> Option<(f64, f64)> {
    let element = ev.current_target()?.dyn_into::<web_sys::Element>().ok()?;
    let rect = element.get_bounding_client_rect();
    (rect.width() > 0.0 && rect.height() > 0.0).then(|| {
        (
            (f64::from(ev.client_x()) - rect.left()) / rect.width(),
            (f64::from(ev.client_y()) - rect.top()) / rect.height(),
        )
    })
}

/// Resolves after a short timeout, so the page can paint what changed
/// (a "checking…" line) before a long synchronous step blocks the thread.
pub async fn next_tick() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        if let Some(window) = web_sys::window() {
            let _ = window.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 30);
        }
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

/// Opens the browser's print dialog for the page (the print styles hide
/// the app's navigation).
pub fn print() {
    if let Some(window) = web_sys::window() {
        let _ = window.print();
    }
}
