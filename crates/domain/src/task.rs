//! A task request from a company — what, where, when, for how many — and the lifecycle
//! it moves through from requested to invoiced.

use crate::calendar::{
    Recurrence, TIME_ZONE, format_instant, local_date, local_instant_or_later, near, parse_instant,
};
use crate::catalogue::{Skill, TaskType, parse_skills};
use crate::contact::required_text;
use crate::problem::Errors;
use crate::{FieldError, Invalid};
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use std::fmt;

/// What a task asks of a body, matched against a person's functional limits.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct PhysicalDemand {
    pub lift_kg: u16,
    pub standing: bool,
    pub outdoors: bool,
}

/// When a task starts: at a fixed time, or at any time in a window the planner chooses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TaskStart {
    Fixed(DateTime<Utc>),
    /// Start no earlier than `earliest` and no later than `latest`.
    Window {
        earliest: DateTime<Utc>,
        latest: DateTime<Utc>,
    },
}

impl TaskStart {
    pub fn earliest(self) -> DateTime<Utc> {
        match self {
            Self::Fixed(at) => at,
            Self::Window { earliest, .. } => earliest,
        }
    }

    pub fn latest(self) -> DateTime<Utc> {
        match self {
            Self::Fixed(at) => at,
            Self::Window { latest, .. } => latest,
        }
    }

    /// The same start moved to another Copenhagen date, keeping the local clock time
    /// across daylight-saving changes.
    pub fn on(self, date: NaiveDate) -> Self {
        let shift = |at: DateTime<Utc>| {
            let local = at.with_timezone(&TIME_ZONE).time();
            local_instant_or_later(date.and_time(local))
        };
        match self {
            Self::Fixed(at) => Self::Fixed(shift(at)),
            Self::Window { earliest, latest } => Self::Window {
                earliest: shift(earliest),
                latest: shift(latest),
            },
        }
    }
}

/// Of dates in order, the one to speak of: the first on or after `today`, else the last.
/// The week board's task page, a task's candidates and its usual week all choose so.
pub fn pick_date(
    dates: impl IntoIterator<Item = NaiveDate>,
    today: NaiveDate,
) -> Option<NaiveDate> {
    let mut last = None;
    for date in dates {
        if date >= today {
            return Some(date);
        }
        last = Some(date);
    }
    last
}

/// Where a task request is in its life.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum TaskStatus {
    Requested,
    Planned,
    Confirmed,
    Done,
    Approved,
    Invoiced,
    Cancelled,
    NoShow,
}

impl TaskStatus {
    pub const ALL: &'static [TaskStatus] = &[
        Self::Requested,
        Self::Planned,
        Self::Confirmed,
        Self::Done,
        Self::Approved,
        Self::Invoiced,
        Self::Cancelled,
        Self::NoShow,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Self::Requested => "requested",
            Self::Planned => "planned",
            Self::Confirmed => "confirmed",
            Self::Done => "done",
            Self::Approved => "approved",
            Self::Invoiced => "invoiced",
            Self::Cancelled => "cancelled",
            Self::NoShow => "no_show",
        }
    }

    pub fn parse(text: &str) -> Result<Self, Invalid> {
        Self::ALL
            .iter()
            .copied()
            .find(|s| s.code() == text.trim())
            .ok_or_else(|| {
                let codes: Vec<&str> = Self::ALL.iter().map(|s| s.code()).collect();
                Invalid::new(format!(
                    "'{}' is not a task status; known: {}",
                    text.trim(),
                    codes.join(", ")
                ))
            })
    }

    /// The statuses a task may move to from this one. Invoiced, cancelled and no-show are final;
    /// a planned or confirmed task may go back to requested when its plan is undone.
    pub fn next(self) -> &'static [TaskStatus] {
        use TaskStatus::*;
        match self {
            Requested => &[Planned, Cancelled],
            Planned => &[Confirmed, Requested, Cancelled, NoShow],
            Confirmed => &[Done, Requested, Cancelled, NoShow],
            Done => &[Approved],
            Approved => &[Invoiced],
            Invoiced | Cancelled | NoShow => &[],
        }
    }

    /// Checks a move, saying why it is not allowed.
    pub fn move_to(self, to: TaskStatus) -> Result<TaskStatus, Invalid> {
        if self.next().contains(&to) {
            Ok(to)
        } else {
            let allowed: Vec<&str> = self.next().iter().map(|s| s.code()).collect();
            Err(Invalid::new(format!(
                "a {} task cannot become {}; it can become: {}",
                self.code(),
                to.code(),
                if allowed.is_empty() {
                    "nothing (final)".to_string()
                } else {
                    allowed.join(", ")
                }
            )))
        }
    }

    /// Whether the task's content may still be edited: once work is confirmed it is history.
    pub fn editable(self) -> bool {
        matches!(self, Self::Requested | Self::Planned)
    }
}

