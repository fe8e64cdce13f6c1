//! `POST /api/auth/login`, `POST /api/auth/logout`, `GET /api/auth/me`,
//! `POST /api/auth/password`.

use axum::extract::rejection::JsonRejection;
use axum::extract::State;
use axum::http::HeaderMap;
use axum::http::StatusCode;
use axum::routing::{get, post};
use axum::{Json, Router};
use rukun_core::account::{Account, LoginRequest, PasswordChange, Session};

use crate::auth::{self, CurrentAccount};
use crate::client_address::ClientAddress;
use crate::error::AppError;
use crate::AppState;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/auth/login", post(login))
        .route("/auth/logout", post(logout))
        .route("/auth/me", get(me))
        .route("/auth/password", post(change_password))
}

async fn login(
    State(state): State<AppState>,
    ClientAddress(address): ClientAddress,
    headers: HeaderMap,
    body: Result<Json<LoginRequest>, JsonRejection>,
) -> Result<Json<Session>, AppError> {
    let Json(request) = body?;
    let user_agent = headers
        .get(axum::http::header::USER_AGENT)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    let device = auth::describe_device(user_agent);
    Ok(Json(
        auth::login(
            &state,
            &request.username,
            &request.password,
            &address,
            &device,
        )
        .await?,
    ))
}

async fn change_password(
    State(state): State<AppState>,
    ClientAddress(address): ClientAddress,
    current: CurrentAccount,
    body: Result<Json<PasswordChange>, JsonRejection>,
) -> Result<StatusCode, AppError> {
    let Json(change) = body?;
    auth::change_password(&state, &current, change, &address).await?;
    Ok(StatusCode::NO_CONTENT)
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
