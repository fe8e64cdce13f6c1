//! NIK: `PPKKCC` region of first registration, `DD` day of birth (+40 for
//! women), `MM`, `YY`, `SSSS` serial. No check digit exists.

use std::fmt;

use serde::{Deserialize, Serialize};

use super::digits::{date_matches, day_exists, split};
use super::IdError;

/// Sex as coded on the family card (jenis kelamin): 1 Laki-laki, 2 Perempuan.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Sex {
    Male,
    Female,
}

impl Sex {
    /// From the form's code ("1" or "2").
    pub fn from_code(code: &str) -> Option<Self> {
        match code {
            "1" => Some(Sex::Male),
            "2" => Some(Sex::Female),
            _ => None,
        }
    }
}

/// A number that passes every hard NIK rule.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Nik {
    digits: String,
    sex: Sex,
    day: u8,
    month: u8,
    year_2: u8,
}

impl Nik {
    pub fn parse(text: &str) -> Result<Self, IdError> {
        let parts = split(text)?;
        let (sex, day) = match parts.day {
            41..=71 => (Sex::Female, parts.day - 40),
            day => (Sex::Male, day),
        };
        if !day_exists(day, parts.month, parts.year_2) {
            return Err(IdError::Day);
        }
        Ok(Self {
            digits: parts.digits,
            sex,
            day,
            month: parts.month,
            year_2: parts.year_2,
        })
    }

    pub fn as_str(&self) -> &str {
        &self.digits
    }

    /// The sex implied by the day part.
    pub fn sex(&self) -> Sex {
        self.sex
    }

    /// Whether `date` has the day, month and two-digit year in the NIK.
    pub fn birth_date_matches(&self, date: time::Date) -> bool {
        date_matches(date, self.day, self.month, self.year_2)
    }
}

/// Shows only the region part: a NIK is protected data, and `Display` is
/// what ends up in logs and messages.
impl fmt::Display for Nik {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}**********", &self.digits[..6])
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    #[test]
    fn reads_sex_and_birth_date_of_men_and_women() {
        let man = Nik::parse("3576021505880001").unwrap();
        assert_eq!(man.sex(), Sex::Male);
        assert!(man.birth_date_matches(date!(1988 - 05 - 15)));
        assert!(!man.birth_date_matches(date!(1988 - 05 - 16)));

        let woman = Nik::parse("3576025505880002").unwrap();
        assert_eq!(woman.sex(), Sex::Female);
        assert!(woman.birth_date_matches(date!(1988 - 05 - 15)));
        // Day 71 is 31 for a woman; 40 is not a day at all.
        assert!(Nik::parse("3576017101900001").is_ok());
        assert_eq!(Nik::parse("3576014001900001"), Err(IdError::Day));
        assert_eq!(Nik::parse("3576017201900001"), Err(IdError::Day));
    }

    #[test]
    fn knows_29_february_only_in_leap_years() {
        assert!(Nik::parse("3576012902000001").is_ok()); // 2000
        assert!(Nik::parse("3576016902040001").is_ok()); // woman, 2004
        assert_eq!(Nik::parse("3576012902010001"), Err(IdError::Day));
        assert_eq!(Nik::parse("3576013002040001"), Err(IdError::Day));
        assert_eq!(Nik::parse("3576013104900001"), Err(IdError::Day));
    }

    #[test]
    fn refuses_bad_months_serials_provinces_and_shapes() {
        assert_eq!(Nik::parse("3576011513880001"), Err(IdError::Month));
        assert_eq!(Nik::parse("3576011500880001"), Err(IdError::Month));
        assert_eq!(Nik::parse("3576011505880000"), Err(IdError::Serial));
        assert_eq!(Nik::parse("9976011505880001"), Err(IdError::Province));
        assert_eq!(Nik::parse("2076011505880001"), Err(IdError::Province));
        assert_eq!(Nik::parse("357601150588001"), Err(IdError::Length));
        assert_eq!(Nik::parse("35760115058800011"), Err(IdError::Length));
        assert_eq!(Nik::parse("35760115O5880001"), Err(IdError::NotDigits));
        assert_eq!(Nik::parse("３５76011505880001"), Err(IdError::NotDigits));
        assert_eq!(Nik::parse(""), Err(IdError::Length));
    }

    #[test]
    fn ignores_spaces_between_groups() {
        let nik = Nik::parse("357602 150588 0001").unwrap();
        assert_eq!(nik.as_str(), "3576021505880001");
    }

    #[test]
    fn display_hides_all_but_the_region() {
        let nik = Nik::parse("3576021505880001").unwrap();
        assert_eq!(nik.to_string(), "357602**********");
        assert!(!format!("{nik}").contains("150588"));
    }
}
