//! One error type for every handler: clients get a status and a JSON reason,
//! internals go to the log only.

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use rukun_core::api::ErrorBody;
use rukun_core::form::DefinitionProblem;

use crate::store::StoreError;

#[derive(Debug, thiserror::Error)]
pub enum AppError {
    #[error("{0}")]
    BadRequest(String),
    /// A form definition that cannot be published, with every problem.
    #[error("Definisi formulir bermasalah ({n} masalah). / The form definition has {n} problems.", n = .0.len())]
    InvalidDefinition(Vec<DefinitionProblem>),
    #[error("{0}")]
    NotFound(String),
    #[error("method not allowed")]
    MethodNotAllowed,
    /// No valid session, or a wrong password.
    #[error("{0}")]
    Unauthorized(String),
    /// An administrator or coordinator ended the session, or disabled its
    /// account: 401 with the `rukun-session: ended` header, so the device
    /// sends what it holds and then erases the account's data.
    #[error("Sesi ini diakhiri oleh koordinator atau administrator. / This session was ended by a coordinator or administrator.")]
    SessionEnded,
    /// The password was reset: only a new password may be set.
    #[error("Ganti kata sandi dulu. / Choose a new password first.")]
    PasswordChangeRequired,
    /// Logged in, but the account may not do this.
    #[error("{0}")]
    Forbidden(String),
    /// A request bigger than the protocol allows.
    #[error("{0}")]
    TooLarge(String),
    #[error("{message}")]
    TooManyRequests { retry_after_s: u64, message: String },
    /// A failure of ours that is not storage (a panicked blocking task).
    #[error("internal: {0}")]
    Internal(String),
    #[error("the server is not ready: {0}")]
    Unavailable(String),
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl AppError {
    fn status_and_code(&self) -> (StatusCode, &'static str) {
        match self {
            AppError::BadRequest(_) => (StatusCode::BAD_REQUEST, "bad_request"),
            AppError::InvalidDefinition(_) => (StatusCode::BAD_REQUEST, "invalid_definition"),
            AppError::NotFound(_) => (StatusCode::NOT_FOUND, "not_found"),
            AppError::MethodNotAllowed => (StatusCode::METHOD_NOT_ALLOWED, "method_not_allowed"),
            AppError::Unauthorized(_) => (StatusCode::UNAUTHORIZED, "unauthorized"),
            AppError::Forbidden(_) => (StatusCode::FORBIDDEN, "forbidden"),
            AppError::SessionEnded => (StatusCode::UNAUTHORIZED, "session_ended"),
            AppError::PasswordChangeRequired => (StatusCode::FORBIDDEN, "password_change_required"),
            AppError::TooLarge(_) => (StatusCode::PAYLOAD_TOO_LARGE, "too_large"),
            AppError::TooManyRequests { .. } => {
                (StatusCode::TOO_MANY_REQUESTS, "too_many_requests")
            }
            AppError::Store(StoreError::Conflict(_)) => (StatusCode::CONFLICT, "conflict"),
            AppError::Store(StoreError::Refused(_)) => (StatusCode::FORBIDDEN, "forbidden"),
            AppError::Store(StoreError::Gone(_)) => (StatusCode::GONE, "gone"),
            AppError::Internal(_) => (StatusCode::INTERNAL_SERVER_ERROR, "internal"),
            AppError::Unavailable(_) => (StatusCode::SERVICE_UNAVAILABLE, "unavailable"),
            AppError::Store(_) => (StatusCode::INTERNAL_SERVER_ERROR, "internal"),
        }
    }
}

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        let (status, code) = self.status_and_code();
        let message = match &self {
            AppError::Store(
                StoreError::Conflict(why) | StoreError::Refused(why) | StoreError::Gone(why),
            ) => why.clone(),
            AppError::Internal(why) => {
                tracing::error!(error = %why, "internal failure");
                "internal error; it has been logged".to_owned()
            }
            AppError::Store(inner) => {
                tracing::error!(error = %inner, "storage failed");
                "internal error; it has been logged".to_owned()
            }
            other => other.to_string(),
        };
        let problems = match &self {
            AppError::InvalidDefinition(problems) => problems.clone(),
            _ => Vec::new(),
        };
        let retry_after = match &self {
            AppError::TooManyRequests { retry_after_s, .. } => Some(retry_after_s.to_string()),
            _ => None,
        };
        let mut response = (
            status,
            Json(ErrorBody {
                error: code.to_owned(),
                message,
                problems,
            }),
        )
            .into_response();
        if matches!(self, AppError::SessionEnded) {
            response.headers_mut().insert(
                rukun_core::account::SESSION_HEADER,
                axum::http::HeaderValue::from_static(rukun_core::account::SESSION_ENDED),
            );
        }
        if let Some(Ok(value)) = retry_after.map(|s| s.parse()) {
            response
                .headers_mut()
                .insert(axum::http::header::RETRY_AFTER, value);
        }
        response
    }
}
