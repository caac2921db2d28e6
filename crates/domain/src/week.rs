//! An ISO week, `2026-W49`, and the engine's clock: minutes since its Monday 00:00 in
//! Copenhagen, mapped back to instants across daylight-saving changes.

use crate::Invalid;
use crate::calendar::{TIME_ZONE, local_instant_or_later};
use chrono::{DateTime, Datelike, Duration, NaiveDate, NaiveDateTime, Utc, Weekday};

/// The week a plan is for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Week {
    /// `2026-W49`
    pub label: String,
    pub monday: NaiveDate,
}

impl Week {
    /// Reads `YYYY-Www`.
    pub fn parse(text: &str) -> Result<Self, Invalid> {
        let bad = || Invalid::new(format!("'{text}' is not an ISO week like 2026-W49"));
        let (year, week) = text.trim().split_once("-W").ok_or_else(bad)?;
        if !year.bytes().all(|b| b.is_ascii_digit()) {
            return Err(bad());
        }
        let year: i32 = year.parse().map_err(|_| bad())?;
        crate::calendar::within_years(year)?;
        let week: u32 = week.parse().map_err(|_| bad())?;
        let monday = NaiveDate::from_isoywd_opt(year, week, Weekday::Mon).ok_or_else(bad)?;
        Ok(Self {
            label: format!("{year}-W{week:02}"),
            monday,
        })
    }

    /// The week a date falls in.
    pub fn of(date: NaiveDate) -> Self {
        let iso = date.iso_week();
        Self::parse(&format!("{}-W{:02}", iso.year(), iso.week())).unwrap_or(Self {
            label: String::new(),
            monday: date,
        })
    }

    fn midnight(&self) -> NaiveDateTime {
        self.monday.and_hms_opt(0, 0, 0).unwrap_or_default()
    }

    /// The first and the last instant of the week.
    pub fn bounds(&self) -> (DateTime<Utc>, DateTime<Utc>) {
        (self.instant(0), self.instant(7 * 24 * 60))
    }

    /// Minutes since Monday 00:00 by the Copenhagen clock.
    pub fn minutes(&self, at: DateTime<Utc>) -> i32 {
        (at.with_timezone(&TIME_ZONE).naive_local() - self.midnight()).num_minutes() as i32
    }

    /// The instant `minutes` after Monday 00:00 by the Copenhagen clock.
    pub fn instant(&self, minutes: i32) -> DateTime<Utc> {
        local_instant_or_later(self.midnight() + Duration::minutes(minutes.into()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn weeks_and_minutes() {
        let week = Week::parse("2026-W49").unwrap();
        assert_eq!(week.monday, NaiveDate::from_ymd_opt(2026, 11, 30).unwrap());
        let tuesday_nine = crate::calendar::parse_instant("2026-12-01T09:00:00+01:00").unwrap();
        assert_eq!(week.minutes(tuesday_nine), 24 * 60 + 9 * 60);
        assert_eq!(week.instant(24 * 60 + 9 * 60), tuesday_nine);
        assert!(Week::parse("2026-49").is_err());
        assert!(Week::parse("2026-W54").is_err());
        assert_eq!(
            Week::of(NaiveDate::from_ymd_opt(2026, 12, 2).unwrap()).label,
            "2026-W49"
        );
    }

    #[test]
    fn the_october_clock_change_keeps_local_minutes() {
        // Sunday 25 October 2026 the clocks go back; Monday 26 is a new week, so take W43.
        let week = Week::parse("2026-W43").unwrap();
        let sunday_noon = crate::calendar::parse_instant("2026-10-25T12:00:00+01:00").unwrap();
        assert_eq!(week.minutes(sunday_noon), 6 * 24 * 60 + 12 * 60);
        assert_eq!(week.instant(6 * 24 * 60 + 12 * 60), sunday_noon);
    }
}
