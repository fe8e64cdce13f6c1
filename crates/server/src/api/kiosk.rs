//! The kiosk's API (issue 6): `GET /api/kiosk/key` (public: the key
//! submissions are sealed to), `POST /api/kiosk/submissions` (kiosk
//! accounts: a sealed submission, throttled; 201 new, 200 a replay),
//! `GET /api/receipts/{code}` (public: the state only) and `GET /api/board`
//! (public: aggregate progress for the office screen, nothing personal).

use axum::extract::rejection::{JsonRejection, QueryRejection};
use axum::extract::{DefaultBodyLimit, Path, Query, State};
use axum::http::StatusCode;
use axum::routing::{get, post};
use axum::{Json, Router};
use rukun_core::kiosk::{
    is_receipt, normalise_receipt, Board, KioskKey, ReceiptStatus, SealedSubmission,
};
use rukun_core::progress::assemble;
use rukun_core::RegionCode;
use serde::Deserialize;

use crate::auth::{now_ms, Pusher};
use crate::client_address::ClientAddress;
use crate::error::AppError;
use crate::throttle::too_many;
use crate::AppState;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/kiosk/key", get(key))
        .route("/kiosk/submissions", post(submit))
        .route("/receipts/{code}", get(receipt))
        .route("/board", get(board))
        .layer(DefaultBodyLimit::max(SEALED_BODY_BYTES))
}

/// A sealed submission carrying the largest photo a kiosk may send: the
/// photo's base64 inside the JSON payload, sealed, then base64url again
/// (4/3 twice), and room for the texts. Larger is a 413.
const SEALED_BODY_BYTES: usize = rukun_core::kiosk::MAX_PHOTO_BYTES * 16 / 9 + 256 * 1024;

async fn key(State(state): State<AppState>) -> Json<KioskKey> {
    Json(state.kiosk_key.public())
}

/// A kiosk whose session was ended still delivers what residents left on
/// it (every kiosk request is reviewed by a coordinator anyway).
async fn submit(
    State(state): State<AppState>,
    current: Pusher,
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

/// Counts a request to a public route against its client address.
fn public_request(state: &AppState, address: &str) -> Result<(), AppError> {
    state
        .public_throttle
        .take(address, now_ms())
        .map_err(|wait| too_many(wait, "Terlalu banyak permintaan", "Too many requests"))
}

async fn receipt(
    State(state): State<AppState>,
    ClientAddress(address): ClientAddress,
    Path(code): Path<String>,
) -> Result<Json<ReceiptStatus>, AppError> {
    public_request(&state, &address)?;
    let code = normalise_receipt(&code);
    let unknown =
        || AppError::NotFound("Kode tanda terima tidak dikenal. / Unknown receipt code.".into());
    if !is_receipt(&code) {
        return Err(unknown());
    }
    let now = now_ms();
    if let Some(status) = state.receipt_cache.get(&code, now) {
        return Ok(Json(status));
    }
    let status = state.store.receipt(&code).await?.ok_or_else(unknown)?;
    state.receipt_cache.put(&code, status.clone(), now);
    Ok(Json(status))
}

#[derive(Deserialize)]
struct BoardQuery {
    kelurahan: String,
}

async fn board(
    State(state): State<AppState>,
    ClientAddress(address): ClientAddress,
    query: Result<Query<BoardQuery>, QueryRejection>,
) -> Result<Json<Board>, AppError> {
    public_request(&state, &address)?;
    let Query(query) = query?;
    let code = RegionCode::parse(&query.kelurahan).map_err(|_| {
        AppError::BadRequest(format!(
            "Kode kelurahan {:?} tidak valid. / Invalid kelurahan code {:?}.",
            query.kelurahan, query.kelurahan
        ))
    })?;
    let now = now_ms();
    if let Some(board) = state.board_cache.get(&code.to_string(), now) {
        return Ok(Json(board));
    }
    let kelurahan = state.store.kelurahan(&code).await?.ok_or_else(|| {
        AppError::NotFound(format!(
            "Kelurahan {code} tidak ada. / No kelurahan {code}."
        ))
    })?;
    let progress = assemble(&kelurahan, state.store.progress_counts(&code).await?);
    let kiosk = state.store.kiosk_counts(&code.to_string()).await?;
    let board = Board {
        kelurahan: progress.kelurahan,
        name: progress.name,
        total: progress.total,
        rws: progress.rws,
        infrastructure: progress.infrastructure,
        kiosk,
    };
    // Only real kelurahan reach here, so the cache holds at most one each.
    state.board_cache.put(&code.to_string(), board.clone(), now);
    Ok(Json(board))
}
