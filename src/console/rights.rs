//! The calls of residents' rights (issue 16), one function per route:
//! data requests (list, one, record one at the office, act on one), the
//! privacy notice's versions (list, publish) and a household's data for an
//! access request. Errors come back as one sentence in the user's language.

use rukun_core::consent::{
    DataRequest, NewNotice, NewRequest, Notice, NoticeList, RequestAction, RequestList,
    RequestState,
};
use rukun_core::console::RecordDetail;

use super::accounts::in_language;
use super::{encode, message, with_query};
use crate::i18n::*;
use crate::platform::http::{self, HttpError};

const TIMEOUT_MS: i32 = 30_000;

fn explain(i18n: I18n, error: HttpError) -> String {
    in_language(i18n, &message(i18n, error))
}

async fn get<T: serde::de::DeserializeOwned>(
    i18n: I18n,
    token: Result<String, String>,
    path: &str,
) -> Result<T, String> {
    http::request_json::<(), _>("GET", path, None, Some(&token?), TIMEOUT_MS)
        .await
        .map_err(|e| explain(i18n, e))
}

/// `GET /api/requests`: a coordinator's own kelurahan (`kelurahan` empty),
/// or the one named; `state` `None` for every state.
pub async fn requests(
    i18n: I18n,
    token: Result<String, String>,
    kelurahan: &str,
    state: Option<RequestState>,
) -> Result<Vec<DataRequest>, String> {
    let path = with_query(
        "/api/requests",
        &[
            ("kelurahan", kelurahan.to_owned()),
            (
                "state",
                state.map_or_else(String::new, |s| s.as_str().to_owned()),
            ),
        ],
    );
    get::<RequestList>(i18n, token, &path)
        .await
        .map(|list| list.items)
}

/// `GET /api/requests/{id}`.
pub async fn request(
    i18n: I18n,
    token: Result<String, String>,
    id: i64,
) -> Result<DataRequest, String> {
    get(i18n, token, &format!("/api/requests/{id}")).await
}

/// `POST /api/requests`: a request recorded at the office. A receipt and
/// NIK that match no household of the area give `not_found`.
pub async fn record(
    i18n: I18n,
    token: Result<String, String>,
    request: &NewRequest,
) -> Result<DataRequest, String> {
    match http::request_json(
        "POST",
        "/api/requests",
        Some(request),
        Some(&token?),
        TIMEOUT_MS,
    )
    .await
    {
        Err(HttpError::Status(404, _)) => Err(i18n.rights().not_found.to_owned()),
        answer => answer.map_err(|e| explain(i18n, e)),
    }
}

/// `POST /api/requests/{id}/action`: the request as it is after the step.
pub async fn act(
    i18n: I18n,
    token: Result<String, String>,
    id: i64,
    action: &RequestAction,
) -> Result<DataRequest, String> {
    let path = format!("/api/requests/{id}/action");
    http::request_json("POST", &path, Some(action), Some(&token?), TIMEOUT_MS)
        .await
        .map_err(|e| explain(i18n, e))
}

/// `GET /api/notices`: every version, oldest first.
pub async fn notices(i18n: I18n, token: Result<String, String>) -> Result<Vec<Notice>, String> {
    get::<NoticeList>(i18n, token, "/api/notices")
        .await
        .map(|list| list.notices)
}

/// `POST /api/notices`: publishes the next version; the server's reason
/// on a refusal.
pub async fn publish_notice(
    i18n: I18n,
    token: Result<String, String>,
    notice: &NewNotice,
) -> Result<Notice, String> {
    http::request_json(
        "POST",
        "/api/notices",
        Some(notice),
        Some(&token?),
        TIMEOUT_MS,
    )
    .await
    .map_err(|e| explain(i18n, e))
}

/// `GET /api/review/records/{id}`: everything held about a household.
pub async fn household(
    i18n: I18n,
    token: Result<String, String>,
    record_id: &str,
) -> Result<RecordDetail, String> {
    get(
        i18n,
        token,
        &format!("/api/review/records/{}", encode(record_id)),
    )
    .await
}
