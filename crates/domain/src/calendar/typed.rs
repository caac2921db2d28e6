//! Dates and times as people type them into a text field in Denmark — `24/12`, `24.12.2026`,
//! `9.30` — for the forms where a browser shows no date or time picker. The ISO forms
//! (`2026-12-24`, `09:30`), which the pickers send, are read too.

use super::{ClockTime, parse_date};
use crate::Invalid;
use chrono::{Datelike, NaiveDate};

/// A date typed as `d/m`, `d.m`, `d/m/yyyy`, `d.m.yyyy` or `yyyy-mm-dd`. Without a year it
/// is the next such date from `today` (today included), as "24/12" means the coming
/// Christmas Eve.
pub fn typed_date(text: &str, today: NaiveDate) -> Result<NaiveDate, Invalid> {
    let text = text.trim();
    if text.contains('-') {
        return parse_date(text);
    }
    let bad = || {
        Invalid::new(format!(
            "'{text}' is not a date like 24/12, 24.12.2026 or 2026-12-24"
        ))
    };
    let parts: Vec<&str> = text.split(['/', '.']).collect();
    let number = |part: &str| -> Result<u32, Invalid> {
        if part.is_empty() || part.len() > 4 || !part.bytes().all(|b| b.is_ascii_digit()) {
            return Err(bad());
        }
        part.parse().map_err(|_| bad())
    };
    match parts[..] {
        [day, month] => {
            let (day, month) = (number(day)?, number(month)?);
            // The coming one: this year's if it is still ahead, else the next year that has it
            // (29 February waits for a leap year).
            (today.year()..=today.year() + 8)
                .filter_map(|year| NaiveDate::from_ymd_opt(year, month, day))
                .find(|date| *date >= today)
                .ok_or_else(bad)
        }
        [day, month, year] if year.len() == 4 => {
            let date = NaiveDate::from_ymd_opt(number(year)? as i32, number(month)?, number(day)?)
                .ok_or_else(bad)?;
            super::within_years(date.year())?;
            Ok(date)
        }
        _ => Err(bad()),
    }
}

/// A clock time typed as `hh`, `hh.mm` or `hh:mm` (`9`, `9.30`, `09:30`).
pub fn typed_time(text: &str) -> Result<ClockTime, Invalid> {
    let text = text.trim();
    let bad = || Invalid::new(format!("'{text}' is not a time like 9, 9.30 or 09:30"));
    let (hours, minutes) = match text.split_once([':', '.']) {
        Some((h, m)) if m.len() == 2 => (h, m),
        Some(_) => return Err(bad()),
        None => (text, "00"),
    };
    let digits = |part: &str| {
        !part.is_empty() && part.len() <= 2 && part.bytes().all(|b| b.is_ascii_digit())
    };
    if !digits(hours) || !digits(minutes) {
        return Err(bad());
    }
    let (hours, minutes): (u16, u16) = (
        hours.parse().map_err(|_| bad())?,
        minutes.parse().map_err(|_| bad())?,
    );
    if hours > 23 || minutes > 59 {
        return Err(bad());
    }
    ClockTime::from_minutes(hours * 60 + minutes).ok_or_else(bad)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn dates_are_read_as_danes_type_them() {
        let today = day(2026, 12, 4);
        for (typed, meant) in [
            ("24/12", day(2026, 12, 24)),
            ("24.12", day(2026, 12, 24)),
            ("4/12", day(2026, 12, 4)),
            ("3/12", day(2027, 12, 3)),
            ("1.1", day(2027, 1, 1)),
            ("24/12/2026", day(2026, 12, 24)),
            ("24.12.2026", day(2026, 12, 24)),
            (" 2026-12-24 ", day(2026, 12, 24)),
            ("29/2", day(2028, 2, 29)),
        ] {
            assert_eq!(typed_date(typed, today).unwrap(), meant, "{typed}");
        }
        for wrong in [
            "",
            "24",
            "32/12",
            "24/13",
            "24-12",
            "24/12/26",
            "1/2/3/4",
            "i morgen",
            "24/12/0000",
            "+24/12",
            "٢/١",
        ] {
            assert!(typed_date(wrong, today).is_err(), "{wrong}");
        }
    }

    #[test]
    fn times_are_read_as_danes_type_them() {
        for (typed, minutes) in [
            ("9", 540),
            ("09", 540),
            ("9.30", 570),
            ("09:30", 570),
            ("23:59", 1439),
            ("0", 0),
        ] {
            assert_eq!(typed_time(typed).unwrap().minutes(), minutes, "{typed}");
        }
        for wrong in [
            "", "24", "9.3", "9:300", "9,30", "-1", "12:60", "ni", "9.30.00",
        ] {
            assert!(typed_time(wrong).is_err(), "{wrong}");
        }
    }
}
