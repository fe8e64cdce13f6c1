//! Photos, stored as blobs under their SHA-256 (content-addressed, so the
//! sync can upload each once, idempotently) with the record they belong to.

use js_sys::{Object, Reflect};
use rexie::TransactionMode;
use wasm_bindgen::{JsCast, JsValue};

use super::{committed, LocalDb, StorageError, ATTACHMENTS};

/// A downscaled photo ready to store.
pub struct StoredPhoto {
    pub sha256: String,
    pub record_id: String,
    pub blob: web_sys::Blob,
    pub created_ms: f64,
}

impl LocalDb {
    pub async fn save_photo(&self, photo: &StoredPhoto) -> Result<(), StorageError> {
        let value = Object::new();
        let set =
            |key: &str, v: &JsValue| Reflect::set(&value, &JsValue::from_str(key), v).map(|_| ());
        set("sha256", &JsValue::from_str(&photo.sha256))
            .and_then(|_| set("record_id", &JsValue::from_str(&photo.record_id)))
            .and_then(|_| set("blob", &photo.blob))
            .and_then(|_| set("bytes", &JsValue::from_f64(photo.blob.size())))
            .and_then(|_| set("created_ms", &JsValue::from_f64(photo.created_ms)))
            .and_then(|_| set("uploaded", &JsValue::FALSE))
            .map_err(|e| StorageError::Decode(format!("{e:?}")))?;
        let tx = self
            .db
            .transaction(&[ATTACHMENTS], TransactionMode::ReadWrite)?;
        tx.store(ATTACHMENTS)?.put(&value, None).await?;
        committed(tx).await
    }

    /// The photo's image, if stored on this device.
    pub async fn photo_blob(&self, sha256: &str) -> Result<Option<web_sys::Blob>, StorageError> {
        let tx = self
            .db
            .transaction(&[ATTACHMENTS], TransactionMode::ReadOnly)?;
        let value = tx
            .store(ATTACHMENTS)?
            .get(JsValue::from_str(sha256))
            .await?;
        tx.done().await?;
        let Some(value) = value.filter(|v| v.is_object()) else {
            return Ok(None);
        };
        let blob = Reflect::get(&value, &JsValue::from_str("blob"))
            .map_err(|e| StorageError::Decode(format!("{e:?}")))?;
        Ok(blob.dyn_into::<web_sys::Blob>().ok())
    }
}
