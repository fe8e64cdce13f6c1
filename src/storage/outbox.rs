//! The outbox: every completed change, in order, waiting for the sync.
//!
//! Completing or deleting a record writes the record, its summary, the
//! outbox entry and the mutation counter in ONE readwrite transaction
//! (sync.md): both or neither. The counter is read inside that transaction,
//! so two tabs cannot hand out the same sequence number, and the entry is
//! `add`ed, so a number used twice aborts the whole save instead of
//! overwriting a queued change.

use std::collections::BTreeMap;

use rexie::{KeyRange, TransactionMode};
use rukun_core::form::Value;
use serde::{Deserialize, Serialize};
use wasm_bindgen::JsValue;

use super::records::{RecordStatus, StoredRecord, Summary};
use super::{
    committed, from_js, to_js, LocalDb, StorageError, ATTACHMENTS, META, OUTBOX, RECORDS, SUMMARIES,
};

const CLIENT_ID_KEY: &str = "client_id";
const SEQ_KEY: &str = "mutation_seq";

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MutationOp {
    Upsert,
    Delete,
}

/// Changed paths and their new values (`None`: removed).
pub type Changes = BTreeMap<String, Option<Value>>;

/// One change to send, as sync.md describes it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(from = "OutboxEntryShapes")]
pub struct OutboxEntry {
    /// This device's mutation counter: 1, 2, 3... with no gaps.
    pub seq: u64,
    pub client_id: String,
    pub record_id: String,
    pub form_id: String,
    pub form_version: u32,
    pub area: String,
    /// The server version the change was made against (0: a new record).
    pub base_version: u64,
    pub op: MutationOp,
    /// Every changed answer: sealed at rest.
    #[serde(with = "super::sealed")]
    pub changes: Changes,
    pub created_ms: f64,
}

/// An outbox entry as this version writes it (`changes` sealed) or as
/// versions before issue 14 did (`changes` plain, the form's personal ones
/// apart in sealed `personal_changes`): both read, as the same change.
#[derive(Deserialize)]
struct OutboxEntryShapes {
    seq: u64,
    client_id: String,
    record_id: String,
    form_id: String,
    form_version: u32,
    area: String,
    base_version: u64,
    op: MutationOp,
    #[serde(default, deserialize_with = "super::sealed::deserialize_or_plain")]
    changes: Changes,
    #[serde(default, with = "super::sealed")]
    personal_changes: Changes,
    created_ms: f64,
}

impl From<OutboxEntryShapes> for OutboxEntry {
    fn from(stored: OutboxEntryShapes) -> Self {
        // The two parts had disjoint paths (a path is personal or not).
        let mut changes = stored.changes;
        changes.extend(stored.personal_changes);
        OutboxEntry {
            seq: stored.seq,
            client_id: stored.client_id,
            record_id: stored.record_id,
            form_id: stored.form_id,
            form_version: stored.form_version,
            area: stored.area,
            base_version: stored.base_version,
            op: stored.op,
            changes,
            created_ms: stored.created_ms,
        }
    }
}

impl LocalDb {
    /// Stores a completed record with its summary and queues its change.
    /// `entry.seq` and `entry.client_id` are assigned here; the entry as
    /// stored is returned. The record must be on the device (saved when it
    /// was started): `Gone` otherwise, with nothing written.
    pub async fn complete_record(
        &self,
        record: &StoredRecord,
        summary: &Summary,
        mut entry: OutboxEntry,
        new_client_id: &str,
    ) -> Result<OutboxEntry, StorageError> {
        let key = JsValue::from_str(&record.id);
        let (record, summary) = (to_js(record)?, to_js(summary)?);
        let tx = self.db.transaction(
            &[META, OUTBOX, RECORDS, SUMMARIES],
            TransactionMode::ReadWrite,
        )?;
        super::still_stored(&tx, &key).await?;
        let meta = tx.store(META)?;
        let seq = read_u64(&meta, SEQ_KEY).await? + 1;
        let client_id = match meta.get(JsValue::from_str(CLIENT_ID_KEY)).await? {
            Some(id) if id.is_string() => id.as_string().unwrap_or_default(),
            _ => {
                meta.put(
                    &JsValue::from_str(new_client_id),
                    Some(&JsValue::from_str(CLIENT_ID_KEY)),
                )
                .await?;
                new_client_id.to_owned()
            }
        };
        entry.seq = seq;
        entry.client_id = client_id;
        tx.store(OUTBOX)?.add(&to_js(&entry)?, None).await?;
        meta.put(
            &JsValue::from_f64(seq as f64),
            Some(&JsValue::from_str(SEQ_KEY)),
        )
        .await?;
        tx.store(RECORDS)?.put(&record, None).await?;
        tx.store(SUMMARIES)?.put(&summary, None).await?;
        committed(tx).await?;
        Ok(entry)
    }

