//! The device's IndexedDB database (through rexie): its schema and typed
//! reads and writes. Each write awaits the transaction's completion, so a
//! caller that confirms a save to the user does so only once it is stored.

mod regions;

use rexie::{ObjectStore, Rexie, TransactionMode};
use serde::de::DeserializeOwned;
use serde::Serialize;
use wasm_bindgen::JsValue;

pub use regions::CachedRegions;

/// The app's database name; tests open others.
pub const DB_NAME: &str = "rukun";

/// Schema version: bump it, and add the new stores below, when a store is
/// added; existing stores and their data stay.
const SCHEMA_VERSION: u32 = 1;
const REGIONS: &str = "regions";
const META: &str = "meta";

#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum StorageError {
    #[error("IndexedDB: {0}")]
    Db(String),
    #[error("stored data could not be read: {0}")]
    Decode(String),
}

impl From<rexie::Error> for StorageError {
    fn from(error: rexie::Error) -> Self {
        StorageError::Db(error.to_string())
    }
}

pub struct LocalDb {
    db: Rexie,
}

impl LocalDb {
    /// Opens (creating or upgrading) the database called `name`.
    pub async fn open(name: &str) -> Result<Self, StorageError> {
        let db = Rexie::builder(name)
            .version(SCHEMA_VERSION)
            .add_object_store(ObjectStore::new(REGIONS))
            .add_object_store(ObjectStore::new(META))
            .build()
            .await?;
        Ok(Self { db })
    }

    /// Deletes the database called `name` (tests, and "clear this device").
    pub async fn delete(name: &str) -> Result<(), StorageError> {
        Ok(Rexie::delete(name).await?)
    }

    async fn put<T: Serialize>(
        &self,
        store: &str,
        key: &str,
        value: &T,
    ) -> Result<(), StorageError> {
        // JSON-compatible: plain objects, not JS Maps, so key paths work.
        let value = value
            .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
            .map_err(|e| StorageError::Decode(e.to_string()))?;
        let tx = self.db.transaction(&[store], TransactionMode::ReadWrite)?;
        tx.store(store)?
            .put(&value, Some(&JsValue::from_str(key)))
            .await?;
        tx.done().await?;
        Ok(())
    }

    async fn get<T: DeserializeOwned>(
        &self,
        store: &str,
        key: &str,
    ) -> Result<Option<T>, StorageError> {
        let tx = self.db.transaction(&[store], TransactionMode::ReadOnly)?;
        let value = tx.store(store)?.get(JsValue::from_str(key)).await?;
        tx.done().await?;
        value
            .filter(|v| !v.is_undefined())
            .map(|v| {
                serde_wasm_bindgen::from_value(v).map_err(|e| StorageError::Decode(e.to_string()))
            })
            .transpose()
    }
}
