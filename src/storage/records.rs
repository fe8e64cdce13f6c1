//! Survey records on the device, and the small summaries the list reads
//! (so opening a list of thousands of households does not decode them all).
//! A record and its summary are always written in one transaction.
//!
//! Only what is needed to find and order them stays plain: ids, form, area,
//! state, versions, counts and times. Everything that comes from the
//! answers is one sealed value per record (`content`) and per summary
//! (`text`).

use rexie::{Direction, KeyRange, TransactionMode};
use rukun_core::form::{Answers, Issue, Text};
use rukun_core::review::ReviewNote;
use serde::{Deserialize, Serialize};
use wasm_bindgen::JsValue;

use super::{
    committed, from_js, to_js, LocalDb, StorageError, BY_AREA, BY_AREA_UPDATED, RECORDS, SUMMARIES,
};

/// Where a record is in its life on the device.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RecordStatus {
    /// Never completed; not in the outbox.
    Draft,
    /// Completed; its change waits in the outbox.
    Ready,
    /// The server has every change (applied; what a coordinator makes of
    /// it arrives with the review decisions of the coordinator console).
    Sent,
    /// The server kept its own value of some fields: a coordinator decides.
    Conflict,
    /// The server refused the change, with a reason (`sync_note`), or a
    /// coordinator rejected the record.
    Rejected,
    /// A coordinator sent it back with comments: a task to fix.
    Returned,
    /// A coordinator approved it.
    Accepted,
    /// Deleted after completion: a tombstone whose deletion waits in the outbox.
    Deleted,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(from = "StoredRecordShapes")]
pub struct StoredRecord {
    /// UUIDv7 made on the device.
    pub id: String,
    pub form_id: String,
    pub form_version: u32,
    /// `kelurahan/RW/RT`, e.g. `35.76.02.1010/01/03` (the list's index).
    pub area: String,
    pub created_ms: f64,
    pub updated_ms: f64,
    pub status: RecordStatus,
    /// The server version this device's copy is based on (0: never synced).
    pub server_version: u64,
    /// Everything from the household's answers, sealed at rest as one value.
    #[serde(with = "super::sealed")]
    pub content: RecordContent,
}

/// A record as it is written: its fields, and in the plain `noted`
/// whether it holds a sync note (the sync changes the state of a record
/// without one without opening it; `StoredRecordHead`).
impl Serialize for StoredRecord {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        StoredRecordOut {
            id: &self.id,
            form_id: &self.form_id,
            form_version: self.form_version,
            area: &self.area,
            created_ms: self.created_ms,
            updated_ms: self.updated_ms,
            status: self.status,
            server_version: self.server_version,
            content: &self.content,
            noted: self.content.sync_note.is_some(),
        }
        .serialize(serializer)
    }
}

#[derive(Serialize)]
struct StoredRecordOut<'a> {
    id: &'a str,
    form_id: &'a str,
    form_version: u32,
    area: &'a str,
    created_ms: f64,
    updated_ms: f64,
    status: RecordStatus,
    server_version: u64,
    #[serde(with = "super::sealed")]
    content: &'a RecordContent,
    noted: bool,
}

/// The plain part of a stored record: what the sync decides on without
/// opening the sealed content. `noted` is `None` for records written
/// before it existed (open them to know).
#[derive(Debug, Deserialize)]
pub(super) struct StoredRecordHead {
    pub status: RecordStatus,
    pub server_version: u64,
    #[serde(default)]
    pub noted: Option<bool>,
}

/// What a record holds of and about the household's answers: every part
/// may quote them (a rejection's reason, a coordinator's comment), so all
/// of it is sealed.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct RecordContent {
    /// The answers as of the last completion (what the outbox sent).
    pub completed: Option<Answers>,
    /// Unfinished edits, saved as the volunteer types; `None` when there are none.
    pub draft: Option<Answers>,
    /// The warnings the record was completed with.
    pub warnings: Vec<Issue>,
    /// The server's word on the last change: a rejection's reason or the
    /// fields in conflict.
    pub sync_note: Option<Text>,
    /// The coordinator's latest decision with its comments.
    pub review: Option<ReviewNote>,
}

