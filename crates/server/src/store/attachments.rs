//! Photos, keyed by their SHA-256, each belonging to a record.

use async_trait::async_trait;

use super::StoreError;

#[async_trait]
pub trait Attachments {
    /// Stores a photo unless one with that hash exists; returns whether it was new.
    async fn put_attachment(
        &self,
        sha256: &str,
        record_id: &str,
        content_type: &str,
        data: &[u8],
        now_ms: i64,
    ) -> Result<bool, StoreError>;
    /// A photo and the record it belongs to.
    async fn attachment(&self, sha256: &str) -> Result<Option<StoredAttachment>, StoreError>;
}

/// A stored photo.
pub struct StoredAttachment {
    pub record_id: String,
    pub content_type: String,
    pub data: Vec<u8>,
}
