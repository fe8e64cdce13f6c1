//! JSON and blobs over `fetch`, with a timeout: a request that hangs on a
//! flaky connection counts as a failure, not as "still waiting".

use rukun_core::api::ErrorBody;
use serde::de::DeserializeOwned;
use serde::Serialize;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;
use web_sys::{AbortController, Headers, RequestCache, RequestInit, Response, Window};

/// Why a request did not give the expected JSON.
#[derive(Debug, Clone, PartialEq)]
pub enum HttpError {
    /// No answer: offline, server down, or too slow.
    Unreachable,
    /// The server answered with an error status.
    Status(u16, Option<ErrorBody>),
    /// The body was not what we expected.
    Decode(String),
}

/// Aborts the request it is attached to after a timeout; dropping it
/// cancels the timer.
struct Deadline {
    window: Window,
    controller: AbortController,
    timer: i32,
    _abort: Closure<dyn FnMut()>,
}

impl Deadline {
    fn start(timeout_ms: i32) -> Result<Self, HttpError> {
        let window = web_sys::window().ok_or(HttpError::Unreachable)?;
        let controller = AbortController::new().map_err(|_| HttpError::Unreachable)?;
        let abort = {
            let controller = controller.clone();
            Closure::once(move || controller.abort())
        };
        let timer = window
            .set_timeout_with_callback_and_timeout_and_arguments_0(
                abort.as_ref().unchecked_ref(),
                timeout_ms,
            )
            .map_err(|_| HttpError::Unreachable)?;
        Ok(Deadline {
            window,
            controller,
            timer,
            _abort: abort,
        })
    }

    /// Sends `init` to `path` (same origin) before the deadline; the
    /// response whatever its status.
    async fn fetch(&self, path: &str, init: &RequestInit) -> Result<Response, HttpError> {
        init.set_signal(Some(&self.controller.signal()));
        Ok(
            JsFuture::from(self.window.fetch_with_str_and_init(path, init))
                .await
                .map_err(|_| HttpError::Unreachable)?
                .unchecked_into(),
        )
    }
}

impl Drop for Deadline {
    fn drop(&mut self) {
        self.window.clear_timeout_with_handle(self.timer);
    }
}

/// Headers with the session token (if any).
fn headers_with(token: Option<&str>) -> Result<Headers, HttpError> {
    let headers = Headers::new().map_err(|_| HttpError::Unreachable)?;
    if let Some(token) = token {
        let _ = headers.set("Authorization", &format!("Bearer {token}"));
    }
    Ok(headers)
}

/// The error of a non-2xx response, with the server's JSON reason if any.
async fn status_error(response: &Response) -> HttpError {
    let body = match response.json() {
        Ok(promise) => JsFuture::from(promise)
            .await
            .ok()
            .and_then(|b| serde_wasm_bindgen::from_value(b).ok()),
        Err(_) => None,
    };
    HttpError::Status(response.status(), body)
}

/// GETs `path` on this origin and decodes its JSON body, giving up after
/// `timeout_ms`.
pub async fn get_json<T: DeserializeOwned>(path: &str, timeout_ms: i32) -> Result<T, HttpError> {
    request_json::<(), T>("GET", path, None, None, timeout_ms).await
}

/// Sends `body` (if any) as JSON with the session token (if any) and decodes
/// the JSON answer, giving up after `timeout_ms`.
pub async fn request_json<B: Serialize, T: DeserializeOwned>(
    method: &str,
    path: &str,
    body: Option<&B>,
    token: Option<&str>,
    timeout_ms: i32,
) -> Result<T, HttpError> {
    let deadline = Deadline::start(timeout_ms)?;
    let response = send(&deadline, method, path, body, token).await?;
    let body = JsFuture::from(response.json().map_err(|_| HttpError::Unreachable)?)
        .await
        .map_err(|_| HttpError::Decode("not JSON".into()))?;
    serde_wasm_bindgen::from_value(body).map_err(|e| HttpError::Decode(e.to_string()))
}

