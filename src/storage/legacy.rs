//! Data stored by versions before issue 14, when only the answers the form
//! marks `personal` were sealed: records and outbox entries with a plain
//! part, summaries with a plain detail line, photos stored plain.
//!
//! Reading understands both shapes (`records.rs`, `outbox.rs`,
//! `attachments.rs`), and every save writes the sealed one. This sweep
//! rewrites whatever is left in the old shape, once per profile database,
//! after the profile is unlocked. An outbox entry is read as the same
//! change it always was (its two parts joined) and written back under the
//! same number, in one transaction, so the server receives the same
//! mutation. A tab still running an older build (until it reloads into
//! the new version) may write the old shape after the mark is set; that
//! still reads, and its next save seals it.

use js_sys::Reflect;
use rexie::TransactionMode;
use serde::de::DeserializeOwned;
use serde::Serialize;
use wasm_bindgen::{JsCast, JsValue};

use super::attachments::{is_sealed, seal_stored_photo};
use super::outbox::OutboxEntry;
use super::records::{StoredRecord, Summary};
use super::{
    committed, from_js, sealed, to_js, LocalDb, StorageError, ATTACHMENTS, META, OUTBOX, RECORDS,
    SUMMARIES,
};

/// Set in `meta` once nothing in the old shape is left: later unlocks skip
/// the walk over the whole database.
const DONE_KEY: &str = "sealed_everything";

impl LocalDb {
    /// Seals every record, summary, outbox entry and photo still stored in
    /// the shape before issue 14; returns how many were rewritten.
    /// `Locked` while the app is locked.
    pub async fn seal_legacy_data(&self) -> Result<usize, StorageError> {
        if !sealed::is_unlocked() {
            return Err(StorageError::Locked);
        }
        if self.get::<bool>(META, DONE_KEY).await? == Some(true) {
            return Ok(0);
        }
        let mut rewritten = self
            .reseal::<StoredRecord>(RECORDS, |v| !has(v, "content"))
            .await?;
        rewritten += self
            .reseal::<Summary>(SUMMARIES, |v| !has(v, "text"))
            .await?;
        rewritten += self
            .reseal::<OutboxEntry>(OUTBOX, |v| {
                has(v, "personal_changes")
                    || !prop(v, "changes").is_instance_of::<js_sys::Uint8Array>()
            })
            .await?;
        rewritten += self.seal_plain_photos().await?;
        self.put(META, DONE_KEY, &true).await?;
        Ok(rewritten)
    }

    /// Rewrites, in one transaction, each value of `store` that is `legacy`.
    async fn reseal<T: Serialize + DeserializeOwned>(
        &self,
        store: &str,
        legacy: impl Fn(&JsValue) -> bool,
    ) -> Result<usize, StorageError> {
        let tx = self.db.transaction(&[store], TransactionMode::ReadWrite)?;
        let values = tx.store(store)?.get_all(None, None).await?;
        let mut rewritten = 0;
        for value in values.into_iter().filter(|v| legacy(v)) {
            let value: T = from_js(value)?;
            tx.store(store)?.put(&to_js(&value)?, None).await?;
            rewritten += 1;
        }
        committed(tx).await?;
        Ok(rewritten)
    }

    /// Seals each photo stored plain. A photo's bytes cannot be read inside
    /// a transaction, so each is sealed between a read and its own write.
    async fn seal_plain_photos(&self) -> Result<usize, StorageError> {
        let tx = self
            .db
            .transaction(&[ATTACHMENTS], TransactionMode::ReadOnly)?;
        let plain: Vec<JsValue> = tx
            .store(ATTACHMENTS)?
            .get_all(None, None)
            .await?
            .into_iter()
            .filter(|v| v.is_object() && !is_sealed(v))
            .collect();
        tx.done().await?;
        let mut rewritten = 0;
        for value in plain {
            if seal_stored_photo(self, &value).await? {
                rewritten += 1;
            }
        }
        Ok(rewritten)
    }
}

fn prop(value: &JsValue, key: &str) -> JsValue {
    Reflect::get(value, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED)
}

fn has(value: &JsValue, key: &str) -> bool {
    !prop(value, key).is_undefined()
}
