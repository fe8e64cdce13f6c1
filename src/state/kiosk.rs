//! The kiosk's state: its setup, and the queue of sealed submissions sent
//! whenever the server answers (at start, when it comes back, every
//! [`PERIOD_S`] and right after a resident sends). A stored submission
//! stays until the server has it.

use std::time::Duration;

use leptos::prelude::*;
use leptos::task::spawn_local;
use rukun_core::kiosk::{KioskKey, KioskPayload, ReceiptStatus};

use crate::kiosk::{self, KioskSetup};
use crate::platform::http::{self, HttpError};
use crate::platform::{clock, locks};
use crate::state::{Connectivity, Forms, ServerStatus};
use crate::storage::{KioskQueue, QueuedSubmission};

const PERIOD_S: u64 = 20;
const SEND_TIMEOUT_MS: i32 = 30_000;

#[derive(Clone, Copy)]
pub struct Kiosk {
    pub setup: RwSignal<Option<KioskSetup>>,
    /// Submissions stored on the tablet and not yet with the server.
    pub waiting: RwSignal<usize>,
    /// Of those, how many the server refused (with its reason, for staff).
    pub refused: RwSignal<Vec<String>>,
    /// The kiosk account's token no longer works (staff must set it up again).
    pub logged_out: RwSignal<bool>,
    connectivity: Connectivity,
    forms: Forms,
    running: StoredValue<bool>,
    again: StoredValue<bool>,
}

impl Kiosk {
    pub fn provide(connectivity: Connectivity, forms: Forms) -> Self {
        let this = Self {
            setup: RwSignal::new(kiosk::load()),
            waiting: RwSignal::new(0),
            refused: RwSignal::new(Vec::new()),
            logged_out: RwSignal::new(false),
            connectivity,
            forms,
            running: StoredValue::new(false),
            again: StoredValue::new(false),
        };
        provide_context(this);
        Effect::new(move |_| {
            if connectivity.status.get() != ServerStatus::Online {
                return;
            }
            spawn_local(revoke_pending());
            if this.setup.with(Option::is_some) {
                this.request();
            }
        });
        set_interval(
            move || {
                if this.setup.with_untracked(Option::is_some) {
                    this.request();
                }
            },
            Duration::from_secs(PERIOD_S),
        );
        this
    }

    pub fn use_context() -> Self {
        expect_context()
    }

    /// Turns this tablet into a kiosk.
    pub fn enrol(self, setup: KioskSetup) -> Result<(), String> {
        kiosk::save(&setup)?;
        self.logged_out.set(false);
        self.setup.set(Some(setup));
        self.request();
        Ok(())
    }

    /// A new token for the kiosk account (after its session ended).
    pub fn renew(self, token: String) -> Result<(), String> {
        let setup = self.setup.get_untracked().ok_or("not a kiosk")?;
        self.enrol(KioskSetup { token, ..setup })
    }

    /// Leaves kiosk mode; refused while submissions wait (counted in
    /// IndexedDB itself, not from what the screen shows) or when the queue
    /// cannot be read, so none is stranded without the kiosk's token.
    pub async fn leave(self) -> Result<(), String> {
        let waiting = match KioskQueue::open().await {
            Ok(queue) => queue.count().await.map_err(|e| e.to_string())?,
            Err(error) => return Err(error.to_string()),
        };
        if waiting > 0 {
            return Err(waiting.to_string());
        }
        // The kiosk token dies on the server too: now, or (offline) as
        // soon as the server answers.
        if let Some(setup) = self.setup.get_untracked() {
            kiosk::remember_revocation(&setup.token);
        }
        kiosk::forget();
        self.setup.set(None);
        revoke_pending().await;
        Ok(())
    }

    /// Seals `payload` to the server's key and stores it; `Ok` only once
    /// it is committed to IndexedDB. Sending starts right after.
    pub async fn submit(self, receipt: &str, payload: &KioskPayload) -> Result<(), String> {
        let setup = self.setup.get_untracked().ok_or("not a kiosk")?;
        let sealed = kiosk::seal(&setup.key, receipt, payload).await?;
        let queue = KioskQueue::open().await.map_err(|e| e.to_string())?;
        queue
            .put(&QueuedSubmission {
                receipt: receipt.to_owned(),
                sealed,
                queued_ms: clock::now_ms(),
                refused: None,
            })
            .await
            .map_err(|e| e.to_string())?;
        self.waiting.update(|n| *n += 1);
        self.request();
        Ok(())
    }

