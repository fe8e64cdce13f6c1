//! What the record rules need from a store: one write transaction, with
//! row reads by key and set-based writes. A backend implements this and
//! nothing of the rules.

use std::collections::{BTreeMap, BTreeSet};

use async_trait::async_trait;
use rukun_core::consent::RequestState;
use rukun_core::form::Answers;
use rukun_core::sync::Outcome;

use super::{StoredRecord, Writes};
use crate::store::StoreError;

/// A device's place in its own mutation sequence.
pub struct Cursor {
    pub last_seq: u64,
    /// The account the device id belongs to (its first).
    pub username: Option<String>,
}

/// One write transaction, holding the store's write lock until it commits
/// or is dropped (a drop rolls back).
#[async_trait]
pub trait RecordTx: Send {
    /// Where a device is in its mutation sequence (`None`: never pushed).
    async fn cursor(&mut self, client_id: &str) -> Result<Option<Cursor>, StoreError>;
    /// The stored outcomes of a device's earlier mutations, by seq.
    async fn outcomes(
        &mut self,
        client_id: &str,
        seqs: &[u64],
    ) -> Result<BTreeMap<u64, Outcome>, StoreError>;
    /// The records with these ids that exist (deleted ones too).
    async fn records(&mut self, ids: &[String]) -> Result<Vec<StoredRecord>, StoreError>;
    /// A record's row without its answers and stamps (`fields` empty), for
    /// an erasure: it keeps none of them, and must not depend on them being
    /// readable. `None`: no such record.
    async fn record_unopened(&mut self, id: &str) -> Result<Option<StoredRecord>, StoreError>;
    /// Ids of the record's conflicts no one has settled.
    async fn open_conflicts(&mut self, record_id: &str) -> Result<BTreeSet<i64>, StoreError>;
    /// The change sequence's current value.
    async fn change_seq(&mut self) -> Result<u64, StoreError>;
    /// Writes the rows (records first: the others refer to them).
    async fn write(&mut self, writes: Writes) -> Result<(), StoreError>;
    /// Erases what a deleted record leaves elsewhere (see `store::purge`).
    /// Called after the rows before it are written.
    async fn purge_deleted(&mut self, record_id: &str) -> Result<(), StoreError>;
    /// Forgets what a refusal must not keep (UU 27/2022): the removed
    /// answers' earlier values and conflicts, photos no answer names.
    async fn forget_refused(
        &mut self,
        record_id: &str,
        paths: &[String],
        remaining: &Answers,
    ) -> Result<(), StoreError>;
    /// Erases what an erased household leaves beyond a deletion's purge:
    /// what the audit log says about it, what residents sent about it at a
    /// kiosk, its requests' texts; and marks it erased (UU 27/2022).
    async fn forget_erased(&mut self, record_id: &str) -> Result<(), StoreError>;
    /// Closes an open data request as `Rights::close_request` does (the
    /// kiosk submission it came from follows, audited); `false` when it
    /// was not open.
    async fn close_request(
        &mut self,
        request_id: i64,
        state: RequestState,
        actor: &str,
        note: &str,
        now_ms: i64,
    ) -> Result<bool, StoreError>;
    /// Recomputes "far from the rest of its RT" for these RTs' records.
    async fn refresh_far_from_rt(&mut self, areas: &BTreeSet<String>) -> Result<(), StoreError>;
    /// Makes every write of the transaction durable.
    async fn commit(self: Box<Self>) -> Result<(), StoreError>;
}
