//! The week by person (`GET /week`, the board's first view): people × days with their
//! availability and absences shaded, each piece of planned work as a block with the
//! worker's answer and check-in, hours against target and cap, and a row of its own for
//! the occurrences nobody has, each with the planner's reason.

use super::{attendance_text, day_label, wanted, why};
use crate::pages::i18n::Tr;
use crate::pages::{clock, hours_minutes, locale};
use domain::calendar::AbsenceKind;
use domain::catalogue::Skill;
use service::agency::Week;
use service::agency::attendance::Check;
use service::agency::schedule::{Block, OpenWork, PersonDay, PersonWeek, Schedule, ScheduleFilter};
use std::collections::BTreeMap;

/// What the filter form sent; anything that is not one of its choices is no filter.
pub(super) fn filter(query: &BTreeMap<String, String>) -> ScheduleFilter {
    let id = |key: &str| query.get(key).and_then(|v| v.trim().parse::<i64>().ok());
    ScheduleFilter {
        unstaffed_only: query.get("unstaffed").is_some_and(|v| v == "1"),
        company: id("company"),
        skill: query.get("skill").and_then(|v| Skill::parse(v.trim()).ok()),
        person: id("person"),
    }
}

/// One choice in a filter's list.
pub(super) struct Choice {
    pub value: String,
    pub label: String,
    pub selected: bool,
}

/// The filter form as it stands.
pub(super) struct Filters {
    pub unstaffed: bool,
    pub companies: Vec<Choice>,
    pub skills: Vec<Choice>,
    pub people: Vec<Choice>,
    /// Whether any filter narrows the view: the page offers to clear them.
    pub narrowed: bool,
}

/// The schedule as the template shows it.
pub(super) struct SchedulePage {
    pub caption: String,
    pub filters: Filters,
    pub rows: Vec<PersonRow>,
    /// Monday to Sunday.
    pub open: Vec<Vec<OpenBlock>>,
    pub open_count: usize,
    /// Whether the open row is shown at all (not when one person is chosen).
    pub show_open: bool,
}

pub(super) struct PersonRow {
    pub href: String,
    pub name: String,
    /// `6:00 af 8:00 · højst 10:00`.
    pub hours: String,
    pub over_cap: bool,
    pub days: Vec<DayCell>,
}

pub(super) struct DayCell {
    /// `available`, `off` or `absent`: the cell's shading.
    pub shade: &'static str,
    /// What the shading means, in words: `kan 09:00–13:00`, `ferie`.
    pub note: String,
    pub blocks: Vec<BlockView>,
    /// The sick call for this person and day, when they have work on it.
    pub sick_href: Option<String>,
}

pub(super) struct BlockView {
    pub href: String,
    pub time: String,
    pub title: String,
    pub company: String,
    pub status: String,
    /// `warn` when late, early or missing, `ok` when checked in on time.
    pub tone: &'static str,
}

pub(super) struct OpenBlock {
    pub href: String,
    pub time: String,
    pub title: String,
    pub company: String,
    pub reason: String,
}

/// The template's view of `schedule`, filtered by `chosen`.
pub(super) fn page(
    t: Tr,
    week: &Week,
    schedule: &Schedule,
    chosen: &ScheduleFilter,
) -> SchedulePage {
    let task_href = |id: i64| format!("/week/tasks/{id}?week={}", week.label);
    let open: Vec<Vec<OpenBlock>> = schedule
        .open
        .iter()
        .map(|day| {
            day.iter()
                .map(|o| open_block(t, o, task_href(o.task_id)))
                .collect()
        })
        .collect();
    SchedulePage {
        caption: t.fill("board.schedule_caption", &[("week", &week.label)]),
        filters: filters(t, schedule, chosen),
        rows: schedule
            .people
            .iter()
            .map(|p| person_row(t, week, p, &task_href))
            .collect(),
        open_count: open.iter().map(Vec::len).sum(),
        open,
        show_open: chosen.person.is_none(),
    }
}

