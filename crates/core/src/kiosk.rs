//! The kiosk at the kelurahan office (issue 6): what a resident submits,
//! how it is sealed to the server's public key before the tablet stores
//! it, the receipt that lets them ask about it later, and the public board.
//!
//! Sealing: the tablet makes an ephemeral P-256 key pair, derives the
//! shared secret with the server's public key (ECDH, the x coordinate),
//! stretches it with HKDF-SHA-256 (empty salt, info [`SEAL_INFO`]) into an
//! AES-256-GCM key and encrypts the JSON of a [`KioskPayload`] with a
//! random 12-byte IV and the receipt code as additional data. WebCrypto
//! does all of it; only the server's private key opens it.

use serde::{Deserialize, Serialize};

use crate::form::{GpsPoint, Text};
use crate::identity::Nik;

pub const SEAL_ALG: &str = "ECDH-P256+HKDF-SHA256+A256GCM";
pub const SEAL_INFO: &[u8] = b"rukun-kiosk-1";
/// Receipt codes: 10 characters of Crockford's base32 (no I, L, O, U).
pub const RECEIPT_ALPHABET: &str = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
pub const RECEIPT_LEN: usize = 10;
pub const MAX_TEXT: usize = 1000;
/// A photo inside a sealed payload, at most (bytes, before base64).
pub const MAX_PHOTO_BYTES: usize = 2 * 1024 * 1024;

/// `GET /api/kiosk/key`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct KioskKey {
    pub alg: String,
    pub key_id: String,
    /// The uncompressed SEC1 point (65 bytes), base64url without padding.
    pub public_key: String,
}

/// `POST /api/kiosk/submissions`: what the tablet queues and sends.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SealedSubmission {
    pub receipt: String,
    pub key_id: String,
    /// The tablet's ephemeral public key, uncompressed SEC1, base64url.
    pub epk: String,
    /// 12 bytes, base64url.
    pub iv: String,
    /// AES-GCM output (with its tag), base64url.
    pub ciphertext: String,
}

/// What a resident submitted (inside the seal).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum KioskPayload {
    /// An infrastructure problem.
    Report {
        /// Infrastructure category code.
        category: String,
        rw: u16,
        rt: u16,
        description: String,
        #[serde(default)]
        contact: Option<String>,
        #[serde(default)]
        point: Option<GpsPoint>,
        #[serde(default)]
        photo: Option<KioskPhoto>,
    },
    /// A request to correct a household's data.
    HouseholdUpdate {
        rw: u16,
        rt: u16,
        /// The resident's NIK (never shown again on the kiosk).
        nik: String,
        change: String,
        reason: String,
        #[serde(default)]
        contact: Option<String>,
    },
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct KioskPhoto {
    pub content_type: String,
    /// base64 (standard) of the bytes.
    pub data: String,
}

impl KioskPayload {
    pub fn kind(&self) -> &'static str {
        match self {
            KioskPayload::Report { .. } => "report",
            KioskPayload::HouseholdUpdate { .. } => "household_update",
        }
    }

    pub fn place(&self) -> (u16, u16) {
        match self {
            KioskPayload::Report { rw, rt, .. } | KioskPayload::HouseholdUpdate { rw, rt, .. } => {
                (*rw, *rt)
            }
        }
    }

    /// What is wrong with it, in friendly words; `known_category` tells
    /// whether a category code exists.
    pub fn problem(&self, known_category: impl Fn(&str) -> bool) -> Option<Text> {
        let text = Text::new;
        let too_long = |s: &str| s.chars().count() > MAX_TEXT;
        match self {
            KioskPayload::Report {
                category,
                description,
                contact,
                ..
            } => {
                if !known_category(category) {
                    Some(text(
                        "Pilih jenis masalah.",
                        "Choose what kind of problem it is.",
                    ))
                } else if description.trim().chars().count() < 5 {
                    Some(text(
                        "Ceritakan masalahnya dalam beberapa kata.",
                        "Describe the problem in a few words.",
                    ))
                } else if too_long(description) || contact.as_deref().is_some_and(too_long) {
                    Some(text(
                        "Tulisan terlalu panjang (paling banyak 1.000 huruf).",
                        "Too long (at most 1,000 characters).",
                    ))
                } else {
                    None
                }
            }
            KioskPayload::HouseholdUpdate {
                nik,
                change,
                reason,
                ..
            } => {
                if Nik::parse(nik).is_err() {
                    Some(text(
                        "NIK harus 16 angka sesuai KTP.",
                        "The NIK is the 16 digits on the ID card.",
                    ))
                } else if change.trim().chars().count() < 5 || reason.trim().is_empty() {
                    Some(text(
                        "Tuliskan apa yang perlu diubah dan alasannya.",
                        "Say what should change and why.",
                    ))
                } else if too_long(change) || too_long(reason) {
                    Some(text(
                        "Tulisan terlalu panjang (paling banyak 1.000 huruf).",
                        "Too long (at most 1,000 characters).",
                    ))
                } else {
                    None
                }
            }
        }
    }
}

/// Whether `code` is a receipt code (upper case, as shown on the receipt).
pub fn is_receipt(code: &str) -> bool {
    code.len() == RECEIPT_LEN && code.chars().all(|c| RECEIPT_ALPHABET.contains(c))
}

/// What became of a submission.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum KioskState {
    Received,
    Accepted,
    Declined,
}

impl KioskState {
    pub fn as_str(self) -> &'static str {
        match self {
            KioskState::Received => "received",
            KioskState::Accepted => "accepted",
            KioskState::Declined => "declined",
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        [
            KioskState::Received,
            KioskState::Accepted,
            KioskState::Declined,
        ]
        .into_iter()
        .find(|s| s.as_str() == text)
    }
}

/// `GET /api/receipts/{code}`: the state only, nothing personal.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReceiptStatus {
    pub receipt: String,
    pub kind: String,
    pub state: KioskState,
    pub received_ms: i64,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn report(description: &str) -> KioskPayload {
        KioskPayload::Report {
            category: "8".into(),
            rw: 1,
            rt: 1,
            description: description.into(),
            contact: None,
            point: None,
            photo: None,
        }
    }

    #[test]
    fn empty_or_absurd_submissions_get_a_friendly_reason() {
        let known = |c: &str| c == "8";
        assert!(report("Air setinggi lutut").problem(known).is_none());
        assert!(report("  ").problem(known).is_some());
        assert!(report(&"a".repeat(MAX_TEXT + 1)).problem(known).is_some());
        assert!(report("Air setinggi lutut").problem(|_| false).is_some());
        let update = |nik: &str| KioskPayload::HouseholdUpdate {
            rw: 1,
            rt: 1,
            nik: nik.into(),
            change: "Nama ibu salah eja".into(),
            reason: "Sesuai KK baru".into(),
            contact: None,
        };
        assert!(update("3576021505900001").problem(known).is_none());
        assert!(update("12345").problem(known).is_some());
    }

    #[test]
    fn receipts_are_ten_crockford_characters() {
        assert!(is_receipt("7K3QX9M2PA"));
        assert!(!is_receipt("7K3QX9M2P"));
        assert!(!is_receipt("7K3QX9M2PI"), "no I");
        assert!(!is_receipt("7k3qx9m2pa"), "upper case");
    }
}
