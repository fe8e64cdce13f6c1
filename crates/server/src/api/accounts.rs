//! `GET /api/accounts` and `POST /api/accounts`: administrators manage every
//! account; a coordinator sees and creates the volunteers and kiosks of
//! their own kelurahan only. Enforced here, whatever the UI shows.

use axum::extract::rejection::JsonRejection;
use axum::extract::State;
use axum::http::StatusCode;
use axum::routing::get;
use axum::{Json, Router};
use rukun_core::account::{Account, NewAccount, Role};

use crate::auth::{self, CurrentAccount};
use crate::error::AppError;
use crate::AppState;

pub fn router() -> Router<AppState> {
    Router::new().route("/accounts", get(list).post(create))
}

const NOT_ALLOWED: &str =
    "Akun ini tidak boleh mengelola akun. / This account may not manage accounts.";

async fn list(
    State(state): State<AppState>,
    current: CurrentAccount,
) -> Result<Json<Vec<Account>>, AppError> {
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
    check_rts_exist(&state, &new).await?;
    Ok((
        StatusCode::CREATED,
        Json(auth::create_account(&state, new, &current.account.username).await?),
    ))
}

/// A volunteer's RTs must exist in their kelurahan.
async fn check_rts_exist(state: &AppState, new: &NewAccount) -> Result<(), AppError> {
    let (Some(code), false) = (&new.kelurahan, new.rts.is_empty()) else {
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
    for rt in &new.rts {
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
