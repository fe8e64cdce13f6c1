//! The published forms: every stored version of every form, loaded at
//! start into one [`Catalog`] that sync validation, the console, exports
//! and the kiosk read, and swapped for a new one when an administrator
//! publishes a version. A record is always read and checked with the
//! version it names. The built-in first versions
//! ([`rukun_core::forms::BUILT_IN`]) are published into a database that
//! does not hold them yet.

use std::collections::BTreeMap;
use std::sync::{Arc, PoisonError, RwLock};

use rukun_core::account::Account;
use rukun_core::form::{
    parse_definition, publish_problems, Catalog, DefinitionProblem, FormDef, FormIndex,
    PublishedForm, PublishedVersion, Text,
};

use crate::auth::now_ms;
use crate::error::AppError;
use crate::store::{Store, StoreError, StoredFormVersion};
use crate::AppState;

/// Who published the built-in versions.
pub const SYSTEM: &str = "system";

/// The server's published forms, shared by every request. Readers take a
/// snapshot ([`PublishedForms::catalog`]) and keep it for the whole
/// request; a publish replaces the snapshot, never changes it.
#[derive(Clone, Default)]
pub struct PublishedForms(Arc<RwLock<Snapshot>>);

#[derive(Default)]
struct Snapshot {
    catalog: Arc<Catalog>,
    /// When and by whom each version was published, by form id, oldest first.
    published: BTreeMap<String, Vec<PublishedVersion>>,
}

impl PublishedForms {
    /// Every published version of every form, as of now.
    pub fn catalog(&self) -> Arc<Catalog> {
        self.0
            .read()
            .unwrap_or_else(PoisonError::into_inner)
            .catalog
            .clone()
    }

    /// What `GET /api/forms` answers: each form with its newest title and
    /// its versions, forms by id.
    pub fn index(&self) -> FormIndex {
        let snapshot = self.0.read().unwrap_or_else(PoisonError::into_inner);
        let forms = snapshot
            .published
            .iter()
            .filter_map(|(id, versions)| {
                Some(PublishedForm {
                    id: id.clone(),
                    title: snapshot.catalog.latest(id)?.title.clone(),
                    versions: versions.clone(),
                })
            })
            .collect();
        FormIndex { forms }
    }

    /// Adds a version just stored.
    fn add(&self, form: FormDef, published: PublishedVersion) {
        // The whole swap under the write lock: two publishes of different
        // forms at once both land.
        let mut snapshot = self.0.write().unwrap_or_else(PoisonError::into_inner);
        let versions = snapshot.published.entry(form.id.clone()).or_default();
        versions.push(published);
        versions.sort_by_key(|v| v.version);
        let mut catalog = (*snapshot.catalog).clone();
        catalog.insert(form);
        snapshot.catalog = Arc::new(catalog);
    }

    fn from_stored(stored: Vec<StoredFormVersion>) -> Result<Self, StoreError> {
        let mut snapshot = Snapshot::default();
        let mut catalog = Catalog::default();
        for version in stored {
            let form: FormDef = serde_json::from_str(&version.definition).map_err(|e| {
                StoreError::Corrupt(format!(
                    "form {} version {} does not read as a definition: {e}",
                    version.form_id, version.version
                ))
            })?;
            if form.id != version.form_id || form.version != version.version {
                return Err(StoreError::Corrupt(format!(
                    "form {} version {} holds the definition of {} version {}",
                    version.form_id, version.version, form.id, form.version
                )));
            }
            snapshot
                .published
                .entry(form.id.clone())
                .or_default()
                .push(published_version(&version));
            catalog.insert(form);
        }
        for versions in snapshot.published.values_mut() {
            versions.sort_by_key(|v| v.version);
        }
        snapshot.catalog = Arc::new(catalog);
        Ok(Self(Arc::new(RwLock::new(snapshot))))
    }
}

fn published_version(stored: &StoredFormVersion) -> PublishedVersion {
    PublishedVersion {
        version: stored.version,
        published_ms: stored.published_ms,
        published_by: stored.published_by.clone(),
    }
}

/// The JSON a version is stored and served as: its parsed definition
/// written again, so that what is served is exactly what was checked.
pub fn canonical(form: &FormDef) -> String {
    serde_json::to_string(form).expect("a definition always serialises")
}

/// Publishes every built-in version the store lacks, then reads every
/// stored version. A stored built-in version that differs from the
/// compiled-in document is kept (a version never changes), with a warning.
pub async fn load(store: &dyn Store) -> anyhow::Result<PublishedForms> {
    let stored = store.form_versions().await?;
    for json in rukun_core::forms::BUILT_IN {
        let form: FormDef = serde_json::from_str(json)?;
        let definition = canonical(&form);
        let same = |s: &&StoredFormVersion| s.form_id == form.id && s.version == form.version;
        match stored.iter().find(same) {
            Some(kept) if kept.definition != definition => tracing::warn!(
                form = %form.id,
                version = form.version,
                "the built-in definition differs from the published one, which stays in use"
            ),
            Some(_) => {}
            None => {
                let version = StoredFormVersion {
                    form_id: form.id.clone(),
                    version: form.version,
                    definition,
                    published_ms: now_ms(),
                    published_by: SYSTEM.into(),
                };
                if store.publish_form(&version).await? {
                    tracing::info!(form = %form.id, version = form.version, "published the built-in form");
                }
            }
        }
    }
    Ok(PublishedForms::from_stored(store.form_versions().await?)?)
}

/// An administrator publishes `document` as the next version of form
/// `id`: every problem of the definition, of the path naming another form,
/// or of following the newest version (core fields kept, codes that stored
/// answers use kept, the next number) refuses it with the whole list; a
/// version already published is a conflict. Returns the stored JSON.
pub async fn publish(
    state: &AppState,
    account: &Account,
    id: &str,
    document: &serde_json::Value,
) -> Result<String, AppError> {
    let form = parse_definition(document).map_err(AppError::InvalidDefinition)?;
    if form.id != id {
        return Err(AppError::InvalidDefinition(vec![DefinitionProblem {
            at: "id".into(),
            message: Text {
                id: format!(
                    "Dokumen ini formulir {:?}, tetapi dikirim ke formulir {id:?}.",
                    form.id
                ),
                en: format!(
                    "The document is form {:?} but was sent to form {id:?}.",
                    form.id
                ),
            },
        }]));
    }
    let catalog = state.forms();
    if catalog.form(id, form.version).is_some() {
        return Err(already_published(id, form.version));
    }
    let codes = state.store.codes_in_use(id).await?;
    let problems = publish_problems(&form, catalog.latest(id), &codes);
    if !problems.is_empty() {
        return Err(AppError::InvalidDefinition(problems));
    }
    let stored = StoredFormVersion {
        form_id: form.id.clone(),
        version: form.version,
        definition: canonical(&form),
        published_ms: now_ms(),
        published_by: account.username.clone(),
    };
    // Of two publishes of one version at once, the primary key keeps one.
    if !state.store.publish_form(&stored).await? {
        return Err(already_published(id, form.version));
    }
    state.published_forms.add(form, published_version(&stored));
    tracing::info!(form = %id, version = stored.version, by = %account.username, "published a form version");
    Ok(stored.definition)
}

/// 409: that version exists (published just now, or long ago).
fn already_published(id: &str, version: u32) -> AppError {
    AppError::Store(StoreError::Conflict(format!(
        "Versi {version} formulir {id} sudah diterbitkan; muat ulang lalu terbitkan versi berikutnya. / Version {version} of form {id} is already published; reload and publish the next one."
    )))
}
