//! `GET /api/forms`, `GET /api/forms/{id}/versions/{n}` and `POST
//! /api/forms/{id}/versions`: every signed-in account (kiosks too: a
//! tablet offers the categories of the newest infrastructure version)
//! reads the published forms, which hold no one's data; administrators
//! publish new versions (see [`crate::forms::publish`]).

use axum::extract::rejection::JsonRejection;
use axum::extract::{DefaultBodyLimit, Path, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use rukun_core::account::Role;
use rukun_core::form::FormIndex;

use crate::auth::CurrentAccount;
use crate::error::AppError;
use crate::AppState;

/// The largest definition document a publish takes (also in the README).
pub const MAX_DEFINITION_BYTES: usize = 1024 * 1024;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/forms", get(index))
        .route("/forms/{id}/versions/{n}", get(version))
        .route("/forms/{id}/versions", post(publish))
        .layer(DefaultBodyLimit::max(MAX_DEFINITION_BYTES))
}

async fn index(State(state): State<AppState>, _current: CurrentAccount) -> Json<FormIndex> {
    Json(state.published_forms.index())
}

/// The stored document itself, byte for byte.
async fn version(
    State(state): State<AppState>,
    _current: CurrentAccount,
    Path((id, n)): Path<(String, String)>,
) -> Result<Response, AppError> {
    let missing = || {
        AppError::NotFound(format!(
            "Formulir {id:?} versi {n:?} tidak ada. / Form {id:?} has no version {n:?}."
        ))
    };
    let number: u32 = n.parse().map_err(|_| missing())?;
    let definition = state
        .store
        .form_definition(&id, number)
        .await?
        .ok_or_else(missing)?;
    Ok(json(StatusCode::OK, definition))
}

async fn publish(
    State(state): State<AppState>,
    current: CurrentAccount,
    Path(id): Path<String>,
    body: Result<Json<serde_json::Value>, JsonRejection>,
) -> Result<Response, AppError> {
    // Who may publish comes before what was sent.
    if current.account.role != Role::Admin {
        return Err(AppError::Forbidden(
            "Hanya administrator yang menerbitkan formulir. / Only administrators publish forms."
                .into(),
        ));
    }
    let Json(document) = body?;
    let stored = crate::forms::publish(&state, &current.account, &id, &document).await?;
    Ok(json(StatusCode::CREATED, stored))
}

/// A JSON text as it is, not parsed and written again.
fn json(status: StatusCode, body: String) -> Response {
    (status, [(header::CONTENT_TYPE, "application/json")], body).into_response()
}
