//! The account behind a request's `Authorization: Bearer TOKEN`.

use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use rukun_core::account::Account;

use super::{now_ms, token};
use crate::error::AppError;
use crate::AppState;

/// Extracting it refuses the request (401) without a live session.
pub struct CurrentAccount {
    pub account: Account,
    pub token: String,
}

impl FromRequestParts<AppState> for CurrentAccount {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, AppError> {
        let token = parts
            .headers
            .get(axum::http::header::AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.strip_prefix("Bearer "))
            .map(str::trim)
            .filter(|t| !t.is_empty())
            .ok_or_else(|| AppError::Unauthorized("Silakan masuk dulu. / Please log in.".into()))?;
        let account = state
            .store
            .session_account(&token::hash(token), now_ms())
            .await?
            .ok_or_else(|| {
                AppError::Unauthorized("Sesi berakhir atau dicabut; silakan masuk lagi. / The session expired or was revoked; log in again.".into())
            })?;
        Ok(Self {
            account,
            token: token.to_owned(),
        })
    }
}
