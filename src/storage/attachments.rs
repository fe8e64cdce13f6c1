//! Photos, stored as blobs under their SHA-256 (content-addressed, so the
//! sync can upload each once, idempotently) with the record they belong to.
//!
//! A photo shows a household, so the stored blob is the JPEG sealed like
//! the answers (`sealed::seal_bytes`); every read opens it. The key of the
//! store, the SHA-256 of the plain JPEG, stays plain (the server knows it
//! too). Photos stored plain by versions before issue 14 (no `sealed`
//! mark) still read; `LocalDb::seal_legacy_data` seals them.

use js_sys::{Object, Reflect};
use rexie::TransactionMode;
use wasm_bindgen::{JsCast, JsValue};

use super::{committed, sealed, LocalDb, StorageError, ATTACHMENTS};
use crate::platform::photo::bytes_of;

/// The MIME type of every stored photo (they are downscaled to JPEG).
const JPEG: &str = "image/jpeg";

/// A photo the server refused at its last upload.
#[derive(Debug, Clone, PartialEq)]
pub struct PhotoProblem {
    pub record_id: String,
    pub status: u16,
    pub message: String,
}

/// A downscaled photo ready to store (`blob` is the plain JPEG).
pub struct StoredPhoto {
    pub sha256: String,
    pub record_id: String,
    pub blob: web_sys::Blob,
    pub created_ms: f64,
}

impl LocalDb {
    /// Stores the photo sealed; fails (`Locked`) while the app is locked.
    pub async fn save_photo(&self, photo: &StoredPhoto) -> Result<(), StorageError> {
        let plain = bytes_of(&photo.blob)
            .await
            .ok_or_else(|| StorageError::Decode("the photo could not be read".into()))?;
        let sealed_blob = blob_of(&sealed::seal_bytes(&plain)?, "application/octet-stream")?;
        let value = Object::new();
        let set =
            |key: &str, v: &JsValue| Reflect::set(&value, &JsValue::from_str(key), v).map(|_| ());
        set("sha256", &JsValue::from_str(&photo.sha256))
            .and_then(|_| set("record_id", &JsValue::from_str(&photo.record_id)))
            .and_then(|_| set("blob", &sealed_blob))
            .and_then(|_| set("sealed", &JsValue::TRUE))
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

    /// The photo's image (opened), if stored on this device.
    pub async fn photo_blob(&self, sha256: &str) -> Result<Option<web_sys::Blob>, StorageError> {
        let tx = self
            .db
            .transaction(&[ATTACHMENTS], TransactionMode::ReadOnly)?;
        let value = tx
            .store(ATTACHMENTS)?
            .get(JsValue::from_str(sha256))
            .await?;
        tx.done().await?;
        match value.filter(|v| v.is_object()) {
            Some(value) => opened(&value).await.map(Some),
            None => Ok(None),
        }
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

    /// Photos not yet on the server: `(sha256, record id, image)`, opened.
    pub async fn photos_to_upload(
        &self,
    ) -> Result<Vec<(String, String, web_sys::Blob)>, StorageError> {
        let mut out = Vec::new();
        for value in self.photos_not_uploaded().await? {
            let (Some(sha), Some(record)) = (
                field(&value, "sha256").as_string(),
                field(&value, "record_id").as_string(),
            ) else {
                continue;
            };
            match opened(&value).await {
                Ok(blob) => out.push((sha, record, blob)),
                Err(StorageError::Locked) => return Err(StorageError::Locked),
                // One unreadable photo must not hold back the others.
                Err(e) => leptos::logging::warn!("photo {sha} not sent: {e}"),
            }
        }
        Ok(out)
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

/// The plain JPEG of a stored photo object (read outside any transaction:
/// reading a blob is not an IndexedDB request and would end one).
async fn opened(value: &JsValue) -> Result<web_sys::Blob, StorageError> {
    let blob = field(value, "blob")
        .dyn_into::<web_sys::Blob>()
        .map_err(|_| StorageError::Decode("a stored photo has no image".into()))?;
    if !is_sealed(value) {
        return Ok(blob);
    }
    let stored = bytes_of(&blob)
        .await
        .ok_or_else(|| StorageError::Decode("a stored photo could not be read".into()))?;
    blob_of(&sealed::open_bytes(&stored)?, JPEG)
}

/// Seals a photo object stored plain (read before): its image is sealed
/// outside any transaction, then written back unless another tab sealed or
/// deleted it meanwhile. `true` when it was rewritten.
pub(super) async fn seal_stored_photo(db: &LocalDb, plain: &JsValue) -> Result<bool, StorageError> {
    let sha = field(plain, "sha256");
    let image = opened(plain).await?;
    let bytes = bytes_of(&image)
        .await
        .ok_or_else(|| StorageError::Decode("a stored photo could not be read".into()))?;
    let sealed_blob = blob_of(&sealed::seal_bytes(&bytes)?, "application/octet-stream")?;
    let tx = db
        .db
        .transaction(&[ATTACHMENTS], TransactionMode::ReadWrite)?;
    let store = tx.store(ATTACHMENTS)?;
    let Some(current) = store
        .get(sha)
        .await?
        .filter(|v| v.is_object() && !is_sealed(v))
    else {
        committed(tx).await?;
        return Ok(false);
    };
    Reflect::set(&current, &JsValue::from_str("blob"), &sealed_blob)
        .and_then(|_| Reflect::set(&current, &JsValue::from_str("sealed"), &JsValue::TRUE))
        .map_err(|e| StorageError::Decode(format!("{e:?}")))?;
    store.put(&current, None).await?;
    committed(tx).await?;
    Ok(true)
}

/// Whether a stored photo object holds its image sealed.
pub(super) fn is_sealed(value: &JsValue) -> bool {
    field(value, "sealed") == JsValue::TRUE
}

/// A blob of `bytes` with MIME type `kind`.
fn blob_of(bytes: &[u8], kind: &str) -> Result<web_sys::Blob, StorageError> {
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(kind);
    let parts = js_sys::Array::of1(&js_sys::Uint8Array::from(bytes));
    web_sys::Blob::new_with_u8_array_sequence_and_options(&parts, &options)
        .map_err(|e| StorageError::Decode(format!("{e:?}")))
}

/// A property of a stored photo object (`undefined` when absent).
fn field(value: &JsValue, key: &str) -> JsValue {
    Reflect::get(value, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED)
}
