//! What the sync keeps on the device: the session, the pull cursor, and the
//! two writes that follow the server's answers. Each is one transaction, and
//! a pulled record never overwrites one with changes still in the outbox.

use futures::future::try_join_all;
use rexie::{KeyRange, Store, StoreIndex, TransactionMode};
use rukun_core::account::Account;
use rukun_core::form::Text;
use rukun_core::sync::{Outcome, PushResponse};
use serde::{Deserialize, Serialize};
use wasm_bindgen::JsValue;

use super::outbox::OutboxEntry;
use super::records::{RecordStatus, StoredRecord, StoredRecordHead, Summary};
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

    /// Drops the outbox entries the server has handled (`sent` is the
    /// batch it answered) and marks their records with its verdict (unless
    /// newer changes of theirs still wait). Queued entries beyond the batch
    /// are neither read nor opened, and the reads (then the writes) of the
    /// whole batch are queued at once, not one round trip each.
    pub async fn apply_push(
        &self,
        response: &PushResponse,
        sent: &[OutboxEntry],
    ) -> Result<(), StorageError> {
        let tx = self
            .db
            .transaction(&[OUTBOX, RECORDS, SUMMARIES], TransactionMode::ReadWrite)?;
        let (outbox, records, summaries) =
            (tx.store(OUTBOX)?, tx.store(RECORDS)?, tx.store(SUMMARIES)?);
        let handled = KeyRange::upper_bound(&JsValue::from_f64(response.last_seq as f64), None)
            .map_err(|e| StorageError::Db(format!("{e:?}")))?;
        outbox.delete(handled.into()).await?;
        // Each record's last verdict in the answer.
        let mut verdicts: Vec<(&str, &Outcome)> = Vec::new();
        for result in &response.results {
            let Some(entry) = sent.iter().find(|e| e.seq == result.seq) else {
                continue;
            };
            verdicts.retain(|(id, _)| *id != entry.record_id);
            verdicts.push((&entry.record_id, &result.outcome));
        }
        let keys: Vec<JsValue> = verdicts
            .iter()
            .map(|(id, _)| JsValue::from_str(id))
            .collect();
        let (queued, found_records, found_summaries) = futures::try_join!(
            queued_each(&outbox, &verdicts, &keys),
            get_each(&records, &keys),
            get_each(&summaries, &keys),
        )?;
        let (mut record_writes, mut summary_writes) = (Vec::new(), Vec::new());
        for (((_, outcome), queued), (found, summary)) in verdicts
            .iter()
            .zip(queued)
            .zip(found_records.into_iter().zip(found_summaries))
        {
            let Some(found) = found else {
                continue;
            };
            let head: StoredRecordHead = from_js(found.clone())?;
            if head.status == RecordStatus::Deleted || queued > 0 {
                continue;
            }
            if let (Outcome::Applied { version }, Some(false)) = (outcome, head.noted) {
                // Sent, with no note to clear: only plain fields change,
                // the sealed content is written back as it was read.
                let sent = to_js(&RecordStatus::Sent)?;
                let version = (*version).max(head.server_version) as f64;
                set_plain(&found, "status", &sent)?;
                set_plain(&found, "server_version", &JsValue::from_f64(version))?;
                record_writes.push(found);
                if let Some(summary) = summary {
                    set_plain(&summary, "status", &sent)?;
                    summary_writes.push(summary);
                }
                continue;
            }
            let mut record: StoredRecord = from_js(found)?;
            let (status, version, note) = match outcome {
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
            record_writes.push(to_js(&record)?);
            if let Some(found) = summary {
                let mut summary: Summary = from_js(found)?;
                summary.status = status;
                summary.text.sync_note = record.content.sync_note;
                summary_writes.push(to_js(&summary)?);
            }
        }
        put_each(&records, record_writes).await?;
        put_each(&summaries, summary_writes).await?;
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
        let (outbox, records, summaries) =
            (tx.store(OUTBOX)?, tx.store(RECORDS)?, tx.store(SUMMARIES)?);
        let mut kept = Vec::new();
        for (record, summary) in page {
            if erased.contains(&record.id) {
                super::erase::forget_erased(&tx, &JsValue::from_str(&record.id)).await?;
            } else {
                kept.push((record, summary));
            }
        }
        // A record already at that version (a device's own changes come
        // back in its pull) is passed over on its plain part, unopened.
        let keys: Vec<JsValue> = kept.iter().map(|(r, _)| JsValue::from_str(&r.id)).collect();
        let locals = get_each(&records, &keys).await?;
        let mut newer = Vec::new();
        for ((pulled, key), local) in kept.into_iter().zip(keys).zip(locals) {
            let head: Option<StoredRecordHead> = local.clone().map(from_js).transpose()?;
            if head.is_none_or(|head| head.server_version < pulled.0.server_version) {
                newer.push((pulled, key, local));
            }
        }
        // Nor is one with changes still in the outbox.
        let by_record = outbox.index(BY_RECORD)?;
        let queued =
            try_join_all(newer.iter().map(|(_, key, _)| queued_for(&by_record, key))).await?;
        let (mut record_writes, mut summary_writes, mut stand_ins) =
            (Vec::new(), Vec::new(), Vec::new());
        for (((mut record, summary), key, local), queued) in newer.into_iter().zip(queued) {
            if queued > 0 {
                continue;
            }
            if let Some(local) = local {
                let local: StoredRecord = from_js(local)?;
                record.content.draft = local.content.draft;
                record.created_ms = local.created_ms;
            }
            record_writes.push(to_js(&record)?);
            match summary {
                Some(summary) => summary_writes.push(to_js(&summary)?),
                None => stand_ins.push(key),
            }
        }
        put_each(&records, record_writes).await?;
        put_each(&summaries, summary_writes).await?;
        try_join_all(stand_ins.into_iter().map(|key| summaries.delete(key))).await?;
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

/// How many changes of each record (`ids`, keyed `keys`) still wait in
/// the outbox. Usually none do: one look at the outbox's records between
/// the first and last id answers for all, and each is counted only when
/// something is there. Ids are UUIDs (ASCII), so their order here is
/// IndexedDB's.
async fn queued_each(
    outbox: &Store,
    ids: &[(&str, &Outcome)],
    keys: &[JsValue],
) -> Result<Vec<u32>, StorageError> {
    let by_record = outbox.index(BY_RECORD)?;
    let (Some(first), Some(last)) = (
        ids.iter().map(|(id, _)| *id).min(),
        ids.iter().map(|(id, _)| *id).max(),
    ) else {
        return Ok(vec![]);
    };
    let span = KeyRange::bound(
        &JsValue::from_str(first),
        &JsValue::from_str(last),
        None,
        None,
    )
    .map_err(|e| StorageError::Db(format!("{e:?}")))?;
    if by_record
        .get_all_keys(Some(span), Some(1))
        .await?
        .is_empty()
    {
        return Ok(vec![0; keys.len()]);
    }
    try_join_all(keys.iter().map(|key| queued_for(&by_record, key))).await
}

/// How many changes of the record keyed `key` wait in the outbox
/// (`by_record`: its index by record).
async fn queued_for(by_record: &StoreIndex, key: &JsValue) -> Result<u32, StorageError> {
    let range = KeyRange::only(key).map_err(|e| StorageError::Db(format!("{e:?}")))?;
    Ok(by_record.count(Some(range)).await?)
}

/// Writes `values` (keyed by their key path), waiting once for the last
/// write rather than for each: a failed one aborts the transaction, which
/// the caller's commit reports.
async fn put_each(store: &Store, values: Vec<JsValue>) -> Result<(), StorageError> {
    Ok(store.put_all(values.into_iter().map(|v| (v, None))).await?)
}

/// The values stored under `keys` (`None` or undefined: none), read with
/// every request queued at once.
async fn get_each(store: &Store, keys: &[JsValue]) -> Result<Vec<Option<JsValue>>, StorageError> {
    let found = try_join_all(keys.iter().map(|key| store.get(key.clone()))).await?;
    Ok(found
        .into_iter()
        .map(|v| v.filter(|v| !v.is_undefined()))
        .collect())
}

/// Sets a plain field of a stored value read from IndexedDB.
fn set_plain(stored: &JsValue, field: &str, value: &JsValue) -> Result<(), StorageError> {
    js_sys::Reflect::set(stored, &JsValue::from_str(field), value)
        .map(|_| ())
        .map_err(|e| StorageError::Db(format!("{e:?}")))
}
