//! Time as the agency plans it: clock times on a weekday, weekly availability,
//! absences, weekly recurrence, weekly hours, and Copenhagen's local time.
//!
//! Instants are stored in UTC and shown in Europe/Copenhagen. The compact text
//! forms here (`Mon 09:00-13:00, Wed 10:00-12:00`) are the ones the API, CSV files
//! and database share, so each type's `Display` parses back to the same value. The
//! `typed` module reads dates and times as people type them in Danish forms (`24/12`,
//! `9.30`).

use crate::Invalid;
use chrono::{
    DateTime, Datelike, Duration, NaiveDate, NaiveDateTime, TimeZone, Timelike, Utc, Weekday,
};
use chrono_tz::Europe::Copenhagen;
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;
use std::fmt;

/// The time zone every date and time is shown in.
pub const TIME_ZONE: chrono_tz::Tz = Copenhagen;

/// The years any date or time kommune keeps may fall in: year 0 or 9999 is a typing
/// error, not a plan. Fields may narrow it further.
pub const YEARS: std::ops::RangeInclusive<i32> = 2000..=2100;

/// Refuses a year outside [`YEARS`].
pub fn within_years(year: i32) -> Result<(), Invalid> {
    if YEARS.contains(&year) {
        Ok(())
    } else {
        Err(Invalid::new(format!(
            "the year {year} is outside {}–{}",
            YEARS.start(),
            YEARS.end()
        )))
    }
}

/// How far from today a date a person plans with may lie, unless its field says
/// otherwise: five years back (history still being registered or corrected) and two
/// years ahead (the longest a request is planned in advance).
pub const NEAR_YEARS_BACK: i32 = 5;
/// See [`NEAR_YEARS_BACK`].
pub const NEAR_YEARS_AHEAD: i32 = 2;

/// The first and last date [`near`] accepts on `today`.
pub fn near_range(today: NaiveDate) -> (NaiveDate, NaiveDate) {
    let shift = |years: i32| {
        today
            .with_year(today.year() + years)
            // 29 February has no twin in most years: the day before does.
            .or_else(|| (today - Duration::days(1)).with_year(today.year() + years))
            .unwrap_or(today)
    };
    (shift(-NEAR_YEARS_BACK), shift(NEAR_YEARS_AHEAD))
}

/// Refuses a date more than [`NEAR_YEARS_BACK`] years before `today` or more than
/// [`NEAR_YEARS_AHEAD`] after it: a typing error, not a plan.
pub fn near(date: NaiveDate, today: NaiveDate) -> Result<(), Invalid> {
    let (first, last) = near_range(today);
    if (first..=last).contains(&date) {
        Ok(())
    } else {
        Err(Invalid::new(format!(
            "{date} is not between {first} and {last}"
        )))
    }
}

/// Parses an ISO 8601 instant with an offset (`2026-12-01T09:00:00+01:00`) into UTC, in
/// [`YEARS`].
pub fn parse_instant(text: &str) -> Result<DateTime<Utc>, Invalid> {
    let at = DateTime::parse_from_rfc3339(text.trim())
        .map(|t| t.with_timezone(&Utc))
        .map_err(|_| {
            Invalid::new(format!(
                "'{text}' is not a time like 2026-12-01T09:00:00+01:00"
            ))
        })?;
    within_years(at.year())?;
    Ok(at)
}

/// Shows an instant as ISO 8601 in Copenhagen time, with its offset.
pub fn format_instant(at: DateTime<Utc>) -> String {
    // The same text as the format string `%Y-%m-%dT%H:%M:%S%:z`, written without
    // interpreting one: every record an API list returns passes through here.
    at.with_timezone(&TIME_ZONE)
        .to_rfc3339_opts(chrono::SecondsFormat::Secs, false)
}

/// The instant a Copenhagen clock shows `local`: `None` for a clock time the spring
/// change skips (02:00–03:00 on the last Sunday of March), the first of the two when the
/// autumn change shows it twice. Forms use it, and refuse a time that does not exist.
pub fn local_instant(local: NaiveDateTime) -> Option<DateTime<Utc>> {
    TIME_ZONE
        .from_local_datetime(&local)
        .earliest()
        .map(|t| t.with_timezone(&Utc))
}

/// As [`local_instant`], but a clock time the spring change skips becomes the one an
/// hour later (02:30 → 03:30 summer time): what the planner and a weekly task's later
/// occurrences use, where every clock time must land somewhere.
pub fn local_instant_or_later(local: NaiveDateTime) -> DateTime<Utc> {
    local_instant(local)
        .or_else(|| local_instant(local + Duration::hours(1)))
        .unwrap_or_else(|| Utc.from_utc_datetime(&local))
}

