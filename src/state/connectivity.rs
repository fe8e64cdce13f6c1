//! Whether the server answers. `navigator.onLine` is only a hint, so the
//! truth is a `/api/health` request that succeeds: probed at start, when the
//! tab becomes visible, on the `online`/`offline` events, and on a timer
//! that runs faster while the server is away.

use leptos::ev;
use leptos::prelude::*;
use leptos::task::spawn_local;
use rukun_core::api::Health;
use std::time::Duration;

use crate::platform::{http, page};

const PROBE_TIMEOUT_MS: i32 = 5_000;
const POLL_ONLINE: Duration = Duration::from_secs(30);
const POLL_OFFLINE: Duration = Duration::from_secs(5);

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ServerStatus {
    Checking,
    Online,
    Offline,
}

#[derive(Clone, Copy)]
pub struct Connectivity {
    pub status: RwSignal<ServerStatus>,
    /// The version the server reported last.
    pub server_version: RwSignal<Option<String>>,
    /// Number of the latest probe started: only its answer counts, so a slow
    /// probe that times out cannot undo a newer one that succeeded.
    latest_probe: StoredValue<u64>,
    /// When the latest probe started (ms since the epoch).
    last_probe_ms: StoredValue<f64>,
}

impl Connectivity {
    pub fn provide() -> Self {
        let this = Self {
            status: RwSignal::new(ServerStatus::Checking),
            server_version: RwSignal::new(None),
            latest_probe: StoredValue::new(0),
            last_probe_ms: StoredValue::new(0.0),
        };
        provide_context(this);
        this.probe();
        this.schedule_next();
        window_event_listener(ev::online, move |_| this.probe());
        window_event_listener(ev::offline, move |_| {
            set_if_changed(this.status, ServerStatus::Offline);
            this.probe();
        });
        window_event_listener(ev::visibilitychange, move |_| {
            if page::is_visible() {
                this.probe();
            }
        });
        this
    }

    pub fn use_context() -> Self {
        expect_context()
    }

    /// Another request found the server unreachable: say so now, and let
    /// the frequent offline polling notice its return.
    pub fn mark_offline(self) {
        set_if_changed(self.status, ServerStatus::Offline);
    }

    /// Asks the server now and updates the status.
    pub fn probe(self) {
        self.last_probe_ms.set_value(js_sys::Date::now());
        self.latest_probe.update_value(|n| *n += 1);
        let this_probe = self.latest_probe.get_value();
        spawn_local(async move {
            let answer = http::get_json::<Health>("/api/health", PROBE_TIMEOUT_MS).await;
            if this_probe != self.latest_probe.get_value() {
                return;
            }
            let status = match answer {
                Ok(health) => {
                    set_if_changed(self.server_version, Some(health.version));
                    ServerStatus::Online
                }
                Err(_) => ServerStatus::Offline,
            };
            set_if_changed(self.status, status);
        });
    }

    /// Ticks every `POLL_OFFLINE` and probes when the current status's
    /// interval has passed, so a change of status takes effect at once.
    fn schedule_next(self) {
        set_timeout(
            move || {
                let due = match self.status.get_untracked() {
                    ServerStatus::Online => POLL_ONLINE,
                    _ => POLL_OFFLINE,
                };
                let since = js_sys::Date::now() - self.last_probe_ms.get_value();
                if page::is_visible() && since >= due.as_millis() as f64 - 50.0 {
                    self.probe();
                }
                self.schedule_next();
            },
            POLL_OFFLINE,
        );
    }
}

/// Setting a signal notifies its readers even when the value is the same;
/// an unchanged status must not look like a reconnection (which would, for
/// one, fetch the region tree again every poll).
fn set_if_changed<T: PartialEq + Send + Sync + 'static>(signal: RwSignal<T>, value: T) {
    if signal.with_untracked(|current| *current != value) {
        signal.set(value);
    }
}
