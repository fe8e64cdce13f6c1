//! The form versions this device holds, shared by every page: read from
//! IndexedDB at start, extended with each sync by the versions the server
//! published since. The app compiles in no form: a new question reaches
//! the phones as data. So does the privacy notice the volunteer reads
//! before the consent question: the latest one downloaded, or the first
//! (built in) on a phone that has not synced since notices became data.

use std::sync::Arc;

use leptos::prelude::*;
use leptos::task::spawn_local;
use rukun_core::consent::{built_in_notice, Notice};
use rukun_core::form::{Catalog, Lang};

use crate::i18n::{I18n, Locale};
use crate::records::summarize;
use crate::storage::{FormDocument, LocalDb, StorageError, DB_NAME};
use crate::sync::{forms, SyncError};

#[derive(Clone, Copy)]
pub struct Forms {
    pub catalog: StoredValue<Arc<Catalog>>,
    /// Bumped whenever `catalog` changes, for views that depend on it.
    pub revision: RwSignal<u32>,
    /// Whether the stored versions have been read (before that, "no form"
    /// means "not yet", not "none").
    pub loaded: RwSignal<bool>,
    /// Versions stored on the device that this build cannot read ("form
    /// id version n: why"), shown in the Kirim screen.
    pub unreadable: RwSignal<Vec<String>>,
    /// The privacy notice to read before the consent question.
    pub notice: RwSignal<Notice>,
}

impl Forms {
    pub fn provide() -> Self {
        let this = Self {
            catalog: StoredValue::new(Arc::new(Catalog::default())),
            revision: RwSignal::new(0),
            loaded: RwSignal::new(false),
            unreadable: RwSignal::new(vec![]),
            notice: RwSignal::new(first_notice()),
        };
        provide_context(this);
        spawn_local(async move {
            if let Err(e) = this.load_from_device().await {
                leptos::logging::error!("could not read the stored forms: {e}");
            }
            this.loaded.set(true);
        });
        this
    }

    pub fn use_context() -> Self {
        expect_context()
    }

    async fn load_from_device(self) -> Result<(), StorageError> {
        let shared = LocalDb::open(DB_NAME).await?;
        if let Some(notice) = shared.notice().await? {
            self.notice.set(notice);
        }
        self.add(&shared.form_documents().await?);
        Ok(())
    }

    /// Reads documents into the catalog; those this build cannot read are
    /// listed in `unreadable` (and stay stored for a later build).
    fn add(self, documents: &[FormDocument]) {
        let mut catalog = (*self.catalog.get_value()).clone();
        let mut unreadable = Vec::new();
        for doc in documents {
            match forms::read(doc) {
                Ok(form) => catalog.insert(form),
                Err(why) => {
                    leptos::logging::warn!("{} v{}: {why}", doc.form_id, doc.version);
                    unreadable.push(format!("{} v{}", doc.form_id, doc.version));
                }
            }
        }
        self.catalog.set_value(Arc::new(catalog));
        self.unreadable.update(|u| u.extend(unreadable));
        self.revision.update(|r| *r += 1);
    }

    /// Downloads and stores the versions published since the last sync,
    /// and the latest privacy notice. Every stored version, readable or
    /// not, counts as known.
    pub async fn download_new(self, token: &str) -> Result<(), SyncError> {
        let shared = LocalDb::open(DB_NAME).await?;
        match forms::latest_notice(token).await {
            Ok(Some(notice)) if notice.version > self.notice.get_untracked().version => {
                shared.save_notice(&notice).await?;
                self.notice.set(notice);
            }
            Ok(_) => {}
            // The forms still come: the last notice stays until the next sync.
            Err(e) => leptos::logging::warn!("privacy notice not downloaded: {e}"),
        }
        let known: Vec<(String, u32)> = shared
            .form_documents()
            .await?
            .into_iter()
            .map(|doc| (doc.form_id, doc.version))
            .collect();
        let new = forms::download_new(token, &known).await?;
        if new.is_empty() {
            return Ok(());
        }
        for doc in &new {
            shared.save_form_document(doc).await?;
        }
        self.add(&new);
        Ok(())
    }

    /// Summarises again the records stored before their version could be
    /// read, for each whose version now can be.
    pub async fn summarize_waiting(self, db: &LocalDb) -> Result<(), StorageError> {
        let waiting = db.unrendered_records().await?;
        let mut done = Vec::new();
        for id in waiting {
            let Some(record) = db.load_record(&id).await? else {
                done.push(id);
                continue;
            };
            let catalog = self.catalog.get_value();
            let Some(form) = catalog.form(&record.form_id, record.form_version) else {
                continue;
            };
            let summary = summarize(&record, form, &crate::records::working_answers(&record));
            db.save_record(&record, &summary).await?;
            done.push(id);
        }
        if !done.is_empty() {
            db.forget_unrendered(&done).await?;
        }
        Ok(())
    }
}

/// The notice every server starts with, until a phone downloads one.
fn first_notice() -> Notice {
    let first = built_in_notice();
    Notice {
        version: first.version,
        text: first.text,
        published_ms: 0,
        published_by: "system".to_owned(),
    }
}

/// The form language matching the UI language.
pub fn form_lang(i18n: I18n) -> Signal<Lang> {
    Signal::derive(move || match i18n.get_locale() {
        Locale::id => Lang::Id,
        Locale::en => Lang::En,
    })
}
