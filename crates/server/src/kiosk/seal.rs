//! The server's half of kiosk sealing: a new key, and sealing as a kiosk
//! does for tests and tools (opening is `rukun_core::kiosk_seal`, shared
//! with the PWA's interoperability test).

use aes_gcm::aead::{Aead, KeyInit, Payload};
use aes_gcm::{Aes256Gcm, Nonce};
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use p256::elliptic_curve::sec1::ToEncodedPoint;
use p256::{PublicKey, SecretKey};
use rukun_core::kiosk::{KioskKey, SealedSubmission};
use rukun_core::kiosk_seal::derive_key;
pub use rukun_core::kiosk_seal::{OpenError, ServerKey};

/// A new random server key.
pub fn generate() -> ServerKey {
    ServerKey::from_secret(&SecretKey::random(&mut rand_core::OsRng).to_bytes())
        .expect("a fresh scalar is valid")
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
        let server = generate();
        let sealed = seal(&server.public(), "7K3QX9M2PA", b"{\"kind\":\"report\"}");
        assert_eq!(server.open(&sealed).unwrap(), b"{\"kind\":\"report\"}");
        let reopened = ServerKey::from_secret(&server.secret_bytes()).unwrap();
        assert_eq!(reopened.id, server.id);
        assert!(reopened.open(&sealed).is_ok());

        let other = generate();
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
