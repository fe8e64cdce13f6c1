//! Accounts: who may log in, with which role, where.

use async_trait::async_trait;
use rukun_core::account::{Account, AccountInfo, RtRef};
use rukun_core::RegionCode;

use super::StoreError;

#[async_trait]
pub trait Accounts {
    /// Adds an account; a taken username is a `Conflict`.
    async fn create_account(
        &self,
        account: &Account,
        password_hash: &str,
        now_ms: i64,
    ) -> Result<(), StoreError>;
    /// What a login checks, by username.
    async fn login_of(&self, username: &str) -> Result<Option<StoredLogin>, StoreError>;
    /// Every account, or those of one kelurahan.
    async fn accounts(
        &self,
        kelurahan: Option<&RegionCode>,
    ) -> Result<Vec<AccountInfo>, StoreError>;
    async fn account(&self, username: &str) -> Result<Option<AccountInfo>, StoreError>;
    /// Disables an account (ending its sessions) or enables it.
    async fn set_active(&self, username: &str, active: bool, now_ms: i64)
        -> Result<(), StoreError>;
    /// Replaces a volunteer's RTs.
    async fn set_rts(&self, username: &str, rts: &[RtRef]) -> Result<(), StoreError>;
    /// A new password; every session but `keep_session` ends.
    async fn set_password(
        &self,
        username: &str,
        password_hash: &str,
        must_change: bool,
        keep_session: Option<i64>,
        now_ms: i64,
    ) -> Result<(), StoreError>;
}

/// An account with what its login is checked against.
pub struct StoredLogin {
    pub id: i64,
    pub password_hash: String,
    /// 64 hex digits; see the `device_keys` migration.
    pub device_key: String,
    pub active: bool,
    pub must_change_password: bool,
    pub account: Account,
}
