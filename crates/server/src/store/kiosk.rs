//! Kiosk submissions (sealed on the kiosk, opened here) and the server's
//! kiosk key.

use async_trait::async_trait;
use rukun_core::kiosk::{KioskCounts, KioskItem, KioskState, ReceiptStatus};

use super::StoreError;

#[async_trait]
pub trait Kiosk {
    /// The stored kiosk key's secret, storing `candidate` first when there
    /// is none.
    async fn kiosk_key_secret(&self, candidate: &[u8], now_ms: i64) -> Result<Vec<u8>, StoreError>;
    /// Stores a kiosk submission once per receipt.
    async fn put_kiosk_submission(
        &self,
        submission: &NewKioskSubmission,
    ) -> Result<KioskPut, StoreError>;
    /// A receipt's status (nothing personal).
    async fn receipt(&self, code: &str) -> Result<Option<ReceiptStatus>, StoreError>;
    /// A kelurahan's kiosk submissions, newest first (optionally in one state).
    async fn kiosk_submissions(
        &self,
        kelurahan: &str,
        state: Option<KioskState>,
        limit: u32,
    ) -> Result<Vec<KioskItem>, StoreError>;
    async fn kiosk_submission(&self, receipt: &str) -> Result<Option<StoredKiosk>, StoreError>;
    /// Erases the opened payload (text, NIK, contact, photo) of submissions
    /// decided at or before `decided_before_ms`; how many.
    async fn purge_kiosk_payloads(&self, decided_before_ms: i64) -> Result<u64, StoreError>;
    /// Moves a submission out of `received` (and writes the audit log);
    /// `false` when it was already decided.
    async fn decide_kiosk(&self, decision: &KioskDecided) -> Result<bool, StoreError>;
    async fn kiosk_counts(&self, kelurahan: &str) -> Result<KioskCounts, StoreError>;
}

/// An opened, checked kiosk submission.
pub struct NewKioskSubmission {
    pub receipt: String,
    pub kelurahan: String,
    pub rw: u16,
    pub rt: u16,
    pub kiosk: String,
    pub kind: String,
    /// A report's infrastructure category.
    pub category: Option<String>,
    pub sealed_hash: String,
    pub payload: String,
    pub received_ms: i64,
}

/// A stored kiosk submission (the payload opened: personal data).
pub struct StoredKiosk {
    pub receipt: String,
    pub kelurahan: String,
    pub rw: u16,
    pub rt: u16,
    pub kind: String,
    pub category: Option<String>,
    pub payload: String,
    pub state: KioskState,
    pub received_ms: i64,
    pub decided_by: Option<String>,
    pub decided_ms: Option<i64>,
    pub note: Option<String>,
    pub record_id: Option<String>,
}

/// A coordinator's decision on a kiosk submission.
pub struct KioskDecided {
    pub receipt: String,
    pub kelurahan: String,
    pub state: KioskState,
    pub actor: String,
    pub note: String,
    pub record_id: Option<String>,
    pub now_ms: i64,
}

/// What storing a kiosk submission did.
#[derive(Debug, PartialEq)]
pub enum KioskPut {
    New,
    /// The same sealed bytes again (a retry): nothing changed.
    Replayed,
    /// Another submission already holds this receipt.
    ReceiptTaken,
}