/// What the list shows and searches.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(from = "SummaryShapes")]
pub struct Summary {
    pub id: String,
    pub form_id: String,
    pub area: String,
    pub status: RecordStatus,
    /// Completed before, with edits not yet completed again.
    pub editing: bool,
    pub updated_ms: f64,
    pub warnings: u32,
    /// Every text of the list row, sealed at rest as one value.
    #[serde(with = "super::sealed")]
    pub text: SummaryText,
}

/// The texts of a list row, all taken from the answers (or the server's
/// word on them).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct SummaryText {
    pub title: Text,
    pub detail: Text,
    /// Lower-case text the search matches (names, address, No. KK).
    pub search: String,
    /// The NIKs in the record, for the "already in another household" warning.
    pub niks: Vec<String>,
    /// The server's word on a conflict or rejection.
    pub sync_note: Option<Text>,
}

/// A stored record as this version writes it (`content`) or as versions
/// before issue 14 did (answers split into plain `open` and sealed
/// `personal` parts, warnings and notes plain): both read.
#[derive(Deserialize)]
struct StoredRecordShapes {
    id: String,
    form_id: String,
    form_version: u32,
    area: String,
    created_ms: f64,
    updated_ms: f64,
    status: RecordStatus,
    server_version: u64,
    #[serde(default, with = "super::sealed")]
    content: Option<RecordContent>,
    #[serde(default)]
    completed: Option<LegacySplit>,
    #[serde(default)]
    draft: Option<LegacySplit>,
    #[serde(default)]
    warnings: Vec<Issue>,
    #[serde(default)]
    sync_note: Option<Text>,
    #[serde(default, with = "super::sealed")]
    review: Option<ReviewNote>,
}

/// Answers as stored before issue 14: only the form's `personal` ones sealed.
#[derive(Deserialize)]
struct LegacySplit {
    #[serde(default)]
    open: Answers,
    #[serde(default, with = "super::sealed")]
    personal: Answers,
}

impl LegacySplit {
    fn joined(self) -> Answers {
        let mut all = self.open;
        all.extend(self.personal);
        all
    }
}

impl From<StoredRecordShapes> for StoredRecord {
    fn from(stored: StoredRecordShapes) -> Self {
        let content = stored.content.unwrap_or_else(|| RecordContent {
            completed: stored.completed.map(LegacySplit::joined),
            draft: stored.draft.map(LegacySplit::joined),
            warnings: stored.warnings,
            sync_note: stored.sync_note,
            review: stored.review,
        });
        StoredRecord {
            id: stored.id,
            form_id: stored.form_id,
            form_version: stored.form_version,
            area: stored.area,
            created_ms: stored.created_ms,
            updated_ms: stored.updated_ms,
            status: stored.status,
            server_version: stored.server_version,
            content,
        }
    }
}

/// A stored summary as this version writes it (`text`) or as versions
/// before issue 14 did (plain `detail` and `sync_note`, sealed `private`).
#[derive(Deserialize)]
struct SummaryShapes {
    id: String,
    form_id: String,
    area: String,
    status: RecordStatus,
    editing: bool,
    updated_ms: f64,
    warnings: u32,
    #[serde(default, with = "super::sealed")]
    text: Option<SummaryText>,
    #[serde(default)]
    detail: Text,
    #[serde(default)]
    sync_note: Option<Text>,
    #[serde(default, with = "super::sealed")]
    private: Option<LegacySummaryPrivate>,
}

#[derive(Deserialize)]
struct LegacySummaryPrivate {
    title: Text,
    search: String,
    niks: Vec<String>,
}