    /// Whether a receipt is still on the tablet (not yet sent).
    pub async fn is_waiting(self, receipt: &str) -> bool {
        match KioskQueue::open().await {
            Ok(queue) => queue
                .all()
                .await
                .is_ok_and(|all| all.iter().any(|e| e.receipt == receipt)),
            Err(_) => false,
        }
    }

    /// Sends now, or right after the round running.
    pub fn request(self) {
        if self.running.get_value() {
            self.again.set_value(true);
            return;
        }
        self.running.set_value(true);
        spawn_local(async move {
            loop {
                self.again.set_value(false);
                let _ = locks::if_available("rukun-kiosk-send", || self.round()).await;
                if !self.again.get_value() {
                    break;
                }
            }
            self.running.set_value(false);
        });
    }

    async fn round(self) {
        let Some(setup) = self.setup.get_untracked() else {
            return;
        };
        let Ok(queue) = KioskQueue::open().await else {
            return;
        };
        // Unreadable: say nothing new (the count must not drop to zero).
        let entries = match queue.all().await {
            Ok(entries) => entries,
            Err(error) => return leptos::logging::warn!("kiosk queue: {error}"),
        };
        self.show(&entries);
        if entries.is_empty() {
            // The report screen lists the newest infrastructure categories.
            if let Err(e) = self.forms.download_new(&setup.token).await {
                leptos::logging::warn!("kiosk: form versions not downloaded: {e}");
            }
            self.refresh_key(setup).await;
            return;
        }
        for entry in entries.iter().filter(|e| e.refused.is_none()) {
            let answer: Result<ReceiptStatus, HttpError> = http::request_json(
                "POST",
                "/api/kiosk/submissions",
                Some(&entry.sealed),
                Some(&setup.token),
                SEND_TIMEOUT_MS,
            )
            .await;
            let stored = match answer {
                Ok(_) => queue.remove(&entry.receipt).await,
                Err(HttpError::Unreachable) => {
                    self.connectivity.mark_offline();
                    break;
                }
                // Throttled: the next round tries again.
                Err(HttpError::Status(429, _)) => break,
                Err(HttpError::Status(401, _)) => {
                    self.logged_out.set(true);
                    break;
                }
                Err(HttpError::Status(status, body)) if (400..500).contains(&status) => {
                    let reason = body.map_or_else(|| format!("HTTP {status}"), |b| b.message);
                    let mut kept = entry.clone();
                    kept.refused = Some(reason);
                    queue.put(&kept).await
                }
                // A 5xx or an unreadable answer: try again next round.
                Err(_) => break,
            };
            if let Err(error) = stored {
                leptos::logging::warn!("kiosk queue: {error}");
            }
        }
        match queue.all().await {
            Ok(left) => self.show(&left),
            Err(error) => leptos::logging::warn!("kiosk queue: {error}"),
        }
    }

    fn show(self, entries: &[QueuedSubmission]) {
        self.waiting.set(entries.len());
        self.refused.set(
            entries
                .iter()
                .filter_map(|e| {
                    e.refused
                        .as_ref()
                        .map(|why| format!("{}: {why}", e.receipt))
                })
                .collect(),
        );
    }

    /// Picks up a new server key while nothing sealed to the old one waits.
    async fn refresh_key(self, setup: KioskSetup) {
        let Ok(key) = http::get_json::<KioskKey>("/api/kiosk/key", 10_000).await else {
            return;
        };
        if key != setup.key {
            let setup = KioskSetup { key, ..setup };
            if kiosk::save(&setup).is_ok() {
                self.setup.set(Some(setup));
            }
        }
    }
}

/// Revokes the token of a kiosk this tablet left, if the server has not
/// confirmed it yet; kept for the next try when unreachable.
async fn revoke_pending() {
    let Some(token) = kiosk::pending_revocation() else {
        return;
    };
    let answer = http::request_json::<(), serde::de::IgnoredAny>(
        "POST",
        "/api/auth/logout",
        None,
        Some(&token),
        SEND_TIMEOUT_MS,
    )
    .await;
    // 204 (an empty body, which does not decode as JSON) or 401: the
    // token is dead either way.
    if matches!(
        answer,
        Ok(_) | Err(HttpError::Decode(_)) | Err(HttpError::Status(401, _))
    ) {
        kiosk::revocation_done();
    }
}
