//! `GET /api/health`: is the server up and does its database answer.

use axum::extract::State;
use axum::routing::get;
use axum::{Json, Router};
use rukun_core::api::Health;

use crate::error::AppError;
use crate::AppState;

pub fn router() -> Router<AppState> {
    Router::new().route("/health", get(health))
}

async fn health(State(state): State<AppState>) -> Result<Json<Health>, AppError> {
    state.store.ping().await?;
    Ok(Json(Health {
        status: "ok".into(),
        version: crate::VERSION.into(),
    }))
}
