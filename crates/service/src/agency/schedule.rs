//! The week by person: each person's days with their availability, absences and planned
//! work, their hours against target and cap, and the occurrences nobody has in a row of
//! their own — what a coordinator reads to see who is free and who is overbooked.

use super::Week;
use super::attendance::Attendance;
use super::board::{self, WeekBoard};
use crate::Result;
use chrono::{DateTime, Datelike, Duration, NaiveDate, Utc};
use domain::actor::Actor;
use domain::calendar::{AbsenceKind, TimeWindow, local_date};
use domain::catalogue::Skill;
use domain::person::{Person, PersonStatus};
use domain::task::{TaskStart, TaskStatus};
use staffing::why::Unstaffed;
use store::Stored;
use store::tasks::TaskRecord;

/// Which part of the week to show; the default shows everyone active and everything open.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ScheduleFilter {
    /// Only the occurrences nobody has.
    pub unstaffed_only: bool,
    /// Only one company's work, and the people doing it.
    pub company: Option<i64>,
    /// Only people with this skill, and open work that asks for it.
    pub skill: Option<Skill>,
    /// Only this person.
    pub person: Option<i64>,
}

/// The week by person.
#[derive(Debug)]
pub struct Schedule {
    pub board: WeekBoard,
    pub people: Vec<PersonWeek>,
    /// Occurrences nobody has, by day (Monday first).
    pub open: [Vec<OpenWork>; 7],
    /// The companies with work in the week, by name: what the company filter offers.
    pub companies: Vec<(i64, String)>,
}

/// One person's week.
#[derive(Debug)]
pub struct PersonWeek {
    pub id: i64,
    pub name: String,
    pub target_minutes: u32,
    pub cap_minutes: u32,
    pub planned_minutes: u32,
    /// Monday to Sunday.
    pub days: [PersonDay; 7],
}

impl PersonWeek {
    /// More planned than the cap allows: the plan must not do it, but records made by
    /// hand or a changed cap can.
    pub fn over_cap(&self) -> bool {
        self.planned_minutes > self.cap_minutes
    }
}

/// One person's day.
#[derive(Debug, Default)]
pub struct PersonDay {
    pub date: NaiveDate,
    /// When they can work on this weekday.
    pub available: Vec<TimeWindow>,
    /// Why they are away, when they are.
    pub absent: Option<AbsenceKind>,
    pub work: Vec<Block>,
}

/// One planned piece of work.
#[derive(Debug)]
pub struct Block {
    pub task_id: i64,
    pub title: String,
    pub company: String,
    pub start: DateTime<Utc>,
    pub end: DateTime<Utc>,
    pub attendance: Option<Attendance>,
}

/// An occurrence nobody has.
#[derive(Debug)]
pub struct OpenWork {
    pub task_id: i64,
    pub title: String,
    pub company: String,
    pub start: TaskStart,
    pub duration_minutes: u16,
    /// The planner's reason; none when the week has no plan yet or the request came after it.
    pub why: Option<Unstaffed>,
}

/// The week by person as of `now`, narrowed by `filter`.
pub async fn week(
    store: &store::Store,
    by: &Actor,
    week: &Week,
    now: DateTime<Utc>,
    filter: &ScheduleFilter,
) -> Result<Schedule> {
    let board = board::week(store, by, week, now).await?;
    let people = people_weeks(&board, week, filter);
    let open = open_work(&board, week, filter);
    let companies = companies(&board);
    Ok(Schedule {
        people,
        open,
        companies,
        board,
    })
}

fn request(board: &WeekBoard, task_id: i64) -> Option<&Stored<TaskRecord>> {
    board.requests.iter().find(|r| r.meta.id == task_id)
}

fn companies(board: &WeekBoard) -> Vec<(i64, String)> {
    let mut ids: Vec<i64> = board
        .requests
        .iter()
        .map(|r| r.value.request.company_id)
        .collect();
    ids.sort_unstable();
    ids.dedup();
    let mut named: Vec<(i64, String)> = ids
        .into_iter()
        .map(|id| (id, board.companies.of(id)))
        .collect();
    named.sort_by(|a, b| a.1.cmp(&b.1));
    named
}

