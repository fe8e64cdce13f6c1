//! Indonesian identity numbers: the NIK of a person and the No. KK of a
//! family card (domain.md section 2). Parse, don't validate: a [`Nik`] or
//! [`NoKk`] exists only when the hard rules hold; what it implies (sex,
//! birth date, issue date) is then read from it for the soft checks.

mod digits;
mod kk;
mod nik;

pub use kk::NoKk;
pub use nik::{Nik, Sex};

/// Why a typed number is not a NIK or No. KK (a hard error: the record stays
/// a draft until it is fixed).
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, thiserror::Error, serde::Serialize, serde::Deserialize,
)]
#[serde(rename_all = "snake_case")]
pub enum IdError {
    #[error("must be exactly 16 digits")]
    Length,
    #[error("may contain digits only")]
    NotDigits,
    #[error("the first two digits are not a province code")]
    Province,
    #[error("the month part (digits 9-10) is not 01-12")]
    Month,
    #[error("the day part (digits 7-8) is not a day of that month")]
    Day,
    #[error("the serial (last four digits) may not be 0000")]
    Serial,
}