/// An instant's clock time in Copenhagen, `09:00`: what the pages, the PDF and the
/// job-centre file show.
pub fn clock_time(at: DateTime<Utc>) -> String {
    at.with_timezone(&TIME_ZONE).format("%H:%M").to_string()
}

/// The Copenhagen calendar date an instant falls on.
pub fn local_date(at: DateTime<Utc>) -> NaiveDate {
    at.with_timezone(&TIME_ZONE).date_naive()
}

/// The minutes from `from` to `to` with a started minute counted whole: how long a route
/// keeps its driver, for the planner that blocks the time and for the wage that pays it.
/// Nothing (or a negative span) is 0.
pub fn started_minutes(from: DateTime<Utc>, to: DateTime<Utc>) -> i64 {
    let seconds = (to - from).num_seconds().max(0);
    (seconds + 59) / 60
}

/// Parses an ISO date, `2026-12-01`, in [`YEARS`].
pub fn parse_date(text: &str) -> Result<NaiveDate, Invalid> {
    let date = NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d")
        .map_err(|_| Invalid::new(format!("'{text}' is not a date like 2026-12-01")))?;
    within_years(date.year())?;
    Ok(date)
}

/// Parses a weekday written in English or Danish, full or three letters (`Mon`, `man`, `mandag`).
pub fn parse_weekday(text: &str) -> Result<Weekday, Invalid> {
    const NAMES: [(Weekday, [&str; 4]); 7] = [
        (Weekday::Mon, ["mon", "monday", "man", "mandag"]),
        (Weekday::Tue, ["tue", "tuesday", "tir", "tirsdag"]),
        (Weekday::Wed, ["wed", "wednesday", "ons", "onsdag"]),
        (Weekday::Thu, ["thu", "thursday", "tor", "torsdag"]),
        (Weekday::Fri, ["fri", "friday", "fre", "fredag"]),
        (Weekday::Sat, ["sat", "saturday", "lør", "lørdag"]),
        (Weekday::Sun, ["sun", "sunday", "søn", "søndag"]),
    ];
    let lower = text.trim().to_lowercase();
    NAMES
        .iter()
        .find(|(_, names)| names.contains(&lower.as_str()))
        .map(|(day, _)| *day)
        .ok_or_else(|| Invalid::new(format!("'{text}' is not a weekday like Mon or man")))
}

/// A clock time to the minute, `09:30`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct ClockTime(u16);

impl ClockTime {
    /// `09:30` or `9:30`, as chrono's `%H:%M` reads it, without interpreting a format
    /// string: every availability read back from the database passes through here.
    pub fn parse(text: &str) -> Result<Self, Invalid> {
        let number = |part: &str| {
            let part = part.trim_start();
            ((1..=2).contains(&part.len()) && part.bytes().all(|b| b.is_ascii_digit()))
                .then(|| part.parse::<u16>().ok())
                .flatten()
        };
        match text
            .trim()
            .split_once(':')
            .map(|(h, m)| (number(h), number(m)))
        {
            Some((Some(hour), Some(minute))) if hour < 24 && minute < 60 => {
                Ok(Self(hour * 60 + minute))
            }
            _ => Err(Invalid::new(format!("'{text}' is not a time like 09:30"))),
        }
    }

    pub fn from_minutes(minutes: u16) -> Option<Self> {
        (minutes < 24 * 60).then_some(Self(minutes))
    }

    /// Minutes after midnight.
    pub fn minutes(self) -> u16 {
        self.0
    }

    pub fn of(at: DateTime<Utc>) -> Self {
        let local = at.with_timezone(&TIME_ZONE);
        Self((local.hour() * 60 + local.minute()) as u16)
    }
}

impl TryFrom<String> for ClockTime {
    type Error = Invalid;
    fn try_from(s: String) -> Result<Self, Invalid> {
        Self::parse(&s)
    }
}
impl From<ClockTime> for String {
    fn from(t: ClockTime) -> String {
        t.to_string()
    }
}
impl fmt::Display for ClockTime {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:02}:{:02}", self.0 / 60, self.0 % 60)
    }
}

/// Part of a day, `09:00-13:00`: it ends after it starts; `24:00` may close the day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct TimeWindow {
    start: u16,
    end: u16,
}

