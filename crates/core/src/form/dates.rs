//! Calendar dates as forms store them (`YYYY-MM-DD`), through `time`.

use time::format_description::well_known::Iso8601;
use time::Date;

pub fn parse_date(text: &str) -> Option<Date> {
    Date::parse(text, &Iso8601::DATE).ok()
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
    }
}
