//! `GET /api/exports/{file}?kelurahan=&state=&identities=full`: the
//! survey as CSV, XLSX or GeoJSON for coordinators (their kelurahan) and
//! administrators (a kelurahan or the city). NIK and No. KK are masked
//! unless `identities=full` is asked for; every export is audited.

use axum::extract::rejection::QueryRejection;
use axum::extract::{Path, Query, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use rukun_core::account::Role;
use rukun_core::review::ReviewState;
use serde::Deserialize;

use super::scope::{kelurahan_for, require_reviewer};
use crate::auth::{now_ms, CurrentAccount};
use crate::error::AppError;
use crate::export::{ExportError, Exporter, Format, Identities};
use crate::store::ListFilter;
use crate::AppState;

pub fn router() -> Router<AppState> {
    Router::new().route("/exports/{file}", get(export))
}

#[derive(Deserialize)]
struct ExportQuery {
    kelurahan: Option<String>,
    /// Only records in this review state (e.g. `approved`).
    state: Option<ReviewState>,
    /// `full` to include NIK and No. KK unmasked.
    identities: Option<String>,
}

async fn export(
    State(state): State<AppState>,
    current: CurrentAccount,
    Path(file): Path<String>,
    query: Result<Query<ExportQuery>, QueryRejection>,
) -> Result<Response, AppError> {
    let account = &current.account;
    require_reviewer(account)?;
    let Query(query) = query?;
    let format = Format::parse(&file).ok_or_else(|| {
        AppError::NotFound(format!(
            "Tidak ada ekspor {file:?}; ada households.csv, members.csv, infrastructure.csv, survey.xlsx, points.geojson. / No export {file:?}; there are households.csv, members.csv, infrastructure.csv, survey.xlsx, points.geojson."
        ))
    })?;
    let kelurahan = match (account.role, query.kelurahan.as_deref()) {
        (Role::Admin, None) => None,
        (_, asked) => Some(kelurahan_for(account, asked)?.to_string()),
    };
    let identities = match query.identities.as_deref() {
        None | Some("masked") => Identities::Masked,
        Some("full") => Identities::Full,
        Some(other) => {
            return Err(AppError::BadRequest(format!(
                "identities: masked atau full, bukan {other:?}. / identities: masked or full, not {other:?}."
            )))
        }
    };
    let mut exporter =
        Exporter::new(format, identities, state.forms()).map_err(AppError::Internal)?;
    for form in format.forms() {
        let filter = ListFilter {
            kelurahan: kelurahan.clone(),
            form: Some((*form).to_owned()),
            state: query.state,
            ..Default::default()
        };
        state
            .store
            .export_records(&filter, &mut |item, answers| exporter.add(item, answers))
            .await?;
    }
    let records = exporter.records();
    let bytes = exporter.finish().map_err(|error| match error {
        ExportError::TooLarge(message) => AppError::TooLarge(message),
        ExportError::Failed(message) => AppError::Internal(format!("export: {message}")),
    })?;
    let detail = format!(
        "{}; kelurahan {}; state {}; {} records; identities {}",
        format.file_name(),
        kelurahan.as_deref().unwrap_or("all"),
        query.state.map_or("all", |s| s.as_str()),
        records,
        if identities == Identities::Full {
            "full"
        } else {
            "masked"
        },
    );
    state
        .store
        .audit_event(
            &account.username,
            "export",
            kelurahan.as_deref(),
            &detail,
            now_ms(),
        )
        .await?;
    let name = format!(
        "rukun-{}-{}",
        kelurahan.as_deref().unwrap_or("kota"),
        format.file_name()
    );
    Ok((
        [
            (header::CONTENT_TYPE, format.content_type().to_owned()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{name}\""),
            ),
            (header::CACHE_CONTROL, "no-store".to_owned()),
        ],
        bytes,
    )
        .into_response())
}
