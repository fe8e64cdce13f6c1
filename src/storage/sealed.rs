//! Everything a household answered, at rest: AES-256-GCM under the data
//! key of the unlocked profile (domain.md: data on a lost phone is a breach).
//!
//! Fields marked `#[serde(with = "sealed")]` are serialised to JSON, sealed
//! (12-byte random nonce + ciphertext + tag) and stored as bytes, so what
//! IndexedDB holds is unreadable without the key; photos are sealed as
//! bytes with [`seal_bytes`]. The key lives only in this module's memory
//! between [`unlock`] and [`lock`]; while locked, writing or reading sealed
//! data fails instead of storing plain text.

use std::cell::RefCell;

use aes_gcm::aead::{Aead, KeyInit};
use aes_gcm::{Aes256Gcm, Nonce};
use serde::de::value::{BytesDeserializer, MapAccessDeserializer};
use serde::de::{DeserializeOwned, Error as _, MapAccess, Visitor};
use serde::ser::Error as _;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::StorageError;
use crate::platform::random;

const NONCE_LEN: usize = 12;

thread_local! {
    static KEY: RefCell<Option<Aes256Gcm>> = const { RefCell::new(None) };
}

/// Makes `key` the key of every seal and open from now on.
pub fn unlock(key: &[u8; 32]) {
    KEY.with(|k| *k.borrow_mut() = Some(Aes256Gcm::new(key.into())));
}

/// Forgets the key: sealed fields can no longer be read or written.
pub fn lock() {
    KEY.with(|k| *k.borrow_mut() = None);
}

pub fn is_unlocked() -> bool {
    KEY.with(|k| k.borrow().is_some())
}

/// `plain` sealed under `key` (a nonce first).
pub fn seal_with(key: &[u8; 32], plain: &[u8]) -> Vec<u8> {
    seal(&Aes256Gcm::new(key.into()), plain)
}

/// The plain bytes, or `None` when `key` is wrong or the bytes were altered.
pub fn open_with(key: &[u8; 32], sealed: &[u8]) -> Option<Vec<u8>> {
    open(&Aes256Gcm::new(key.into()), sealed)
}

/// `plain` sealed under the unlocked profile's key; `Locked` while locked.
pub fn seal_bytes(plain: &[u8]) -> Result<Vec<u8>, StorageError> {
    KEY.with(|k| k.borrow().as_ref().map(|cipher| seal(cipher, plain)))
        .ok_or(StorageError::Locked)
}

/// The plain bytes of what [`seal_bytes`] sealed.
pub fn open_bytes(sealed: &[u8]) -> Result<Vec<u8>, StorageError> {
    KEY.with(|k| k.borrow().as_ref().map(|cipher| open(cipher, sealed)))
        .ok_or(StorageError::Locked)?
        .ok_or_else(|| StorageError::Decode("sealed data does not open with this key".into()))
}

fn seal(cipher: &Aes256Gcm, plain: &[u8]) -> Vec<u8> {
    let nonce = random::bytes::<NONCE_LEN>();
    let mut out = nonce.to_vec();
    // Encryption into a Vec cannot fail for inputs under 64 GiB.
    out.extend(
        cipher
            .encrypt(Nonce::from_slice(&nonce), plain)
            .unwrap_or_default(),
    );
    out
}

fn open(cipher: &Aes256Gcm, sealed: &[u8]) -> Option<Vec<u8>> {
    if sealed.len() < NONCE_LEN {
        return None;
    }
    let (nonce, body) = sealed.split_at(NONCE_LEN);
    cipher.decrypt(Nonce::from_slice(nonce), body).ok()
}

/// Serde adapter: `#[serde(with = "crate::storage::sealed")]`.
/// The inner value goes to JSON through serde-wasm-bindgen and the
/// browser's `JSON` (the code paths the app has anyway; serde_json here
/// added about 8 KB gzipped to the wasm).
pub fn serialize<T: Serialize, S: Serializer>(value: &T, serializer: S) -> Result<S::Ok, S::Error> {
    let plain = value
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .ok()
        .and_then(|js| js_sys::JSON::stringify(&js).ok())
        .and_then(|text| text.as_string())
        .ok_or_else(|| S::Error::custom("not serialisable"))?
        .into_bytes();
    let sealed = KEY
        .with(|k| k.borrow().as_ref().map(|cipher| seal(cipher, &plain)))
        .ok_or_else(|| S::Error::custom("the app is locked"))?;
    serializer.serialize_bytes(&sealed)
}

pub fn deserialize<'de, T: DeserializeOwned, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<T, D::Error> {
    let sealed = serde_bytes::ByteBuf::deserialize(deserializer)?;
    let plain = KEY
        .with(|k| k.borrow().as_ref().map(|cipher| open(cipher, &sealed)))
        .ok_or_else(|| D::Error::custom("the app is locked"))?
        .ok_or_else(|| D::Error::custom("sealed data does not open with this key"))?;
    let text = std::str::from_utf8(&plain).map_err(D::Error::custom)?;
    let js = js_sys::JSON::parse(text).map_err(|_| D::Error::custom("sealed data is not JSON"))?;
    serde_wasm_bindgen::from_value(js).map_err(D::Error::custom)
}

/// Like [`deserialize`], but also reads a map stored plain (as it was
/// before a field was sealed); the next write seals it. Sealed bytes and a
/// plain map are told apart by what the stored value is, without buffering
/// it first (as serde's untagged enums would).
pub fn deserialize_or_plain<'de, T: DeserializeOwned, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<T, D::Error> {
    struct SealedOrMap<T>(std::marker::PhantomData<T>);
    impl<'de, T: DeserializeOwned> Visitor<'de> for SealedOrMap<T> {
        type Value = T;
        fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            f.write_str("sealed bytes or a plain map")
        }
        fn visit_bytes<E: serde::de::Error>(self, sealed: &[u8]) -> Result<T, E> {
            deserialize(BytesDeserializer::<E>::new(sealed))
        }
        fn visit_byte_buf<E: serde::de::Error>(self, sealed: Vec<u8>) -> Result<T, E> {
            self.visit_bytes(&sealed)
        }
        fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<T, A::Error> {
            T::deserialize(MapAccessDeserializer::new(map))
        }
    }
    deserializer.deserialize_any(SealedOrMap(std::marker::PhantomData))
}
