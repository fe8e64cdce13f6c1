//! No. KK: `PPKKCC` issuing kecamatan, `DDMMYY` date of issue (no +40),
//! `SSSS` serial (domain.md marks the layout "verify").

use std::fmt;

use super::digits::{day_exists, split};
use super::IdError;

/// A number that passes every hard No. KK rule.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct NoKk {
    digits: String,
    day: u8,
    month: u8,
    year_2: u8,
}

impl NoKk {
    pub fn parse(text: &str) -> Result<Self, IdError> {
        let parts = split(text)?;
        if !day_exists(parts.day, parts.month, parts.year_2) {
            return Err(IdError::Day);
        }
        Ok(Self {
            digits: parts.digits,
            day: parts.day,
            month: parts.month,
            year_2: parts.year_2,
        })
    }

    pub fn as_str(&self) -> &str {
        &self.digits
    }

    /// Whether the issue date could be at or before `today`: a card from
    /// the future is a typing mistake worth a warning. The two-digit year is
    /// read in the century that puts it closest to, and not after, today.
    pub fn issued_by(&self, today: time::Date) -> bool {
        let century = today.year() - today.year().rem_euclid(100);
        let year = century + i32::from(self.year_2);
        let year = if year > today.year() {
            year - 100
        } else {
            year
        };
        let issued = time::Month::try_from(self.month)
            .ok()
            .and_then(|m| time::Date::from_calendar_date(year, m, self.day).ok());
        issued.is_some_and(|d| d <= today)
    }
}

impl fmt::Display for NoKk {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}**********", &self.digits[..6])
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    #[test]
    fn day_has_no_plus_40() {
        assert!(NoKk::parse("3576021203150004").is_ok());
        assert_eq!(NoKk::parse("3576025203150004"), Err(IdError::Day));
        assert_eq!(NoKk::parse("3576022902150004"), Err(IdError::Day));
        assert!(NoKk::parse("3576022902160004").is_ok());
        assert_eq!(NoKk::parse("3576021203150000"), Err(IdError::Serial));
        assert_eq!(NoKk::parse("3576021213150004"), Err(IdError::Month));
        assert_eq!(NoKk::parse("abc"), Err(IdError::NotDigits));
    }

    #[test]
    fn an_issue_date_after_today_is_noticed() {
        let today = date!(2026 - 11 - 28);
        assert!(NoKk::parse("3576022811260004").unwrap().issued_by(today));
        assert!(!NoKk::parse("3576022911260004").unwrap().issued_by(today));
        // "99" is 1999, not 2099.
        assert!(NoKk::parse("3576020101990004").unwrap().issued_by(today));
    }
}
