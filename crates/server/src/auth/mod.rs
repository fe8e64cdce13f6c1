//! Accounts and sessions: Argon2id passwords, random bearer tokens stored
//! only as their SHA-256, expiry and revocation, slowed-down failed logins,
//! and the demo accounts.

mod current;
pub mod demo;
mod password;
mod throttle;
mod token;

use std::time::{SystemTime, UNIX_EPOCH};

use rukun_core::account::{Account, NewAccount, Session};

pub use current::CurrentAccount;
pub use throttle::LoginThrottle;

use crate::error::AppError;
use crate::AppState;

/// Milliseconds since the epoch, the server's clock for sessions.
pub fn now_ms() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_millis() as i64)
        .unwrap_or(0)
}

const BAD_LOGIN: &str = "Nama pengguna atau kata sandi salah. / Wrong username or password.";

/// Checks a password and opens a session.
pub async fn login(state: &AppState, username: &str, password: &str) -> Result<Session, AppError> {
    let username = username.trim().to_lowercase();
    let now = now_ms();
    state.throttle.check(&username, now)?;
    let stored = state.store.login_of(&username).await?;
    // Verify against a fixed hash when the account does not exist, so the
    // answer takes as long and says the same either way.
    let hash = stored.as_ref().map(|s| s.password_hash.clone());
    let ok = password::verify(password.to_owned(), hash).await;
    let Some(stored) = stored.filter(|_| ok) else {
        state.throttle.failed(&username, now);
        return Err(AppError::Unauthorized(BAD_LOGIN.into()));
    };
    state.throttle.succeeded(&username);
    let token = token::new_token();
    let expires = now + state.session_ttl_ms;
    state
        .store
        .create_session(&token::hash(&token), stored.id, now, expires)
        .await?;
    Ok(Session {
        token,
        expires_at_ms: expires,
        device_key: stored.device_key,
        account: stored.account,
    })
}

/// Ends the session of `token` (idempotent).
pub async fn logout(state: &AppState, token: &str) -> Result<(), AppError> {
    Ok(state
        .store
        .revoke_session(&token::hash(token), now_ms())
        .await?)
}

/// Creates an account after checking it is well formed.
pub async fn create_account(state: &AppState, new: NewAccount) -> Result<Account, AppError> {
    if let Some(problem) = new.problem() {
        return Err(AppError::BadRequest(problem.into()));
    }
    let mut rts = new.rts.clone();
    rts.sort();
    rts.dedup();
    let account = Account {
        username: new.username.clone(),
        role: new.role,
        kelurahan: new.kelurahan,
        rts,
    };
    let hash = password::hash(new.password).await?;
    state
        .store
        .create_account(&account, &hash, now_ms())
        .await?;
    Ok(account)
}
