//! Telling the app's other tabs that stored records changed (the tab that
//! synced posts; the others re-read what they show).

use wasm_bindgen::prelude::*;
use web_sys::BroadcastChannel;

const CHANNEL: &str = "rukun-records";

/// Posts "records changed" to the other tabs of this origin.
pub fn announce_change() {
    if let Ok(channel) = BroadcastChannel::new(CHANNEL) {
        let _ = channel.post_message(&JsValue::TRUE);
        channel.close();
    }
}

/// Runs `on_change` whenever another tab announces a change.
pub fn on_change(on_change: impl Fn() + 'static) {
    let Ok(channel) = BroadcastChannel::new(CHANNEL) else {
        return;
    };
    let listener = Closure::<dyn Fn()>::new(on_change);
    channel.set_onmessage(Some(listener.as_ref().unchecked_ref()));
    // Both live as long as the app.
    listener.forget();
    std::mem::forget(channel);
}
