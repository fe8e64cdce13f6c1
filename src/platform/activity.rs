//! Whether someone is using the page: the time of the last touch, key or
//! pointer event anywhere in it (for the auto-lock).

use std::cell::Cell;

use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;

const EVENTS: [&str; 5] = [
    "pointerdown",
    "pointermove",
    "keydown",
    "touchstart",
    "wheel",
];

thread_local! {
    static LAST_MS: Cell<f64> = Cell::new(js_sys::Date::now());
}

/// Starts listening (once, for the page's lifetime).
pub fn watch() {
    let Some(window) = web_sys::window() else {
        return;
    };
    let seen = Closure::<dyn Fn()>::new(touched);
    let options = web_sys::AddEventListenerOptions::new();
    options.set_capture(true);
    options.set_passive(true);
    for event in EVENTS {
        let _ = window.add_event_listener_with_callback_and_add_event_listener_options(
            event,
            seen.as_ref().unchecked_ref(),
            &options,
        );
    }
    seen.forget();
}

/// Counts as use now (also when the app decides, e.g. a kiosk).
pub fn touched() {
    LAST_MS.with(|last| last.set(js_sys::Date::now()));
}

/// Milliseconds since the last use.
pub fn idle_ms() -> f64 {
    js_sys::Date::now() - LAST_MS.with(Cell::get)
}
