//! Residents' rights (issue 16, see [`crate::rights`]):
//! `GET /api/notices` (every signed-in account: the phone shows the newest
//! before the consent question), `POST /api/notices` (administrators), and
//! the data requests coordinators and administrators handle:
//! `POST /api/requests`, `GET /api/requests`, `GET /api/requests/{id}`,
//! `POST /api/requests/{id}/action`.

use axum::extract::rejection::{JsonRejection, QueryRejection};
use axum::extract::{DefaultBodyLimit, Path, Query, State};
use axum::http::StatusCode;
use axum::routing::{get, post};
use axum::{Json, Router};
use rukun_core::consent::{
    DataRequest, NewNotice, NewRequest, Notice, NoticeList, RequestAction, RequestList,
    RequestState,
};
use serde::Deserialize;

use super::scope::kelurahan_for;
use crate::auth::{now_ms, CurrentAccount};
use crate::error::AppError;
use crate::rights::{self, reviewer_kelurahan};
use crate::AppState;

/// The largest notice or request body (two notice texts of 10,000
/// characters fit, in any script).
const MAX_BODY_BYTES: usize = 128 * 1024;
/// The most requests one list answers.
const MAX_LIST: u32 = 200;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/notices", get(notices).post(publish))
        .route("/requests", get(list).post(create))
        .route("/requests/{id}", get(one))
        .route("/requests/{id}/action", post(act))
        .layer(DefaultBodyLimit::max(MAX_BODY_BYTES))
}

async fn notices(
    State(state): State<AppState>,
    _current: CurrentAccount,
) -> Result<Json<NoticeList>, AppError> {
    Ok(Json(NoticeList {
        notices: state.store.notices().await?,
    }))
}

async fn publish(
    State(state): State<AppState>,
    current: CurrentAccount,
    body: Result<Json<NewNotice>, JsonRejection>,
) -> Result<(StatusCode, Json<Notice>), AppError> {
    // Who may publish comes before what was sent.
    rights::require_notice_publisher(&current.account)?;
    let Json(notice) = body?;
    rights::publish_notice(&state, &current.account, &notice, now_ms()).await?;
    let published = state
        .store
        .notices()
        .await?
        .into_iter()
        .find(|n| n.version == notice.version)
        .ok_or_else(|| AppError::Internal("a notice just published is missing".into()))?;
    Ok((StatusCode::CREATED, Json(published)))
}

async fn create(
    State(state): State<AppState>,
    current: CurrentAccount,
    body: Result<Json<NewRequest>, JsonRejection>,
) -> Result<(StatusCode, Json<DataRequest>), AppError> {
    reviewer_kelurahan(&current.account)?;
    let Json(new) = body?;
    let created = rights::create(&state, &current.account, &new, now_ms()).await?;
    Ok((StatusCode::CREATED, Json(created)))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ListQuery {
    kelurahan: Option<String>,
    state: Option<String>,
}

async fn list(
    State(state): State<AppState>,
    current: CurrentAccount,
    query: Result<Query<ListQuery>, QueryRejection>,
) -> Result<Json<RequestList>, AppError> {
    let own = reviewer_kelurahan(&current.account)?;
    let Query(query) = query?;
    let kelurahan = match query.kelurahan {
        Some(asked) => Some(kelurahan_for(&current.account, Some(&asked))?.to_string()),
        None => own,
    };
    let wanted = query
        .state
        .map(|text| {
            RequestState::parse(&text).ok_or_else(|| {
                AppError::BadRequest(
                    "state: open, done atau declined. / state: open, done or declined.".into(),
                )
            })
        })
        .transpose()?;
    Ok(Json(RequestList {
        items: state
            .store
            .requests(kelurahan.as_deref(), wanted, MAX_LIST, now_ms())
            .await?,
    }))
}

async fn one(
    State(state): State<AppState>,
    current: CurrentAccount,
    Path(id): Path<String>,
) -> Result<Json<DataRequest>, AppError> {
    reviewer_kelurahan(&current.account)?;
    let id = request_id(&id)?;
    Ok(Json(
        rights::visible(&state, &current.account, id, now_ms()).await?,
    ))
}

async fn act(
    State(state): State<AppState>,
    current: CurrentAccount,
    Path(id): Path<String>,
    body: Result<Json<RequestAction>, JsonRejection>,
) -> Result<Json<DataRequest>, AppError> {
    reviewer_kelurahan(&current.account)?;
    let id = request_id(&id)?;
    let Json(action) = body?;
    Ok(Json(
        rights::act(&state, &current.account, id, &action, now_ms()).await?,
    ))
}

fn request_id(text: &str) -> Result<i64, AppError> {
    text.parse()
        .ok()
        .filter(|id| *id > 0)
        .ok_or_else(|| AppError::NotFound("Permintaan ini tidak ada. / No such request.".into()))
}
