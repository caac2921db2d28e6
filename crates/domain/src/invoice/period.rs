//! The calendar month an invoice run, a payroll or a report covers, written `2026-10`.

use chrono::NaiveDate;

/// A calendar month to invoice.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Period {
    pub year: i32,
    pub month: u32,
}

impl Period {
    /// Parses `2026-10`.
    pub fn parse(text: &str) -> Result<Self, String> {
        let bad = || format!("{text:?} is not a month like 2026-10");
        let (y, m) = text.trim().split_once('-').ok_or_else(bad)?;
        let period = Period {
            year: y.parse().map_err(|_| bad())?,
            month: m.parse().map_err(|_| bad())?,
        };
        NaiveDate::from_ymd_opt(period.year, period.month, 1).ok_or_else(bad)?;
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

    pub fn label(self) -> String {
        format!("{:04}-{:02}", self.year, self.month)
    }
}
