//! The device's IndexedDB database (through rexie): its schema and typed
//! reads and writes. Every write awaits the transaction's commit and fails
//! if it aborted, so a caller that confirms a save to the user does so only
//! once it is stored.

mod attachments;
mod erase;
mod forms;
mod kiosk_queue;
mod legacy;
mod notices;
mod outbox;
mod profiles;
mod records;
mod regions;
pub mod sealed;
mod sync;

use std::mem::ManuallyDrop;

use rexie::{Index, ObjectStore, Rexie, Transaction, TransactionMode, TransactionResult};
use serde::de::DeserializeOwned;
use serde::Serialize;
use wasm_bindgen::JsValue;

pub use attachments::{PhotoProblem, StoredPhoto};
pub use forms::FormDocument;
pub use kiosk_queue::{KioskQueue, QueuedSubmission, KIOSK_DB};
pub use outbox::{Changes, MutationOp, OutboxEntry};
pub use profiles::{db_name_of, DeviceProfile};
pub use records::{RecordContent, RecordStatus, StoredRecord, Summary, SummaryText};
pub use regions::CachedRegions;
pub use sync::StoredSession;

/// The device's database: the place tree and the profiles. Each profile's
/// records live in a database of their own (`profiles::db_name_of`); tests
/// open others.
pub const DB_NAME: &str = "rukun";

/// Schema version: bump it, and add the new stores below, when a store or
/// index is added; existing stores and their data stay.
const SCHEMA_VERSION: u32 = 6;
const REGIONS: &str = "regions";
const META: &str = "meta";
const PROFILES: &str = "profiles";
const RECORDS: &str = "records";
const SUMMARIES: &str = "summaries";
const OUTBOX: &str = "outbox";
const ATTACHMENTS: &str = "attachments";
const FORMS: &str = "forms";
const BY_AREA: &str = "by_area";
const BY_AREA_UPDATED: &str = "by_area_updated";
const BY_RECORD: &str = "by_record";

#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum StorageError {
    #[error("IndexedDB: {0}")]
    Db(String),
    #[error("stored data could not be read: {0}")]
    Decode(String),
    #[error("the change was not saved (the transaction was aborted)")]
    Aborted,
    #[error("the app is locked")]
    Locked,
    /// The record is no longer on the device: erased on a resident's
    /// request, or discarded in another tab. An open form must not bring
    /// it back.
    #[error("this record is no longer on this device (erased or discarded)")]
    Gone,
}

impl From<rexie::Error> for StorageError {
    fn from(error: rexie::Error) -> Self {
        StorageError::Db(error.to_string())
    }
}

/// One connection, closed when dropped: IndexedDB deletes or upgrades a
/// database only once every connection to it is closed, and a connection
/// left to the garbage collector can hold that up indefinitely.
pub struct LocalDb {
    db: ManuallyDrop<Rexie>,
}

impl Drop for LocalDb {
    fn drop(&mut self) {
        // SAFETY: `db` is taken exactly once, here, and never used again.
        let db = unsafe { ManuallyDrop::take(&mut self.db) };
        // Transactions already started still complete.
        db.close();
    }
}

impl LocalDb {
    /// Opens (creating or upgrading) the database called `name`.
    pub async fn open(name: &str) -> Result<Self, StorageError> {
        let db = Rexie::builder(name)
            .version(SCHEMA_VERSION)
            .add_object_store(ObjectStore::new(REGIONS))
            .add_object_store(ObjectStore::new(META))
            .add_object_store(ObjectStore::new(PROFILES))
            .add_object_store(
                ObjectStore::new(RECORDS)
                    .key_path("id")
                    .add_index(Index::new(BY_AREA, "area")),
            )
            .add_object_store(
                ObjectStore::new(SUMMARIES)
                    .key_path("id")
                    .add_index(Index::new(BY_AREA, "area"))
                    .add_index(Index::new_array(BY_AREA_UPDATED, ["area", "updated_ms"])),
            )
            .add_object_store(
                ObjectStore::new(OUTBOX)
                    .key_path("seq")
                    .add_index(Index::new(BY_RECORD, "record_id")),
            )
            .add_object_store(ObjectStore::new(FORMS))
            .add_object_store(
                ObjectStore::new(ATTACHMENTS)
                    .key_path("sha256")
                    .add_index(Index::new(BY_RECORD, "record_id")),
            )
            .build()
            .await?;
        Ok(Self {
            db: ManuallyDrop::new(db),
        })
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
        let value = to_js(value)?;
        let tx = self.db.transaction(&[store], TransactionMode::ReadWrite)?;
        tx.store(store)?
            .put(&value, Some(&JsValue::from_str(key)))
            .await?;
        committed(tx).await
    }

    async fn get<T: DeserializeOwned>(
        &self,
        store: &str,
        key: &str,
    ) -> Result<Option<T>, StorageError> {
        let tx = self.db.transaction(&[store], TransactionMode::ReadOnly)?;
        let value = tx.store(store)?.get(JsValue::from_str(key)).await?;
        tx.done().await?;
        value.filter(|v| !v.is_undefined()).map(from_js).transpose()
    }
}

/// JSON-compatible: plain objects, not JS Maps, so key paths work; bytes
/// (sealed fields, salts) as compact `Uint8Array`s, not arrays of numbers.
fn to_js<T: Serialize>(value: &T) -> Result<JsValue, StorageError> {
    value
        .serialize(
            &serde_wasm_bindgen::Serializer::json_compatible().serialize_bytes_as_arrays(false),
        )
        .map_err(|e| StorageError::Decode(e.to_string()))
}

fn from_js<T: DeserializeOwned>(value: JsValue) -> Result<T, StorageError> {
    serde_wasm_bindgen::from_value(value).map_err(|e| StorageError::Decode(e.to_string()))
}

/// `Gone` unless the record keyed `key` is in the records store (read in
/// `tx`, so nothing can remove it before `tx` writes).
async fn still_stored(tx: &Transaction, key: &JsValue) -> Result<(), StorageError> {
    match tx.store(RECORDS)?.get(key.clone()).await? {
        Some(v) if !v.is_undefined() => Ok(()),
        _ => Err(StorageError::Gone),
    }
}

/// Waits for the transaction to end and fails unless it committed.
async fn committed(tx: Transaction) -> Result<(), StorageError> {
    match tx.done().await? {
        TransactionResult::Committed => Ok(()),
        TransactionResult::Aborted => Err(StorageError::Aborted),
    }
}
