//! What the sync keeps on the device: the session, the pull cursor, and the
//! two writes that follow the server's answers. Each is one transaction, and
//! a pulled record never overwrites one with changes still in the outbox.

use rexie::{KeyRange, TransactionMode};
use rukun_core::account::Account;
use rukun_core::form::Text;
use rukun_core::sync::{Outcome, PushResponse};
use serde::{Deserialize, Serialize};
use wasm_bindgen::JsValue;

use super::outbox::OutboxEntry;
use super::records::{RecordStatus, StoredRecord, Summary};
use super::{
    committed, from_js, to_js, LocalDb, StorageError, ATTACHMENTS, BY_RECORD, META, OUTBOX,
    RECORDS, SUMMARIES,
};

const SESSION_KEY: &str = "session";
const CURSOR_KEY: &str = "pull_cursor";

/// The logged-in account on this device and its bearer token.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StoredSession {
    #[serde(with = "super::sealed")]
    pub token: String,
    pub expires_at_ms: f64,
    pub account: Account,
}

impl LocalDb {
    pub async fn save_session(&self, session: &StoredSession) -> Result<(), StorageError> {
        self.put(META, SESSION_KEY, session).await
    }

    pub async fn load_session(&self) -> Result<Option<StoredSession>, StorageError> {
        self.get(META, SESSION_KEY).await
    }

    pub async fn clear_session(&self) -> Result<(), StorageError> {
        let tx = self.db.transaction(&[META], TransactionMode::ReadWrite)?;
        tx.store(META)?
            .delete(JsValue::from_str(SESSION_KEY))
            .await?;
        committed(tx).await
    }

    pub async fn pull_cursor(&self) -> Result<u64, StorageError> {
        Ok(self.get::<f64>(META, CURSOR_KEY).await?.unwrap_or(0.0) as u64)
    }

    /// Drops the outbox entries the server has handled and marks their
    /// records with its verdict (unless newer changes of theirs still wait).
    pub async fn apply_push(&self, response: &PushResponse) -> Result<(), StorageError> {
        let tx = self
            .db
            .transaction(&[OUTBOX, RECORDS, SUMMARIES], TransactionMode::ReadWrite)?;
        let outbox = tx.store(OUTBOX)?;
        let entries: Vec<OutboxEntry> = outbox
            .get_all(None, None)
            .await?
            .into_iter()
            .map(from_js)
            .collect::<Result<_, _>>()?;
        for entry in entries.iter().filter(|e| e.seq <= response.last_seq) {
            outbox.delete(JsValue::from_f64(entry.seq as f64)).await?;
        }
        for result in &response.results {
            let Some(entry) = entries.iter().find(|e| e.seq == result.seq) else {
                continue;
            };
            let still_waiting = entries
                .iter()
                .any(|e| e.record_id == entry.record_id && e.seq > response.last_seq);
            let key = JsValue::from_str(&entry.record_id);
            let Some(found) = tx
                .store(RECORDS)?
                .get(key.clone())
                .await?
                .filter(|v| !v.is_undefined())
            else {
                continue;
            };
            let mut record: StoredRecord = from_js(found)?;
            if record.status == RecordStatus::Deleted || still_waiting {
                continue;
            }
            let (status, version, note) = match &result.outcome {
                Outcome::Applied { version } => (RecordStatus::Sent, *version, None),
                Outcome::Conflict { version, fields } => {
                    let fields = fields.join(", ");
                    let note = Text::new(
                        &format!("Bertabrakan dengan perubahan di server: {fields}"),
                        &format!("Conflicts with a change on the server: {fields}"),
                    );
                    (RecordStatus::Conflict, *version, Some(note))
                }
                Outcome::Rejected { reason } => (
                    RecordStatus::Rejected,
                    record.server_version,
                    Some(reason.clone()),
                ),
            };
            record.status = status;
            record.server_version = version.max(record.server_version);
            record.content.sync_note = note;
            tx.store(RECORDS)?.put(&to_js(&record)?, None).await?;
            if let Some(found) = tx
                .store(SUMMARIES)?
                .get(key)
                .await?
                .filter(|v| !v.is_undefined())
            {
                let mut summary: Summary = from_js(found)?;
                summary.status = status;
                summary.text.sync_note = record.content.sync_note.clone();
                tx.store(SUMMARIES)?.put(&to_js(&summary)?, None).await?;
            }
        }
        committed(tx).await
    }

    /// Stores a page of the server's records and the new cursor together,
    /// with the ids of those stored under a stand-in summary (`unrendered`:
    /// their form version could not be read yet).
    /// A record with changes still in the outbox, or already at that version,
    /// is left alone; unfinished local edits (a draft) are kept. A record in
    /// `erased` (erased on a resident's request) leaves nothing behind:
    /// not its draft, photos or unsent answers either.
    pub async fn apply_pull(
        &self,
        page: Vec<(StoredRecord, Option<Summary>)>,
        unrendered: &[String],
        erased: &[String],
        cursor: u64,
    ) -> Result<(), StorageError> {
        let tx = self.db.transaction(
            &[META, OUTBOX, RECORDS, SUMMARIES, ATTACHMENTS],
            TransactionMode::ReadWrite,
        )?;
        for (mut record, summary) in page {
            let key = JsValue::from_str(&record.id);
            if erased.contains(&record.id) {
                super::erase::forget_erased(&tx, &key).await?;
                continue;
            }
            let range = KeyRange::only(&key).map_err(|e| StorageError::Db(format!("{e:?}")))?;
            if tx
                .store(OUTBOX)?
                .index(BY_RECORD)?
                .count(Some(range))
                .await?
                > 0
            {
                continue;
            }
            let local: Option<StoredRecord> = tx
                .store(RECORDS)?
                .get(key.clone())
                .await?
                .filter(|v| !v.is_undefined())
                .map(from_js)
                .transpose()?;
            if let Some(local) = &local {
                if local.server_version >= record.server_version {
                    continue;
                }
                record.content.draft = local.content.draft.clone();
                record.created_ms = local.created_ms;
            }
            tx.store(RECORDS)?.put(&to_js(&record)?, None).await?;
            match summary {
                Some(summary) => tx.store(SUMMARIES)?.put(&to_js(&summary)?, None).await?,
                None => {
                    tx.store(SUMMARIES)?.delete(key).await?;
                    JsValue::UNDEFINED
                }
            };
        }
        if !unrendered.is_empty() {
            // In the same transaction as the stand-in summaries, so none is
            // left without its entry.
            let key = JsValue::from_str(super::forms::UNRENDERED_KEY);
            let mut ids: Vec<String> = match tx.store(META)?.get(key.clone()).await? {
                Some(v) if !v.is_undefined() => from_js(v)?,
                _ => vec![],
            };
            ids.extend(
                unrendered
                    .iter()
                    .filter(|id| !ids.contains(id))
                    .cloned()
                    .collect::<Vec<_>>(),
            );
            tx.store(META)?.put(&to_js(&ids)?, Some(&key)).await?;
        }
        tx.store(META)?
            .put(
                &JsValue::from_f64(cursor as f64),
                Some(&JsValue::from_str(CURSOR_KEY)),
            )
            .await?;
        committed(tx).await
    }
}
