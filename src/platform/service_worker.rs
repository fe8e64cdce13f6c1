//! Registers `/sw.js` and tells when a new build has installed and waits.
//!
//! The worker never takes over by itself (no `skipWaiting` at install), so
//! a page always runs on the files of one build; the user chooses when to
//! switch, and the page reloads once the new worker controls it.

use std::cell::RefCell;

use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;
use web_sys::{
    ServiceWorker, ServiceWorkerContainer, ServiceWorkerRegistration, ServiceWorkerState,
};

thread_local! {
    static REGISTRATION: RefCell<Option<ServiceWorkerRegistration>> = const { RefCell::new(None) };
}

fn container() -> Option<ServiceWorkerContainer> {
    let navigator = web_sys::window()?.navigator();
    // Absent in insecure contexts and some private modes.
    js_sys::Reflect::has(&navigator, &"serviceWorker".into())
        .unwrap_or(false)
        .then(|| navigator.service_worker())
}

/// Registers the worker; `on_update_ready` runs when a newer build is
/// installed and waiting to take over.
pub fn register(on_update_ready: impl Fn() + Clone + 'static) {
    let Some(container) = container() else { return };
    wasm_bindgen_futures::spawn_local(async move {
        let registration = match JsFuture::from(container.register("/sw.js")).await {
            Ok(registration) => registration.unchecked_into::<ServiceWorkerRegistration>(),
            Err(error) => {
                leptos::logging::warn!("service worker not registered: {error:?}");
                return;
            }
        };
        let has_controller = move || container.controller().is_some();
        // A worker that installs while a page is controlled is a new build.
        let watch = {
            let (on_update_ready, has_controller) =
                (on_update_ready.clone(), has_controller.clone());
            move |worker: ServiceWorker| {
                let ready = on_update_ready.clone();
                let has_controller = has_controller.clone();
                let watched = worker.clone();
                let on_state = Closure::<dyn Fn()>::new(move || {
                    if watched.state() == ServiceWorkerState::Installed && has_controller() {
                        ready();
                    }
                });
                worker.set_onstatechange(Some(on_state.as_ref().unchecked_ref()));
                on_state.forget();
            }
        };
        // The browser may have found the new build while this page loaded,
        // before these listeners existed: look at what is there already.
        if registration.waiting().is_some() && has_controller() {
            on_update_ready();
        }
        if let Some(installing) = registration.installing() {
            watch(installing);
        }
        let on_found = {
            let registration = registration.clone();
            let watch = watch.clone();
            Closure::<dyn Fn()>::new(move || {
                if let Some(worker) = registration.installing() {
                    watch(worker);
                }
            })
        };
        registration.set_onupdatefound(Some(on_found.as_ref().unchecked_ref()));
        on_found.forget();
        // Look again now that the listeners exist (a worker may have moved on
        // meanwhile), and ask for a check rather than rely on the browser's
        // own check at navigation, whose timing varies under load.
        if registration.waiting().is_some() && has_controller() {
            on_update_ready();
        } else if let Some(installing) = registration.installing() {
            watch(installing);
        }
        REGISTRATION.with(|r| *r.borrow_mut() = Some(registration.clone()));
        check_for_update();
        // A safety net for a state change missed between the checks above:
        // look for a waiting build now and then (cheap; the update flake in
        // CI turned out to be the test's same-second Last-Modified).
        let signalled = std::rc::Rc::new(std::cell::Cell::new(false));
        leptos::prelude::set_interval(
            move || {
                if !signalled.get() && registration.waiting().is_some() && has_controller() {
                    signalled.set(true);
                    on_update_ready();
                }
            },
            std::time::Duration::from_secs(5),
        );
    });
}

/// Asks the server whether a newer `sw.js` exists.
pub fn check_for_update() {
    REGISTRATION.with(|r| {
        if let Some(registration) = r.borrow().as_ref() {
            if let Ok(promise) = registration.update() {
                // A failed check (offline) is normal; the next one will do.
                wasm_bindgen_futures::spawn_local(async move {
                    let _ = JsFuture::from(promise).await;
                });
            }
        }
    });
}

/// Lets the waiting worker take over, then reloads onto the new build.
pub fn activate_update() {
    let Some(container) = container() else { return };
    let waiting: Option<ServiceWorker> =
        REGISTRATION.with(|r| r.borrow().as_ref().and_then(|r| r.waiting()));
    let Some(waiting) = waiting else { return };
    let reload = Closure::once(|| {
        if let Some(window) = web_sys::window() {
            let _ = window.location().reload();
        }
    });
    container.set_oncontrollerchange(Some(reload.as_ref().unchecked_ref()));
    reload.forget();
    let _ = waiting.post_message(&JsValue::from_str("skip-waiting"));
}
