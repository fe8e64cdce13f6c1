//! The accounts that use this device. Each has its own database (records,
//! outbox, session, area: [`DeviceProfile::db_name`]), so volunteers who
//! share a phone never see each other's records, and its own data key,
//! stored only wrapped: once by the PIN or passphrase and once by the
//! account's device key from the server.

use rexie::TransactionMode;
use rukun_core::account::Account;
use serde::{Deserialize, Serialize};

use crate::platform::pin_key::Kdf;
use crate::secret::SecretKind;

use super::{from_js, LocalDb, StorageError, DB_NAME, PROFILES};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DeviceProfile {
    pub account: Account,
    /// The salt of the PIN's or passphrase's key derivation.
    #[serde(with = "serde_bytes")]
    pub salt: Vec<u8>,
    /// The key derivation and its parameters. Profiles stored before
    /// issue 14 have an `iterations` field instead (ignored: always
    /// 600,000) and read as PBKDF2; they move to Argon2id when unlocked.
    #[serde(default = "Kdf::legacy")]
    pub kdf: Kdf,
    /// What the user types to unlock (before issue 14: always a PIN).
    #[serde(default)]
    pub secret: SecretKind,
    /// The data key sealed with the PIN's key.
    #[serde(with = "serde_bytes")]
    pub key_by_pin: Vec<u8>,
    /// The data key sealed with the account's device key (a forgotten PIN).
    #[serde(with = "serde_bytes")]
    pub key_by_device_key: Vec<u8>,
    /// Wrong PINs in a row, and until when the next try must wait.
    pub failed_unlocks: u32,
    pub wait_until_ms: f64,
}

impl DeviceProfile {
    pub fn username(&self) -> &str {
        &self.account.username
    }

    pub fn db_name(&self) -> String {
        db_name_of(&self.account.username)
    }
}

/// The database of `username`'s records on this device.
pub fn db_name_of(username: &str) -> String {
    format!("{DB_NAME}-{username}")
}

impl LocalDb {
    /// Every profile on the device, by username.
    pub async fn profiles(&self) -> Result<Vec<DeviceProfile>, StorageError> {
        let tx = self
            .db
            .transaction(&[PROFILES], TransactionMode::ReadOnly)?;
        let values = tx.store(PROFILES)?.get_all(None, None).await?;
        tx.done().await?;
        values.into_iter().map(from_js).collect()
    }

    pub async fn save_profile(&self, profile: &DeviceProfile) -> Result<(), StorageError> {
        self.put(PROFILES, profile.username(), profile).await
    }
}
