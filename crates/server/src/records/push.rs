//! A device's push (sync.md, "Push"): replays answered again, a gap stops
//! the batch, then each mutation is merged into its record in `seq` order.
//! The batch's records are read in one go and changed in memory (a later
//! mutation of the same record sees the earlier one), and the rows are
//! written together at the end. A deletion or a refusal, which erase rows
//! stored before, first writes what the batch decided so far.

use std::collections::{BTreeMap, BTreeSet};

use rukun_core::form::Value;
use rukun_core::sync::{merge, Mutation, MutationResult, Op, Outcome, PushResponse};

use super::document::value_json;
use super::{
    text, AuditRow, ConflictRow, Cursor, IndexChange, IndexRow, OutcomeRow, RecordTx, StoredRecord,
    Writes, GONE, MOVED, OTHER_FORM,
};
use crate::store::{Checked, Store, StoreError, Validator};

/// Applies a device's mutations in one transaction and moves its
/// `last_seq` with them.
pub async fn push(
    store: &dyn Store,
    client_id: &str,
    author: &str,
    batch: Vec<Checked>,
    validate: Validator<'_>,
    now_ms: i64,
) -> Result<PushResponse, StoreError> {
    let mut tx = store.begin_records().await?;
    let cursor = tx.cursor(client_id).await?;
    // A device's id belongs to its first account; the server's own (a
    // kiosk decision) may be finished by any reviewer.
    let server_made = client_id.starts_with(crate::kiosk::SERVER_MADE);
    if let Some(Cursor {
        username: Some(owner),
        ..
    }) = &cursor
    {
        if owner != author && !server_made {
            return Err(StoreError::Refused(
                "client_id ini milik akun lain; pakai id perangkat sendiri. / This client_id belongs to another account; use a device id of your own.".into(),
            ));
        }
    }
    let mut last = cursor.map_or(0, |c| c.last_seq);
    let replayed: Vec<u64> = batch
        .iter()
        .map(|c| c.mutation.seq)
        .filter(|seq| *seq <= last)
        .collect();
    let mut answered = if replayed.is_empty() {
        BTreeMap::new()
    } else {
        tx.outcomes(client_id, &replayed).await?
    };
    let ids: BTreeSet<&String> = batch
        .iter()
        .filter(|c| c.mutation.seq > last && c.refused.is_none())
        .map(|c| &c.mutation.record_id)
        .collect();
    let ids: Vec<String> = ids.into_iter().cloned().collect();
    let records = if ids.is_empty() {
        Vec::new()
    } else {
        tx.records(&ids).await?
    };
    let change_seq = tx.change_seq().await?;
    let mut run = Batch {
        tx,
        records: records.into_iter().map(|r| (r.id.clone(), r)).collect(),
        writes: Writes::default(),
        change_seq,
        client_id,
        author,
        validate,
        now_ms,
    };
    let mut touched = BTreeSet::new();
    let mut results = Vec::new();
    for checked in batch {
        let seq = checked.mutation.seq;
        if seq <= last {
            if let Some(outcome) = answered.get(&seq) {
                results.push(MutationResult {
                    seq,
                    outcome: outcome.clone(),
                });
            }
            continue;
        }
        if seq != last + 1 {
            break; // a gap: the missing one must come first
        }
        let outcome = match checked.refused {
            Some(reason) => Outcome::Rejected { reason },
            None => {
                touched.insert(checked.mutation.area.clone());
                run.apply(&checked.mutation).await?
            }
        };
        run.writes.outcomes.push(OutcomeRow {
            client_id: client_id.to_owned(),
            seq,
            record_id: checked.mutation.record_id.clone(),
            author: author.to_owned(),
            outcome: serde_json::to_string(&outcome)
                .map_err(|e| StoreError::Corrupt(e.to_string()))?,
            created_ms: now_ms,
        });
        answered.insert(seq, outcome.clone());
        results.push(MutationResult { seq, outcome });
        last = seq;
    }
    run.writes.cursor = Some((client_id.to_owned(), last, author.to_owned()));
    run.flush().await?;
    let mut tx = run.tx;
    tx.refresh_far_from_rt(&touched).await?;
    tx.commit().await?;
    Ok(PushResponse {
        last_seq: last,
        results,
    })
}

