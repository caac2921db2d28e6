//! The days Danish workplaces are closed, so one-off demo tasks avoid them: a task on
//! Christmas Day would make the demo look wrong to everyone who uses it.

use chrono::{Datelike, Duration, NaiveDate};

/// Whether the agency's companies are closed on `date`: public holidays, plus Christmas Eve
/// and New Year's Eve and Constitution Day, which most workplaces take off.
pub(crate) fn is_closed(date: NaiveDate) -> bool {
    if matches!(
        (date.month(), date.day()),
        (1, 1) | (6, 5) | (12, 24) | (12, 25) | (12, 26) | (12, 31)
    ) {
        return true;
    }
    let Some(easter) = easter_sunday(date.year()) else {
        return false;
    };
    // Maundy Thursday, Good Friday, Easter Monday, Ascension Day, Whit Monday.
    [-3, -2, 1, 39, 50]
        .iter()
        .any(|offset| easter + Duration::days(*offset) == date)
}

/// Easter Sunday in the Gregorian calendar (the anonymous "Meeus/Jones/Butcher" algorithm).
fn easter_sunday(year: i32) -> Option<NaiveDate> {
    let a = year % 19;
    let b = year / 100;
    let c = year % 100;
    let d = b / 4;
    let e = b % 4;
    let f = (b + 8) / 25;
    let g = (b - f + 1) / 3;
    let h = (19 * a + b - d - g + 15) % 30;
    let i = c / 4;
    let k = c % 4;
    let l = (32 + 2 * e + 2 * i - h - k) % 7;
    let m = (a + 11 * h + 22 * l) / 451;
    let month = (h + l - 7 * m + 114) / 31;
    let day = (h + l - 7 * m + 114) % 31 + 1;
    NaiveDate::from_ymd_opt(year, u32::try_from(month).ok()?, u32::try_from(day).ok()?)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).expect("a real date")
    }

    #[test]
    fn known_easter_dates() {
        assert_eq!(easter_sunday(2025), Some(date(2025, 4, 20)));
        assert_eq!(easter_sunday(2026), Some(date(2026, 4, 5)));
        assert_eq!(easter_sunday(2027), Some(date(2027, 3, 28)));
    }

    #[test]
    fn danish_closing_days() {
        for closed in [
            date(2026, 4, 2),
            date(2026, 4, 3),
            date(2026, 4, 6),
            date(2026, 5, 14),
            date(2026, 5, 25),
            date(2026, 12, 25),
            date(2027, 1, 1),
        ] {
            assert!(is_closed(closed), "{closed}");
        }
        for open in [
            date(2026, 4, 7),
            date(2026, 12, 23),
            date(2026, 12, 28),
            date(2026, 5, 15),
        ] {
            assert!(!is_closed(open), "{open}");
        }
    }
}
