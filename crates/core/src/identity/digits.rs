//! The layout both numbers share: `PPKKCC DDMMYY SSSS`.

use super::IdError;

/// Kemendagri province codes (38 provinces, including the Papua provinces
/// created in 2022).
const PROVINCES: [u8; 38] = [
    11, 12, 13, 14, 15, 16, 17, 18, 19, 21, 31, 32, 33, 34, 35, 36, 51, 52, 53, 61, 62, 63, 64, 65,
    71, 72, 73, 74, 75, 76, 81, 82, 91, 92, 93, 94, 95, 96,
];

/// A 16-digit number split into its parts, before the date part is read.
pub(super) struct Parts {
    pub digits: String,
    pub day: u8,
    pub month: u8,
    pub year_2: u8,
}

/// Checks length, digits, province, month and serial; spaces typed between
/// digit groups are ignored. The day is left to the caller (a NIK adds 40
/// for women).
pub(super) fn split(text: &str) -> Result<Parts, IdError> {
    let digits: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    if digits.chars().any(|c| !c.is_ascii_digit()) {
        return Err(IdError::NotDigits);
    }
    if digits.len() != 16 {
        return Err(IdError::Length);
    }
    let number = |from: usize| {
        digits[from..from + 2]
            .parse::<u8>()
            .expect("two ASCII digits")
    };
    if !PROVINCES.contains(&number(0)) {
        return Err(IdError::Province);
    }
    let (day, month, year_2) = (number(6), number(8), number(10));
    if !(1..=12).contains(&month) {
        return Err(IdError::Month);
    }
    if &digits[12..] == "0000" {
        return Err(IdError::Serial);
    }
    Ok(Parts {
        digits,
        day,
        month,
        year_2,
    })
}

/// Whether `day` exists in `month` of a year ending in `year_2`. Both
/// centuries agree on leap years for two-digit years (2000 was a leap year),
/// so 29 February is valid exactly when `year_2` is a multiple of 4.
pub(super) fn day_exists(day: u8, month: u8, year_2: u8) -> bool {
    let Ok(month) = time::Month::try_from(month) else {
        return false;
    };
    let year = 2000 + i32::from(year_2);
    day >= 1 && day <= time::util::days_in_month(month, year)
}

/// Whether a full date has the given day, month and two-digit year.
pub(super) fn date_matches(date: time::Date, day: u8, month: u8, year_2: u8) -> bool {
    date.day() == day
        && u8::from(date.month()) == month
        && date.year().rem_euclid(100) as u8 == year_2
}
