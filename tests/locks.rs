//! Web Locks in headless Chromium: one holder at a time, released after.
#![cfg(target_arch = "wasm32")]

use rukun::platform::locks;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen_test]
async fn a_held_lock_is_not_available_until_released() {
    let nested = locks::if_available("rukun-test", || async {
        locks::if_available("rukun-test", || async { "second holder" }).await
    })
    .await;
    assert_eq!(
        nested,
        Some(None),
        "the lock was held: the inner work did not run"
    );
    assert_eq!(
        locks::if_available("rukun-test", || async { 2 }).await,
        Some(2)
    );
    assert_eq!(
        locks::if_available("other-name", || async { 3 }).await,
        Some(3)
    );
}
