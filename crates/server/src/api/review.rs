//! `POST /api/records/{id}/review`: a coordinator (of the record's
//! kelurahan) or an administrator approves, returns with comments, rejects
//! or reopens a record. The decision reaches devices on their next pull.
//! `GET /api/audit`: the audit log of the same people's scope.

use axum::extract::rejection::{JsonRejection, QueryRejection};
use axum::extract::{Path, Query, State};
use axum::routing::{get, post};
use axum::{Json, Router};
use rukun_core::account::Role;
use rukun_core::review::{AuditEntry, ReviewRequest, ReviewState};
use serde::{Deserialize, Serialize};

use super::scope::{require_reviewer, reviewable_area};
use crate::auth::{now_ms, CurrentAccount};
use crate::error::AppError;
use crate::AppState;

const MAX_AUDIT_PAGE: u32 = 500;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/records/{id}/review", post(review))
        .route("/audit", get(audit))
}

#[derive(Serialize)]
struct Reviewed {
    review_state: ReviewState,
}

async fn review(
    State(state): State<AppState>,
    current: CurrentAccount,
    Path(record_id): Path<String>,
    body: Result<Json<ReviewRequest>, JsonRejection>,
) -> Result<Json<Reviewed>, AppError> {
    let account = &current.account;
    require_reviewer(account)?;
    let Json(request) = body?;
    if let Some(problem) = request.problem() {
        return Err(AppError::BadRequest(format!(
            "{} / {}",
            problem.id, problem.en
        )));
    }
    reviewable_area(&state, account, &record_id).await?;
    let not_found = || {
        AppError::NotFound("Data ini tidak ada di server. / No such record on the server.".into())
    };
    let next = crate::records::review(
        &*state.store,
        &record_id,
        &request,
        &account.username,
        now_ms(),
    )
    .await?
    .ok_or_else(not_found)?;
    Ok(Json(Reviewed { review_state: next }))
}

#[derive(Deserialize)]
struct AuditQuery {
    before: Option<i64>,
    limit: Option<u32>,
}

/// `GET /api/audit?before=ID&limit=N`: who created, edited, deleted and
/// reviewed which record, newest first; coordinators see their kelurahan's.
async fn audit(
    State(state): State<AppState>,
    current: CurrentAccount,
    query: Result<Query<AuditQuery>, QueryRejection>,
) -> Result<Json<Vec<AuditEntry>>, AppError> {
    let account = &current.account;
    let kelurahan = match (account.role, account.kelurahan) {
        (Role::Admin, _) => None,
        (Role::Coordinator, Some(code)) => Some(code),
        _ => {
            return Err(AppError::Forbidden(
                "Hanya koordinator dan administrator yang membaca log audit. / Only coordinators and administrators read the audit log.".into(),
            ))
        }
    };
    let Query(query) = query?;
    let limit = query.limit.unwrap_or(MAX_AUDIT_PAGE);
    if !(1..=MAX_AUDIT_PAGE).contains(&limit) {
        return Err(AppError::BadRequest(format!(
            "limit harus 1-{MAX_AUDIT_PAGE}. / limit must be 1-{MAX_AUDIT_PAGE}."
        )));
    }
    Ok(Json(
        state
            .store
            .audit_log(kelurahan.as_ref(), query.before, limit)
            .await?,
    ))
}
