//! Web Locks: work that only one tab of this app may do at a time (sync).

use std::cell::RefCell;
use std::future::Future;

use futures::channel::oneshot;
use js_sys::{Function, Object, Promise, Reflect};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// Runs `work` holding the lock `name` if no other tab holds it; `None`
/// when another tab does. Browsers without Web Locks just run it.
pub async fn if_available<T, Fut: Future<Output = T>>(
    name: &str,
    work: impl FnOnce() -> Fut,
) -> Option<T> {
    let locks = web_sys::window()
        .map(|w| {
            Reflect::get(&w.navigator(), &JsValue::from_str("locks")).unwrap_or(JsValue::UNDEFINED)
        })
        .filter(|l| l.is_object());
    let Some(locks) = locks else {
        return Some(work().await);
    };
    let request: Option<Function> = Reflect::get(&locks, &JsValue::from_str("request"))
        .ok()
        .and_then(|f| f.dyn_into().ok());
    let Some(request) = request else {
        return Some(work().await);
    };
    let release_fn: RefCell<Option<Function>> = RefCell::new(None);
    let held = Promise::new(&mut |resolve, _| {
        release_fn.replace(Some(resolve));
    });
    let (granted_tx, granted_rx) = oneshot::channel::<bool>();
    let callback = Closure::once_into_js(move |lock: JsValue| -> JsValue {
        let granted = !lock.is_null();
        let _ = granted_tx.send(granted);
        if granted {
            held.into()
        } else {
            JsValue::NULL
        }
    });
    let options = Object::new();
    let _ = Reflect::set(&options, &JsValue::from_str("ifAvailable"), &JsValue::TRUE);
    let Ok(done) = request.call3(&locks, &JsValue::from_str(name), &options, &callback) else {
        return Some(work().await);
    };
    if !granted_rx.await.unwrap_or(false) {
        return None;
    }
    let out = work().await;
    if let Some(release) = release_fn.borrow_mut().take() {
        let _ = release.call0(&JsValue::NULL);
    }
    // The request's promise settles once the lock is really released.
    if let Ok(done) = done.dyn_into::<Promise>() {
        let _ = wasm_bindgen_futures::JsFuture::from(done).await;
    }
    Some(out)
}
