//! Opening what a kiosk sealed to the server's key (the scheme is in
//! `rukun_core::kiosk`): ECDH P-256, HKDF-SHA-256, AES-256-GCM with the
//! receipt as additional data.

use aes_gcm::aead::{Aead, KeyInit, Payload};
use aes_gcm::{Aes256Gcm, Nonce};
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use hkdf::Hkdf;
use p256::elliptic_curve::sec1::ToEncodedPoint;
use p256::{PublicKey, SecretKey};
use rukun_core::kiosk::{KioskKey, SealedSubmission, SEAL_ALG, SEAL_INFO};
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
fn derive_key(shared_x: &[u8]) -> [u8; 32] {
    let mut key = [0u8; 32];
    Hkdf::<Sha256>::new(Some(&[]), shared_x)
        .expand(SEAL_INFO, &mut key)
        .expect("32 bytes is a valid HKDF-SHA-256 length");
    key
}

impl ServerKey {
    /// A new random key.
    pub fn generate() -> Self {
        Self::from_secret(&SecretKey::random(&mut rand_core::OsRng).to_bytes())
            .expect("a fresh scalar is valid")
    }

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

/// Seals `plaintext` to `key` as a kiosk does (for tests and tools; the
/// PWA does the same with WebCrypto).
pub fn seal(key: &KioskKey, receipt: &str, plaintext: &[u8]) -> SealedSubmission {
    let server = URL_SAFE_NO_PAD
        .decode(&key.public_key)
        .ok()
        .and_then(|bytes| PublicKey::from_sec1_bytes(&bytes).ok())
        .expect("a valid public key");
    let ephemeral = p256::ecdh::EphemeralSecret::random(&mut rand_core::OsRng);
    let shared = ephemeral.diffie_hellman(&server);
    let aes_key = derive_key(shared.raw_secret_bytes());
    let mut iv = [0u8; 12];
    rand_core::RngCore::fill_bytes(&mut rand_core::OsRng, &mut iv);
    let ciphertext = Aes256Gcm::new_from_slice(&aes_key)
        .expect("a 32-byte key")
        .encrypt(
            Nonce::from_slice(&iv),
            Payload {
                msg: plaintext,
                aad: receipt.as_bytes(),
            },
        )
        .expect("encryption in memory does not fail");
    SealedSubmission {
        receipt: receipt.into(),
        key_id: key.key_id.clone(),
        epk: URL_SAFE_NO_PAD.encode(ephemeral.public_key().to_encoded_point(false).as_bytes()),
        iv: URL_SAFE_NO_PAD.encode(iv),
        ciphertext: URL_SAFE_NO_PAD.encode(ciphertext),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_server_key_opens_a_seal_and_only_under_its_receipt() {
        let server = ServerKey::generate();
        let sealed = seal(&server.public(), "7K3QX9M2PA", b"{\"kind\":\"report\"}");
        assert_eq!(server.open(&sealed).unwrap(), b"{\"kind\":\"report\"}");
        let reopened = ServerKey::from_secret(&server.secret_bytes()).unwrap();
        assert_eq!(reopened.id, server.id);
        assert!(reopened.open(&sealed).is_ok());

        let other = ServerKey::generate();
        let mut wrong_key = sealed.clone();
        wrong_key.key_id = other.id.clone();
        assert_eq!(other.open(&wrong_key), Err(OpenError::Undecryptable));
        let mut moved = sealed.clone();
        moved.receipt = "7K3QX9M2PB".into();
        assert_eq!(server.open(&moved), Err(OpenError::Undecryptable));
        let mut garbled = sealed;
        garbled.epk = "not a key".into();
        assert!(matches!(
            server.open(&garbled),
            Err(OpenError::Malformed(_))
        ));
    }
}
