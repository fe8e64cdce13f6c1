//! The JSON API under `/api`: one router function per feature, merged here.

mod accounts;
mod attachments;
mod auth;
mod console;
mod exports;
mod forms;
mod health;
mod kiosk;
mod kiosk_review;
mod openapi;
mod progress;
mod regions;
mod review;
mod rights;
mod scope;
mod sessions;
mod sync;

use axum::extract::rejection::{JsonRejection, QueryRejection};
use axum::extract::OriginalUri;
use axum::Router;

use crate::error::AppError;
use crate::AppState;

pub fn router() -> Router<AppState> {
    Router::new()
        .merge(accounts::router())
        .merge(attachments::router())
        .merge(auth::router())
        .merge(console::router())
        .merge(exports::router())
        .merge(forms::router())
        .merge(health::router())
        .merge(kiosk::router())
        .merge(kiosk_review::router())
        .merge(openapi::router())
        .merge(progress::router())
        .merge(regions::router())
        .merge(review::router())
        .merge(rights::router())
        .merge(sessions::router())
        .merge(sync::router())
        .fallback(|OriginalUri(uri): OriginalUri| async move {
            AppError::NotFound(format!("no API at {}", uri.path()))
        })
        .method_not_allowed_fallback(|| async { AppError::MethodNotAllowed })
}

impl From<QueryRejection> for AppError {
    fn from(rejection: QueryRejection) -> Self {
        AppError::BadRequest(rejection.body_text())
    }
}

impl From<JsonRejection> for AppError {
    fn from(rejection: JsonRejection) -> Self {
        if rejection.status() == axum::http::StatusCode::PAYLOAD_TOO_LARGE {
            return AppError::TooLarge(
                "Kiriman terlalu besar. / The request body is too large.".into(),
            );
        }
        AppError::BadRequest(rejection.body_text())
    }
}