impl TimeWindow {
    pub fn new(start_minutes: u16, end_minutes: u16) -> Result<Self, Invalid> {
        if end_minutes > 24 * 60 || start_minutes >= 24 * 60 {
            return Err(Invalid::new("a time window lies within one day"));
        }
        if end_minutes <= start_minutes {
            return Err(Invalid::new("a time window must end after it starts"));
        }
        Ok(Self {
            start: start_minutes,
            end: end_minutes,
        })
    }

    pub fn parse(text: &str) -> Result<Self, Invalid> {
        let (a, b) = text
            .split_once('-')
            .ok_or_else(|| Invalid::new(format!("'{text}' is not a window like 09:00-13:00")))?;
        let start = ClockTime::parse(a)?.minutes();
        let end = if b.trim() == "24:00" {
            24 * 60
        } else {
            ClockTime::parse(b)?.minutes()
        };
        Self::new(start, end).map_err(|e| Invalid::new(format!("'{}': {e}", text.trim())))
    }

    pub fn start_minutes(self) -> u16 {
        self.start
    }

    pub fn end_minutes(self) -> u16 {
        self.end
    }

    pub fn minutes(self) -> u16 {
        self.end - self.start
    }

    pub fn overlaps(self, other: TimeWindow) -> bool {
        self.start < other.end && other.start < self.end
    }

    /// Whether `[start, start + minutes)` lies inside this window.
    pub fn contains(self, start: u16, minutes: u16) -> bool {
        start >= self.start && start as u32 + minutes as u32 <= self.end as u32
    }
}

impl fmt::Display for TimeWindow {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{:02}:{:02}-{:02}:{:02}",
            self.start / 60,
            self.start % 60,
            self.end / 60,
            self.end % 60
        )
    }
}

fn weekday_name(day: Weekday) -> &'static str {
    match day {
        Weekday::Mon => "Mon",
        Weekday::Tue => "Tue",
        Weekday::Wed => "Wed",
        Weekday::Thu => "Thu",
        Weekday::Fri => "Fri",
        Weekday::Sat => "Sat",
        Weekday::Sun => "Sun",
    }
}

/// When a person can work in an ordinary week, `Mon 09:00-13:00, Wed 10:00-12:00`.
/// Windows on the same day never overlap; they are kept in weekday and time order.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct WeeklyAvailability(Vec<(Weekday, TimeWindow)>);

impl WeeklyAvailability {
    pub fn parse(text: &str) -> Result<Self, Invalid> {
        let mut slots = Vec::new();
        for part in text.split(',').map(str::trim).filter(|p| !p.is_empty()) {
            let (day, window) = part
                .split_once(' ')
                .ok_or_else(|| Invalid::new(format!("'{part}' is not like 'Mon 09:00-13:00'")))?;
            slots.push((parse_weekday(day)?, TimeWindow::parse(window)?));
        }
        Self::from_slots(slots)
    }

    pub fn from_slots(mut slots: Vec<(Weekday, TimeWindow)>) -> Result<Self, Invalid> {
        slots.sort_by_key(|(day, window)| (day.num_days_from_monday(), *window));
        for pair in slots.windows(2) {
            let ((d1, w1), (d2, w2)) = (pair[0], pair[1]);
            if d1 == d2 && w1.overlaps(w2) {
                return Err(Invalid::new(format!(
                    "{} {w1} overlaps {} {w2}",
                    weekday_name(d1),
                    weekday_name(d2)
                )));
            }
        }
        Ok(Self(slots))
    }

    pub fn slots(&self) -> &[(Weekday, TimeWindow)] {
        &self.0
    }

    /// The windows open on one weekday.
    pub fn on(&self, day: Weekday) -> impl Iterator<Item = TimeWindow> + '_ {
        self.0
            .iter()
            .filter(move |(d, _)| *d == day)
            .map(|(_, w)| *w)
    }

    /// Minutes available in an ordinary week.
    pub fn weekly_minutes(&self) -> u32 {
        self.0.iter().map(|(_, w)| w.minutes() as u32).sum()
    }
}

impl TryFrom<String> for WeeklyAvailability {
    type Error = Invalid;
    fn try_from(s: String) -> Result<Self, Invalid> {
        Self::parse(&s)
    }
}
impl From<WeeklyAvailability> for String {
    fn from(a: WeeklyAvailability) -> String {
        a.to_string()
    }
}
impl fmt::Display for WeeklyAvailability {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let parts: Vec<String> = self
            .0
            .iter()
            .map(|(d, w)| format!("{} {w}", weekday_name(*d)))
            .collect();
        f.write_str(&parts.join(", "))
    }
}

