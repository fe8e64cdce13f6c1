//! Calendar dates as forms store them (`YYYY-MM-DD`), through `time`.

use time::{Date, Month};

/// `YYYY-MM-DD` (what `<input type=date>` gives) to a date that exists.
/// Split by hand rather than with `time`'s format parser, which would add
/// its whole ISO 8601 machinery to the wasm for this one shape.
pub fn parse_date(text: &str) -> Option<Date> {
    let mut parts = text.split('-');
    let (year, month, day) = (parts.next()?, parts.next()?, parts.next()?);
    let digits = |s: &str, len: usize| s.len() == len && s.bytes().all(|b| b.is_ascii_digit());
    if parts.next().is_some() || !digits(year, 4) || !digits(month, 2) || !digits(day, 2) {
        return None;
    }
    let month = Month::try_from(month.parse::<u8>().ok()?).ok()?;
    Date::from_calendar_date(year.parse().ok()?, month, day.parse().ok()?).ok()
}

/// Whole years from `birth` to `on`, or `None` when `on` is before `birth`.
pub fn age_on(birth: Date, on: Date) -> Option<u16> {
    if on < birth {
        return None;
    }
    let mut years = on.year() - birth.year();
    if (on.month() as u8, on.day()) < (birth.month() as u8, birth.day()) {
        years -= 1;
    }
    u16::try_from(years).ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    #[test]
    fn ages_count_whole_years() {
        let birth = date!(2016 - 11 - 29);
        assert_eq!(age_on(birth, date!(2026 - 11 - 28)), Some(9));
        assert_eq!(age_on(birth, date!(2026 - 11 - 29)), Some(10));
        assert_eq!(age_on(birth, date!(2016 - 11 - 28)), None);
        assert_eq!(
            age_on(date!(2000 - 02 - 29), date!(2001 - 02 - 28)),
            Some(0)
        );
    }

    #[test]
    fn parses_iso_dates_only() {
        assert_eq!(parse_date("2024-02-29"), Some(date!(2024 - 02 - 29)));
        assert_eq!(parse_date("2023-02-29"), None);
        assert_eq!(parse_date("29/02/2024"), None);
        assert_eq!(parse_date("2024-2-09"), None);
        assert_eq!(parse_date("2024-13-01"), None);
        assert_eq!(parse_date("2024-01-01-01"), None);
        assert_eq!(parse_date(""), None);
    }
}
