//! The audit log: who did what, and when, for every feature.

use async_trait::async_trait;
use rukun_core::review::AuditEntry;
use rukun_core::RegionCode;

use super::StoreError;

#[async_trait]
pub trait Audit {
    /// The audit log, newest first, before entry `before` (paging), of one
    /// kelurahan's records or of everything.
    async fn audit_log(
        &self,
        kelurahan: Option<&RegionCode>,
        before: Option<i64>,
        limit: u32,
    ) -> Result<Vec<AuditEntry>, StoreError>;
    /// Writes an audit entry about no single record (an export).
    async fn audit_event(
        &self,
        actor: &str,
        action: &str,
        kelurahan: Option<&str>,
        detail: &str,
        now_ms: i64,
    ) -> Result<(), StoreError>;
}