impl From<SummaryShapes> for Summary {
    fn from(stored: SummaryShapes) -> Self {
        let text = stored.text.unwrap_or_else(|| {
            let private = stored.private.unwrap_or(LegacySummaryPrivate {
                title: Text::default(),
                search: String::new(),
                niks: vec![],
            });
            SummaryText {
                title: private.title,
                detail: stored.detail,
                search: private.search,
                niks: private.niks,
                sync_note: stored.sync_note,
            }
        });
        Summary {
            id: stored.id,
            form_id: stored.form_id,
            area: stored.area,
            status: stored.status,
            editing: stored.editing,
            updated_ms: stored.updated_ms,
            warnings: stored.warnings,
            text,
        }
    }
}

impl LocalDb {
    /// Saves a record and its summary together (drafts as the volunteer types).
    pub async fn save_record(
        &self,
        record: &StoredRecord,
        summary: &Summary,
    ) -> Result<(), StorageError> {
        let (record, summary) = (to_js(record)?, to_js(summary)?);
        let tx = self
            .db
            .transaction(&[RECORDS, SUMMARIES], TransactionMode::ReadWrite)?;
        tx.store(RECORDS)?.put(&record, None).await?;
        tx.store(SUMMARIES)?.put(&summary, None).await?;
        committed(tx).await
    }

    /// Saves the volunteer's unfinished edits of a record on the device,
    /// with its summary; `Gone` (nothing written) when the record has left
    /// the device meanwhile, so an open form never brings back a household
    /// a resident had erased.
    pub async fn save_draft(
        &self,
        record: &StoredRecord,
        summary: &Summary,
    ) -> Result<(), StorageError> {
        let key = JsValue::from_str(&record.id);
        let (record, summary) = (to_js(record)?, to_js(summary)?);
        let tx = self
            .db
            .transaction(&[RECORDS, SUMMARIES], TransactionMode::ReadWrite)?;
        super::still_stored(&tx, &key).await?;
        tx.store(RECORDS)?.put(&record, None).await?;
        tx.store(SUMMARIES)?.put(&summary, None).await?;
        committed(tx).await
    }

    pub async fn load_record(&self, id: &str) -> Result<Option<StoredRecord>, StorageError> {
        let tx = self.db.transaction(&[RECORDS], TransactionMode::ReadOnly)?;
        let value = tx.store(RECORDS)?.get(JsValue::from_str(id)).await?;
        tx.done().await?;
        value.filter(|v| !v.is_undefined()).map(from_js).transpose()
    }

    /// The summaries of one RT (`area` as in [`StoredRecord::area`]), or of
    /// the whole device when `area` is `None`.
    pub async fn summaries(&self, area: Option<&str>) -> Result<Vec<Summary>, StorageError> {
        let tx = self
            .db
            .transaction(&[SUMMARIES], TransactionMode::ReadOnly)?;
        let store = tx.store(SUMMARIES)?;
        let values = match area {
            Some(area) => {
                let range = KeyRange::only(&JsValue::from_str(area))
                    .map_err(|e| StorageError::Db(format!("{e:?}")))?;
                store.index(BY_AREA)?.get_all(Some(range), None).await?
            }
            None => store.get_all(None, None).await?,
        };
        tx.done().await?;
        values.into_iter().map(from_js).collect()
    }

    /// The `limit` most recently changed summaries of one RT, newest first:
    /// the list's first screen, read without decoding the whole RT.
    pub async fn newest_summaries(
        &self,
        area: &str,
        limit: u32,
    ) -> Result<Vec<Summary>, StorageError> {
        let bound =
            |ms: f64| js_sys::Array::of2(&JsValue::from_str(area), &JsValue::from_f64(ms)).into();
        let range = KeyRange::bound(&bound(f64::NEG_INFINITY), &bound(f64::INFINITY), None, None)
            .map_err(|e| StorageError::Db(format!("{e:?}")))?;
        let tx = self
            .db
            .transaction(&[SUMMARIES], TransactionMode::ReadOnly)?;
        let index = tx.store(SUMMARIES)?.index(BY_AREA_UPDATED)?;
        let rows = index
            .scan(Some(range), Some(limit), None, Some(Direction::Prev))
            .await?;
        tx.done().await?;
        rows.into_iter().map(|(_, value)| from_js(value)).collect()
    }
}
