//! Four weeks of task requests: mostly one-off tasks of one to four hours, some weekly,
//! each with the physical demands its kind of work really has.

use crate::holidays::is_closed;
use crate::profiles::PROFILES;
use crate::{DAYS, DemoAgreement, DemoTask, PLACEHOLDER_ID, distinct, invalid, pick, weighted};
use chrono::{Datelike, Duration, NaiveDate, NaiveTime, Weekday};
use domain::Invalid;
use domain::calendar::{format_instant, local_instant};
use domain::company::Company;
use domain::task::TaskDraft;
use rand::Rng;
use rand_chacha::ChaCha8Rng;

const WEEKDAYS: [Weekday; 5] = [
    Weekday::Mon,
    Weekday::Tue,
    Weekday::Wed,
    Weekday::Thu,
    Weekday::Fri,
];

/// Tasks happen in the working day: none starts before 07:00 and all end by 16:00.
const DAY_START: u16 = 7 * 60;
const DAY_END: u16 = 16 * 60;

/// Generates 285–315 task requests for the four weeks from `start`.
pub(crate) fn generate(
    rng: &mut ChaCha8Rng,
    start: NaiveDate,
    companies: &[Company],
    agreements: &[DemoAgreement],
) -> Result<Vec<DemoTask>, Invalid> {
    if agreements.is_empty() {
        return Err(Invalid::new(
            "the demo has no agreements to request tasks under",
        ));
    }
    let count = rng.random_range(285..=315);
    // A fixed share of weekly series rather than a coin per request: each series carries
    // many hours, so chance alone would swing the total load too far from seed to seed.
    let mut weekly = vec![false; count];
    weekly[..rng.random_range(22..=26)].fill(true);
    rand::seq::SliceRandom::shuffle(weekly.as_mut_slice(), rng);
    weekly
        .into_iter()
        .enumerate()
        .map(|(i, recurring)| {
            let agreement = pick(rng, agreements);
            task(rng, i, start, companies, agreement, recurring)
        })
        .collect()
}

fn task(
    rng: &mut ChaCha8Rng,
    index: usize,
    start: NaiveDate,
    companies: &[Company],
    agreement: &DemoAgreement,
    recurring: bool,
) -> Result<DemoTask, Invalid> {
    let company = companies.get(agreement.company).ok_or_else(|| {
        Invalid::new(format!(
            "agreement for missing company {}",
            agreement.company
        ))
    })?;
    let task_type = agreement.agreement.task_type;
    let profile = PROFILES
        .iter()
        .find(|p| p.task_type == task_type)
        .ok_or_else(|| Invalid::new(format!("no task profile for {task_type}")))?;
    let site = rng.random_range(0..company.sites.len().max(1));
    let site_name = company.sites.get(site).map_or("", |s| s.name.as_str());
    let contact = company
        .contacts
        .first()
        .map_or("vagthavende", |c| c.name.as_str());
    let (title, outdoors) = *pick(rng, profile.titles);
    let meeting = *pick(rng, MEETING_POINTS);

    let (duration, people) = if recurring {
        // Weekly chores are short: the same hour or two, every week.
        (
            rng.random_range(4..=8u16) * 15,
            *weighted(rng, WEEKLY_PEOPLE, |(_, w)| *w),
        )
    } else {
        // Short tasks are the norm, so durations lean towards one or two hours.
        let quarters = rng.random_range(0..=12u16).min(rng.random_range(0..=12));
        (
            60 + quarters * 15,
            *weighted(rng, ONE_OFF_PEOPLE, |(_, w)| *w),
        )
    };
    let when = when(rng, start, recurring, duration)?;
    let mut required_skills = Vec::new();
    if profile.skill_always || rng.random_bool(0.3) {
        required_skills.push(profile.skills[0].code().to_string());
        if let Some(second) = profile.skills.get(1).filter(|_| rng.random_bool(0.25)) {
            required_skills.push(second.code().to_string());
        }
    }
    let draft = TaskDraft {
        company_id: Some(PLACEHOLDER_ID),
        site_id: Some(PLACEHOLDER_ID),
        task_type: task_type.code().into(),
        title: title.into(),
        description: format!(
            "{title} hos {site_name}. Mød ind ved {meeting} og spørg efter {contact}."
        ),
        lift_kg: Some(
            rng.random_range(profile.lift_kg.0..=profile.lift_kg.1)
                .into(),
        ),
        standing: profile.standing,
        outdoors,
        required_skills,
        people_needed: Some(people.0),
        duration_minutes: Some(duration.into()),
        fixed_start: when.fixed_start,
        window_start: when.window_start,
        window_end: when.window_end,
        recurrence: when.recurrence,
    };
    let mut request = draft
        .parse()
        .map_err(|e| invalid(format!("task {index} ({title})"), e))?;
    request.company_id = 0;
    request.site_id = 0;
    Ok(DemoTask {
        company: agreement.company,
        site,
        request,
    })
}

