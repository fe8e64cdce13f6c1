//! `GET /api/progress?kelurahan=CODE`: how far each RT is against its
//! target; `PUT /api/targets`: set an RT's target. Coordinators of the
//! kelurahan and administrators only.

use axum::extract::rejection::{JsonRejection, QueryRejection};
use axum::extract::{Query, State};
use axum::routing::{get, put};
use axum::{Json, Router};
use rukun_core::progress::{assemble, Progress, SetTarget, MAX_TARGET};
use rukun_core::AreaSelection;
use serde::Deserialize;

use super::scope::kelurahan_for;
use crate::auth::{now_ms, CurrentAccount};
use crate::error::AppError;
use crate::AppState;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/progress", get(progress))
        .route("/targets", put(set_target))
}

#[derive(Deserialize)]
struct ProgressQuery {
    kelurahan: Option<String>,
}

async fn progress(
    State(state): State<AppState>,
    current: CurrentAccount,
    query: Result<Query<ProgressQuery>, QueryRejection>,
) -> Result<Json<Progress>, AppError> {
    let Query(query) = query?;
    let code = kelurahan_for(&current.account, query.kelurahan.as_deref())?;
    let kelurahan = state.store.kelurahan(&code).await?.ok_or_else(|| {
        AppError::NotFound(format!(
            "Kelurahan {code} tidak ada. / No kelurahan {code}."
        ))
    })?;
    let counts = state.store.progress_counts(&code).await?;
    Ok(Json(assemble(&kelurahan, counts)))
}

async fn set_target(
    State(state): State<AppState>,
    current: CurrentAccount,
    body: Result<Json<SetTarget>, JsonRejection>,
) -> Result<Json<SetTarget>, AppError> {
    let Json(request) = body?;
    let area = AreaSelection::from_key(&request.area).ok_or_else(|| {
        AppError::BadRequest(format!(
            "Wilayah {:?} tidak valid. / Invalid area {:?}.",
            request.area, request.area
        ))
    })?;
    kelurahan_for(&current.account, Some(&area.kelurahan.to_string()))?;
    if request.households > MAX_TARGET {
        return Err(AppError::BadRequest(format!(
            "Target paling banyak {MAX_TARGET} rumah tangga. / A target is at most {MAX_TARGET} households."
        )));
    }
    let known = state
        .store
        .kelurahan(&area.kelurahan)
        .await?
        .is_some_and(|k| {
            k.rw.iter()
                .any(|rw| rw.number == area.rw && rw.rt.contains(&area.rt))
        });
    if !known {
        return Err(AppError::NotFound(format!(
            "RT {} tidak ada. / No such RT {}.",
            request.area, request.area
        )));
    }
    state
        .store
        .set_target(
            &request.area,
            request.households,
            &current.account.username,
            now_ms(),
        )
        .await?;
    Ok(Json(request))
}
