//! Locking by itself: after [`prefs::auto_lock_s`] without a touch, key or
//! pointer event, an unlocked app saves what is being typed and locks, so
//! a phone left on a table shows the unlock screen. A running kiosk is
//! left alone: it has no unlocked profile and must stay on for residents.

use std::time::Duration;

use leptos::prelude::*;
use leptos::task::spawn_local;

use super::{Kiosk, Profiles};
use crate::platform::{activity, prefs};

const TICK: Duration = Duration::from_secs(1);

#[derive(Clone, Copy)]
pub struct AutoLock {
    /// The idle time in seconds (the setting; changing it here stores it).
    pub after_s: RwSignal<u32>,
}

impl AutoLock {
    pub fn provide(profiles: Profiles, kiosk: Kiosk) -> Self {
        let this = Self {
            after_s: RwSignal::new(prefs::auto_lock_s()),
        };
        provide_context(this);
        activity::watch();
        let locking = StoredValue::new(false);
        set_interval(
            move || {
                let unlocked = profiles.active.with_untracked(Option::is_some);
                if !unlocked || kiosk.setup.with_untracked(Option::is_some) {
                    // Idle time counts from the unlock, not from before it.
                    activity::touched();
                    return;
                }
                let due = f64::from(this.after_s.get_untracked()) * 1000.0;
                if activity::idle_ms() >= due && !locking.get_value() {
                    locking.set_value(true);
                    spawn_local(async move {
                        profiles.lock_after_saving().await;
                        locking.set_value(false);
                    });
                }
            },
            TICK,
        );
        this
    }

    pub fn use_context() -> Self {
        expect_context()
    }

    pub fn set(self, seconds: u32) {
        prefs::set_auto_lock_s(seconds);
        self.after_s.set(seconds);
    }
}
