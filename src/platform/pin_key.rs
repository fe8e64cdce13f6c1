//! A key from the user's PIN or passphrase. It only wraps the profile's data
//! key; see `state::profiles`.
//!
//! New profiles use Argon2id with 64 MiB (compiled into the wasm: WebCrypto
//! has no memory-hard KDF), so each guess costs an attacker 64 MiB of memory
//! traffic per pass, not just arithmetic a GPU does by the million. Profiles
//! made before issue 14 carry [`Kdf::Pbkdf2`] (WebCrypto) and move to
//! Argon2id on their next unlock.
//!
//! The derivation runs on the page's thread and blocks it for about a
//! second on a phone; the caller shows "checking" first. Its 64 MiB are
//! zeroed and freed afterwards, but wasm linear memory never shrinks: the
//! tab keeps the pages reserved (and reuses them) until it is closed.

use argon2::{Algorithm, Argon2, Block, Params, Version};
use js_sys::{Object, Reflect, Uint8Array};
use serde::{Deserialize, Serialize};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use zeroize::Zeroize;

/// The PBKDF2-HMAC-SHA-256 count every profile before issue 14 used.
pub const LEGACY_ITERATIONS: u32 = 600_000;

/// How a profile's secret became its key, with the parameters.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "name")]
pub enum Kdf {
    /// PBKDF2-HMAC-SHA-256 in WebCrypto (profiles made before issue 14).
    Pbkdf2 { iterations: u32 },
    /// Argon2id v1.3, `m_kib` KiB of memory, `t` passes, `p` lanes.
    Argon2id { m_kib: u32, t: u32, p: u32 },
}

impl Kdf {
    /// What new and migrated profiles get: 64 MiB, one lane, and the passes
    /// that take about a second on a mid-range phone (BENCHMARKS.md).
    pub const CURRENT: Kdf = Kdf::Argon2id {
        m_kib: 64 * 1024,
        t: 2,
        p: 1,
    };

    /// What a profile stored without a `kdf` field used.
    pub fn legacy() -> Self {
        Kdf::Pbkdf2 {
            iterations: LEGACY_ITERATIONS,
        }
    }

    /// Whether a profile with this KDF should be wrapped again.
    pub fn is_outdated(self) -> bool {
        self != Self::CURRENT
    }
}

/// 32 bytes derived from `secret` and `salt` with `kdf`.
pub async fn derive(secret: &str, salt: &[u8], kdf: Kdf) -> Result<[u8; 32], String> {
    match kdf {
        Kdf::Pbkdf2 { iterations } => pbkdf2(secret, salt, iterations).await,
        Kdf::Argon2id { m_kib, t, p } => {
            // Let the page paint "checking…" before the thread is busy.
            crate::platform::page::next_tick().await;
            argon2id(secret.as_bytes(), salt, m_kib, t, p)
        }
    }
}

/// Raw Argon2id v1.3 (no secret, no associated data), 32 bytes out. The
/// blocks are allocated here, zeroed and freed before returning.
pub fn argon2id(
    secret: &[u8],
    salt: &[u8],
    m_kib: u32,
    t: u32,
    p: u32,
) -> Result<[u8; 32], String> {
    let params = Params::new(m_kib, t, p, Some(32)).map_err(|e| e.to_string())?;
    let mut blocks = vec![Block::default(); params.block_count()];
    let mut key = [0u8; 32];
    let result = Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
        .hash_password_into_with_memory(secret, salt, &mut key, &mut blocks[..]);
    blocks.iter_mut().for_each(Zeroize::zeroize);
    drop(blocks);
    result.map_err(|e| e.to_string())?;
    Ok(key)
}

async fn pbkdf2(pin: &str, salt: &[u8], iterations: u32) -> Result<[u8; 32], String> {
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
