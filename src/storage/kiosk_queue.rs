//! The kiosk's queue, in a database of its own (`rukun-kiosk`): sealed
//! submissions waiting for the server, keyed by receipt code. Nothing of a
//! resident is stored on the tablet in any other form; what is here opens
//! only with the server's private key.

use rexie::{ObjectStore, Rexie, TransactionMode};
use rukun_core::kiosk::SealedSubmission;
use serde::{Deserialize, Serialize};
use wasm_bindgen::JsValue;

use super::{committed, from_js, to_js, StorageError};

pub const KIOSK_DB: &str = "rukun-kiosk";
const QUEUE: &str = "queue";

/// A sealed submission waiting to be sent.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct QueuedSubmission {
    pub receipt: String,
    pub sealed: SealedSubmission,
    pub queued_ms: f64,
    /// The server's reason when it refused to take it (kept, not dropped:
    /// the office can see that something is stuck).
    #[serde(default)]
    pub refused: Option<String>,
}

pub struct KioskQueue {
    db: Rexie,
}

impl KioskQueue {
    pub async fn open() -> Result<Self, StorageError> {
        let db = Rexie::builder(KIOSK_DB)
            .version(1)
            .add_object_store(ObjectStore::new(QUEUE).key_path("receipt"))
            .build()
            .await?;
        Ok(Self { db })
    }

    /// Stores (or replaces) an entry; returns once it is committed.
    pub async fn put(&self, entry: &QueuedSubmission) -> Result<(), StorageError> {
        let value = to_js(entry)?;
        let tx = self.db.transaction(&[QUEUE], TransactionMode::ReadWrite)?;
        tx.store(QUEUE)?.put(&value, None).await?;
        committed(tx).await
    }

    /// Every waiting entry, oldest receipt first by queue time.
    pub async fn all(&self) -> Result<Vec<QueuedSubmission>, StorageError> {
        let tx = self.db.transaction(&[QUEUE], TransactionMode::ReadOnly)?;
        let values = tx.store(QUEUE)?.get_all(None, None).await?;
        tx.done().await?;
        let mut entries = values
            .into_iter()
            .map(from_js)
            .collect::<Result<Vec<QueuedSubmission>, _>>()?;
        entries.sort_by(|a, b| a.queued_ms.total_cmp(&b.queued_ms));
        Ok(entries)
    }

    /// How many entries wait, read or not (nothing is decoded, so an entry
    /// this build cannot read still counts).
    pub async fn count(&self) -> Result<u32, StorageError> {
        let tx = self.db.transaction(&[QUEUE], TransactionMode::ReadOnly)?;
        let count = tx.store(QUEUE)?.count(None).await?;
        tx.done().await?;
        Ok(count)
    }

    /// Drops an entry the server has stored.
    pub async fn remove(&self, receipt: &str) -> Result<(), StorageError> {
        let tx = self.db.transaction(&[QUEUE], TransactionMode::ReadWrite)?;
        tx.store(QUEUE)?.delete(JsValue::from_str(receipt)).await?;
        committed(tx).await
    }
}
