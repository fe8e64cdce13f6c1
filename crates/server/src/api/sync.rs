//! `POST /api/sync/push` and `GET /api/sync/pull` (sync.md).

use axum::extract::rejection::{JsonRejection, QueryRejection};
use axum::extract::{DefaultBodyLimit, Query, State};
use axum::routing::{get, post};
use std::collections::HashMap;
use tower::limit::GlobalConcurrencyLimitLayer;

use axum::response::{IntoResponse, Response};
use axum::{Json, Router};
use rukun_core::account::{SESSION_ENDED, SESSION_HEADER};
use rukun_core::sync::{Outcome, PullQuery, PullResponse, PushRequest};

use crate::auth::{now_ms, CurrentAccount, Pusher};
use crate::error::AppError;
use crate::{sync, AppState};

/// Pushes and pulls handled at once; the others wait their turn before
/// their bodies are read, so 100 devices syncing together cost the memory
/// of these few (BENCHMARKS.md, "100 devices"). Writes are one at a time
/// anyway (the store's write lock); two cores answer pulls no faster when
/// more run together.
pub const SYNC_AT_ONCE: usize = 4;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/sync/push", post(push))
        .route("/sync/pull", get(pull))
        .layer(DefaultBodyLimit::max(rukun_core::sync::MAX_PUSH_BYTES))
        .layer(GlobalConcurrencyLimitLayer::new(SYNC_AT_ONCE))
}

/// A session that was ended may still push (its device's final push): it
/// lands flagged for review, and the answer carries `rukun-session: ended`
/// so the device knows to erase the account once everything is sent.
async fn push(
    State(state): State<AppState>,
    current: Pusher,
    body: Result<Json<PushRequest>, JsonRejection>,
) -> Result<Response, AppError> {
    // Who may push comes before what was sent.
    sync::refuse_kiosk(&current.account)?;
    let Json(request) = body?;
    let record_of: HashMap<u64, String> = request
        .mutations
        .iter()
        .map(|m| (m.seq, m.record_id.clone()))
        .collect();
    let response = sync::push(&state, &current.account, request).await?;
    let Some(ended_ms) = current.ended_ms else {
        return Ok(Json(response).into_response());
    };
    let arrived: Vec<String> = response
        .results
        .iter()
        .filter(|r| !matches!(r.outcome, Outcome::Rejected { .. }))
        .filter_map(|r| record_of.get(&r.seq).cloned())
        .collect();
    if !arrived.is_empty() {
        let now = now_ms();
        state
            .store
            .mark_sent_after_end(&arrived, ended_ms, now)
            .await?;
        let kelurahan = current.account.kelurahan.map(|c| c.to_string());
        state
            .store
            .audit_event(
                &current.account.username,
                "push_after_end",
                kelurahan.as_deref(),
                &format!("{} records: {}", arrived.len(), arrived.join(" ")),
                now,
            )
            .await?;
    }
    Ok(([(SESSION_HEADER, SESSION_ENDED)], Json(response)).into_response())
}

async fn pull(
    State(state): State<AppState>,
    current: CurrentAccount,
    query: Result<Query<PullQuery>, QueryRejection>,
) -> Result<Json<PullResponse>, AppError> {
    let Query(query) = query?;
    Ok(Json(sync::pull(&state, &current.account, query).await?))
}
