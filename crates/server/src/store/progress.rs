//! Progress: what each RT has counted, against its household target.

use async_trait::async_trait;
use rukun_core::progress::Counts;
use rukun_core::RegionCode;

use super::StoreError;

#[async_trait]
pub trait Progress {
    /// Households, reports, targets and volunteers of one kelurahan.
    async fn progress_counts(&self, kelurahan: &RegionCode) -> Result<Counts, StoreError>;
    /// Sets an RT's household target (and writes the audit log).
    async fn set_target(
        &self,
        area: &str,
        households: u32,
        actor: &str,
        now_ms: i64,
    ) -> Result<(), StoreError>;
}
