//! `GET /api/openapi.json`: the OpenAPI 3 description of this API, kept
//! beside the code in `crates/server/api/openapi.json` (a test checks that
//! every route is described).

use axum::http::header;
use axum::response::IntoResponse;
use axum::routing::get;
use axum::Router;

use crate::AppState;

const OPENAPI: &str = include_str!("../../api/openapi.json");

pub fn router() -> Router<AppState> {
    Router::new().route("/openapi.json", get(openapi))
}

async fn openapi() -> impl IntoResponse {
    ([(header::CONTENT_TYPE, "application/json")], OPENAPI)
}
