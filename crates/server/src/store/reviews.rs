//! Coordinators' review decisions on records.

use async_trait::async_trait;
use rukun_core::review::{ReviewRequest, ReviewState};

use super::StoreError;

#[async_trait]
pub trait Reviews {
    /// A coordinator's decision on a record: the new state, `None` for an
    /// unknown record, `Conflict` (with the reason) for an illegal move.
    async fn review(
        &self,
        record_id: &str,
        request: &ReviewRequest,
        author: &str,
        now_ms: i64,
    ) -> Result<Option<ReviewState>, StoreError>;
}
