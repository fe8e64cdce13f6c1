//! Photos from the camera or files: checked, downscaled on the phone to a
//! JPEG whose longest side is at most 1280 px, and hashed (SHA-256) so the
//! sync can store each one once.

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

/// Longest side of a stored photo.
pub const MAX_SIDE: u32 = 1280;
/// Larger files are refused before decoding: phones run out of memory.
pub const MAX_INPUT_BYTES: f64 = 25.0 * 1024.0 * 1024.0;
const JPEG_QUALITY: f64 = 0.8;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PhotoError {
    NotAnImage,
    TooLarge,
    Failed,
}

/// A photo ready to store.
pub struct PreparedPhoto {
    pub jpeg: web_sys::Blob,
    pub sha256: String,
}

/// The file just chosen in a file input (from its change event); the
/// input is cleared, so it keeps no reference and the same file can be
/// chosen again.
pub fn chosen_file(ev: &web_sys::Event) -> Option<web_sys::File> {
    let input = ev.target()?.dyn_into::<web_sys::HtmlInputElement>().ok()?;
    let file = input.files().and_then(|files| files.get(0));
    input.set_value("");
    file
}

/// The bytes of a blob (a prepared photo).
pub async fn bytes_of(blob: &web_sys::Blob) -> Option<Vec<u8>> {
    let buffer = JsFuture::from(blob.array_buffer()).await.ok()?;
    Some(js_sys::Uint8Array::new(&buffer).to_vec())
}

/// Checks, downscales and hashes a chosen file.
pub async fn prepare(file: web_sys::File) -> Result<PreparedPhoto, PhotoError> {
    if file.size() > MAX_INPUT_BYTES {
        return Err(PhotoError::TooLarge);
    }
    if !file.type_().starts_with("image/") && !file.type_().is_empty() {
        return Err(PhotoError::NotAnImage);
    }
    let window = web_sys::window().ok_or(PhotoError::Failed)?;
    let bitmap = window
        .create_image_bitmap_with_blob(&file)
        .map_err(|_| PhotoError::NotAnImage)?;
    let bitmap: web_sys::ImageBitmap = JsFuture::from(bitmap)
        .await
        .map_err(|_| PhotoError::NotAnImage)?
        .unchecked_into();
    let (width, height) = scaled(bitmap.width(), bitmap.height());
    let canvas: web_sys::HtmlCanvasElement = window
        .document()
        .and_then(|d| d.create_element("canvas").ok())
        .ok_or(PhotoError::Failed)?
        .unchecked_into();
    canvas.set_width(width);
    canvas.set_height(height);
    let context: web_sys::CanvasRenderingContext2d = canvas
        .get_context("2d")
        .ok()
        .flatten()
        .ok_or(PhotoError::Failed)?
        .unchecked_into();
    context
        .draw_image_with_image_bitmap_and_dw_and_dh(&bitmap, 0.0, 0.0, width.into(), height.into())
        .map_err(|_| PhotoError::Failed)?;
    bitmap.close();
    let jpeg = to_jpeg(&canvas).await?;
    let sha256 = sha256_hex(&jpeg).await?;
    Ok(PreparedPhoto { jpeg, sha256 })
}

/// The size that fits in `MAX_SIDE` keeping the aspect ratio (never enlarged).
pub fn scaled(width: u32, height: u32) -> (u32, u32) {
    let longest = width.max(height).max(1);
    if longest <= MAX_SIDE {
        return (width.max(1), height.max(1));
    }
    let scale = f64::from(MAX_SIDE) / f64::from(longest);
    let side = |v: u32| ((f64::from(v) * scale).round() as u32).max(1);
    (side(width), side(height))
}

async fn to_jpeg(canvas: &web_sys::HtmlCanvasElement) -> Result<web_sys::Blob, PhotoError> {
    let promise = js_sys::Promise::new(&mut |resolve, _reject| {
        let done = Closure::once_into_js(move |blob: JsValue| {
            let _ = resolve.call1(&JsValue::NULL, &blob);
        });
        let _ = canvas.to_blob_with_type_and_encoder_options(
            done.unchecked_ref(),
            "image/jpeg",
            &JsValue::from_f64(JPEG_QUALITY),
        );
    });
    let blob = JsFuture::from(promise)
        .await
        .map_err(|_| PhotoError::Failed)?;
    blob.dyn_into().map_err(|_| PhotoError::Failed)
}

async fn sha256_hex(blob: &web_sys::Blob) -> Result<String, PhotoError> {
    let bytes = JsFuture::from(blob.array_buffer())
        .await
        .map_err(|_| PhotoError::Failed)?;
    let subtle = web_sys::window()
        .and_then(|w| w.crypto().ok())
        .ok_or(PhotoError::Failed)?
        .subtle();
    let digest = subtle
        .digest_with_str_and_buffer_source("SHA-256", &bytes.unchecked_into())
        .map_err(|_| PhotoError::Failed)?;
    let digest = JsFuture::from(digest)
        .await
        .map_err(|_| PhotoError::Failed)?;
    let digest = js_sys::Uint8Array::new(&digest).to_vec();
    Ok(digest.iter().map(|b| format!("{b:02x}")).collect())
}

/// A URL for showing a stored blob in an `<img>` (revoke when done).
pub fn object_url(blob: &web_sys::Blob) -> Option<String> {
    web_sys::Url::create_object_url_with_blob(blob).ok()
}

pub fn revoke_url(url: &str) {
    let _ = web_sys::Url::revoke_object_url(url);
}
