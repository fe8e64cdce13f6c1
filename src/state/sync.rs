//! The session and the sync loop: runs at start, when the server becomes
//! reachable, when the tab comes back, shortly after a save, and every 30 s
//! while anything waits (backing off up to 5 min after failures).

use std::time::Duration;

use leptos::ev;
use leptos::prelude::*;
use leptos::task::spawn_local;

use super::{Connectivity, Forms, Profiles, ServerStatus};
use crate::platform::{broadcast, clock, http, locks, page};
use crate::storage::{db_name_of, LocalDb, StorageError, StoredSession, DB_NAME};
use crate::sync::{sync_once, SyncError};

const PERIOD_S: u64 = 30;

#[derive(Clone, Copy)]
pub struct Sync {
    pub session: RwSignal<Option<StoredSession>>,
    /// Changes in the outbox.
    pub unsent: RwSignal<usize>,
    pub last_success_ms: RwSignal<Option<f64>>,
    pub error: RwSignal<Option<SyncError>>,
    pub running: RwSignal<bool>,
    /// Bumped after every round that may have changed stored records.
    pub revision: RwSignal<u64>,
    /// The account whose session was ended elsewhere and whose data this
    /// device erased after sending everything (shown until closed).
    pub erased: RwSignal<Option<String>>,
    again: StoredValue<bool>,
    failures: StoredValue<u32>,
    skip_ticks: StoredValue<u32>,
    forms: Forms,
    connectivity: Connectivity,
    profiles: Profiles,
}

