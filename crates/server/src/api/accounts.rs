//! `GET /api/accounts`, `POST /api/accounts` and `PATCH
//! /api/accounts/{username}`: administrators manage every account; a
//! coordinator sees the accounts of their own kelurahan and manages its
//! volunteers and kiosks only. Enforced here, whatever the UI shows.

use axum::extract::rejection::JsonRejection;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::routing::{get, patch};
use axum::{Json, Router};
use rukun_core::account::{
    Account, AccountChange, AccountChanged, AccountInfo, NewAccount, Role, RtRef,
};

use crate::auth::{self, now_ms, CurrentAccount};
use crate::error::AppError;
use crate::AppState;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/accounts", get(list).post(create))
        .route("/accounts/{username}", patch(change))
}

const NOT_ALLOWED: &str =
    "Akun ini tidak boleh mengelola akun. / This account may not manage accounts.";

async fn list(
    State(state): State<AppState>,
    current: CurrentAccount,
) -> Result<Json<Vec<AccountInfo>>, AppError> {
    let scope = match current.account.role {
        Role::Admin => None,
        Role::Coordinator => current.account.kelurahan.as_ref(),
        Role::Volunteer | Role::Kiosk => return Err(AppError::Forbidden(NOT_ALLOWED.into())),
    };
    Ok(Json(state.store.accounts(scope).await?))
}

async fn create(
    State(state): State<AppState>,
    current: CurrentAccount,
    body: Result<Json<NewAccount>, JsonRejection>,
) -> Result<(StatusCode, Json<Account>), AppError> {
    let Json(new) = body?;
    match current.account.role {
        Role::Admin => {}
        Role::Coordinator => {
            if !matches!(new.role, Role::Volunteer | Role::Kiosk) {
                return Err(AppError::Forbidden(
                    "Koordinator hanya membuat akun relawan dan kiosk. / A coordinator creates only volunteer and kiosk accounts.".into(),
                ));
            }
            if new.kelurahan != current.account.kelurahan {
                return Err(AppError::Forbidden(
                    "Hanya untuk kelurahan Anda sendiri. / Only for your own kelurahan.".into(),
                ));
            }
        }
        Role::Volunteer | Role::Kiosk => return Err(AppError::Forbidden(NOT_ALLOWED.into())),
    }
    if new.rts.len() > MAX_RTS {
        return Err(too_many_rts());
    }
    check_rts_exist(&state, new.kelurahan.as_ref(), &new.rts).await?;
    Ok((
        StatusCode::CREATED,
        Json(auth::create_account(&state, new, &current.account.username).await?),
    ))
}

/// The account `username` if `actor` may manage it: 404 when the actor
/// may not even see it (another kelurahan), 403 when they see it but may
/// not change it (an administrator, another coordinator).
pub async fn manageable(
    state: &AppState,
    actor: &Account,
    username: &str,
) -> Result<AccountInfo, AppError> {
    if matches!(actor.role, Role::Volunteer | Role::Kiosk) {
        return Err(AppError::Forbidden(NOT_ALLOWED.into()));
    }
    let unknown = || {
        AppError::NotFound(format!(
            "Akun {username:?} tidak ada. / No account {username:?}."
        ))
    };
    if username.chars().count() > auth::MAX_USERNAME_CHARS {
        return Err(unknown());
    }
    let target = state.store.account(username).await?.ok_or_else(unknown)?;
    match actor.role {
        Role::Admin => Ok(target),
        // Administrators are no secret; another kelurahan's people are.
        _ if target.account.role != Role::Admin
            && target.account.kelurahan != actor.kelurahan =>
        {
            Err(unknown())
        }
        _ if matches!(target.account.role, Role::Volunteer | Role::Kiosk) => Ok(target),
        _ => Err(AppError::Forbidden(
            "Koordinator hanya mengelola akun relawan dan kiosk. / A coordinator manages only volunteer and kiosk accounts.".into(),
        )),
    }
}

