//! `POST /api/sync/push` and `GET /api/sync/pull` (sync.md).

use axum::extract::rejection::{JsonRejection, QueryRejection};
use axum::extract::{DefaultBodyLimit, Query, State};
use axum::routing::{get, post};
use axum::{Json, Router};
use rukun_core::sync::{PullQuery, PullResponse, PushRequest, PushResponse};

use crate::auth::CurrentAccount;
use crate::error::AppError;
use crate::{sync, AppState};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/sync/push", post(push))
        .route("/sync/pull", get(pull))
        .layer(DefaultBodyLimit::max(rukun_core::sync::MAX_PUSH_BYTES))
}

async fn push(
    State(state): State<AppState>,
    current: CurrentAccount,
    body: Result<Json<PushRequest>, JsonRejection>,
) -> Result<Json<PushResponse>, AppError> {
    // Who may push comes before what was sent.
    sync::refuse_kiosk(&current.account)?;
    let Json(request) = body?;
    Ok(Json(sync::push(&state, &current.account, request).await?))
}

async fn pull(
    State(state): State<AppState>,
    current: CurrentAccount,
    query: Result<Query<PullQuery>, QueryRejection>,
) -> Result<Json<PullResponse>, AppError> {
    let Query(query) = query?;
    Ok(Json(sync::pull(&state, &current.account, query).await?))
}
