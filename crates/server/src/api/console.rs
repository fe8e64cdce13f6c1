//! The coordinator console's records: `GET /api/review/records` (the
//! filtered list), `GET /api/review/records/{id}` (detail, changes since
//! the latest decision, open conflicts) and `POST /api/records/{id}/edit`
//! (a coordinator's edit with a reason, which also settles conflicts),
//! `GET /api/review/points` (the map).

use axum::extract::rejection::{JsonRejection, QueryRejection};
use axum::extract::{Path, Query, State};
use axum::routing::{get, post};
use axum::{Json, Router};
use rukun_core::account::Role;
use rukun_core::console::{
    EditRequest, ListPage, ListQuery, MapPoint, RecordDetail, MAX_LIST_PAGE,
};
use rukun_core::form::parse_date;
use serde::Serialize;

use super::scope::{kelurahan_for, require_reviewer, reviewable_area};
use crate::auth::{now_ms, CurrentAccount};
use crate::error::AppError;
use crate::store::{EditOutcome, ListFilter, StoreError};
use crate::sync::check_answers;
use crate::AppState;

/// Western Indonesia Time (Mojokerto): the day a date filter means.
const WIB_OFFSET_MS: i64 = 7 * 3_600_000;
const DAY_MS: i64 = 86_400_000;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/review/records", get(list))
        .route("/review/records/{id}", get(detail))
        .route("/review/points", get(points))
        .route("/records/{id}/edit", post(edit))
}

fn bad(id: &str, en: &str) -> AppError {
    AppError::BadRequest(format!("{id} / {en}"))
}

/// Milliseconds at the start of a WIB day.
fn day_start_ms(text: &str, name: &str) -> Result<i64, AppError> {
    let date = parse_date(text).ok_or_else(|| {
        bad(
            &format!("{name}: tanggal harus YYYY-MM-DD."),
            &format!("{name}: the date must be YYYY-MM-DD."),
        )
    })?;
    let midnight_utc = date.midnight().assume_utc().unix_timestamp() * 1000;
    Ok(midnight_utc - WIB_OFFSET_MS)
}

fn parse_after(text: &str) -> Result<(i64, String), AppError> {
    text.split_once('_')
        .and_then(|(ms, id)| Some((ms.parse().ok()?, id.to_owned())))
        .ok_or_else(|| {
            bad(
                "after: penanda halaman rusak.",
                "after: malformed page marker.",
            )
        })
}

/// Checks the query against the account's scope and turns it into a filter.
fn filter_of(
    account: &rukun_core::account::Account,
    query: ListQuery,
) -> Result<ListFilter, AppError> {
    require_reviewer(account)?;
    let kelurahan = match (account.role, query.kelurahan.as_deref()) {
        // An administrator may list the whole city.
        (Role::Admin, None) => None,
        (_, asked) => Some(kelurahan_for(account, asked)?.to_string()),
    };
    if let Some(form) = query.form.as_deref() {
        if !matches!(form, "household" | "infrastructure") {
            return Err(bad(
                "form: household atau infrastructure.",
                "form: household or infrastructure.",
            ));
        }
    }
    let limit = query.limit.unwrap_or(50);
    if !(1..=MAX_LIST_PAGE).contains(&limit) {
        return Err(bad(
            &format!("limit harus 1-{MAX_LIST_PAGE}."),
            &format!("limit must be 1-{MAX_LIST_PAGE}."),
        ));
    }
    let from_ms = query
        .from
        .as_deref()
        .map(|d| day_start_ms(d, "from"))
        .transpose()?;
    let to_ms = query
        .to
        .as_deref()
        .map(|d| day_start_ms(d, "to").map(|ms| ms + DAY_MS))
        .transpose()?;
    Ok(ListFilter {
        kelurahan,
        form: query.form,
        rw: query.rw,
        rt: query.rt,
        state: query.state,
        volunteer: query.volunteer.filter(|v| !v.is_empty()),
        from_ms,
        to_ms,
        flag: query.flag,
        after: query.after.as_deref().map(parse_after).transpose()?,
        limit,
    })
}

async fn list(
    State(state): State<AppState>,
    current: CurrentAccount,
    query: Result<Query<ListQuery>, QueryRejection>,
) -> Result<Json<ListPage>, AppError> {
    let Query(query) = query?;
    let filter = filter_of(&current.account, query)?;
    let items = state.store.list_records(&filter).await?;
    let next = (items.len() == filter.limit as usize)
        .then(|| items.last().map(|i| format!("{}_{}", i.updated_ms, i.id)))
        .flatten();
    Ok(Json(ListPage { items, next }))
}

#[derive(serde::Deserialize)]
struct PointsQuery {
    kelurahan: Option<String>,
}

/// `GET /api/review/points[?kelurahan=]`: the map's points.
async fn points(
    State(state): State<AppState>,
    current: CurrentAccount,
    query: Result<Query<PointsQuery>, QueryRejection>,
) -> Result<Json<Vec<MapPoint>>, AppError> {
    let Query(query) = query?;
    require_reviewer(&current.account)?;
    let kelurahan = kelurahan_for(&current.account, query.kelurahan.as_deref())?;
    Ok(Json(state.store.map_points(&kelurahan.to_string()).await?))
}

async fn detail(
    State(state): State<AppState>,
    current: CurrentAccount,
    Path(record_id): Path<String>,
) -> Result<Json<RecordDetail>, AppError> {
    reviewable_area(&state, &current.account, &record_id).await?;
    state
        .store
        .record_detail(&record_id)
        .await?
        .map(Json)
        .ok_or_else(bad_gone)
}

fn bad_gone() -> AppError {
    AppError::NotFound("Data ini sudah dihapus. / This record was deleted.".into())
}

#[derive(Serialize)]
struct Edited {
    version: u64,
}

async fn edit(
    State(state): State<AppState>,
    current: CurrentAccount,
    Path(record_id): Path<String>,
    body: Result<Json<EditRequest>, JsonRejection>,
) -> Result<Json<Edited>, AppError> {
    let account = &current.account;
    reviewable_area(&state, account, &record_id).await?;
    let Json(request) = body?;
    if let Some(problem) = request.problem() {
        return Err(bad(&problem.id, &problem.en));
    }
    let forms = state.forms();
    let validator = |form_id: &str, version: u32, answers: &rukun_core::form::Answers| {
        check_answers(&forms, form_id, version, answers)
    };
    match crate::records::edit(
        &*state.store,
        &record_id,
        &request,
        &account.username,
        &validator,
        now_ms(),
    )
    .await?
    {
        EditOutcome::Applied { version } => Ok(Json(Edited { version })),
        EditOutcome::Stale { version } => Err(AppError::Store(StoreError::Conflict(
            format!(
                "Data sudah berubah (versi {version}); muat ulang lalu ulangi. / The record changed (version {version}); reload and try again."
            ),
        ))),
        EditOutcome::Invalid(reason) => Err(bad(&reason.id, &reason.en)),
        EditOutcome::UnknownConflict(id) => Err(AppError::Store(StoreError::Conflict(format!(
                "Konflik {id} tidak terbuka pada data ini. / Conflict {id} is not open on this record."
            )),
        )),
        EditOutcome::Gone => Err(bad_gone()),
    }
}
