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
use crate::progress::{CategoryCount, RwTotal, Total};

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
    /// A resident's request about what is held on their household (UU
    /// 27/2022): to see it, correct it, or withdraw consent and erase it,
    /// proved by the household's receipt and the NIK of its head.
    DataRequest {
        request: crate::consent::RequestKind,
        /// The household's receipt code, as printed.
        household_receipt: String,
        /// The head of the family's NIK (checked on the server, never kept).
        nik: String,
        #[serde(default)]
        detail: String,
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
            KioskPayload::DataRequest { .. } => "data_request",
        }
    }

    /// RW and RT as the resident chose them (`None` for a data request:
    /// its household's receipt says where it is).
    pub fn place(&self) -> Option<(u16, u16)> {
        match self {
            KioskPayload::Report { rw, rt, .. } | KioskPayload::HouseholdUpdate { rw, rt, .. } => {
                Some((*rw, *rt))
            }
            KioskPayload::DataRequest { .. } => None,
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
            KioskPayload::DataRequest {
                request,
                household_receipt,
                nik,
                detail,
                contact,
            } => {
                if !is_receipt(&normalise_receipt(household_receipt)) {
                    Some(text(
                        "Kode tanda terima adalah 10 huruf dan angka pada kartu dari petugas.",
                        "The receipt code is the 10 letters and digits on the card from the volunteer.",
                    ))
                } else if Nik::parse(nik).is_err() {
                    Some(text(
                        "NIK kepala keluarga harus 16 angka sesuai KTP.",
                        "The head of the family's NIK is the 16 digits on the ID card.",
                    ))
                } else if *request == crate::consent::RequestKind::Correction
                    && detail.trim().chars().count() < 5
                {
                    Some(text(
                        "Tuliskan apa yang perlu diperbaiki.",
                        "Say what should be corrected.",
                    ))
                } else if too_long(detail) || contact.as_deref().is_some_and(too_long) {
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

/// A receipt code from 10 random bytes (each picks one of 32 characters,
/// so every character is equally likely).
pub fn receipt_from(random: [u8; RECEIPT_LEN]) -> String {
    let alphabet = RECEIPT_ALPHABET.as_bytes();
    random
        .iter()
        .map(|b| char::from(alphabet[usize::from(*b) % alphabet.len()]))
        .collect()
}

/// A receipt as shown and printed: two groups of five (`7K3QX-9M2PA`).
pub fn display_receipt(code: &str) -> String {
    if code.len() == RECEIPT_LEN {
        format!("{}-{}", &code[..5], &code[5..])
    } else {
        code.to_owned()
    }
}

/// A typed receipt code as the server keys it: no dashes or spaces, upper
/// case, and the look-alikes Crockford allows (O→0, I/L→1).
pub fn normalise_receipt(typed: &str) -> String {
    typed
        .chars()
        .filter(|c| !matches!(c, '-' | ' '))
        .map(|c| match c.to_ascii_uppercase() {
            'O' => '0',
            'I' | 'L' => '1',
            other => other,
        })
        .collect()
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

/// A kiosk submission in the coordinator's list (`GET /api/review/kiosk`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct KioskItem {
    pub receipt: String,
    /// `report` or `household_update`.
    pub kind: String,
    pub rw: u16,
    pub rt: u16,
    pub state: KioskState,
    pub received_ms: i64,
    /// A report's infrastructure category code.
    #[serde(default)]
    pub category: Option<String>,
}

/// One submission opened for a coordinator (`GET /api/review/kiosk/{receipt}`).
/// The NIK is masked (region only); the photo is fetched apart.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct KioskDetail {
    pub item: KioskItem,
    /// A report's description, or a request's "what should change".
    pub text: String,
    /// A request's reason.
    #[serde(default)]
    pub reason: Option<String>,
    #[serde(default)]
    pub contact: Option<String>,
    #[serde(default)]
    pub point: Option<GpsPoint>,
    pub has_photo: bool,
    #[serde(default)]
    pub nik_masked: Option<String>,
    /// Households of the kelurahan surveyed with that NIK (record ids).
    #[serde(default)]
    pub households: Vec<String>,
    #[serde(default)]
    pub decided_by: Option<String>,
    #[serde(default)]
    pub decided_ms: Option<i64>,
    #[serde(default)]
    pub note: Option<String>,
    /// The record accepting it made or returned.
    #[serde(default)]
    pub record_id: Option<String>,
}

/// `POST /api/review/kiosk/{receipt}/decision`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct KioskDecision {
    pub accept: bool,
    /// Why (required to decline; passed on to the volunteer on accept).
    #[serde(default)]
    pub note: String,
}

/// `GET /api/board`: the office screen's figures. Totals, RWs,
/// infrastructure by category and condition, kiosk submissions by state;
/// no RT detail, no names, no volunteers.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Board {
    pub kelurahan: String,
    pub name: String,
    pub total: Total,
    pub rws: Vec<RwTotal>,
    pub infrastructure: Vec<CategoryCount>,
    pub kiosk: KioskCounts,
}

/// Kiosk submissions of a kelurahan by state.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct KioskCounts {
    pub received: u32,
    pub accepted: u32,
    pub declined: u32,
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

    #[test]
    fn receipts_from_random_bytes_are_valid_and_read_back_as_typed() {
        for seed in [0u8, 31, 32, 255] {
            let code = receipt_from([seed; RECEIPT_LEN]);
            assert!(is_receipt(&code), "{code}");
        }
        let code = receipt_from([0, 1, 2, 3, 4, 5, 6, 7, 8, 31]);
        assert_eq!(code, "012345678Z");
        assert_eq!(display_receipt(&code), "01234-5678Z");
        assert_eq!(normalise_receipt(" o1234-5678z"), code);
        assert_eq!(normalise_receipt("OIL"), "011");
    }
}
