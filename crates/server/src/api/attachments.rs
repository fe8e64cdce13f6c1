//! `PUT /api/attachments/{sha256}?record=ID` and `GET /api/attachments/{sha256}`:
//! photos uploaded apart from records, content-addressed, idempotent (the
//! same photo twice is stored once), retried per photo by the device.

use axum::body::Bytes;
use axum::extract::rejection::{BytesRejection, QueryRejection};
use axum::extract::{DefaultBodyLimit, Path, Query, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::put;
use axum::Router;
use rukun_core::account::Account;
use rukun_core::photo::{image_type, PHOTO_TYPES};
use rukun_core::sync::is_photo_id;
use rukun_core::AreaSelection;
use serde::Deserialize;
use sha2::{Digest, Sha256};

use crate::auth::{now_ms, CurrentAccount, Pusher};
use crate::error::AppError;
use crate::store::StoreError;
use crate::sync::{refuse_kiosk, works_in};
use crate::AppState;

/// A downscaled photo is about 200-400 KB; this leaves room, no more.
pub const MAX_PHOTO_BYTES: usize = 4 * 1024 * 1024;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/attachments/{sha256}", put(upload).get(download))
        .layer(DefaultBodyLimit::max(MAX_PHOTO_BYTES))
}

#[derive(Deserialize)]
struct UploadQuery {
    record: String,
}

fn check_hash(sha256: &str) -> Result<(), AppError> {
    is_photo_id(sha256).then_some(()).ok_or_else(|| {
        AppError::BadRequest(
            "Hash harus 64 huruf heksadesimal kecil. / The hash must be 64 lower-case hex digits."
                .into(),
        )
    })
}

/// The record's area, if the account works there.
async fn record_area_for(
    state: &AppState,
    account: &Account,
    record_id: &str,
) -> Result<AreaSelection, AppError> {
    let area = state.store.record_area(record_id).await?.ok_or_else(|| {
        AppError::Store(StoreError::Conflict("Data foto ini belum ada di server; kirim datanya dulu. / The photo's record is not on the server yet; send it first.".into()))
    })?;
    let area = AreaSelection::from_key(&area)
        .ok_or_else(|| AppError::Internal(format!("stored area {area:?}")))?;
    if !works_in(account, &area) {
        return Err(AppError::Forbidden(
            "Foto ini di luar wilayah akun. / This photo is outside the account's area.".into(),
        ));
    }
    Ok(area)
}

/// A device whose session was ended may still deliver its photos (its
/// final push); it can read none.
async fn upload(
    State(state): State<AppState>,
    current: Pusher,
    Path(sha256): Path<String>,
    query: Result<Query<UploadQuery>, QueryRejection>,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Result<StatusCode, AppError> {
    refuse_kiosk(&current.account)?;
    check_hash(&sha256)?;
    let Query(query) = query?;
    let body = body.map_err(|e| match e.status() {
        StatusCode::PAYLOAD_TOO_LARGE => AppError::TooLarge(format!(
            "Foto terlalu besar (maksimal {} MB). / Photo too large (at most {} MB).",
            MAX_PHOTO_BYTES >> 20,
            MAX_PHOTO_BYTES >> 20
        )),
        _ => AppError::BadRequest(e.body_text()),
    })?;
    let content_type = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default();
    if !PHOTO_TYPES.contains(&content_type) {
        return Err(AppError::BadRequest(
            "Hanya foto JPEG, PNG atau WebP. / Only JPEG, PNG or WebP photos.".into(),
        ));
    }
    // The bytes decide what the file is, never the label on it.
    if image_type(&body) != Some(content_type) {
        return Err(AppError::BadRequest(format!(
            "Isi berkas bukan {content_type}. / The file's bytes are not {content_type}."
        )));
    }
    let actual: String = Sha256::digest(&body)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    if actual != sha256 {
        return Err(AppError::BadRequest("Isi foto tidak cocok dengan hash-nya (terpotong?). / The photo does not match its hash (cut off?).".into()));
    }
    record_area_for(&state, &current.account, &query.record).await?;
    let new = state
        .store
        .put_attachment(&sha256, &query.record, content_type, &body, now_ms())
        .await?;
    Ok(if new {
        StatusCode::CREATED
    } else {
        StatusCode::OK
    })
}

async fn download(
    State(state): State<AppState>,
    current: CurrentAccount,
    Path(sha256): Path<String>,
) -> Result<Response, AppError> {
    refuse_kiosk(&current.account)?;
    check_hash(&sha256)?;
    // A photo outside the account's area answers exactly as a missing one:
    // the answer says nothing about what exists elsewhere.
    let not_found = || AppError::NotFound("Foto tidak ada. / No such photo.".into());
    let photo = state
        .store
        .attachment(&sha256)
        .await?
        .ok_or_else(not_found)?;
    if record_area_for(&state, &current.account, &photo.record_id)
        .await
        .is_err()
    {
        return Err(not_found());
    }
    // Served as what the bytes are (photos stored before the check too).
    let Some(content_type) = image_type(&photo.data) else {
        return Err(not_found());
    };
    Ok((
        [
            (header::CONTENT_TYPE, content_type),
            (header::CACHE_CONTROL, "private, no-store"),
        ],
        photo.data,
    )
        .into_response())
}