/// Why a person is away on given dates.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum AbsenceKind {
    Holiday,
    Sick,
    Other,
}

impl AbsenceKind {
    fn parse(text: &str) -> Result<Self, Invalid> {
        match text.trim().to_lowercase().as_str() {
            "holiday" | "ferie" => Ok(Self::Holiday),
            "sick" | "syg" => Ok(Self::Sick),
            "other" | "andet" => Ok(Self::Other),
            other => Err(Invalid::new(format!(
                "'{other}' is not an absence: use holiday, sick or other"
            ))),
        }
    }

    fn name(self) -> &'static str {
        match self {
            Self::Holiday => "holiday",
            Self::Sick => "sick",
            Self::Other => "other",
        }
    }
}

/// A dated exception to weekly availability: `2026-12-24..2026-12-31 holiday`, both days included.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Absence {
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub kind: AbsenceKind,
}

impl Absence {
    pub fn parse(text: &str) -> Result<Self, Invalid> {
        let text = text.trim();
        let (dates, kind) = text.rsplit_once(' ').ok_or_else(|| {
            Invalid::new(format!(
                "'{text}' is not like '2026-12-24..2026-12-31 holiday'"
            ))
        })?;
        let (from, to) = match dates.split_once("..") {
            Some((a, b)) => (parse_date(a)?, parse_date(b)?),
            None => (parse_date(dates)?, parse_date(dates)?),
        };
        if to < from {
            return Err(Invalid::new(format!("'{text}' ends before it starts")));
        }
        Ok(Self {
            from,
            to,
            kind: AbsenceKind::parse(kind)?,
        })
    }

    pub fn covers(&self, date: NaiveDate) -> bool {
        self.from <= date && date <= self.to
    }
}

impl fmt::Display for Absence {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.from == self.to {
            write!(f, "{} {}", self.from, self.kind.name())
        } else {
            write!(f, "{}..{} {}", self.from, self.to, self.kind.name())
        }
    }
}

/// A person's absences, `2026-12-24..2026-12-31 holiday, 2026-12-02 sick`, in date order.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Absences(Vec<Absence>);

/// The most absences one person's record lists at once; older ones can go.
pub const MAX_ABSENCES: usize = 100;

impl Absences {
    pub fn parse(text: &str) -> Result<Self, Invalid> {
        let count = text.split(',').filter(|p| !p.trim().is_empty()).count();
        if count > MAX_ABSENCES {
            return Err(Invalid::new(format!(
                "{count} absences are more than the {MAX_ABSENCES} a person's record lists"
            )));
        }
        let mut list = text
            .split(',')
            .map(str::trim)
            .filter(|p| !p.is_empty())
            .map(Absence::parse)
            .collect::<Result<Vec<_>, _>>()?;
        list.sort_by_key(|a| (a.from, a.to));
        Ok(Self(list))
    }

    pub fn list(&self) -> &[Absence] {
        &self.0
    }

    /// The absence that keeps a person away on `date`, if any.
    pub fn on(&self, date: NaiveDate) -> Option<&Absence> {
        self.0.iter().find(|a| a.covers(date))
    }
}

impl TryFrom<String> for Absences {
    type Error = Invalid;
    fn try_from(s: String) -> Result<Self, Invalid> {
        Self::parse(&s)
    }
}
impl From<Absences> for String {
    fn from(a: Absences) -> String {
        a.to_string()
    }
}
impl fmt::Display for Absences {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let parts: Vec<String> = self.0.iter().map(Absence::to_string).collect();
        f.write_str(&parts.join(", "))
    }
}

/// A task that repeats every week on given weekdays until a last date:
/// `weekly Mon,Wed until 2026-12-31`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Recurrence {
    weekdays: BTreeSet<u8>,
    until: NaiveDate,
}

impl Recurrence {
    /// A recurrence may run at most this long, so one request never floods the plan.
    pub const MAX_SPAN_DAYS: i64 = 366;

    pub fn parse(text: &str) -> Result<Self, Invalid> {
        let bad = || {
            Invalid::new(format!(
                "'{text}' is not like 'weekly Mon,Wed until 2026-12-31'"
            ))
        };
        let rest = text.trim().strip_prefix("weekly ").ok_or_else(bad)?;
        let (days, until) = rest.split_once(" until ").ok_or_else(bad)?;
        let weekdays = days
            .split(',')
            .map(|d| parse_weekday(d).map(|w| w.num_days_from_monday() as u8))
            .collect::<Result<BTreeSet<u8>, _>>()?;
        Ok(Self {
            weekdays,
            until: parse_date(until)?,
        })
    }

