//! The coordinator console's calls to the server (online only): with the
//! session's token, errors in the user's language.

pub mod accounts;
pub mod forms;
pub mod rights;

pub use crate::platform::url::{encode, with_query};
use leptos::prelude::*;
use serde::de::DeserializeOwned;
use serde::Serialize;

use crate::i18n::*;
use crate::platform::http::{self, HttpError};
use crate::state::Sync;

/// How long a console request may take (an export of a whole kelurahan
/// takes a few seconds).
const TIMEOUT_MS: i32 = 60_000;

/// The error a person sees.
fn message(i18n: I18n, error: HttpError) -> String {
    match error {
        HttpError::Unreachable => t_string!(i18n, console_offline).to_owned(),
        HttpError::Status(_, Some(body)) => body.message,
        HttpError::Status(status, None) => format!("HTTP {status}"),
        HttpError::Decode(why) => why,
    }
}

/// Sends `body` (if any) to `path` and decodes the answer.
pub async fn call<B: Serialize, T: DeserializeOwned>(
    i18n: I18n,
    token: Result<String, String>,
    method: &str,
    path: &str,
    body: Option<&B>,
) -> Result<T, String> {
    let token = token?;
    http::request_json(method, path, body, Some(&token), TIMEOUT_MS)
        .await
        .map_err(|e| message(i18n, e))
}

/// The current session's token. Takes `Sync` (fetched while the component
/// is built) because contexts cannot be looked up from a spawned task.
pub fn session_token(sync: Sync, i18n: I18n) -> Result<String, String> {
    sync.session
        .with_untracked(|s| s.as_ref().map(|s| s.token.clone()))
        .ok_or_else(|| t_string!(i18n, sync_login_needed).to_owned())
}

/// GETs `path` and saves it as `file_name`.
pub async fn download(
    i18n: I18n,
    token: Result<String, String>,
    path: &str,
    file_name: &str,
) -> Result<(), String> {
    let token = token?;
    let blob = http::get_blob(path, &token, TIMEOUT_MS)
        .await
        .map_err(|e| message(i18n, e))?;
    http::save_as(&blob, file_name).map_err(|e| message(i18n, e))
}

/// A photo as an object URL for an `<img>`.
pub async fn photo_url(
    i18n: I18n,
    token: Result<String, String>,
    sha256: &str,
) -> Result<String, String> {
    blob_url(i18n, token, &format!("/api/attachments/{}", encode(sha256))).await
}

/// What `path` answers (a photo) as an object URL.
pub async fn blob_url(
    i18n: I18n,
    token: Result<String, String>,
    path: &str,
) -> Result<String, String> {
    let token = token?;
    let blob = http::get_blob(path, &token, TIMEOUT_MS)
        .await
        .map_err(|e| message(i18n, e))?;
    crate::platform::photo::object_url(&blob).ok_or_else(|| "URL".to_owned())
}
