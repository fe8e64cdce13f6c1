//! Erasing from the device: an account, once an ended session has
//! delivered everything it held; a household a resident had erased
//! (UU 27/2022), when the pull brings its erasure.

use rexie::{KeyRange, Transaction, TransactionMode};
use wasm_bindgen::JsValue;

use super::outbox::OutboxEntry;
use super::{
    committed, from_js, to_js, LocalDb, StorageError, ATTACHMENTS, BY_RECORD, OUTBOX, PROFILES,
    RECORDS, SUMMARIES,
};

impl LocalDb {
    /// Empties every store of this database in one transaction.
    pub async fn clear_everything(&self) -> Result<(), StorageError> {
        let names = self.db.store_names();
        let tx = self.db.transaction(&names, TransactionMode::ReadWrite)?;
        for name in &names {
            tx.store(name)?.clear().await?;
        }
        committed(tx).await
    }

    /// Removes `username`'s profile (its wrapped keys) from the device's
    /// database.
    pub async fn forget_profile(&self, username: &str) -> Result<(), StorageError> {
        let tx = self
            .db
            .transaction(&[PROFILES], TransactionMode::ReadWrite)?;
        tx.store(PROFILES)?
            .delete(JsValue::from_str(username))
            .await?;
        committed(tx).await
    }
}

/// Deletes every photo of the record keyed `key` (in `tx`, which must
/// include the attachments).
pub(super) async fn forget_photos(tx: &Transaction, key: &JsValue) -> Result<(), StorageError> {
    let photos = tx.store(ATTACHMENTS)?;
    let range = KeyRange::only(key).map_err(|e| StorageError::Db(format!("{e:?}")))?;
    for sha in photos
        .index(BY_RECORD)?
        .get_all_keys(Some(range), None)
        .await?
    {
        photos.delete(sha).await?;
    }
    Ok(())
}

/// Removes an erased household from the device (in `tx`, which must
/// include records, summaries, photos and the outbox): the record with any
/// draft, its summary and photos, and the answers of its unsent changes.
/// Those changes stay queued, emptied, so the outbox keeps its numbering
/// without gaps (the server answers them as changes to a deleted record).
pub(super) async fn forget_erased(tx: &Transaction, key: &JsValue) -> Result<(), StorageError> {
    tx.store(RECORDS)?.delete(key.clone()).await?;
    tx.store(SUMMARIES)?.delete(key.clone()).await?;
    forget_photos(tx, key).await?;
    let outbox = tx.store(OUTBOX)?;
    let range = KeyRange::only(key).map_err(|e| StorageError::Db(format!("{e:?}")))?;
    for found in outbox.index(BY_RECORD)?.get_all(Some(range), None).await? {
        let mut entry: OutboxEntry = from_js(found)?;
        entry.changes.clear();
        outbox.put(&to_js(&entry)?, None).await?;
    }
    Ok(())
}