/// GETs `path` with the session token and returns its body as text (a
/// document kept as the server wrote it).
pub async fn get_text(path: &str, token: &str, timeout_ms: i32) -> Result<String, HttpError> {
    let deadline = Deadline::start(timeout_ms)?;
    let response = send::<()>(&deadline, "GET", path, None, Some(token)).await?;
    let text = JsFuture::from(response.text().map_err(|_| HttpError::Unreachable)?)
        .await
        .map_err(|_| HttpError::Unreachable)?;
    text.as_string()
        .ok_or_else(|| HttpError::Decode("not text".into()))
}

/// Like [`request_json`] for routes that answer with no body (204).
pub async fn request_empty<B: Serialize>(
    method: &str,
    path: &str,
    body: Option<&B>,
    token: Option<&str>,
    timeout_ms: i32,
) -> Result<(), HttpError> {
    let deadline = Deadline::start(timeout_ms)?;
    send(&deadline, method, path, body, token).await.map(drop)
}

/// Sends `body` (if any) as JSON before `deadline`; the response if 2xx.
async fn send<B: Serialize>(
    deadline: &Deadline,
    method: &str,
    path: &str,
    body: Option<&B>,
    token: Option<&str>,
) -> Result<Response, HttpError> {
    let init = RequestInit::new();
    init.set_method(method);
    init.set_cache(RequestCache::NoStore);
    let headers = headers_with(token)?;
    if let Some(body) = body {
        // Through serde-wasm-bindgen, as IndexedDB data is: one serde
        // backend in the wasm instead of two.
        let value = body
            .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
            .map_err(|e| HttpError::Decode(e.to_string()))?;
        let json = js_sys::JSON::stringify(&value).map_err(|_| HttpError::Decode("JSON".into()))?;
        let _ = headers.set("Content-Type", "application/json");
        init.set_body(&json);
    }
    init.set_headers(&headers);
    let response = deadline.fetch(path, &init).await?;
    if !response.ok() {
        return Err(status_error(&response).await);
    }
    Ok(response)
}

/// PUTs a blob (a photo) with the session token; `Ok(())` on any 2xx.
pub async fn put_blob(
    path: &str,
    blob: &web_sys::Blob,
    token: &str,
    timeout_ms: i32,
) -> Result<(), HttpError> {
    let deadline = Deadline::start(timeout_ms)?;
    let init = RequestInit::new();
    init.set_method("PUT");
    let headers = headers_with(Some(token))?;
    let _ = headers.set("Content-Type", &blob.type_());
    init.set_headers(&headers);
    init.set_body(blob);
    let response = deadline.fetch(path, &init).await?;
    if response.ok() {
        Ok(())
    } else {
        Err(status_error(&response).await)
    }
}

/// GETs `path` with the session token as a blob (an export, a photo).
pub async fn get_blob(
    path: &str,
    token: &str,
    timeout_ms: i32,
) -> Result<web_sys::Blob, HttpError> {
    let deadline = Deadline::start(timeout_ms)?;
    let init = RequestInit::new();
    init.set_cache(RequestCache::NoStore);
    let headers = headers_with(Some(token))?;
    init.set_headers(&headers);
    let response = deadline.fetch(path, &init).await?;
    if !response.ok() {
        return Err(status_error(&response).await);
    }
    let blob = JsFuture::from(response.blob().map_err(|_| HttpError::Unreachable)?)
        .await
        .map_err(|_| HttpError::Unreachable)?;
    Ok(blob.unchecked_into())
}
/// Hands a blob to the browser as a downloaded file.
pub fn save_as(blob: &web_sys::Blob, file_name: &str) -> Result<(), HttpError> {
    let document = web_sys::window()
        .and_then(|w| w.document())
        .ok_or(HttpError::Unreachable)?;
    let url =
        web_sys::Url::create_object_url_with_blob(blob).map_err(|_| HttpError::Unreachable)?;
    let link = document
        .create_element("a")
        .map_err(|_| HttpError::Unreachable)?;
    let _ = link.set_attribute("href", &url);
    let _ = link.set_attribute("download", file_name);
    link.unchecked_ref::<web_sys::HtmlElement>().click();
    // The browser has the file once the click is handled.
    let revoke = Closure::once(move || {
        let _ = web_sys::Url::revoke_object_url(&url);
    });
    if let Some(window) = web_sys::window() {
        let _ = window.set_timeout_with_callback_and_timeout_and_arguments_0(
            revoke.as_ref().unchecked_ref(),
            60_000,
        );
    }
    revoke.forget();
    Ok(())
}
