//! Form definitions as the server published them, kept on the device (in
//! the shared database: they hold no one's data) so every record opens
//! offline under its own version. Kept as the JSON text the server sent,
//! so a later build of the app can read a definition this one could not.
//!
//! Also the records pulled before their definition could be read: each
//! profile lists them, so they are summarised again once it can.

use rexie::TransactionMode;
use serde::{Deserialize, Serialize};
use wasm_bindgen::JsValue;

use super::{committed, LocalDb, StorageError, FORMS, META};

pub(super) const UNRENDERED_KEY: &str = "unrendered_records";

/// One published version's document, as the server sent it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FormDocument {
    pub form_id: String,
    pub version: u32,
    pub json: String,
}

impl LocalDb {
    /// Stores one version's document (never replaced: versions are final).
    pub async fn save_form_document(&self, doc: &FormDocument) -> Result<(), StorageError> {
        let key = format!("{}/{}", doc.form_id, doc.version);
        self.put(FORMS, &key, doc).await
    }

    /// Every stored definition document.
    pub async fn form_documents(&self) -> Result<Vec<FormDocument>, StorageError> {
        let tx = self.db.transaction(&[FORMS], TransactionMode::ReadOnly)?;
        let values = tx.store(FORMS)?.get_all(None, None).await?;
        tx.done().await?;
        values.into_iter().map(super::from_js).collect()
    }

    /// The records stored with a stand-in summary because their form
    /// version could not be read.
    pub async fn unrendered_records(&self) -> Result<Vec<String>, StorageError> {
        Ok(self.get(META, UNRENDERED_KEY).await?.unwrap_or_default())
    }

    /// Forgets `done` from the records waiting for their definition.
    pub async fn forget_unrendered(&self, done: &[String]) -> Result<(), StorageError> {
        let tx = self.db.transaction(&[META], TransactionMode::ReadWrite)?;
        let store = tx.store(META)?;
        let key = JsValue::from_str(UNRENDERED_KEY);
        let mut ids: Vec<String> = match store.get(key.clone()).await? {
            Some(v) if !v.is_undefined() => super::from_js(v)?,
            _ => vec![],
        };
        ids.retain(|id| !done.contains(id));
        store.put(&super::to_js(&ids)?, Some(&key)).await?;
        committed(tx).await
    }
}