    pub fn new(
        weekdays: impl IntoIterator<Item = Weekday>,
        until: NaiveDate,
    ) -> Result<Self, Invalid> {
        let weekdays: BTreeSet<u8> = weekdays
            .into_iter()
            .map(|w| w.num_days_from_monday() as u8)
            .collect();
        if weekdays.is_empty() {
            return Err(Invalid::new(
                "a weekly recurrence needs at least one weekday",
            ));
        }
        Ok(Self { weekdays, until })
    }

    pub fn until(&self) -> NaiveDate {
        self.until
    }

    pub fn includes(&self, day: Weekday) -> bool {
        self.weekdays.contains(&(day.num_days_from_monday() as u8))
    }

    /// Checks that a series starting on `first` is sensible: it starts on one of its
    /// weekdays, and ends on or after that day, within a year.
    pub fn check_start(&self, first: NaiveDate) -> Result<(), Invalid> {
        if !self.includes(first.weekday()) {
            return Err(Invalid::new(format!(
                "the first date {first} is a {}, not one of the recurrence's weekdays",
                weekday_name(first.weekday())
            )));
        }
        if self.until < first {
            return Err(Invalid::new(format!(
                "it ends ({}) before the first date ({first})",
                self.until
            )));
        }
        if (self.until - first).num_days() > Self::MAX_SPAN_DAYS {
            return Err(Invalid::new("a recurrence may run for at most a year"));
        }
        Ok(())
    }

    /// Every date of the series that begins on `first`, in order.
    pub fn dates_from(&self, first: NaiveDate) -> Vec<NaiveDate> {
        let mut dates = Vec::new();
        let mut day = first;
        while day <= self.until {
            if self.includes(day.weekday()) {
                dates.push(day);
            }
            day += Duration::days(1);
        }
        dates
    }
}

impl TryFrom<String> for Recurrence {
    type Error = Invalid;
    fn try_from(s: String) -> Result<Self, Invalid> {
        Self::parse(&s)
    }
}
impl From<Recurrence> for String {
    fn from(r: Recurrence) -> String {
        r.to_string()
    }
}
impl fmt::Display for Recurrence {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let days: Vec<&str> = self
            .weekdays
            .iter()
            .filter_map(|d| Weekday::try_from(*d).ok())
            .map(weekday_name)
            .collect();
        write!(f, "weekly {} until {}", days.join(","), self.until)
    }
}

/// Hours in a week, in quarter hours: a weekly target or a hard weekly cap.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize, Deserialize,
)]
#[serde(transparent)]
pub struct WeeklyHours(u32);

impl WeeklyHours {
    /// The most any person in the agency may be planned for: a full-time week.
    pub const MAX_MINUTES: u32 = 37 * 60;

    pub fn from_hours(hours: f64) -> Result<Self, Invalid> {
        let quarters = hours * 4.0;
        if !hours.is_finite() || hours < 0.0 {
            return Err(Invalid::new(format!("{hours} is not a number of hours")));
        }
        // Checked before converting, so no size of input can overflow the conversion.
        if hours > Self::MAX_MINUTES as f64 / 60.0 {
            return Err(Invalid::new(format!(
                "{hours} hours is more than a full-time week (37 hours)"
            )));
        }
        if (quarters - quarters.round()).abs() > 1e-9 {
            return Err(Invalid::new(format!(
                "{hours} hours is not in quarter hours (like 7.25 or 7.5)"
            )));
        }
        let minutes = quarters.round() as u32 * 15;
        Ok(Self(minutes))
    }

    pub fn from_minutes(minutes: u32) -> Result<Self, Invalid> {
        if !minutes.is_multiple_of(15) || minutes > Self::MAX_MINUTES {
            return Err(Invalid::new(format!(
                "{minutes} minutes is not a weekly amount in quarter hours up to 37 hours"
            )));
        }
        Ok(Self(minutes))
    }

    pub fn minutes(self) -> u32 {
        self.0
    }

    pub fn hours(self) -> f64 {
        self.0 as f64 / 60.0
    }
}

mod typed;
pub use typed::{typed_date, typed_time};

#[cfg(test)]
mod tests;
