//! `GET /api/regions[?area=CODE]`: the place tree the PWA caches for its
//! area picker; `area` narrows it to one kecamatan or kelurahan.

use axum::extract::rejection::QueryRejection;
use axum::extract::{Query, State};
use axum::routing::get;
use axum::{Json, Router};
use rukun_core::api::RegionsQuery;
use rukun_core::{RegionLevel, RegionTree};

use crate::error::AppError;
use crate::AppState;

pub fn router() -> Router<AppState> {
    Router::new().route("/regions", get(regions))
}

async fn regions(
    State(state): State<AppState>,
    query: Result<Query<RegionsQuery>, QueryRejection>,
) -> Result<Json<RegionTree>, AppError> {
    let Query(query) = query?;
    let tree = state
        .store
        .region_tree()
        .await?
        .ok_or_else(|| AppError::Unavailable("no regions are stored yet".into()))?;
    let Some(area) = query.area else {
        return Ok(Json(tree));
    };
    if area.level() < RegionLevel::Kecamatan {
        return Err(AppError::BadRequest(format!(
            "area {area} is not a kecamatan or kelurahan code"
        )));
    }
    tree.restricted_to(&area)
        .map(Json)
        .ok_or_else(|| AppError::NotFound(format!("no kecamatan or kelurahan {area} here")))
}
