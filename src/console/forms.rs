//! The form calls of issue 15, one function per route: the published forms,
//! one version's definition, and publishing the next version (whose refusal
//! lists every problem of the definition).

use rukun_core::form::{DefinitionProblem, FormDef, FormIndex};

use super::accounts::in_language;
use super::{encode, message};
use crate::i18n::*;
use crate::platform::http::{self, HttpError};

/// A definition is at most 1 MiB; a slow line still sends it.
const TIMEOUT_MS: i32 = 30_000;

/// Why a publish did not happen.
#[derive(Debug, Clone, PartialEq)]
pub enum PublishError {
    /// The server refused the definition (`invalid_definition`), listing
    /// every problem.
    Refused(Vec<DefinitionProblem>),
    /// Anything else, said in the user's language.
    Failed(String),
}

/// `GET /api/forms`: every published form with its versions.
pub async fn index(i18n: I18n, token: Result<String, String>) -> Result<FormIndex, String> {
    http::request_json::<(), _>("GET", "/api/forms", None, Some(&token?), TIMEOUT_MS)
        .await
        .map_err(|e| in_language(i18n, &message(i18n, e)))
}

/// `GET /api/forms/{id}/versions/{n}`: one version's definition document.
pub async fn version(
    i18n: I18n,
    token: Result<String, String>,
    id: &str,
    version: u32,
) -> Result<FormDef, String> {
    let path = format!("/api/forms/{}/versions/{version}", encode(id));
    http::request_json::<(), _>("GET", &path, None, Some(&token?), TIMEOUT_MS)
        .await
        .map_err(|e| in_language(i18n, &message(i18n, e)))
}

/// `POST /api/forms/{id}/versions`: publishes `form` (numbered as the next
/// version); the stored document on success.
pub async fn publish(
    i18n: I18n,
    token: Result<String, String>,
    form: &FormDef,
) -> Result<FormDef, PublishError> {
    let token = token.map_err(PublishError::Failed)?;
    let path = format!("/api/forms/{}/versions", encode(&form.id));
    match http::request_json("POST", &path, Some(form), Some(&token), TIMEOUT_MS).await {
        Ok(stored) => Ok(stored),
        Err(HttpError::Status(400, Some(body))) if body.error == "invalid_definition" => {
            Err(PublishError::Refused(body.problems))
        }
        Err(e) => Err(PublishError::Failed(in_language(i18n, &message(i18n, e)))),
    }
}
