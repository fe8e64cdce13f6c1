//! Residents' rights (issue 16): the privacy notice's versions and data
//! requests (erasing a household is a record rule: `records::erase`).

use async_trait::async_trait;
use rukun_core::consent::{DataRequest, NewNotice, Notice, RequestKind, RequestState};

use super::StoreError;

#[async_trait]
pub trait Rights {
    /// Every published privacy notice, oldest first.
    async fn notices(&self) -> Result<Vec<Notice>, StoreError>;
    /// Stores a notice version (audited as `notice_publish` when `audited`);
    /// `false` when that version exists. Notices never change.
    async fn publish_notice(
        &self,
        notice: &NewNotice,
        by: &str,
        audited: bool,
        now_ms: i64,
    ) -> Result<bool, StoreError>;
    /// Live households with that receipt code, with their kelurahan, in
    /// `kelurahan` (`None`: the city).
    async fn households_with_receipt(
        &self,
        receipt: &str,
        kelurahan: Option<&str>,
    ) -> Result<Vec<(String, String)>, StoreError>;
    async fn create_request(&self, request: &NewStoredRequest) -> Result<DataRequest, StoreError>;
    /// Requests of a kelurahan (`None`: the city): open ones first, the
    /// earliest due first; then closed ones, the latest closed first.
    async fn requests(
        &self,
        kelurahan: Option<&str>,
        state: Option<RequestState>,
        limit: u32,
        now_ms: i64,
    ) -> Result<Vec<DataRequest>, StoreError>;
    async fn request(&self, id: i64, now_ms: i64) -> Result<Option<DataRequest>, StoreError>;
    /// `false` when the request is not open.
    async fn take_request(&self, id: i64, owner: &str, now_ms: i64) -> Result<bool, StoreError>;
    /// Closes an open request (`false` when it was not open); a kiosk's
    /// request's receipt follows (accepted or declined).
    async fn close_request(
        &self,
        id: i64,
        state: RequestState,
        actor: &str,
        note: &str,
        now_ms: i64,
    ) -> Result<bool, StoreError>;
    /// Empties the resident's words of requests closed before the cutoff.
    async fn purge_request_details(&self, closed_before_ms: i64) -> Result<u64, StoreError>;
}

/// A data request as it is stored (issue 16).
#[derive(Debug, Clone)]
pub struct NewStoredRequest {
    pub kind: RequestKind,
    pub kelurahan: String,
    pub record_id: Option<String>,
    /// `console` or `kiosk`.
    pub source: String,
    pub kiosk_receipt: Option<String>,
    pub detail: String,
    pub owner: Option<String>,
    /// Who recorded it (the coordinator, or the kiosk account).
    pub actor: String,
    pub created_ms: i64,
    pub due_ms: i64,
}
