//! Accounts and sessions: Argon2id passwords, random bearer tokens stored
//! only as their SHA-256, expiry and revocation, slowed-down failed logins,
//! and the demo accounts.

mod current;
pub mod demo;
mod device;
mod password;
mod throttle;
mod token;

use std::time::{SystemTime, UNIX_EPOCH};

use rukun_core::account::{password_problem, Account, NewAccount, PasswordChange, Session};

pub use current::{CurrentAccount, Pusher, FINAL_PUSH_DAYS};
pub use device::describe_device;
pub use password::Hasher;
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
/// The longest username any account has (checked before any other work).
pub const MAX_USERNAME_CHARS: usize = 64;
/// The longest password a login or an account may carry.
pub const MAX_PASSWORD_BYTES: usize = 1024;

/// Checks a password and opens a session. Every attempt is counted against
/// the username and the client `address` before the password is hashed,
/// and written to the audit log (never the password; an unknown username
/// is not written either, since people type passwords into that box).
/// `device` names the browser and system for the Akun screen.
pub async fn login(
    state: &AppState,
    username: &str,
    password: &str,
    address: &str,
    device: &str,
) -> Result<Session, AppError> {
    let username = username.trim().to_lowercase();
    if username.chars().count() > MAX_USERNAME_CHARS || password.len() > MAX_PASSWORD_BYTES {
        return Err(AppError::BadRequest(format!(
            "Nama pengguna paling banyak {MAX_USERNAME_CHARS} huruf, kata sandi {MAX_PASSWORD_BYTES} bita. / A username has at most {MAX_USERNAME_CHARS} characters, a password {MAX_PASSWORD_BYTES} bytes."
        )));
    }
    let now = now_ms();
    let attempt = state.throttle.begin(&username, address, now)?;
    let stored = match state.store.login_of(&username).await {
        Ok(stored) => stored,
        Err(error) => {
            state.throttle.abandon(attempt);
            return Err(error.into());
        }
    };
    // Verify against a fixed hash when the account does not exist, so the
    // answer takes as long and says the same either way.
    let hash = stored.as_ref().map(|s| s.password_hash.clone());
    let ok = match state.hasher.verify(password.to_owned(), hash).await {
        Ok(ok) => ok,
        Err(busy) => {
            // Never checked: a volunteer retrying during a flood is not
            // locked out for guesses they did not make.
            state.throttle.abandon(attempt);
            return Err(busy);
        }
    };
    let Some(stored) = stored.as_ref().filter(|_| ok) else {
        let (actor, kelurahan) = match &stored {
            Some(known) => (
                username.as_str(),
                known.account.kelurahan.map(|c| c.to_string()),
            ),
            None => ("(tidak dikenal)", None),
        };
        state
            .store
            .audit_event(
                actor,
                "login_failed",
                kelurahan.as_deref(),
                &format!("from {address}"),
                now,
            )
            .await?;
        return Err(AppError::Unauthorized(BAD_LOGIN.into()));
    };
    state.throttle.succeeded(attempt);
    let kelurahan = stored.account.kelurahan.map(|c| c.to_string());
    if !stored.active {
        state
            .store
            .audit_event(
                &username,
                "login_disabled",
                kelurahan.as_deref(),
                &format!("from {address}"),
                now,
            )
            .await?;
        return Err(AppError::Forbidden(
            "Akun ini dinonaktifkan; hubungi koordinator Anda. / This account is disabled; ask your coordinator.".into(),
        ));
    }
    let token = token::new_token();
    let expires = now + state.session_ttl_ms;
    state
        .store
        .create_session(&token::hash(&token), stored.id, device, now, expires)
        .await?;
    state
        .store
        .audit_event(
            &username,
            "login",
            kelurahan.as_deref(),
            &format!("from {address}"),
            now,
        )
        .await?;
    Ok(Session {
        token,
        expires_at_ms: expires,
        device_key: stored.device_key.clone(),
        account: stored.account.clone(),
        must_change_password: stored.must_change_password,
    })
}

/// Ends the session of `token` (idempotent).
pub async fn logout(state: &AppState, token: &str) -> Result<(), AppError> {
    Ok(state
        .store
        .revoke_session(&token::hash(token), now_ms())
        .await?)
}

/// Creates an account after checking it is well formed; `actor` (who
/// created it) goes into the audit log.
pub async fn create_account(
    state: &AppState,
    new: NewAccount,
    actor: &str,
) -> Result<Account, AppError> {
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
    let hash = state.hasher.hash(new.password).await?;
    let now = now_ms();
    state.store.create_account(&account, &hash, now).await?;
    let kelurahan = account.kelurahan.map(|c| c.to_string());
    let detail = format!("{} {:?}", account.username, account.role).to_lowercase();
    state
        .store
        .audit_event(actor, "account_create", kelurahan.as_deref(), &detail, now)
        .await?;
    Ok(account)
}

/// The holder of `current` replaces their password (after a reset, or by
/// choice). The current password is checked and counted like a login, so
/// a stolen token cannot guess it; every other session of the account ends.
pub async fn change_password(
    state: &AppState,
    current: &CurrentAccount,
    change: PasswordChange,
    address: &str,
) -> Result<(), AppError> {
    if change.current.len() > MAX_PASSWORD_BYTES || change.new.len() > MAX_PASSWORD_BYTES {
        return Err(AppError::BadRequest(format!(
            "Kata sandi paling banyak {MAX_PASSWORD_BYTES} bita. / A password has at most {MAX_PASSWORD_BYTES} bytes."
        )));
    }
    if let Some(problem) = password_problem(&change.new) {
        return Err(AppError::BadRequest(problem.into()));
    }
    if change.new == change.current {
        return Err(AppError::BadRequest(
            "Kata sandi baru harus berbeda dari yang lama. / The new password must differ from the old one.".into(),
        ));
    }
    let username = &current.account.username;
    let now = now_ms();
    let attempt = state.throttle.begin(username, address, now)?;
    let stored = match state.store.login_of(username).await {
        Ok(stored) => stored,
        Err(error) => {
            state.throttle.abandon(attempt);
            return Err(error.into());
        }
    };
    let hash = stored.as_ref().map(|s| s.password_hash.clone());
    let ok = match state.hasher.verify(change.current, hash).await {
        Ok(ok) => ok,
        Err(busy) => {
            state.throttle.abandon(attempt);
            return Err(busy);
        }
    };
    let kelurahan = current.account.kelurahan.map(|c| c.to_string());
    if !ok {
        state
            .store
            .audit_event(
                username,
                "password_change_failed",
                kelurahan.as_deref(),
                &format!("from {address}"),
                now,
            )
            .await?;
        return Err(AppError::Forbidden(
            "Kata sandi sekarang salah. / The current password is wrong.".into(),
        ));
    }
    state.throttle.succeeded(attempt);
    let new_hash = state.hasher.hash(change.new).await?;
    state
        .store
        .set_password(username, &new_hash, false, Some(current.session_id), now)
        .await?;
    state
        .store
        .audit_event(
            username,
            "password_change",
            kelurahan.as_deref(),
            &format!("from {address}"),
            now,
        )
        .await?;
    Ok(())
}

/// A new one-time password for `username`, which its holder must replace
/// at the next login; every session of the account ends. Returned once.
pub async fn reset_password(state: &AppState, username: &str) -> Result<String, AppError> {
    let one_time = token::one_time_password();
    let hash = state.hasher.hash(one_time.clone()).await?;
    state
        .store
        .set_password(username, &hash, true, None, now_ms())
        .await?;
    Ok(one_time)
}
