//! The calendar month an invoice run, a payroll or a report covers, written `2026-10`.

use chrono::{Datelike, NaiveDate};

/// A calendar month to invoice.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Period {
    pub year: i32,
    pub month: u32,
}

impl Period {
    /// Parses `2026-10`: four digits, a dash, two digits — the one spelling every form,
    /// flag and file uses.
    pub fn parse(text: &str) -> Result<Self, String> {
        let bad = || format!("{text:?} is not a month like 2026-10");
        let text = text.trim();
        let shaped = text.len() == 7
            && text.as_bytes()[4] == b'-'
            && text
                .bytes()
                .enumerate()
                .all(|(i, b)| i == 4 || b.is_ascii_digit());
        if !shaped {
            return Err(bad());
        }
        let (y, m) = text.split_once('-').ok_or_else(bad)?;
        let period = Period {
            year: y.parse().map_err(|_| bad())?,
            month: m.parse().map_err(|_| bad())?,
        };
        NaiveDate::from_ymd_opt(period.year, period.month, 1).ok_or_else(bad)?;
        crate::calendar::within_years(period.year).map_err(|e| e.0)?;
        Ok(period)
    }

    pub fn first_day(self) -> NaiveDate {
        NaiveDate::from_ymd_opt(self.year, self.month, 1).expect("checked when parsed")
    }

    /// The first day of the next month.
    pub fn end(self) -> NaiveDate {
        let (y, m) = if self.month == 12 {
            (self.year + 1, 1)
        } else {
            (self.year, self.month + 1)
        };
        NaiveDate::from_ymd_opt(y, m, 1).expect("a valid month")
    }

    /// The month `date` falls in.
    pub fn of(date: NaiveDate) -> Self {
        Self {
            year: date.year(),
            month: date.month(),
        }
    }

    /// The month `months` after this one (before, when negative).
    pub fn shifted(self, months: i32) -> Self {
        let index = self.year * 12 + self.month as i32 - 1 + months;
        Self {
            year: index.div_euclid(12),
            month: index.rem_euclid(12) as u32 + 1,
        }
    }

    pub fn label(self) -> String {
        format!("{:04}-{:02}", self.year, self.month)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_month_has_one_spelling_and_neighbours() {
        assert_eq!(
            Period::parse(" 2026-10 ").map(Period::label),
            Ok("2026-10".into())
        );
        for bad in ["2026-1", "2026-13", "26-10", "2026/10", "2026-1a"] {
            assert!(Period::parse(bad).is_err(), "{bad}");
        }
        let january = Period::parse("2027-01").unwrap();
        assert_eq!(january.shifted(-1).label(), "2026-12");
        assert_eq!(january.shifted(13).label(), "2028-02");
        let day = NaiveDate::from_ymd_opt(2026, 12, 4).unwrap();
        assert_eq!(Period::of(day).label(), "2026-12");
    }
}
