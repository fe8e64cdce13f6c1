//! The rows a rule decided to write, collected over a whole batch so the
//! store writes each table in a few statements, whatever the batch's size.

use std::collections::{BTreeMap, BTreeSet};

use rukun_core::form::Value;
use rukun_core::quality::RecordFacts;

use super::document::value_json;
use super::StoredRecord;

/// Every row a transaction's rules decided to write, by table.
#[derive(Debug, Default)]
pub struct Writes {
    /// Records in their new state (inserted, or updated in place); the
    /// latest state of each, by id.
    pub records: BTreeMap<String, StoredRecord>,
    /// Values an edit replaced, with the version they had.
    pub history: Vec<HistoryRow>,
    pub conflicts: Vec<ConflictRow>,
    /// Conflicts settled: (id, resolved_ms).
    pub resolved: Vec<(i64, i64)>,
    /// Photo hashes an answer names, per record: a use each.
    pub attachment_uses: BTreeSet<(String, String)>,
    /// Index rows to write or remove, by record id.
    pub index: BTreeMap<String, IndexChange>,
    /// What became of each mutation (a replay gets it again).
    pub outcomes: Vec<OutcomeRow>,
    /// Coordinators' decisions, with the answers decided on.
    pub reviews: Vec<ReviewRow>,
    pub audit: Vec<AuditRow>,
    /// The change sequence's new value.
    pub change_seq: Option<u64>,
    /// A device's new `last_seq`: (client_id, last_seq, username).
    pub cursor: Option<(String, u64, String)>,
}

impl Writes {
    /// Nothing to write.
    pub fn is_empty(&self) -> bool {
        self.records.is_empty()
            && self.history.is_empty()
            && self.conflicts.is_empty()
            && self.resolved.is_empty()
            && self.attachment_uses.is_empty()
            && self.index.is_empty()
            && self.outcomes.is_empty()
            && self.reviews.is_empty()
            && self.audit.is_empty()
            && self.change_seq.is_none()
            && self.cursor.is_none()
    }

    /// Notes what setting `changes` on `record` replaces (kept in the
    /// history, a conflict's starting value) and the photos they name: every
    /// photo an answer names is a use of it, uploaded or not yet, so a
    /// deletion elsewhere does not erase it.
    pub fn changing(&mut self, record: &StoredRecord, changes: &BTreeMap<String, Option<Value>>) {
        for (path, value) in changes {
            if let Some(old) = record.fields.get(path) {
                self.history.push(HistoryRow {
                    record_id: record.id.clone(),
                    path: path.clone(),
                    version: old.version,
                    value: old.value.as_ref().map(value_json),
                    client_id: old.client_id.clone(),
                });
            }
            if let Some(Value::Photos(ids)) = value {
                for sha256 in ids {
                    self.attachment_uses
                        .insert((sha256.clone(), record.id.clone()));
                }
            }
        }
    }

    /// Sets a record's index row; a record created earlier in the batch
    /// keeps its creator.
    pub fn index(&mut self, mut row: IndexRow) {
        if let Some(IndexChange::Write(earlier)) = self.index.get(&row.record_id) {
            if row.creator.is_empty() {
                row.creator = earlier.creator.clone();
            }
        }
        self.index
            .insert(row.record_id.clone(), IndexChange::Write(Box::new(row)));
    }
}

/// An answer's value an edit replaced.
#[derive(Debug, Clone)]
pub struct HistoryRow {
    pub record_id: String,
    pub path: String,
    pub version: u64,
    /// JSON of the replaced value (`None`: it had been removed).
    pub value: Option<String>,
    pub client_id: String,
}

/// An answer two parties changed from the same version, for a coordinator
/// to settle.
#[derive(Debug, Clone)]
pub struct ConflictRow {
    pub record_id: String,
    pub path: String,
    pub base_version: u64,
    pub server_value: Option<String>,
    pub client_value: Option<String>,
    pub client_id: String,
    pub seq: u64,
    pub author: String,
    pub created_ms: i64,
}

/// What becomes of a record's index row.
#[derive(Debug, Clone)]
pub enum IndexChange {
    Write(Box<IndexRow>),
    /// A review decision: the row's review state and time change, nothing
    /// else (no row: nothing to change).
    Reviewed {
        review_state: String,
        updated_ms: i64,
    },
    /// The record is deleted: out of the index and of others' duplicate
    /// flags.
    Remove,
}

/// One record's row in the coordinators' index.
#[derive(Debug, Clone)]
pub struct IndexRow {
    pub record_id: String,
    pub form_id: String,
    /// `kelurahan/RW/RT`.
    pub area: String,
    /// Who created it; empty: kept from the first write.
    pub creator: String,
    pub review_state: String,
    pub updated_ms: i64,
    pub facts: RecordFacts,
}

/// What became of one of a device's mutations.
#[derive(Debug, Clone)]
pub struct OutcomeRow {
    pub client_id: String,
    pub seq: u64,
    pub record_id: String,
    pub author: String,
    /// JSON of the `Outcome`.
    pub outcome: String,
    pub created_ms: i64,
}

/// A coordinator's decision on a record.
#[derive(Debug, Clone)]
pub struct ReviewRow {
    pub record_id: String,
    /// The decision (`approve`, `return`, `reject`, `reopen`).
    pub action: String,
    pub state_after: String,
    pub comment: String,
    /// JSON object: answer path -> comment.
    pub field_comments: String,
    pub author: String,
    pub at_ms: i64,
    /// JSON of the live answers decided on: the next resubmission is shown
    /// against them.
    pub answers: String,
}

/// One line of the audit log: about a record, or about no single record
/// and scoped by the kelurahan it concerns (both `None`: the city).
#[derive(Debug, Clone)]
pub struct AuditRow {
    pub at_ms: i64,
    pub actor: String,
    pub action: String,
    pub record_id: Option<String>,
    pub detail: String,
    /// The kelurahan code of an entry about no single record.
    pub kelurahan: Option<String>,
}
