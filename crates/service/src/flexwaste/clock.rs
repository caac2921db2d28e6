//! The day's clock: the routing engine counts seconds since local midnight as elapsed
//! time, so travel on a clock-change day is measured right; this maps them to instants
//! and to the local clock and back.

use crate::agency::Week;
use chrono::{DateTime, Duration, NaiveDate, Utc};
use domain::calendar::{TimeWindow, format_instant, local_date};
use routing::problem::Window;

/// The day's clock: seconds since local midnight, elapsed, and back to instants.
#[derive(Debug, Clone)]
pub struct DayClock {
    pub day: NaiveDate,
    week: Week,
    /// The day's midnight in minutes since its week's Monday.
    midnight_minute: i32,
    midnight: DateTime<Utc>,
}

impl DayClock {
    pub fn new(day: NaiveDate) -> Self {
        let week = Week::of(day);
        let midnight_minute = (day - week.monday).num_days() as i32 * 24 * 60;
        Self {
            day,
            midnight: week.instant(midnight_minute),
            week,
            midnight_minute,
        }
    }

    /// Seconds from midnight until the local clock shows `minutes` past midnight; on a
    /// clock-change day 09:00 is an hour more or less than 9 × 3600 seconds in.
    pub fn seconds(&self, minutes: u16) -> i64 {
        self.seconds_of(self.week.instant(self.midnight_minute + i32::from(minutes)))
    }

    /// The instant `seconds` after midnight.
    pub fn instant(&self, seconds: i64) -> DateTime<Utc> {
        self.midnight + Duration::seconds(seconds)
    }

    pub fn seconds_of(&self, at: DateTime<Utc>) -> i64 {
        (at - self.midnight).num_seconds()
    }

    /// `HH:MM` by the local clock, `seconds` after midnight.
    pub fn clock_time(&self, seconds: i64) -> String {
        let at = self.instant(seconds);
        let text = format_instant(at);
        let time = text.get(11..16).unwrap_or(&text);
        match (local_date(at) - self.day).num_days() {
            0 => time.to_string(),
            1 => format!("{time} the next day"),
            days => format!("{time} {days} days later"),
        }
    }

    /// A local window as instants.
    pub fn instants(&self, w: TimeWindow) -> (DateTime<Utc>, DateTime<Utc>) {
        (
            self.instant(self.seconds(w.start_minutes())),
            self.instant(self.seconds(w.end_minutes())),
        )
    }

    /// A local window as an engine window in which service of `service` seconds must
    /// start, so that it is over before the window closes.
    pub(super) fn window(&self, w: TimeWindow, service: i64) -> Window {
        let open = self.seconds(w.start_minutes());
        Window::new(open, (self.seconds(w.end_minutes()) - service).max(open))
    }
}
