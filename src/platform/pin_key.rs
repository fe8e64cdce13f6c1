//! A key from the volunteer's PIN: PBKDF2-HMAC-SHA-256 in the browser's
//! WebCrypto (native speed, so the iteration count can be high on a cheap
//! phone). It only wraps the profile's data key; see `state::profiles`.

use js_sys::{Object, Reflect, Uint8Array};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

/// OWASP's 2023 figure for PBKDF2-HMAC-SHA-256.
pub const ITERATIONS: u32 = 600_000;

/// 32 bytes derived from `pin` and `salt`.
pub async fn derive(pin: &str, salt: &[u8], iterations: u32) -> Result<[u8; 32], String> {
    let subtle = web_sys::window()
        .ok_or("no window")?
        .crypto()
        .map_err(describe)?
        .subtle();
    let usages = js_sys::Array::of1(&JsValue::from_str("deriveBits"));
    let pin_bytes = Uint8Array::from(pin.as_bytes());
    let base = JsFuture::from(
        subtle
            .import_key_with_str("raw", &pin_bytes, "PBKDF2", false, &usages)
            .map_err(describe)?,
    )
    .await
    .map_err(describe)?
    .unchecked_into::<web_sys::CryptoKey>();
    let params = Object::new();
    for (name, value) in [
        ("name", JsValue::from_str("PBKDF2")),
        ("hash", JsValue::from_str("SHA-256")),
        ("salt", Uint8Array::from(salt).into()),
        ("iterations", JsValue::from_f64(f64::from(iterations))),
    ] {
        Reflect::set(&params, &JsValue::from_str(name), &value).map_err(describe)?;
    }
    let bits = JsFuture::from(
        subtle
            .derive_bits_with_object(&params, &base, 256)
            .map_err(describe)?,
    )
    .await
    .map_err(describe)?;
    let mut key = [0u8; 32];
    Uint8Array::new(&bits).copy_to(&mut key);
    Ok(key)
}

fn describe(error: JsValue) -> String {
    format!("{error:?}")
}