impl fmt::Display for TaskStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// A task request as carried on the wire. Give either `fixed_start`, or both
/// `window_start` and `window_end` (the earliest and latest start).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(default)]
pub struct TaskDraft {
    #[cfg_attr(feature = "openapi", schema(example = 1))]
    pub company_id: Option<i64>,
    /// A site of that company.
    #[cfg_attr(feature = "openapi", schema(example = 1))]
    pub site_id: Option<i64>,
    #[cfg_attr(feature = "openapi", schema(example = "cleaning"))]
    pub task_type: String,
    #[cfg_attr(feature = "openapi", schema(example = "Rengøring af frokoststue"))]
    pub title: String,
    pub description: String,
    /// Heaviest load lifted during the task, in kg.
    #[cfg_attr(feature = "openapi", schema(example = 5))]
    pub lift_kg: Option<i64>,
    pub standing: bool,
    pub outdoors: bool,
    #[cfg_attr(feature = "openapi", schema(example = json!(["cleaning"])))]
    pub required_skills: Vec<String>,
    #[cfg_attr(feature = "openapi", schema(example = 1))]
    pub people_needed: Option<i64>,
    #[cfg_attr(feature = "openapi", schema(example = 120))]
    pub duration_minutes: Option<i64>,
    /// ISO 8601 with offset.
    #[cfg_attr(feature = "openapi", schema(example = "2026-12-01T09:00:00+01:00"))]
    pub fixed_start: Option<String>,
    /// Earliest start, ISO 8601 with offset.
    pub window_start: Option<String>,
    /// Latest start, ISO 8601 with offset, the same day as `window_start`.
    pub window_end: Option<String>,
    /// `weekly Mon,Wed until 2026-12-31`; the first date must be one of the weekdays.
    #[cfg_attr(
        feature = "openapi",
        schema(example = "weekly Tue,Thu until 2026-12-31")
    )]
    pub recurrence: Option<String>,
}

/// A company's request for people to do a task, once or every week.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TaskRequest {
    pub company_id: i64,
    pub site_id: i64,
    pub task_type: TaskType,
    pub title: String,
    pub description: String,
    pub demand: PhysicalDemand,
    pub required_skills: Vec<Skill>,
    pub people_needed: u8,
    pub duration_minutes: u16,
    pub start: TaskStart,
    pub recurrence: Option<Recurrence>,
}

impl TaskRequest {
    /// The occurrence to speak of when none is asked for: the first on or after
    /// `today`, else the last (a series all past shows its end).
    pub fn next_date(&self, today: NaiveDate) -> Option<NaiveDate> {
        pick_date(
            self.occurrences().iter().map(|s| local_date(s.earliest())),
            today,
        )
    }

    /// Refuses a request whose first start or last date lies outside
    /// [`crate::calendar::near`] of `today`, naming the field that says it.
    pub fn check_near(&self, today: NaiveDate) -> Result<(), Vec<FieldError>> {
        let mut e = Errors::new();
        let field = match self.start {
            TaskStart::Fixed(_) => "fixed_start",
            TaskStart::Window { .. } => "window_start",
        };
        e.check(field, near(local_date(self.start.earliest()), today));
        if let Some(rule) = &self.recurrence {
            e.check("recurrence", near(rule.until(), today));
        }
        e.finish(|| Some(()))
    }

    /// The starts of the occurrences whose earliest start falls in `[from, to)`, in order:
    /// a week's share of a recurring request.
    pub fn occurrences_between(
        &self,
        from: chrono::DateTime<chrono::Utc>,
        to: chrono::DateTime<chrono::Utc>,
    ) -> Vec<TaskStart> {
        self.occurrences()
            .into_iter()
            .filter(|s| s.earliest() >= from && s.earliest() < to)
            .collect()
    }

    /// The start of every occurrence, in order: one for a one-off task.
    pub fn occurrences(&self) -> Vec<TaskStart> {
        match &self.recurrence {
            None => vec![self.start],
            Some(rule) => rule
                .dates_from(local_date(self.start.earliest()))
                .into_iter()
                .map(|d| self.start.on(d))
                .collect(),
        }
    }

    /// Whether hours from `start` to `end` on the occurrence of `date` keep to its planned
    /// time: from [`PLAN_SLACK_MINUTES`] before the earliest start to as long after the
    /// latest end. No occurrence that day keeps to nothing.
    pub fn keeps_to_plan(&self, date: NaiveDate, start: DateTime<Utc>, end: DateTime<Utc>) -> bool {
        let slack = chrono::Duration::minutes(PLAN_SLACK_MINUTES);
        let duration = chrono::Duration::minutes(self.duration_minutes.into());
        self.occurrences()
            .into_iter()
            .find(|o| local_date(o.earliest()) == date)
            .is_some_and(|o| start >= o.earliest() - slack && end <= o.latest() + duration + slack)
    }

