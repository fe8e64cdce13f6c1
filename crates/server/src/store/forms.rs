//! Published form versions, and the codes stored answers use.

use std::collections::{BTreeMap, BTreeSet};

use async_trait::async_trait;

use super::StoreError;

#[async_trait]
pub trait Forms {
    /// Every published form version, by form and then version.
    async fn form_versions(&self) -> Result<Vec<StoredFormVersion>, StoreError>;
    /// One version's definition, exactly as it was published.
    async fn form_definition(
        &self,
        form_id: &str,
        version: u32,
    ) -> Result<Option<String>, StoreError>;
    /// Stores a new version, with its `form_publish` audit entry when
    /// `audit` (an administrator's, not the built-in versions at first
    /// start); `false` when that version of the form is already published.
    /// Versions never change.
    async fn publish_form(
        &self,
        published: &StoredFormVersion,
        audit: bool,
    ) -> Result<bool, StoreError>;
    /// The distinct codes stored answers of a form (any version) use in its
    /// choice fields, by field path (`field` or `group/field`).
    async fn codes_in_use(
        &self,
        form_id: &str,
    ) -> Result<BTreeMap<String, BTreeSet<String>>, StoreError>;
}

/// One published version of a form as stored.
#[derive(Debug, Clone)]
pub struct StoredFormVersion {
    pub form_id: String,
    pub version: u32,
    /// The canonical JSON of its parsed definition.
    pub definition: String,
    pub published_ms: i64,
    /// An administrator's username, or `system` for a built-in version.
    pub published_by: String,
}