fn filters(t: Tr, schedule: &Schedule, chosen: &ScheduleFilter) -> Filters {
    let choice = |value: String, label: String, selected: bool| Choice {
        value,
        label,
        selected,
    };
    let mut people: Vec<Choice> = schedule
        .board
        .roster
        .iter()
        .map(|p| {
            choice(
                p.meta.id.to_string(),
                p.value.name.clone(),
                chosen.person == Some(p.meta.id),
            )
        })
        .collect();
    people.sort_by(|a, b| a.label.cmp(&b.label));
    let mut skills: Vec<Choice> = Skill::ALL
        .iter()
        .map(|s| {
            choice(
                s.code().to_string(),
                s.label(locale(t)).to_string(),
                chosen.skill == Some(*s),
            )
        })
        .collect();
    skills.sort_by(|a, b| a.label.cmp(&b.label));
    Filters {
        unstaffed: chosen.unstaffed_only,
        companies: schedule
            .companies
            .iter()
            .map(|(id, name)| choice(id.to_string(), name.clone(), chosen.company == Some(*id)))
            .collect(),
        skills,
        people,
        narrowed: *chosen != ScheduleFilter::default(),
    }
}

fn person_row(
    t: Tr,
    week: &Week,
    person: &PersonWeek,
    task_href: &dyn Fn(i64) -> String,
) -> PersonRow {
    PersonRow {
        href: format!("/people/{}", person.id),
        name: person.name.clone(),
        hours: t.fill(
            "board.hours",
            &[
                ("planned", &hours_minutes(person.planned_minutes.into())),
                ("target", &hours_minutes(person.target_minutes.into())),
                ("cap", &hours_minutes(person.cap_minutes.into())),
            ],
        ),
        over_cap: person.over_cap(),
        days: person
            .days
            .iter()
            .map(|day| day_cell(t, week, person.id, day, task_href))
            .collect(),
    }
}

fn day_cell(
    t: Tr,
    week: &Week,
    person: i64,
    day: &PersonDay,
    task_href: &dyn Fn(i64) -> String,
) -> DayCell {
    let (shade, note) = match (day.absent, day.available.is_empty()) {
        (Some(kind), _) => ("absent", absence_label(t, kind).to_string()),
        (None, true) => ("off", t.get("board.not_available").to_string()),
        (None, false) => {
            let windows: Vec<String> = day
                .available
                .iter()
                .map(|w| {
                    let at = |m: u16| format!("{:02}:{:02}", m / 60, m % 60);
                    format!("{}–{}", at(w.start_minutes()), at(w.end_minutes()))
                })
                .collect();
            (
                "available",
                t.fill("board.available", &[("hours", &windows.join(", "))]),
            )
        }
    };
    DayCell {
        shade,
        note,
        blocks: day
            .work
            .iter()
            .map(|b| block(t, b, task_href(b.task_id)))
            .collect(),
        sick_href: (!day.work.is_empty()).then(|| {
            format!(
                "/week/absence?week={}&person={person}&date={}",
                week.label, day.date
            )
        }),
    }
}

fn absence_label(t: Tr, kind: AbsenceKind) -> &'static str {
    t.get(match kind {
        AbsenceKind::Holiday => "board.absent_holiday",
        AbsenceKind::Sick => "board.absent_sick",
        AbsenceKind::Other => "board.absent_other",
    })
}

fn block(t: Tr, b: &Block, href: String) -> BlockView {
    let tone = match b.attendance.as_ref().map(|a| &a.check) {
        Some(Check::Late { .. } | Check::Early { .. } | Check::Missing) => "warn",
        Some(Check::OnTime { .. }) => "ok",
        _ => "",
    };
    BlockView {
        href,
        time: format!("{}–{}", clock(b.start), clock(b.end)),
        title: b.title.clone(),
        company: b.company.clone(),
        status: attendance_text(t, b.attendance.as_ref()),
        tone,
    }
}

fn open_block(t: Tr, o: &OpenWork, href: String) -> OpenBlock {
    OpenBlock {
        href,
        time: wanted(t, o.start, o.duration_minutes),
        title: o.title.clone(),
        company: o.company.clone(),
        reason: o.why.as_ref().map_or_else(
            || t.get("board.not_planned").to_string(),
            |why| why::unstaffed(t, why),
        ),
    }
}

/// The days' headings, Monday first.
pub(super) fn days(t: Tr, week: &Week) -> Vec<String> {
    (0..7)
        .map(|d| day_label(t, week.monday + chrono::Duration::days(d), false))
        .collect()
}
