//! `POST /api/auth/login`, `POST /api/auth/logout`, `GET /api/auth/me`.

use axum::extract::rejection::JsonRejection;
use axum::extract::State;
use axum::http::StatusCode;
use axum::routing::{get, post};
use axum::{Json, Router};
use rukun_core::account::{Account, LoginRequest, Session};

use crate::auth::{self, CurrentAccount};
use crate::client_address::ClientAddress;
use crate::error::AppError;
use crate::AppState;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/auth/login", post(login))
        .route("/auth/logout", post(logout))
        .route("/auth/me", get(me))
}

async fn login(
    State(state): State<AppState>,
    ClientAddress(address): ClientAddress,
    body: Result<Json<LoginRequest>, JsonRejection>,
) -> Result<Json<Session>, AppError> {
    let Json(request) = body?;
    Ok(Json(
        auth::login(&state, &request.username, &request.password, &address).await?,
    ))
}

async fn logout(
    State(state): State<AppState>,
    current: CurrentAccount,
) -> Result<StatusCode, AppError> {
    auth::logout(&state, &current.token).await?;
    Ok(StatusCode::NO_CONTENT)
}

async fn me(current: CurrentAccount) -> Json<Account> {
    Json(current.account)
}
