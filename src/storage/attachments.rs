//! Photos, stored as blobs under their SHA-256 (content-addressed, so the
//! sync can upload each once, idempotently) with the record they belong to.

use js_sys::{Object, Reflect};
use rexie::TransactionMode;
use wasm_bindgen::{JsCast, JsValue};

use super::{committed, LocalDb, StorageError, ATTACHMENTS};

/// A photo the server refused at its last upload.
#[derive(Debug, Clone, PartialEq)]
pub struct PhotoProblem {
    pub record_id: String,
    pub status: u16,
    pub message: String,
}

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

    /// The stored photo objects the server does not have yet.
    async fn photos_not_uploaded(&self) -> Result<Vec<JsValue>, StorageError> {
        let tx = self
            .db
            .transaction(&[ATTACHMENTS], TransactionMode::ReadOnly)?;
        let all = tx.store(ATTACHMENTS)?.get_all(None, None).await?;
        tx.done().await?;
        Ok(all
            .into_iter()
            .filter(|v| field(v, "uploaded") != JsValue::TRUE)
            .collect())
    }

    /// Photos not yet on the server: `(sha256, record id, image)`.
    pub async fn photos_to_upload(
        &self,
    ) -> Result<Vec<(String, String, web_sys::Blob)>, StorageError> {
        Ok(self
            .photos_not_uploaded()
            .await?
            .into_iter()
            .filter_map(|v| {
                let sha = field(&v, "sha256").as_string()?;
                let record = field(&v, "record_id").as_string()?;
                let blob = field(&v, "blob").dyn_into::<web_sys::Blob>().ok()?;
                Some((sha, record, blob))
            })
            .collect())
    }

    /// Notes what became of an upload: the server has the photo, or it
    /// refused it (`(HTTP status, its message)`, kept for the sync screen;
    /// the photo is tried again next round).
    pub async fn note_photo_upload(
        &self,
        sha256: &str,
        outcome: Result<(), (u16, String)>,
    ) -> Result<(), StorageError> {
        let tx = self
            .db
            .transaction(&[ATTACHMENTS], TransactionMode::ReadWrite)?;
        let store = tx.store(ATTACHMENTS)?;
        if let Some(value) = store
            .get(JsValue::from_str(sha256))
            .await?
            .filter(|v| v.is_object())
        {
            let set = |key: &str, v: &JsValue| {
                Reflect::set(&value, &JsValue::from_str(key), v)
                    .map(|_| ())
                    .map_err(|e| StorageError::Decode(format!("{e:?}")))
            };
            match outcome {
                Ok(()) => {
                    set("uploaded", &JsValue::TRUE)?;
                    set("error_status", &JsValue::UNDEFINED)?;
                    set("error_message", &JsValue::UNDEFINED)?;
                }
                Err((status, message)) => {
                    set("error_status", &JsValue::from_f64(f64::from(status)))?;
                    set("error_message", &JsValue::from_str(&message))?;
                }
            }
            store.put(&value, None).await?;
        }
        committed(tx).await
    }

    /// Photos the server refused at their last try.
    pub async fn photo_problems(&self) -> Result<Vec<PhotoProblem>, StorageError> {
        Ok(self
            .photos_not_uploaded()
            .await?
            .into_iter()
            .filter_map(|v| {
                Some(PhotoProblem {
                    record_id: field(&v, "record_id").as_string()?,
                    status: field(&v, "error_status").as_f64()? as u16,
                    message: field(&v, "error_message").as_string().unwrap_or_default(),
                })
            })
            .collect())
    }
}

/// A property of a stored photo object (`undefined` when absent).
fn field(value: &JsValue, key: &str) -> JsValue {
    Reflect::get(value, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED)
}
