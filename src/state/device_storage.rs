//! The device's storage: persistence asked for once at start (so the
//! browser does not evict unsent records), and the space used.

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::platform::quota;

#[derive(Clone, Copy)]
pub struct DeviceStorage {
    /// `Some(true)` granted, `Some(false)` refused, `None` unknown.
    pub persistent: RwSignal<Option<bool>>,
    /// Bytes used and available.
    pub usage: RwSignal<Option<(f64, f64)>>,
}

impl DeviceStorage {
    pub fn provide() -> Self {
        let this = Self {
            persistent: RwSignal::new(None),
            usage: RwSignal::new(None),
        };
        provide_context(this);
        spawn_local(async move {
            this.persistent.set(quota::request_persistence().await);
            this.refresh_usage();
        });
        this
    }

    pub fn use_context() -> Self {
        expect_context()
    }

    pub fn refresh_usage(self) {
        spawn_local(async move { self.usage.set(quota::estimate().await) });
    }
}