/// One push in progress: the records it touches as they now are, and the
/// rows not yet written.
struct Batch<'a> {
    tx: Box<dyn RecordTx + 'a>,
    records: BTreeMap<String, StoredRecord>,
    writes: Writes,
    change_seq: u64,
    client_id: &'a str,
    author: &'a str,
    validate: Validator<'a>,
    now_ms: i64,
}

impl Batch<'_> {
    async fn flush(&mut self) -> Result<(), StoreError> {
        let writes = std::mem::take(&mut self.writes);
        if writes.is_empty() {
            return Ok(());
        }
        self.tx.write(writes).await
    }

    fn next_change_seq(&mut self) -> u64 {
        self.change_seq += 1;
        self.writes.change_seq = Some(self.change_seq);
        self.change_seq
    }

    fn audit(&mut self, action: &str, record_id: &str, version: u64) {
        self.writes.audit.push(AuditRow {
            at_ms: self.now_ms,
            actor: self.author.to_owned(),
            action: action.to_owned(),
            record_id: Some(record_id.to_owned()),
            detail: format!("version {version}"),
            kelurahan: None,
        });
    }

    fn conflict(&self, m: &Mutation, path: &str, server: Option<&Value>) -> ConflictRow {
        ConflictRow {
            record_id: m.record_id.clone(),
            path: path.to_owned(),
            base_version: m.base_version,
            server_value: server.map(value_json),
            client_value: m.changes.get(path).and_then(Option::as_ref).map(value_json),
            client_id: self.client_id.to_owned(),
            seq: m.seq,
            author: self.author.to_owned(),
            created_ms: self.now_ms,
        }
    }

    /// Merges one mutation into its record.
    async fn apply(&mut self, m: &Mutation) -> Result<Outcome, StoreError> {
        if let Some(stored) = self.records.get(&m.record_id) {
            let refusal = if stored.deleted {
                Some(GONE)
            } else if stored.area != m.area {
                Some(MOVED)
            } else if stored.form_id != m.form_id {
                Some(OTHER_FORM)
            } else {
                None
            };
            if let Some(reason) = refusal {
                return Ok(Outcome::Rejected {
                    reason: text(reason),
                });
            }
        }
        let existing = self.records.contains_key(&m.record_id);
        let mut record = self
            .records
            .remove(&m.record_id)
            .unwrap_or_else(|| StoredRecord {
                id: m.record_id.clone(),
                form_id: m.form_id.clone(),
                form_version: m.form_version,
                area: m.area.clone(),
                version: 0,
                deleted: false,
                review_state: "submitted".into(),
                change_seq: 0,
                updated_ms: self.now_ms,
                fields: BTreeMap::new(),
            });
        let outcome = if m.op == Op::Delete {
            self.delete(m, &mut record, existing).await
        } else {
            self.upsert(m, &mut record, existing).await
        };
        if existing || record.version > 0 {
            self.records.insert(m.record_id.clone(), record);
        }
        outcome
    }

    async fn delete(
        &mut self,
        m: &Mutation,
        record: &mut StoredRecord,
        existing: bool,
    ) -> Result<Outcome, StoreError> {
        if !existing {
            return Ok(Outcome::Applied { version: 0 });
        }
        let version = record.version;
        let base_version = seen_version(m, version);
        if record
            .fields
            .values()
            .any(|f| f.changed_by_other(base_version, self.client_id))
        {
            let row = self.conflict(m, "*", None);
            self.writes.conflicts.push(row);
            return Ok(Outcome::Conflict {
                version,
                fields: vec!["*".into()],
            });
        }
        // What the batch wrote about it before goes first: the purge
        // erases it with the rest.
        self.flush().await?;
        self.tx.purge_deleted(&m.record_id).await?;
        let next = version + 1;
        record.deleted = true;
        record.version = next;
        record.change_seq = self.next_change_seq();
        record.updated_ms = self.now_ms;
        // A deleted record keeps no answers (they are personal data).
        record.fields.clear();
        self.writes
            .records
            .insert(record.id.clone(), record.clone());
        self.writes
            .index
            .insert(record.id.clone(), IndexChange::Remove);
        self.audit("delete", &m.record_id, next);
        Ok(Outcome::Applied { version: next })
    }

    async fn upsert(
        &mut self,
        m: &Mutation,
        record: &mut StoredRecord,
        existing: bool,
    ) -> Result<Outcome, StoreError> {
        let version = record.version;
        let base_version = seen_version(m, version);
        let mut merged = merge(&record.fields, base_version, self.client_id, &m.changes);
        let mut answers = record.answers_with(&merged.apply);
        let mut facts = match (self.validate)(&m.form_id, m.form_version, &answers) {
            Ok(facts) => facts,
            Err(reason) => return Ok(Outcome::Rejected { reason }),
        };
        // A refusal keeps no name, NIK, contact or photo (UU 27/2022): what
        // it must not keep is removed, whoever sent it and whenever.
        let refused = std::mem::take(&mut facts.refused);
        if !refused.is_empty() {
            for path in &refused {
                answers.remove(path);
                merged.apply.insert(path.clone(), None);
            }
            merged.conflicts.retain(|path| !refused.contains(path));
            facts = match (self.validate)(&m.form_id, m.form_version, &answers) {
                Ok(facts) => facts,
                Err(reason) => return Ok(Outcome::Rejected { reason }),
            };
        }
        let conflicts: Vec<ConflictRow> = merged
            .conflicts
            .iter()
            .map(|path| {
                let server = record.fields.get(path).and_then(|f| f.value.as_ref());
                self.conflict(m, path, server)
            })
            .collect();
        let next = if merged.apply.is_empty() && existing {
            version
        } else {
            version + 1
        };
        if next != version {
            self.writes.changing(record, &merged.apply);
            record.set(&merged.apply, next, self.client_id);
            record.form_version = m.form_version;
            record.version = next;
            record.change_seq = self.next_change_seq();
            record.updated_ms = self.now_ms;
            // A device's new change is awaiting review again.
            record.review_state = "submitted".into();
            self.writes
                .records
                .insert(record.id.clone(), record.clone());
            if !refused.is_empty() {
                self.flush().await?;
                self.tx
                    .forget_refused(&record.id, &refused, &answers)
                    .await?;
            }
            self.writes.index(IndexRow {
                record_id: record.id.clone(),
                form_id: record.form_id.clone(),
                area: record.area.clone(),
                creator: if existing {
                    String::new() // kept: the index row exists
                } else {
                    self.author.to_owned()
                },
                review_state: record.review_state.clone(),
                updated_ms: self.now_ms,
                facts,
            });
            self.audit(if existing { "edit" } else { "create" }, &m.record_id, next);
        }
        self.writes.conflicts.extend(conflicts);
        Ok(if merged.conflicts.is_empty() {
            Outcome::Applied { version: next }
        } else {
            Outcome::Conflict {
                version: next,
                fields: merged.conflicts,
            }
        })
    }
}

/// The version a mutation was made against. A device never saw a version
/// the server has not made: a base above it (forged, or a server restored
/// from an older backup) counts as having seen nothing, so every field
/// another device changed is a conflict for a coordinator instead of being
/// overwritten.
fn seen_version(m: &Mutation, version: u64) -> u64 {
    if m.base_version > version {
        0
    } else {
        m.base_version
    }
}
