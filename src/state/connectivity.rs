//! Whether the server answers. `navigator.onLine` is only a hint, so the
//! truth is a `/api/health` request that succeeds: probed at start, when the
//! tab becomes visible, on the `online`/`offline` events, and on a timer
//! that runs faster while the server is away.

use leptos::ev;
use leptos::prelude::*;
use leptos::task::spawn_local;
use rukun_core::api::Health;
use std::time::Duration;

use crate::platform::http;

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
}

impl Connectivity {
    pub fn provide() -> Self {
        let this = Self {
            status: RwSignal::new(ServerStatus::Checking),
            server_version: RwSignal::new(None),
        };
        provide_context(this);
        this.probe();
        this.schedule_next();
        window_event_listener(ev::online, move |_| this.probe());
        window_event_listener(ev::offline, move |_| {
            this.status.set(ServerStatus::Offline);
            this.probe();
        });
        window_event_listener(ev::visibilitychange, move |_| {
            if document().visibility_state() == web_sys::VisibilityState::Visible {
                this.probe();
            }
        });
        this
    }

    pub fn use_context() -> Self {
        expect_context()
    }

    /// Asks the server now and updates the status.
    pub fn probe(self) {
        spawn_local(async move {
            match http::get_json::<Health>("/api/health", PROBE_TIMEOUT_MS).await {
                Ok(health) => {
                    self.server_version.set(Some(health.version));
                    self.status.set(ServerStatus::Online);
                }
                Err(_) => self.status.set(ServerStatus::Offline),
            }
        });
    }

    fn schedule_next(self) {
        let delay = match self.status.get_untracked() {
            ServerStatus::Online => POLL_ONLINE,
            _ => POLL_OFFLINE,
        };
        set_timeout(
            move || {
                if document().visibility_state() == web_sys::VisibilityState::Visible {
                    self.probe();
                }
                self.schedule_next();
            },
            delay,
        );
    }
}
