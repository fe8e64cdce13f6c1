//! What can be wrong with an answer, and how to say so in each language.

use serde::{Deserialize, Serialize};

use super::Lang;
use crate::identity::IdError;

/// Errors keep a record a draft; warnings are flagged on the completed record.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
}

/// One finding about one answer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Issue {
    /// The answer's path (`field` or `group/row/field`).
    pub path: String,
    pub severity: Severity,
    pub problem: Problem,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Problem {
    Required,
    WrongType,
    TooLong {
        max: usize,
    },
    NotANumber,
    NotInteger,
    OutOfRange {
        min: f64,
        max: f64,
    },
    BadDate,
    FutureDate,
    UnknownCode,
    ExclusiveCombined,
    Identity {
        error: IdError,
    },
    /// The field's own constraint does not hold; its message says why.
    Constraint {
        message: super::Text,
    },
    NikSexDiffers,
    NikBirthDateDiffers,
    NikRepeatedInHousehold,
    NikInOtherHousehold,
    KkIssuedInFuture,
    TooFewRows {
        min: u16,
    },
    ManyRows {
        usual_max: u16,
    },
    TooFewPhotos {
        min: u8,
    },
    TooManyPhotos {
        max: u8,
    },
    NoGps,
    /// A coordinator's comment on this answer, from a returned record.
    ReviewComment {
        text: String,
    },
}

impl Problem {
    /// The message shown next to the field.
    pub fn message(&self, lang: Lang) -> String {
        let id = lang == Lang::Id;
        let pick = |a: &str, b: &str| if id { a.to_owned() } else { b.to_owned() };
        match self {
            Problem::Required => pick("Wajib diisi.", "Required."),
            Problem::ReviewComment { text } => pick(
                &format!("Koordinator: {text}"),
                &format!("Coordinator: {text}"),
            ),
            Problem::WrongType => {
                pick("Jawaban tidak sesuai jenis isian.", "Wrong kind of answer.")
            }
            Problem::TooLong { max } => pick(
                &format!("Paling banyak {max} karakter."),
                &format!("At most {max} characters."),
            ),
            Problem::NotANumber => pick("Harus berupa angka.", "Must be a number."),
            Problem::NotInteger => pick("Harus bilangan bulat.", "Must be a whole number."),
            Problem::OutOfRange { min, max } => pick(
                &format!("Harus antara {min} dan {max}."),
                &format!("Must be between {min} and {max}."),
            ),
            Problem::BadDate => pick("Tanggal tidak valid.", "Not a valid date."),
            Problem::FutureDate => pick(
                "Tanggal tidak boleh setelah hari ini.",
                "The date cannot be after today.",
            ),
            Problem::UnknownCode => pick("Pilihan tidak dikenal.", "Unknown choice."),
            Problem::ExclusiveCombined => pick(
                "Pilihan ini tidak dapat digabung dengan pilihan lain.",
                "This choice cannot be combined with others.",
            ),
            Problem::Identity { error } => identity_message(*error, id),
            Problem::Constraint { message } => message.get(lang).to_owned(),
            Problem::NikSexDiffers => pick(
                "Jenis kelamin menurut NIK berbeda dengan yang diisi. Periksa kembali.",
                "The sex implied by the NIK differs from the one entered. Please check.",
            ),
            Problem::NikBirthDateDiffers => pick(
                "Tanggal lahir menurut NIK berbeda dengan yang diisi. Periksa kembali.",
                "The birth date implied by the NIK differs from the one entered. Please check.",
            ),
            Problem::NikRepeatedInHousehold => pick(
                "NIK ini sudah dipakai anggota lain di keluarga ini.",
                "This NIK is already used by another member of this family.",
            ),
            Problem::NikInOtherHousehold => pick(
                "NIK ini sudah tercatat di keluarga lain pada perangkat ini.",
                "This NIK is already recorded in another family on this device.",
            ),
            Problem::KkIssuedInFuture => pick(
                "Tanggal terbit menurut No. KK setelah hari ini. Periksa kembali.",
                "The issue date implied by the No. KK is after today. Please check.",
            ),
            Problem::TooFewRows { min } => pick(
                &format!("Isi paling sedikit {min} baris."),
                &format!("Add at least {min} row(s)."),
            ),
            Problem::ManyRows { usual_max } => pick(
                &format!("Lebih dari {usual_max} baris; pastikan benar."),
                &format!("More than {usual_max} rows; please make sure."),
            ),
            Problem::TooFewPhotos { min } => pick(
                &format!("Ambil paling sedikit {min} foto."),
                &format!("Take at least {min} photo(s)."),
            ),
            Problem::TooManyPhotos { max } => pick(
                &format!("Paling banyak {max} foto."),
                &format!("At most {max} photos."),
            ),
            Problem::NoGps => pick("Tanpa lokasi GPS.", "No GPS position."),
        }
    }
}

fn identity_message(error: IdError, id: bool) -> String {
    let (a, b) = match error {
        IdError::Length => ("Harus tepat 16 angka.", "Must be exactly 16 digits."),
        IdError::NotDigits => ("Hanya boleh berisi angka.", "Digits only."),
        IdError::Province => (
            "Dua angka pertama bukan kode provinsi.",
            "The first two digits are not a province code.",
        ),
        IdError::Month => (
            "Bulan (angka ke-9 dan 10) harus 01–12.",
            "The month (digits 9-10) must be 01-12.",
        ),
        IdError::Day => (
            "Tanggal (angka ke-7 dan 8) tidak ada pada bulan itu.",
            "The day (digits 7-8) does not exist in that month.",
        ),
        IdError::Serial => (
            "Nomor urut (4 angka terakhir) tidak boleh 0000.",
            "The serial (last 4 digits) cannot be 0000.",
        ),
    };
    if id { a } else { b }.to_owned()
}
