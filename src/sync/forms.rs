//! Downloading the form versions this device does not have yet: the list
//! of published versions first, then each missing document by itself. A
//! version once downloaded is kept for good (records of it may come back).
//! The privacy notice read before the consent question comes with them.

use rukun_core::consent::{Notice, NoticeList};
use rukun_core::form::{FormDef, FormIndex};

use super::{SyncError, TIMEOUT_MS};
use crate::platform::http;
use crate::platform::url::encode;
use crate::storage::FormDocument;

/// The published versions missing from `known` (form id, version), each
/// with its document as the server wrote it.
pub async fn download_new(
    token: &str,
    known: &[(String, u32)],
) -> Result<Vec<FormDocument>, SyncError> {
    let index: FormIndex =
        http::request_json::<(), _>("GET", "/api/forms", None, Some(token), TIMEOUT_MS).await?;
    let mut out = Vec::new();
    for form in &index.forms {
        for version in &form.versions {
            let version = version.version;
            if known.iter().any(|(id, v)| *id == form.id && *v == version) {
                continue;
            }
            let path = format!("/api/forms/{}/versions/{version}", encode(&form.id));
            let json = http::get_text(&path, token, TIMEOUT_MS).await?;
            out.push(FormDocument {
                form_id: form.id.clone(),
                version,
                json,
            });
        }
    }
    Ok(out)
}

/// The latest privacy notice the server published.
pub async fn latest_notice(token: &str) -> Result<Option<Notice>, SyncError> {
    let list: NoticeList =
        http::request_json::<(), _>("GET", "/api/notices", None, Some(token), TIMEOUT_MS).await?;
    Ok(list.notices.into_iter().max_by_key(|n| n.version))
}

/// Reads a stored document; `Err` says why this build cannot (a newer
/// server may publish what an older app does not know).
pub fn read(doc: &FormDocument) -> Result<FormDef, String> {
    let value = js_sys::JSON::parse(&doc.json).map_err(|_| "not JSON".to_owned())?;
    let form: FormDef = serde_wasm_bindgen::from_value(value).map_err(|e| e.to_string())?;
    if (form.id.as_str(), form.version) != (doc.form_id.as_str(), doc.version) {
        return Err(format!("the document is {} v{}", form.id, form.version));
    }
    Ok(form)
}