impl Sync {
    pub fn provide(connectivity: Connectivity, forms: Forms, profiles: Profiles) -> Self {
        let this = Self {
            session: RwSignal::new(None),
            unsent: RwSignal::new(0),
            last_success_ms: RwSignal::new(None),
            error: RwSignal::new(None),
            running: RwSignal::new(false),
            revision: RwSignal::new(0),
            erased: RwSignal::new(None),
            again: StoredValue::new(false),
            failures: StoredValue::new(0),
            skip_ticks: StoredValue::new(0),
            forms,
            connectivity,
            profiles,
        };
        provide_context(this);
        // Each unlock reads that profile's session and outbox; locking
        // stops the sync (nothing personal can be read while locked).
        Effect::new(move |_| {
            let unlocked = profiles
                .active
                .with(|a| a.as_ref().map(|a| a.username.clone()));
            this.session.set(None);
            this.unsent.set(0);
            this.error.set(None);
            this.last_success_ms.set(None);
            if unlocked.is_none() {
                return;
            }
            spawn_local(async move {
                if let Ok(db) = profiles.db().await {
                    this.session.set(db.load_session().await.ok().flatten());
                    this.unsent.set(db.outbox_len().await.unwrap_or(0));
                }
                this.request();
            });
        });
        let online = Memo::new(move |_| connectivity.status.get() == ServerStatus::Online);
        Effect::new(move |_| {
            if online.get() {
                this.request();
            }
        });
        // Another tab synced: re-read what is unsent and what the lists show.
        broadcast::on_change(move || {
            spawn_local(async move {
                if let Ok(db) = profiles.db().await {
                    this.unsent.set(db.outbox_len().await.unwrap_or(0));
                }
                this.revision.update(|r| *r += 1);
            })
        });
        window_event_listener(ev::visibilitychange, move |_| {
            if page::is_visible() {
                this.request();
            }
        });
        set_interval(
            move || {
                // Exponential backoff after failures: skip 1, 3, 7... ticks (at most 10).
                let skip = this.skip_ticks.get_value();
                if skip > 0 {
                    this.skip_ticks.set_value(skip - 1);
                } else if this.unsent.get_untracked() > 0 || this.failures.get_value() == 0 {
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

    /// Runs a round now, or right after the one running.
    pub fn request(self) {
        if self.running.get_untracked() {
            self.again.set_value(true);
            return;
        }
        self.running.set(true);
        spawn_local(async move {
            loop {
                self.again.set_value(false);
                self.round().await;
                if !self.again.get_value() {
                    break;
                }
            }
            self.running.set(false);
        });
    }

    async fn round(self) {
        let db = match self.profiles.db().await {
            Ok(db) => db,
            Err(StorageError::Locked) => return,
            Err(e) => return self.error.set(Some(SyncError::Storage(e))),
        };
        let Some(session) = self.session.get_untracked() else {
            self.unsent.set(db.outbox_len().await.unwrap_or(0));
            return;
        };
        let forms = self.forms;
        // One tab syncs at a time; the others only refresh what they show.
        // Form versions first, so pulled records find theirs; a failure
        // there holds nothing back (the push needs no definition).
        let round = || async {
            if let Err(e) = forms.download_new(&session.token).await {
                leptos::logging::warn!("form versions not downloaded: {e}");
            }
            let result = sync_once(&db, &session, &forms.catalog.get_value()).await;
            if let Err(e) = forms.summarize_waiting(&db).await {
                leptos::logging::error!("could not summarise waiting records: {e}");
            }
            result
        };
        let Some(result) = locks::if_available("rukun-sync", round).await else {
            self.unsent.set(db.outbox_len().await.unwrap_or(0));
            self.revision.update(|r| *r += 1);
            return;
        };
        self.unsent.set(db.outbox_len().await.unwrap_or(0));
        self.revision.update(|r| *r += 1);
        broadcast::announce_change();
        match result {
            Ok(()) => {
                self.last_success_ms.set(Some(clock::now_ms()));
                self.error.set(None);
                self.failures.set_value(0);
            }
            // Ended elsewhere: the push went on (the server takes a final
            // push); the account is erased once nothing is left to send.
            Err(SyncError::SessionEnded) => self.after_session_ended(db).await,
            // Unreachable: no backoff; the next sync starts when the server
            // answers the connectivity probe again.
            Err(SyncError::Offline) => {
                self.connectivity.mark_offline();
                self.error.set(Some(SyncError::Offline));
            }
            Err(error) => {
                let failures = self.failures.get_value() + 1;
                self.failures.set_value(failures);
                self.skip_ticks.set_value((1u32 << failures.min(4)) - 1);
                if error == SyncError::LoggedOut {
                    self.session.set(None);
                }
                self.error.set(Some(error));
            }
        }
    }

    /// Once the outbox is empty and every photo sent, empties and deletes
    /// the account's database, forgets its profile and locks; until then
    /// every round goes on sending (the data stays sealed on the device).
    async fn after_session_ended(self, db: LocalDb) {
        let outbox = db.outbox_len().await;
        let photos = db.photos_to_upload().await.map(|p| p.len());
        if outbox != Ok(0) || photos != Ok(0) {
            self.error.set(Some(SyncError::SessionEnded));
            return;
        }
        let Some(username) = self
            .profiles
            .active
            .with_untracked(|a| a.as_ref().map(|a| a.username.clone()))
        else {
            return;
        };
        if let Err(error) = db.clear_everything().await {
            self.error.set(Some(SyncError::Storage(error)));
            return;
        }
        drop(db);
        let forgotten = async {
            let device = LocalDb::open(DB_NAME).await?;
            device.forget_profile(&username).await?;
            Ok::<(), StorageError>(())
        }
        .await;
        if let Err(error) = forgotten {
            leptos::logging::error!("could not forget the profile: {error}");
        }
        self.profiles
            .known
            .update(|known| known.retain(|p| p.username() != username));
        self.profiles.lock();
        self.erased.set(Some(username.clone()));
        // Completes once no tab holds the database open; it is empty already.
        spawn_local(async move {
            if let Err(error) = LocalDb::delete(&db_name_of(&username)).await {
                leptos::logging::error!("could not delete the database: {error}");
            }
        });
    }

    /// Keeps the unlocked profile's session (sealed) and syncs with it.
    pub async fn log_in(self, session: StoredSession) -> Result<(), StorageError> {
        self.profiles.db().await?.save_session(&session).await?;
        self.session.set(Some(session));
        self.request();
        Ok(())
    }

    /// Ends the session on the server when it answers, forgets it here and
    /// locks the app. The profile's records and outbox stay on the device
    /// and are sent after the next login.
    pub async fn log_out(self) -> Result<(), StorageError> {
        if let Some(session) = self.session.get_untracked() {
            // The answer (204, or none when offline) does not matter: the
            // token is forgotten here either way and expires there.
            let _ = http::request_json::<(), serde::de::IgnoredAny>(
                "POST",
                "/api/auth/logout",
                None,
                Some(&session.token),
                10_000,
            )
            .await;
        }
        self.profiles.db().await?.clear_session().await?;
        self.session.set(None);
        self.profiles.lock();
        Ok(())
    }
}
