//! Sealing a resident's submission to the server's public key in the
//! browser's WebCrypto, before anything of it is stored on the tablet
//! (the scheme is documented in `rukun_core::kiosk`): an ephemeral P-256
//! key pair, ECDH with the server's key, HKDF-SHA-256 into an AES-256-GCM
//! key, the receipt code as additional data. The tablet keeps no key that
//! opens it again.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use js_sys::{Array, Object, Reflect, Uint8Array};
use rukun_core::kiosk::{KioskKey, KioskPayload, SealedSubmission, SEAL_INFO};
use serde::Serialize;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{CryptoKey, SubtleCrypto};

use crate::platform::random;

/// `payload` sealed under `receipt` to the server's `key`.
pub async fn seal(
    key: &KioskKey,
    receipt: &str,
    payload: &KioskPayload,
) -> Result<SealedSubmission, String> {
    let subtle = subtle()?;
    let server_point = URL_SAFE_NO_PAD
        .decode(&key.public_key)
        .map_err(|_| "server key is not base64url".to_owned())?;
    let ecdh = params(&[("name", "ECDH".into()), ("namedCurve", "P-256".into())])?;
    let server_key: CryptoKey = promised(subtle.import_key_with_object(
        "raw",
        &Uint8Array::from(server_point.as_slice()),
        &ecdh,
        false,
        &Array::new(),
    ))
    .await?
    .unchecked_into();
    // The private half never leaves WebCrypto and is dropped after this.
    let pair =
        promised(subtle.generate_key_with_object(&ecdh, false, &Array::of1(&"deriveBits".into())))
            .await?;
    let private: CryptoKey = Reflect::get(&pair, &"privateKey".into())
        .map_err(describe)?
        .unchecked_into();
    let public: CryptoKey = Reflect::get(&pair, &"publicKey".into())
        .map_err(describe)?
        .unchecked_into();
    let epk = bytes(promised(subtle.export_key("raw", &public)).await?);
    let shared = promised(subtle.derive_bits_with_object(
        &params(&[("name", "ECDH".into()), ("public", server_key.into())])?,
        &private,
        256,
    ))
    .await?;
    let hkdf_key: CryptoKey = promised(subtle.import_key_with_object(
        "raw",
        &Uint8Array::new(&shared),
        &params(&[("name", "HKDF".into())])?,
        false,
        &Array::of1(&"deriveBits".into()),
    ))
    .await?
    .unchecked_into();
    let aes_bits = promised(subtle.derive_bits_with_object(
        &params(&[
            ("name", "HKDF".into()),
            ("hash", "SHA-256".into()),
            ("salt", Uint8Array::new_with_length(0).into()),
            ("info", Uint8Array::from(SEAL_INFO).into()),
        ])?,
        &hkdf_key,
        256,
    ))
    .await?;
    let aes_key: CryptoKey = promised(subtle.import_key_with_object(
        "raw",
        &Uint8Array::new(&aes_bits),
        &params(&[("name", "AES-GCM".into())])?,
        false,
        &Array::of1(&"encrypt".into()),
    ))
    .await?
    .unchecked_into();
    let iv = random::bytes::<12>();
    let plaintext = json_bytes(payload)?;
    let ciphertext = bytes(
        promised(subtle.encrypt_with_object_and_js_u8_array(
            &params(&[
                ("name", "AES-GCM".into()),
                ("iv", Uint8Array::from(iv.as_slice()).into()),
                (
                    "additionalData",
                    Uint8Array::from(receipt.as_bytes()).into(),
                ),
            ])?,
            &aes_key,
            &Uint8Array::from(plaintext.as_slice()),
        ))
        .await?,
    );
    Ok(SealedSubmission {
        receipt: receipt.to_owned(),
        key_id: key.key_id.clone(),
        epk: URL_SAFE_NO_PAD.encode(epk),
        iv: URL_SAFE_NO_PAD.encode(iv),
        ciphertext: URL_SAFE_NO_PAD.encode(ciphertext),
    })
}

/// The payload as JSON text (as the server reads it).
fn json_bytes<T: Serialize>(value: &T) -> Result<Vec<u8>, String> {
    let value = value
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(|e| e.to_string())?;
    let json = js_sys::JSON::stringify(&value).map_err(describe)?;
    Ok(String::from(json).into_bytes())
}

fn subtle() -> Result<SubtleCrypto, String> {
    Ok(web_sys::window()
        .ok_or("no window")?
        .crypto()
        .map_err(describe)?
        .subtle())
}

fn params(pairs: &[(&str, JsValue)]) -> Result<Object, String> {
    let object = Object::new();
    for (name, value) in pairs {
        Reflect::set(&object, &JsValue::from_str(name), value).map_err(describe)?;
    }
    Ok(object)
}

async fn promised(promise: Result<js_sys::Promise, JsValue>) -> Result<JsValue, String> {
    JsFuture::from(promise.map_err(describe)?)
        .await
        .map_err(describe)
}

fn bytes(buffer: JsValue) -> Vec<u8> {
    Uint8Array::new(&buffer).to_vec()
}

fn describe(error: JsValue) -> String {
    format!("{error:?}")
}
