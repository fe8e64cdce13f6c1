//! "A new version is available": the service worker's waiting build.

use leptos::ev;
use leptos::prelude::*;

use crate::platform::service_worker;

#[derive(Clone, Copy)]
pub struct AppUpdate {
    /// A newer build is installed and waits for the user's go.
    pub ready: RwSignal<bool>,
}

impl AppUpdate {
    pub fn provide() -> Self {
        let this = Self {
            ready: RwSignal::new(false),
        };
        provide_context(this);
        service_worker::register(move || this.ready.set(true));
        // Look for a new build whenever the volunteer comes back to the app.
        window_event_listener(ev::visibilitychange, |_| service_worker::check_for_update());
        window_event_listener(ev::online, |_| service_worker::check_for_update());
        this
    }

    pub fn use_context() -> Self {
        expect_context()
    }

    /// Switches to the new build (the page reloads).
    pub fn apply(self) {
        service_worker::activate_update();
    }
}