    /// Whether some occurrence may be under way between `from` and `to`: it may start
    /// before `to` and end after `from`.
    pub fn occurs_between(&self, from: Option<DateTime<Utc>>, to: Option<DateTime<Utc>>) -> bool {
        let duration = chrono::Duration::minutes(self.duration_minutes.into());
        self.occurrences().iter().any(|o| {
            to.is_none_or(|to| o.earliest() < to)
                && from.is_none_or(|from| o.latest() + duration > from)
        })
    }

    /// The earliest any occurrence may start and the latest any may end: the span a
    /// date-range search compares with.
    pub fn span(&self) -> (DateTime<Utc>, DateTime<Utc>) {
        let last = self.occurrences().last().copied().unwrap_or(self.start);
        (
            self.start.earliest(),
            last.latest() + chrono::Duration::minutes(self.duration_minutes.into()),
        )
    }
}

fn optional_instant(text: &Option<String>) -> Result<Option<DateTime<Utc>>, Invalid> {
    text.as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(parse_instant)
        .transpose()
}

fn required_id(id: Option<i64>) -> Result<i64, Invalid> {
    id.filter(|id| *id > 0)
        .ok_or_else(|| Invalid::new("is required"))
}

/// How early a worker may check in before the earliest start, and how late check out
/// after the latest end, with the hours still paid without a coordinator's look.
pub const PLAN_SLACK_MINUTES: i64 = 30;

/// The longest title a task request has, in characters.
pub const MAX_TITLE_CHARS: usize = 200;
/// The longest description, in characters.
pub const MAX_DESCRIPTION_CHARS: usize = 4000;
/// How many people one request may ask for.
pub const PEOPLE_NEEDED: std::ops::RangeInclusive<i64> = 1..=20;
/// How long one occurrence may last, in minutes.
pub const DURATION_MINUTES: std::ops::RangeInclusive<i64> = 15..=600;

impl TaskDraft {
    pub fn parse(&self) -> Result<TaskRequest, Vec<FieldError>> {
        let mut e = Errors::new();
        let company_id = e.check("company_id", required_id(self.company_id));
        let site_id = e.check("site_id", required_id(self.site_id));
        let task_type = e.check("task_type", TaskType::parse(&self.task_type));
        let title = e.check("title", required_text(&self.title, MAX_TITLE_CHARS));
        let description = e.check(
            "description",
            if self.description.chars().count() > MAX_DESCRIPTION_CHARS {
                Err(Invalid::new(format!(
                    "must be at most {MAX_DESCRIPTION_CHARS} characters"
                )))
            } else {
                crate::problem::plain_text(&self.description)
                    .map(|()| self.description.trim().to_string())
            },
        );
        let lift = e.check(
            "lift_kg",
            match self.lift_kg.unwrap_or(0) {
                kg @ 0..=100 => Ok(kg as u16),
                kg => Err(Invalid::new(format!("{kg} kg is not between 0 and 100"))),
            },
        );
        let skills = e.check("required_skills", parse_skills(&self.required_skills));
        let people = e.check(
            "people_needed",
            match self.people_needed.unwrap_or(1) {
                n if PEOPLE_NEEDED.contains(&n) => Ok(n as u8),
                n => Err(Invalid::new(format!(
                    "{n} is not between {} and {} people",
                    PEOPLE_NEEDED.start(),
                    PEOPLE_NEEDED.end()
                ))),
            },
        );
        let duration = e.check(
            "duration_minutes",
            match self.duration_minutes {
                None => Err(Invalid::new("is required")),
                Some(m) if DURATION_MINUTES.contains(&m) => Ok(m as u16),
                Some(m) => Err(Invalid::new(format!(
                    "{m} minutes is not between {} and {}",
                    DURATION_MINUTES.start(),
                    DURATION_MINUTES.end()
                ))),
            },
        );
        let start = self.parse_start(&mut e);
        let recurrence = e.check(
            "recurrence",
            self.recurrence
                .as_deref()
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(Recurrence::parse)
                .transpose(),
        );
        if let (Some(Some(rule)), Some(start)) = (&recurrence, start) {
            e.check("recurrence", rule.check_start(local_date(start.earliest())));
        }
        e.finish(|| {
            Some(TaskRequest {
                company_id: company_id?,
                site_id: site_id?,
                task_type: task_type?,
                title: title?,
                description: description?,
                demand: PhysicalDemand {
                    lift_kg: lift?,
                    standing: self.standing,
                    outdoors: self.outdoors,
                },
                required_skills: skills?,
                people_needed: people?,
                duration_minutes: duration?,
                start: start?,
                recurrence: recurrence?,
            })
        })
    }

