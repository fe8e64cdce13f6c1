//! Kiosk submissions in the coordinator's console (issue 6):
//! `GET /api/review/kiosk` (a kelurahan's, newest first),
//! `GET /api/review/kiosk/{receipt}` (opened, NIK masked, households with
//! that NIK), `GET /api/review/kiosk/{receipt}/photo` and
//! `POST /api/review/kiosk/{receipt}/decision` (accept or decline).

use axum::extract::rejection::{JsonRejection, QueryRejection};
use axum::extract::{Path, Query, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use base64::engine::general_purpose::STANDARD;
use base64::Engine;
use rukun_core::identity::Nik;
use rukun_core::kiosk::{
    normalise_receipt, KioskDecision, KioskDetail, KioskItem, KioskPayload, KioskState,
};
use rukun_core::photo::image_type;
use serde::Deserialize;

use super::scope::{kelurahan_for, require_reviewer};
use crate::auth::{now_ms, CurrentAccount};
use crate::error::AppError;
use crate::store::StoredKiosk;
use crate::AppState;

const MAX_LIST: u32 = 500;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/review/kiosk", get(list))
        .route("/review/kiosk/{receipt}", get(detail))
        .route("/review/kiosk/{receipt}/photo", get(photo))
        .route("/review/kiosk/{receipt}/decision", post(decide))
}

#[derive(Deserialize)]
struct KioskListQuery {
    kelurahan: Option<String>,
    state: Option<String>,
}

async fn list(
    State(state): State<AppState>,
    current: CurrentAccount,
    query: Result<Query<KioskListQuery>, QueryRejection>,
) -> Result<Json<Vec<KioskItem>>, AppError> {
    let account = &current.account;
    require_reviewer(account)?;
    let Query(query) = query?;
    let kelurahan = kelurahan_for(account, query.kelurahan.as_deref())?;
    let wanted = query
        .state
        .map(|s| {
            KioskState::parse(&s).ok_or_else(|| {
                AppError::BadRequest(format!(
                    "Status {s:?} tidak dikenal (received, accepted, declined). / Unknown state {s:?} (received, accepted, declined)."
                ))
            })
        })
        .transpose()?;
    Ok(Json(
        state
            .store
            .kiosk_submissions(&kelurahan.to_string(), wanted, MAX_LIST)
            .await?,
    ))
}

async fn detail(
    State(state): State<AppState>,
    current: CurrentAccount,
    Path(receipt): Path<String>,
) -> Result<Json<KioskDetail>, AppError> {
    let stored = reviewable(&state, &current, &receipt).await?;
    let mut detail = KioskDetail {
        item: item(&stored),
        text: String::new(),
        reason: None,
        contact: None,
        point: None,
        has_photo: false,
        nik_masked: None,
        households: Vec::new(),
        decided_by: stored.decided_by.clone(),
        decided_ms: stored.decided_ms,
        note: stored.note.clone(),
        record_id: stored.record_id.clone(),
    };
    if stored.payload.is_empty() {
        detail.text = PURGED.into();
        return Ok(Json(detail));
    }
    match opened(&stored)? {
        KioskPayload::Report {
            description,
            contact,
            point,
            photo,
            ..
        } => {
            detail.text = description;
            detail.contact = contact;
            detail.point = point;
            detail.has_photo = photo.is_some();
        }
        KioskPayload::HouseholdUpdate {
            nik,
            change,
            reason,
            contact,
            ..
        } => {
            detail.text = change;
            detail.reason = Some(reason);
            detail.contact = contact;
            detail.nik_masked = Nik::parse(&nik).ok().map(|n| n.to_string());
            detail.households = state
                .store
                .records_with_nik(&nik, &stored.kelurahan)
                .await?;
        }
        KioskPayload::DataRequest {
            detail: text,
            contact,
            nik,
            ..
        } => {
            detail.text = text;
            detail.contact = contact;
            detail.nik_masked = Nik::parse(&nik).ok().map(|n| n.to_string());
        }
    }
    Ok(Json(detail))
}

/// What a submission's text reads once its payload passed its retention.
const PURGED: &str = "(Isi kiriman sudah dihapus setelah masa simpan. / The submission's content was erased after its retention period.)";

async fn photo(
    State(state): State<AppState>,
    current: CurrentAccount,
    Path(receipt): Path<String>,
) -> Result<Response, AppError> {
    let stored = reviewable(&state, &current, &receipt).await?;
    let no_photo =
        || AppError::NotFound("Kiriman ini tanpa foto. / This submission has no photo.".into());
    if stored.payload.is_empty() {
        return Err(no_photo());
    }
    let KioskPayload::Report {
        photo: Some(photo), ..
    } = opened(&stored)?
    else {
        return Err(no_photo());
    };
    let bytes = STANDARD
        .decode(&photo.data)
        .map_err(|_| AppError::Internal("stored kiosk photo is not base64".into()))?;
    // Served as what the bytes are, never as the type the tablet declared.
    let content_type = image_type(&bytes).ok_or_else(no_photo)?;
    Ok((
        [
            (header::CONTENT_TYPE, content_type),
            (header::CACHE_CONTROL, "private, no-store"),
        ],
        bytes,
    )
        .into_response())
}

async fn decide(
    State(state): State<AppState>,
    current: CurrentAccount,
    Path(receipt): Path<String>,
    body: Result<Json<KioskDecision>, JsonRejection>,
) -> Result<Json<KioskDetail>, AppError> {
    // Who may decide comes before what was sent.
    let stored = reviewable(&state, &current, &receipt).await?;
    let Json(decision) = body?;
    crate::kiosk::decide(&state, &current.account, &stored, &decision, now_ms()).await?;
    // The public look-ups show the decision at once.
    state.receipt_cache.remove(&stored.receipt);
    state.board_cache.remove(&stored.kelurahan);
    detail(State(state), current, Path(receipt)).await
}

/// The submission if the account reviews its kelurahan: 404 unknown, 403
/// another kelurahan's.
async fn reviewable(
    state: &AppState,
    current: &CurrentAccount,
    receipt: &str,
) -> Result<StoredKiosk, AppError> {
    let account = &current.account;
    require_reviewer(account)?;
    let stored = state
        .store
        .kiosk_submission(&normalise_receipt(receipt))
        .await?
        .ok_or_else(|| {
            AppError::NotFound("Kode tanda terima tidak dikenal. / Unknown receipt code.".into())
        })?;
    kelurahan_for(account, Some(&stored.kelurahan))?;
    Ok(stored)
}

fn opened(stored: &StoredKiosk) -> Result<KioskPayload, AppError> {
    serde_json::from_str(&stored.payload).map_err(|e| {
        AppError::Internal(format!(
            "stored kiosk payload unreadable at line {} column {}",
            e.line(),
            e.column()
        ))
    })
}

fn item(stored: &StoredKiosk) -> KioskItem {
    KioskItem {
        receipt: stored.receipt.clone(),
        kind: stored.kind.clone(),
        rw: stored.rw,
        rt: stored.rt,
        state: stored.state,
        received_ms: stored.received_ms,
        category: stored.category.clone(),
    }
}
