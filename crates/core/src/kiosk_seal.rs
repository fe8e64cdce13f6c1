//! Opening what a kiosk sealed to the server's key (the scheme is in
//! [`crate::kiosk`]; feature `kiosk-seal`, for the server and for the PWA's
//! test that its WebCrypto seal opens here): ECDH P-256, HKDF-SHA-256, AES-256-GCM with the
//! receipt as additional data.

use crate::kiosk::{KioskKey, SealedSubmission, SEAL_ALG, SEAL_INFO};
use aes_gcm::aead::{Aead, KeyInit, Payload};
use aes_gcm::{Aes256Gcm, Nonce};
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use hkdf::Hkdf;
use p256::elliptic_curve::sec1::ToEncodedPoint;
use p256::{PublicKey, SecretKey};
use sha2::{Digest, Sha256};

/// The server's current kiosk key.
#[derive(Clone)]
pub struct ServerKey {
    pub id: String,
    secret: SecretKey,
}

/// Why a sealed submission cannot be opened (all the client's doing).
#[derive(Debug, PartialEq)]
pub enum OpenError {
    UnknownKey,
    Malformed(&'static str),
    /// Wrong key, altered bytes or another receipt.
    Undecryptable,
}

/// The AES-256 key both sides derive from the ECDH shared secret.
pub fn derive_key(shared_x: &[u8]) -> [u8; 32] {
    let mut key = [0u8; 32];
    Hkdf::<Sha256>::new(Some(&[]), shared_x)
        .expand(SEAL_INFO, &mut key)
        .expect("32 bytes is a valid HKDF-SHA-256 length");
    key
}

impl ServerKey {
    /// The key from its stored 32-byte scalar.
    pub fn from_secret(bytes: &[u8]) -> Option<Self> {
        let secret = SecretKey::from_slice(bytes).ok()?;
        let public = secret.public_key().to_encoded_point(false);
        let id = Sha256::digest(public.as_bytes())[..8]
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect();
        Some(ServerKey { id, secret })
    }

    pub fn secret_bytes(&self) -> Vec<u8> {
        self.secret.to_bytes().to_vec()
    }

    pub fn public(&self) -> KioskKey {
        KioskKey {
            alg: SEAL_ALG.into(),
            key_id: self.id.clone(),
            public_key: URL_SAFE_NO_PAD
                .encode(self.secret.public_key().to_encoded_point(false).as_bytes()),
        }
    }

    /// The plaintext of a sealed submission.
    pub fn open(&self, sealed: &SealedSubmission) -> Result<Vec<u8>, OpenError> {
        if sealed.key_id != self.id {
            return Err(OpenError::UnknownKey);
        }
        let decode = |field: &'static str, text: &str| {
            URL_SAFE_NO_PAD
                .decode(text)
                .map_err(|_| OpenError::Malformed(field))
        };
        let epk = PublicKey::from_sec1_bytes(&decode("epk", &sealed.epk)?)
            .map_err(|_| OpenError::Malformed("epk"))?;
        let iv = decode("iv", &sealed.iv)?;
        if iv.len() != 12 {
            return Err(OpenError::Malformed("iv"));
        }
        let ciphertext = decode("ciphertext", &sealed.ciphertext)?;
        let shared = p256::ecdh::diffie_hellman(self.secret.to_nonzero_scalar(), epk.as_affine());
        let key = derive_key(shared.raw_secret_bytes());
        Aes256Gcm::new_from_slice(&key)
            .map_err(|_| OpenError::Undecryptable)?
            .decrypt(
                Nonce::from_slice(&iv),
                Payload {
                    msg: &ciphertext,
                    aad: sealed.receipt.as_bytes(),
                },
            )
            .map_err(|_| OpenError::Undecryptable)
    }
}