    fn parse_start(&self, e: &mut Errors) -> Option<TaskStart> {
        let fixed = e.check("fixed_start", optional_instant(&self.fixed_start));
        let from = e.check("window_start", optional_instant(&self.window_start));
        let to = e.check("window_end", optional_instant(&self.window_end));
        match (fixed?, from?, to?) {
            (Some(at), None, None) => Some(TaskStart::Fixed(at)),
            (None, Some(earliest), Some(latest)) => {
                if latest < earliest {
                    e.push("window_end", "the latest start is before the earliest");
                    None
                } else if local_date(earliest) != local_date(latest) {
                    e.push("window_end", "a start window lies within one day");
                    None
                } else {
                    Some(TaskStart::Window { earliest, latest })
                }
            }
            (None, None, None) => {
                e.push(
                    "fixed_start",
                    "give fixed_start, or window_start and window_end",
                );
                None
            }
            (Some(_), _, _) => {
                e.push("fixed_start", "give fixed_start or a window, not both");
                None
            }
            (None, None, Some(_)) => {
                e.push("window_start", "is required with window_end");
                None
            }
            (None, Some(_), None) => {
                e.push("window_end", "is required with window_start");
                None
            }
        }
    }
}

impl From<&TaskRequest> for TaskDraft {
    fn from(t: &TaskRequest) -> Self {
        let (fixed, from, to) = match t.start {
            TaskStart::Fixed(at) => (Some(format_instant(at)), None, None),
            TaskStart::Window { earliest, latest } => (
                None,
                Some(format_instant(earliest)),
                Some(format_instant(latest)),
            ),
        };
        Self {
            company_id: Some(t.company_id),
            site_id: Some(t.site_id),
            task_type: t.task_type.code().into(),
            title: t.title.clone(),
            description: t.description.clone(),
            lift_kg: Some(t.demand.lift_kg.into()),
            standing: t.demand.standing,
            outdoors: t.demand.outdoors,
            required_skills: t
                .required_skills
                .iter()
                .map(|s| s.code().to_string())
                .collect(),
            people_needed: Some(t.people_needed.into()),
            duration_minutes: Some(t.duration_minutes.into()),
            fixed_start: fixed,
            window_start: from,
            window_end: to,
            recurrence: t.recurrence.as_ref().map(|r| r.to_string()),
        }
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_date_to_speak_of_is_the_next_else_the_last() {
        let d = |day: u32| NaiveDate::from_ymd_opt(2026, 12, day).unwrap();
        assert_eq!(pick_date([d(1), d(8), d(15)], d(2)), Some(d(8)));
        assert_eq!(pick_date([d(1), d(8), d(15)], d(8)), Some(d(8)));
        assert_eq!(pick_date([d(1), d(8), d(15)], d(20)), Some(d(15)));
        assert_eq!(pick_date([], d(20)), None);
    }

    use super::*;

    fn draft() -> TaskDraft {
        TaskDraft {
            company_id: Some(1),
            site_id: Some(2),
            task_type: "cleaning".into(),
            title: "Frokoststue".into(),
            duration_minutes: Some(90),
            window_start: Some("2026-10-20T08:00:00+02:00".into()),
            window_end: Some("2026-10-20T10:00:00+02:00".into()),
            recurrence: Some("weekly Tue,Thu until 2026-11-05".into()),
            ..Default::default()
        }
    }

    #[test]
    fn occurrences_keep_the_local_clock_across_daylight_saving() {
        let task = draft().parse().unwrap();
        let starts: Vec<String> = task
            .occurrences()
            .iter()
            .map(|s| format_instant(s.earliest()))
            .collect();
        assert_eq!(
            starts,
            [
                "2026-10-20T08:00:00+02:00",
                "2026-10-22T08:00:00+02:00",
                "2026-10-27T08:00:00+01:00",
                "2026-10-29T08:00:00+01:00",
                "2026-11-03T08:00:00+01:00",
                "2026-11-05T08:00:00+01:00",
            ]
        );
        assert_eq!(TaskDraft::from(&task).parse().unwrap(), task);
    }

    #[test]
    fn a_recurrence_must_start_on_one_of_its_days() {
        let bad = TaskDraft {
            recurrence: Some("weekly Mon until 2026-11-05".into()),
            ..draft()
        };
        let errors = bad.parse().unwrap_err();
        assert_eq!(errors.len(), 1);
        assert_eq!(errors[0].field, "recurrence");
    }

    #[test]
    fn lifecycle() {
        use TaskStatus::*;
        let mut status = Requested;
        for next in [Planned, Confirmed, Done, Approved, Invoiced] {
            status = status.move_to(next).unwrap();
        }
        assert!(Invoiced.move_to(Cancelled).is_err());
        assert!(Requested.move_to(Done).is_err());
        assert!(!Done.editable());
    }
}
