//! The database itself: its migrations and whether it answers.

use async_trait::async_trait;

use super::StoreError;

#[async_trait]
pub trait Lifecycle {
    /// Applies pending migrations; safe to call on every start.
    async fn migrate(&self) -> Result<(), StoreError>;
    /// Answers when the database answers.
    async fn ping(&self) -> Result<(), StoreError>;
}
