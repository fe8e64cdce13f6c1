//! Persistent storage: asking the browser not to evict the device's data,
//! and how much space it uses.

use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

fn manager() -> Option<web_sys::StorageManager> {
    web_sys::window().map(|w| w.navigator().storage())
}

/// Asks for persistence (a no-op when already granted); `Some(granted)`,
/// or `None` when the browser has no storage manager.
pub async fn request_persistence() -> Option<bool> {
    let manager = manager()?;
    let granted = JsFuture::from(manager.persist().ok()?).await.ok()?;
    granted.as_bool()
}

/// `(bytes used, bytes available)` for this site.
pub async fn estimate() -> Option<(f64, f64)> {
    let estimate = JsFuture::from(manager()?.estimate().ok()?).await.ok()?;
    let estimate: web_sys::StorageEstimate = estimate.unchecked_into();
    Some((
        estimate.get_usage().unwrap_or(0.0),
        estimate.get_quota().unwrap_or(0.0),
    ))
}
