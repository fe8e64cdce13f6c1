//! The account behind a request's `Authorization: Bearer TOKEN`.
//!
//! [`CurrentAccount`] needs a live session of an enabled account whose
//! password is its holder's own. [`Pusher`] also takes an ended session
//! (ended by an administrator or coordinator, or its account disabled)
//! for [`FINAL_PUSH_DAYS`]: the device's final push, so nothing a person
//! entered before the revocation is lost; what arrives that way is flagged
//! for review, and such a session can read nothing.

use axum::extract::{FromRequestParts, OriginalUri};
use axum::http::request::Parts;
use rukun_core::account::Account;

use super::{now_ms, token};
use crate::error::AppError;
use crate::store::StoredSession;
use crate::AppState;

/// How long after its end a session may still deliver what its device held.
pub const FINAL_PUSH_DAYS: i64 = 30;
/// "Last seen" is written at most this often per session.
const SEEN_EVERY_MS: i64 = 60_000;
/// What a session that must change its password may still call.
const BEFORE_NEW_PASSWORD: [&str; 3] = ["/api/auth/password", "/api/auth/logout", "/api/auth/me"];

const LOG_IN: &str = "Silakan masuk dulu. / Please log in.";
const EXPIRED: &str =
    "Sesi berakhir atau dicabut; silakan masuk lagi. / The session expired or was revoked; log in again.";

/// Extracting it refuses the request (401) without a live session.
pub struct CurrentAccount {
    pub account: Account,
    pub token: String,
    /// The session's public id.
    pub session_id: i64,
}

/// A live session, or an ended one still allowed its final push.
pub struct Pusher {
    pub account: Account,
    /// When the session was ended, for a final push.
    pub ended_ms: Option<i64>,
}

enum Check {
    Live(StoredSession),
    /// Ended by someone else, or its account disabled, at this time.
    Ended(StoredSession, i64),
}

async fn check(parts: &Parts, state: &AppState) -> Result<(Check, String), AppError> {
    let token = parts
        .headers
        .get(axum::http::header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .ok_or_else(|| AppError::Unauthorized(LOG_IN.into()))?;
    let now = now_ms();
    let session = state
        .store
        .session(&token::hash(token))
        .await?
        .ok_or_else(|| AppError::Unauthorized(EXPIRED.into()))?;
    let ended = match &session.revoked {
        Some(revoked) if matches!(revoked.reason.as_str(), "ended" | "disabled") => {
            Some(revoked.at_ms)
        }
        Some(_) => return Err(AppError::Unauthorized(EXPIRED.into())),
        None if session.expires_ms <= now => return Err(AppError::Unauthorized(EXPIRED.into())),
        // Disabling revokes the sessions; this covers one opened in the
        // same instant (its final-push window counts from its opening).
        None if !session.active => Some(session.created_ms),
        None => None,
    };
    let check = match ended {
        Some(at_ms) => Check::Ended(session, at_ms),
        None => {
            if now - session.last_seen_ms >= SEEN_EVERY_MS {
                state.store.touch_session(session.id, now).await?;
            }
            Check::Live(session)
        }
    };
    Ok((check, token.to_owned()))
}

impl FromRequestParts<AppState> for CurrentAccount {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, AppError> {
        match check(parts, state).await? {
            (Check::Ended(..), _) => Err(AppError::SessionEnded),
            (Check::Live(session), _)
                if session.must_change_password && !BEFORE_NEW_PASSWORD.contains(&path(parts)) =>
            {
                Err(AppError::PasswordChangeRequired)
            }
            (Check::Live(session), token) => Ok(Self {
                account: session.account,
                token,
                session_id: session.id,
            }),
        }
    }
}

/// The request's full path (inside the nested API router `parts.uri` has
/// lost its `/api`).
fn path(parts: &Parts) -> &str {
    parts
        .extensions
        .get::<OriginalUri>()
        .map_or(parts.uri.path(), |original| original.path())
}

impl FromRequestParts<AppState> for Pusher {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, AppError> {
        match check(parts, state).await? {
            (Check::Ended(session, at_ms), _) => {
                if now_ms() - at_ms > FINAL_PUSH_DAYS * 86_400_000 {
                    return Err(AppError::SessionEnded);
                }
                Ok(Self {
                    account: session.account,
                    ended_ms: Some(at_ms),
                })
            }
            (Check::Live(session), _) if session.must_change_password => {
                Err(AppError::PasswordChangeRequired)
            }
            (Check::Live(session), _) => Ok(Self {
                account: session.account,
                ended_ms: None,
            }),
        }
    }
}