/// Where the worker is met, so the description reads like a real request.
const MEETING_POINTS: &[&str] = &[
    "hovedindgangen",
    "bagindgangen",
    "personaleindgangen",
    "receptionen",
    "varemodtagelsen",
];

/// People needed, with weights: most tasks are for one, some for a small team.
const ONE_OFF_PEOPLE: &[(i64, u32)] = &[(1, 16), (2, 3), (3, 1)];
const WEEKLY_PEOPLE: &[(i64, u32)] = &[(1, 6), (2, 1)];

/// When a request happens, in the draft's own fields.
struct When {
    fixed_start: Option<String>,
    window_start: Option<String>,
    window_end: Option<String>,
    recurrence: Option<String>,
}

fn when(
    rng: &mut ChaCha8Rng,
    start: NaiveDate,
    recurring: bool,
    duration: u16,
) -> Result<When, Invalid> {
    let (first_date, recurrence) = if recurring {
        let day_count = *pick(rng, &[1, 1, 1, 2, 2, 3]);
        let mut days = distinct(rng, &WEEKDAYS, day_count);
        days.sort_by_key(|d| d.num_days_from_monday());
        let names: Vec<String> = days.iter().map(|d| d.to_string()).collect();
        // Most series begin in the first week; some are ordered a week later.
        let week = if rng.random_bool(0.7) { 0 } else { 1 };
        // The series starts on its first open weekday; the domain insists it is one of them.
        let first = (7 * week..DAYS)
            .map(|offset| start + Duration::days(offset))
            .find(|date| days.contains(&date.weekday()) && !is_closed(*date))
            .ok_or_else(|| {
                Invalid::new(format!("no open {} in the demo weeks", names.join("/")))
            })?;
        let until = start + Duration::days(DAYS - 1);
        (
            first,
            Some(format!("weekly {} until {until}", names.join(","))),
        )
    } else {
        (open_weekday(rng, start)?, None)
    };
    let latest_start = DAY_END - duration;
    if rng.random_bool(if recurring { 0.3 } else { 0.35 }) {
        // A start window lets the planner fit the task around people's availability.
        let width = (*pick(rng, &[60, 90, 120, 180])).min(latest_start - DAY_START);
        let earliest =
            DAY_START + rng.random_range(0..=(latest_start - width - DAY_START) / 15) * 15;
        Ok(When {
            fixed_start: None,
            window_start: Some(local(first_date, earliest)?),
            window_end: Some(local(first_date, earliest + width)?),
            recurrence,
        })
    } else {
        let at = DAY_START + rng.random_range(0..=(latest_start - DAY_START) / 30) * 30;
        Ok(When {
            fixed_start: Some(local(first_date, at)?),
            window_start: None,
            window_end: None,
            recurrence,
        })
    }
}

/// A random weekday in the four weeks on which workplaces are open.
fn open_weekday(rng: &mut ChaCha8Rng, start: NaiveDate) -> Result<NaiveDate, Invalid> {
    // Bounded: even Christmas weeks have open days, so a handful of rolls always suffices.
    (0..100)
        .map(|_| start + Duration::days(7 * rng.random_range(0..DAYS / 7) + rng.random_range(0..5)))
        .find(|date| !is_closed(*date))
        .ok_or_else(|| Invalid::new(format!("no open weekday in the four weeks from {start}")))
}

/// An RFC 3339 instant for a Copenhagen wall-clock time, with the offset that applies that day.
fn local(date: NaiveDate, minutes: u16) -> Result<String, Invalid> {
    let time = NaiveTime::from_hms_opt(u32::from(minutes / 60), u32::from(minutes % 60), 0)
        .ok_or_else(|| Invalid::new(format!("{minutes} minutes is not a time of day")))?;
    let at = local_instant(date.and_time(time))
        .ok_or_else(|| Invalid::new(format!("{date} {time} is not a Copenhagen time")))?;
    Ok(format_instant(at))
}
