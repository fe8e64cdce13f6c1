//! Talking to the server: sending a push, checking that its answer is well
//! formed, and pulling everything that changed.

use proptest::test_runner::TestCaseError;
use reqwest::header::CONTENT_TYPE;
use reqwest::{Client, RequestBuilder, StatusCode};
use rukun_core::api::ErrorBody;
use rukun_core::sync::{PullResponse, PushResponse, RecordState};

use crate::fail;
use crate::support::TestServer;

/// `POST /api/sync/push` as `token`; the body is the caller's.
pub(super) fn post_push(client: &Client, server: &TestServer, token: &str) -> RequestBuilder {
    client.post(server.url("/api/sync/push")).bearer_auth(token)
}

/// What a push got back, once the answer is known to be well formed.
pub(super) enum Answer {
    Ok(PushResponse),
    Refused(StatusCode, ErrorBody),
}

/// Checks the answer to a push: it arrived (no dropped connection), is no
/// 5xx, and is either 200 with a push response or a 4xx with a JSON error.
pub(super) async fn well_formed(
    response: reqwest::Result<reqwest::Response>,
    what: &str,
) -> Result<Answer, TestCaseError> {
    let response =
        response.map_err(|e| fail(format!("{what}: no answer (dropped connection?): {e:?}")))?;
    let status = response.status();
    let content_type = response
        .headers()
        .get(CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_owned();
    let body = response
        .bytes()
        .await
        .map_err(|e| fail(format!("{what}: {status}, body cut off: {e:?}")))?;
    let text = String::from_utf8_lossy(&body);
    if status == StatusCode::OK {
        let parsed: PushResponse = serde_json::from_slice(&body)
            .map_err(|e| fail(format!("{what}: 200 but not a push response ({e}): {text}")))?;
        return Ok(Answer::Ok(parsed));
    }
    if !status.is_client_error() {
        return Err(fail(format!("{what}: status {status}: {text}")));
    }
    if !content_type.starts_with("application/json") {
        return Err(fail(format!(
            "{what}: {status} with content type {content_type:?}: {text}"
        )));
    }
    let error: ErrorBody = serde_json::from_slice(&body).map_err(|e| {
        fail(format!(
            "{what}: {status} body is no error JSON ({e}): {text}"
        ))
    })?;
    if error.error.is_empty() || error.message.is_empty() {
        return Err(fail(format!(
            "{what}: {status} with an empty error: {text}"
        )));
    }
    Ok(Answer::Refused(status, error))
}

/// Every record `token` may pull with a change after `cursor`, page by page.
pub(super) async fn pull_all(
    client: &Client,
    server: &TestServer,
    token: &str,
    mut cursor: u64,
) -> Result<(Vec<RecordState>, u64), TestCaseError> {
    let mut records = Vec::new();
    loop {
        let path = format!("/api/sync/pull?protocol=1&cursor={cursor}&limit=500");
        let response = client
            .get(server.url(&path))
            .bearer_auth(token)
            .send()
            .await
            .map_err(|e| fail(format!("pull: {e:?}")))?;
        let status = response.status();
        let text = response
            .text()
            .await
            .map_err(|e| fail(format!("pull: {e:?}")))?;
        if status != StatusCode::OK {
            return Err(fail(format!("pull: {status}: {text}")));
        }
        let page: PullResponse = serde_json::from_str(&text)
            .map_err(|e| fail(format!("pull: not a pull response ({e})")))?;
        records.extend(page.records);
        cursor = page.next_cursor;
        if !page.has_more {
            return Ok((records, cursor));
        }
    }
}
