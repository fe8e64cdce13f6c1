//! `GET /api/accounts/{username}/sessions` and `DELETE /api/sessions/{id}`:
//! everyone sees and ends their own sessions (a lost phone); administrators
//! and coordinators those of the accounts they manage. An ended session's
//! device sends what it holds and then erases the account's data.

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::routing::{delete, get};
use axum::{Json, Router};
use rukun_core::account::SessionInfo;

use super::accounts::manageable;
use crate::auth::{now_ms, CurrentAccount};
use crate::error::AppError;
use crate::AppState;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/accounts/{username}/sessions", get(list))
        .route("/sessions/{id}", delete(end))
}

async fn list(
    State(state): State<AppState>,
    current: CurrentAccount,
    Path(username): Path<String>,
) -> Result<Json<Vec<SessionInfo>>, AppError> {
    if username != current.account.username {
        manageable(&state, &current.account, &username).await?;
    }
    let sessions = state.store.live_sessions(&username, now_ms()).await?;
    Ok(Json(
        sessions
            .into_iter()
            .map(|s| SessionInfo {
                current: s.id == current.session_id,
                id: s.id,
                device: s.device,
                created_ms: s.created_ms,
                last_seen_ms: s.last_seen_ms,
                expires_at_ms: s.expires_ms,
            })
            .collect(),
    ))
}

async fn end(
    State(state): State<AppState>,
    current: CurrentAccount,
    Path(id): Path<String>,
) -> Result<StatusCode, AppError> {
    let unknown = || AppError::NotFound(format!("Sesi {id} tidak ada. / No session {id}."));
    let number: i64 = id.parse().map_err(|_| unknown())?;
    let session = state
        .store
        .session_by_id(number)
        .await?
        .ok_or_else(unknown)?;
    let owner = &session.account;
    if owner.username != current.account.username {
        // Another kelurahan's session is as unknown as a missing one.
        manageable(&state, &current.account, &owner.username)
            .await
            .map_err(|e| match e {
                AppError::NotFound(_) => unknown(),
                other => other,
            })?;
    }
    let now = now_ms();
    if state.store.end_session(number, now).await? {
        let kelurahan = owner.kelurahan.map(|c| c.to_string());
        let detail = format!("{} ({})", owner.username, session.device);
        state
            .store
            .audit_event(
                &current.account.username,
                "session_end",
                kelurahan.as_deref(),
                &detail,
                now,
            )
            .await?;
    }
    Ok(StatusCode::NO_CONTENT)
}