async fn change(
    State(state): State<AppState>,
    current: CurrentAccount,
    Path(username): Path<String>,
    body: Result<Json<AccountChange>, JsonRejection>,
) -> Result<Json<AccountChanged>, AppError> {
    let target = manageable(&state, &current.account, &username).await?;
    let Json(change) = body?;
    if change == AccountChange::default() {
        return Err(AppError::BadRequest(
            "Tidak ada yang diubah: kirim active, rts atau password_reset. / Nothing to change: send active, rts or password_reset.".into(),
        ));
    }
    let actor = &current.account.username;
    if username == *actor && change.active == Some(false) {
        return Err(AppError::BadRequest(
            "Anda tidak bisa menonaktifkan akun Anda sendiri. / You cannot disable your own account.".into(),
        ));
    }
    if let Some(rts) = &change.rts {
        if target.account.role != Role::Volunteer {
            return Err(AppError::BadRequest(
                "Hanya relawan yang ditugaskan ke RT. / Only volunteers are assigned RTs.".into(),
            ));
        }
        if rts.is_empty() || rts.len() > MAX_RTS {
            return Err(too_many_rts());
        }
        check_rts_exist(&state, target.account.kelurahan.as_ref(), rts).await?;
    }
    let kelurahan = target.account.kelurahan.map(|c| c.to_string());
    let audit = |action: &'static str, detail: String| {
        let (state, kelurahan) = (&state, kelurahan.clone());
        async move {
            state
                .store
                .audit_event(actor, action, kelurahan.as_deref(), &detail, now_ms())
                .await
        }
    };
    if let Some(rts) = &change.rts {
        let mut rts = rts.clone();
        rts.sort();
        rts.dedup();
        state.store.set_rts(&username, &rts).await?;
        let list: Vec<String> = rts
            .iter()
            .map(|r| format!("{:02}/{:02}", r.rw, r.rt))
            .collect();
        audit(
            "account_rts",
            format!("{username}: RW/RT {}", list.join(", ")),
        )
        .await?;
    }
    if let Some(active) = change.active.filter(|a| *a != target.active) {
        state.store.set_active(&username, active, now_ms()).await?;
        let action = if active {
            "account_enable"
        } else {
            "account_disable"
        };
        audit(action, username.clone()).await?;
    }
    let one_time_password = if change.password_reset {
        let password = auth::reset_password(&state, &username).await?;
        audit("password_reset", username.clone()).await?;
        Some(password)
    } else {
        None
    };
    let account = state
        .store
        .account(&username)
        .await?
        .ok_or_else(|| AppError::NotFound(format!("No account {username:?}.")))?;
    Ok(Json(AccountChanged {
        account,
        one_time_password,
    }))
}

/// The most RTs one volunteer may be assigned.
const MAX_RTS: usize = 200;

fn too_many_rts() -> AppError {
    AppError::BadRequest(format!(
        "Relawan ditugaskan ke 1-{MAX_RTS} RT. / A volunteer is assigned 1-{MAX_RTS} RTs."
    ))
}

/// A volunteer's RTs must exist in their kelurahan.
async fn check_rts_exist(
    state: &AppState,
    kelurahan: Option<&rukun_core::RegionCode>,
    rts: &[RtRef],
) -> Result<(), AppError> {
    let (Some(code), false) = (kelurahan, rts.is_empty()) else {
        return Ok(());
    };
    let tree = state
        .store
        .region_tree()
        .await?
        .ok_or_else(|| AppError::Unavailable("the regions are not loaded".into()))?;
    let Some(kelurahan) = tree.find_kelurahan(code) else {
        return Err(AppError::BadRequest(format!(
            "Kelurahan {code} tidak dikenal. / Unknown kelurahan {code}."
        )));
    };
    for rt in rts {
        let exists = kelurahan
            .rw
            .iter()
            .any(|rw| rw.number == rt.rw && rw.rt.contains(&rt.rt));
        if !exists {
            return Err(AppError::BadRequest(format!(
                "RT {:02} / RW {:02} tidak ada di {}. / No such RT in {}.",
                rt.rt, rt.rw, kelurahan.name, kelurahan.name
            )));
        }
    }
    Ok(())
}