fn people_weeks(board: &WeekBoard, week: &Week, filter: &ScheduleFilter) -> Vec<PersonWeek> {
    if filter.unstaffed_only {
        return Vec::new();
    }
    let planned = board
        .latest
        .as_ref()
        .map(|p| p.plan.assignments.as_slice())
        .unwrap_or_default();
    let mut rows: Vec<PersonWeek> = board
        .roster
        .iter()
        .filter(|p| filter.person.is_none_or(|id| id == p.meta.id))
        .filter(|p| filter.skill.is_none_or(|s| p.value.skills.contains(&s)))
        .filter_map(|person| {
            let mut row = empty_week(person, week);
            for work in planned.iter().filter(|w| w.person_id == person.meta.id) {
                let Some(r) = request(board, work.task_id) else {
                    continue;
                };
                if r.value.status == TaskStatus::Cancelled {
                    continue;
                }
                if filter
                    .company
                    .is_some_and(|c| c != r.value.request.company_id)
                {
                    continue;
                }
                let minutes = (work.end - work.start).num_minutes().max(0);
                row.planned_minutes = row
                    .planned_minutes
                    .saturating_add(u32::try_from(minutes).unwrap_or(u32::MAX));
                let day = day_index(week, work.occurrence);
                row.days[day].work.push(Block {
                    task_id: work.task_id,
                    title: r.value.request.title.clone(),
                    company: board.companies.of(r.value.request.company_id),
                    start: work.start,
                    end: work.end,
                    attendance: board
                        .attendance
                        .get(&(work.task_id, work.occurrence, work.person_id))
                        .cloned(),
                });
            }
            let has_work = row.planned_minutes > 0;
            let shown = if filter.company.is_some() {
                has_work
            } else {
                has_work || person.value.status == PersonStatus::Active || filter.person.is_some()
            };
            shown.then_some(row)
        })
        .collect();
    for row in &mut rows {
        for day in &mut row.days {
            day.work.sort_by_key(|b| (b.start, b.task_id));
        }
    }
    rows.sort_by(|a, b| a.name.cmp(&b.name).then(a.id.cmp(&b.id)));
    rows
}

fn empty_week(person: &Stored<Person>, week: &Week) -> PersonWeek {
    let p = &person.value;
    let days = std::array::from_fn(|d| {
        let date = week.monday + Duration::days(d as i64);
        PersonDay {
            date,
            available: p.availability.on(date.weekday()).collect(),
            absent: p.absences.on(date).map(|a| a.kind),
            work: Vec::new(),
        }
    });
    PersonWeek {
        id: person.meta.id,
        name: p.name.clone(),
        target_minutes: p.weekly_target.minutes(),
        cap_minutes: p.weekly_cap.minutes(),
        planned_minutes: 0,
        days,
    }
}

/// Monday is 0; a date outside the week (never from its own plan) counts as Monday.
fn day_index(week: &Week, date: NaiveDate) -> usize {
    usize::try_from((date - week.monday).num_days())
        .unwrap_or(0)
        .min(6)
}

fn open_work(board: &WeekBoard, week: &Week, filter: &ScheduleFilter) -> [Vec<OpenWork>; 7] {
    let mut open: [Vec<OpenWork>; 7] = Default::default();
    if filter.person.is_some() {
        return open;
    }
    let (from, to) = week.bounds();
    let plan = board.latest.as_ref().map(|p| &p.plan);
    for r in &board.requests {
        let request = &r.value.request;
        if matches!(r.value.status, TaskStatus::Cancelled | TaskStatus::NoShow)
            || filter.company.is_some_and(|c| c != request.company_id)
            || filter
                .skill
                .is_some_and(|s| !request.required_skills.contains(&s))
        {
            continue;
        }
        for start in request.occurrences_between(from, to) {
            let date = local_date(start.earliest());
            let here = |task: i64, on: NaiveDate| task == r.meta.id && on == date;
            let left =
                plan.and_then(|p| p.unassigned.iter().find(|u| here(u.task_id, u.occurrence)));
            let staffed =
                plan.is_some_and(|p| p.assignments.iter().any(|a| here(a.task_id, a.occurrence)));
            if staffed && left.is_none() {
                continue;
            }
            open[day_index(week, date)].push(OpenWork {
                task_id: r.meta.id,
                title: request.title.clone(),
                company: board.companies.of(request.company_id),
                start,
                duration_minutes: request.duration_minutes,
                why: left.map(|u| super::view::unstaffed(&u.reason)),
            });
        }
    }
    for day in &mut open {
        day.sort_by_key(|o| (o.start.earliest(), o.task_id));
    }
    open
}
