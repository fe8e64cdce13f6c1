//! Sessions: one per login, found by its token's hash, ended with a reason.

use async_trait::async_trait;
use rukun_core::account::Account;

use super::StoreError;

#[async_trait]
pub trait Sessions {
    /// Opens a session; `device` names the browser and system.
    async fn create_session(
        &self,
        token_hash: &str,
        account_id: i64,
        device: &str,
        now_ms: i64,
        expires_ms: i64,
    ) -> Result<(), StoreError>;
    /// The session of a token, live, expired or revoked (`None`: unknown).
    async fn session(&self, token_hash: &str) -> Result<Option<StoredSession>, StoreError>;
    /// A session by its public id.
    async fn session_by_id(&self, id: i64) -> Result<Option<StoredSession>, StoreError>;
    /// An account's unexpired, unrevoked sessions, last seen first.
    async fn live_sessions(
        &self,
        username: &str,
        now_ms: i64,
    ) -> Result<Vec<StoredSession>, StoreError>;
    /// Moves a session's "last seen" to `now_ms`.
    async fn touch_session(&self, id: i64, now_ms: i64) -> Result<(), StoreError>;
    /// Its holder logged out (idempotent).
    async fn revoke_session(&self, token_hash: &str, now_ms: i64) -> Result<(), StoreError>;
    /// An administrator or coordinator ended it; whether it was live.
    async fn end_session(&self, id: i64, now_ms: i64) -> Result<bool, StoreError>;
}

/// A session as stored (never its token).
#[derive(Debug, Clone)]
pub struct StoredSession {
    /// Public id (`DELETE /api/sessions/{id}`).
    pub id: i64,
    pub account: Account,
    /// Whether the account is enabled.
    pub active: bool,
    pub must_change_password: bool,
    pub device: String,
    pub created_ms: i64,
    pub last_seen_ms: i64,
    pub expires_ms: i64,
    pub revoked: Option<Revocation>,
}

/// When and why a session was revoked.
#[derive(Debug, Clone)]
pub struct Revocation {
    pub at_ms: i64,
    /// `logout`, `password`, `ended` or `disabled`.
    pub reason: String,
}