    /// Deletes a record. One that was never completed goes, with its photos,
    /// since the server never heard of it; a completed one becomes a
    /// tombstone (answers cleared) whose deletion is queued like any change.
    /// The record is read inside the transaction, so a completion in another
    /// tab cannot be lost by deleting a stale draft.
    pub async fn delete_record(
        &self,
        id: &str,
        tombstone_entry: OutboxEntry,
        now_ms: f64,
    ) -> Result<(), StorageError> {
        let stores = [META, OUTBOX, RECORDS, SUMMARIES, ATTACHMENTS];
        let tx = self.db.transaction(&stores, TransactionMode::ReadWrite)?;
        let key = JsValue::from_str(id);
        let Some(found) = tx
            .store(RECORDS)?
            .get(key.clone())
            .await?
            .filter(|v| !v.is_undefined())
        else {
            return committed(tx).await;
        };
        let mut record: StoredRecord = from_js(found)?;
        tx.store(SUMMARIES)?.delete(key.clone()).await?;
        if record.content.completed.is_none() {
            tx.store(RECORDS)?.delete(key.clone()).await?;
            super::erase::forget_photos(&tx, &key).await?;
            return committed(tx).await;
        }
        let meta = tx.store(META)?;
        let seq = read_u64(&meta, SEQ_KEY).await? + 1;
        let client_id = meta
            .get(JsValue::from_str(CLIENT_ID_KEY))
            .await?
            .and_then(|v| v.as_string())
            .unwrap_or_default();
        let entry = OutboxEntry {
            seq,
            client_id,
            base_version: record.server_version,
            ..tombstone_entry
        };
        tx.store(OUTBOX)?.add(&to_js(&entry)?, None).await?;
        meta.put(
            &JsValue::from_f64(seq as f64),
            Some(&JsValue::from_str(SEQ_KEY)),
        )
        .await?;
        record.status = RecordStatus::Deleted;
        record.content = Default::default();
        record.updated_ms = now_ms;
        tx.store(RECORDS)?.put(&to_js(&record)?, None).await?;
        committed(tx).await
    }

    /// Every queued change, oldest first.
    pub async fn outbox(&self) -> Result<Vec<OutboxEntry>, StorageError> {
        self.read_outbox(None, None).await
    }

    /// The `limit` oldest queued changes after change `after`: a sync batch
    /// opens only what it sends, the rest stays sealed.
    pub async fn outbox_batch(
        &self,
        after: u64,
        limit: u32,
    ) -> Result<Vec<OutboxEntry>, StorageError> {
        let range = KeyRange::lower_bound(&JsValue::from_f64(after as f64), Some(true))
            .map_err(|e| StorageError::Db(format!("{e:?}")))?;
        self.read_outbox(Some(range), Some(limit)).await
    }

    async fn read_outbox(
        &self,
        range: Option<KeyRange>,
        limit: Option<u32>,
    ) -> Result<Vec<OutboxEntry>, StorageError> {
        let tx = self.db.transaction(&[OUTBOX], TransactionMode::ReadOnly)?;
        let values = tx.store(OUTBOX)?.get_all(range, limit).await?;
        tx.done().await?;
        values.into_iter().map(from_js).collect()
    }

    /// How many changes are queued (nothing is opened to count them).
    pub async fn outbox_len(&self) -> Result<usize, StorageError> {
        let tx = self.db.transaction(&[OUTBOX], TransactionMode::ReadOnly)?;
        let count = tx.store(OUTBOX)?.count(None).await?;
        tx.done().await?;
        Ok(count as usize)
    }
}

async fn read_u64(store: &rexie::Store, key: &str) -> Result<u64, StorageError> {
    let value = store.get(JsValue::from_str(key)).await?;
    Ok(value.and_then(|v| v.as_f64()).unwrap_or(0.0) as u64)
}
