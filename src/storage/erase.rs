//! Erasing an account from the device: what the phone does once an ended
//! session has delivered everything it held.

use rexie::TransactionMode;
use wasm_bindgen::JsValue;

use super::{committed, LocalDb, StorageError, PROFILES};

impl LocalDb {
    /// Empties every store of this database in one transaction.
    pub async fn clear_everything(&self) -> Result<(), StorageError> {
        let names = self.db.store_names();
        let tx = self.db.transaction(&names, TransactionMode::ReadWrite)?;
        for name in &names {
            tx.store(name)?.clear().await?;
        }
        committed(tx).await
    }

    /// Removes `username`'s profile (its wrapped keys) from the device's
    /// database.
    pub async fn forget_profile(&self, username: &str) -> Result<(), StorageError> {
        let tx = self
            .db
            .transaction(&[PROFILES], TransactionMode::ReadWrite)?;
        tx.store(PROFILES)?
            .delete(JsValue::from_str(username))
            .await?;
        committed(tx).await
    }
}
