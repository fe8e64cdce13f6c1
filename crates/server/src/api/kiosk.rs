//! The kiosk's API (issue 6): `GET /api/kiosk/key` (public: the key
//! submissions are sealed to), `POST /api/kiosk/submissions` (kiosk
//! accounts: a sealed submission, throttled; 201 new, 200 a replay),
//! `GET /api/receipts/{code}` (public: the state only) and `GET /api/board`
//! (public: aggregate progress for the office screen, nothing personal).

use axum::extract::rejection::{JsonRejection, QueryRejection};
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::routing::{get, post};
use axum::{Json, Router};
use rukun_core::kiosk::{
    is_receipt, normalise_receipt, Board, KioskKey, ReceiptStatus, SealedSubmission,
};
use rukun_core::progress::assemble;
use rukun_core::RegionCode;
use serde::Deserialize;

use crate::auth::{now_ms, CurrentAccount};
use crate::error::AppError;
use crate::AppState;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/kiosk/key", get(key))
        .route("/kiosk/submissions", post(submit))
        .route("/receipts/{code}", get(receipt))
        .route("/board", get(board))
}

async fn key(State(state): State<AppState>) -> Json<KioskKey> {
    Json(state.kiosk_key.public())
}

async fn submit(
    State(state): State<AppState>,
    current: CurrentAccount,
    body: Result<Json<SealedSubmission>, JsonRejection>,
) -> Result<(StatusCode, Json<ReceiptStatus>), AppError> {
    let Json(sealed) = body?;
    let (status, new) = crate::kiosk::submit(&state, &current.account, sealed, now_ms()).await?;
    let code = if new {
        StatusCode::CREATED
    } else {
        StatusCode::OK
    };
    Ok((code, Json(status)))
}

async fn receipt(
    State(state): State<AppState>,
    Path(code): Path<String>,
) -> Result<Json<ReceiptStatus>, AppError> {
    let code = normalise_receipt(&code);
    let unknown =
        || AppError::NotFound("Kode tanda terima tidak dikenal. / Unknown receipt code.".into());
    if !is_receipt(&code) {
        return Err(unknown());
    }
    state
        .store
        .receipt(&code)
        .await?
        .map(Json)
        .ok_or_else(unknown)
}

#[derive(Deserialize)]
struct BoardQuery {
    kelurahan: String,
}

async fn board(
    State(state): State<AppState>,
    query: Result<Query<BoardQuery>, QueryRejection>,
) -> Result<Json<Board>, AppError> {
    let Query(query) = query?;
    let code = RegionCode::parse(&query.kelurahan).map_err(|_| {
        AppError::BadRequest(format!(
            "Kode kelurahan {:?} tidak valid. / Invalid kelurahan code {:?}.",
            query.kelurahan, query.kelurahan
        ))
    })?;
    let kelurahan = state.store.kelurahan(&code).await?.ok_or_else(|| {
        AppError::NotFound(format!(
            "Kelurahan {code} tidak ada. / No kelurahan {code}."
        ))
    })?;
    let progress = assemble(&kelurahan, state.store.progress_counts(&code).await?);
    let kiosk = state.store.kiosk_counts(&code.to_string()).await?;
    Ok(Json(Board {
        kelurahan: progress.kelurahan,
        name: progress.name,
        total: progress.total,
        rws: progress.rws,
        infrastructure: progress.infrastructure,
        kiosk,
    }))
}
