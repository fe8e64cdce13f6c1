//! Records as the server keeps them: the record rules' write transaction
//! (`crate::records`), the pull, and the few lookups other features make.

use async_trait::async_trait;
use rukun_core::form::{Answers, Text};
use rukun_core::quality::RecordFacts;
use rukun_core::sync::{Mutation, PullResponse};
use rukun_core::RegionCode;

use super::StoreError;
use crate::records::RecordTx;

#[async_trait]
pub trait Records {
    /// A write transaction for the record rules (`crate::records`): a
    /// device's push, a coordinator's edit or review decision, an erasure.
    async fn begin_records(&self) -> Result<Box<dyn RecordTx + '_>, StoreError>;
    /// Indexes records stored before the record index existed; returns
    /// how many (safe to call on every start).
    async fn index_missing(&self, validate: Validator<'_>) -> Result<u64, StoreError>;
    /// Records changed after `cursor` within `scope`, in change order.
    async fn pull(
        &self,
        scope: &PullScope,
        cursor: u64,
        limit: u32,
    ) -> Result<PullResponse, StoreError>;
    /// The area of a record the server holds (`None`: not synced yet).
    async fn record_area(&self, record_id: &str) -> Result<Option<String>, StoreError>;
    /// Live records of the kelurahan with a member of that NIK.
    async fn records_with_nik(&self, nik: &str, kelurahan: &str)
        -> Result<Vec<String>, StoreError>;
    /// Flags records that arrived through a session ended at `ended_ms`.
    async fn mark_sent_after_end(
        &self,
        record_ids: &[String],
        ended_ms: i64,
        now_ms: i64,
    ) -> Result<(), StoreError>;
}

/// Which records a pull may see.
pub enum PullScope {
    All,
    Kelurahan(RegionCode),
    /// Area keys (`kelurahan/RW/RT`).
    Areas(Vec<String>),
}

/// Checks a record's merged answers against its form: `Err(reason)`
/// rejects; otherwise the facts the record index keeps.
pub type Validator<'a> = &'a (dyn Fn(&str, u32, &Answers) -> Result<RecordFacts, Text> + Sync);

/// A pushed mutation with what the server decided before storage: `refused`
/// holds the reason when scope or form already rule it out.
pub struct Checked {
    pub mutation: Mutation,
    pub refused: Option<Text>,
}

/// What became of a coordinator's edit.
#[derive(Debug)]
pub enum EditOutcome {
    Applied {
        version: u64,
    },
    /// The record changed since the coordinator read it.
    Stale {
        version: u64,
    },
    /// The edited answers fail the form.
    Invalid(Text),
    /// A conflict that is not open on this record.
    UnknownConflict(i64),
    /// Unknown or deleted.
    Gone,
}
