//! The agency's people: a realistic spread of statuses, terms, hours, availability,
//! skills and functional limits — limits stated as what to avoid, never as diagnoses.

use crate::names::{GROUPS, NameGroup, ascii_slug};
use crate::places::{HOME_STREETS, round6};
use crate::{DAYS, DemoPerson, distinct, invalid, pick, weighted};
use chrono::{Duration, NaiveDate, Weekday};
use domain::Invalid;
use domain::catalogue::Skill;
use domain::person::{FunctionalLimitsDraft, PersonDraft};
use rand::Rng;
use rand_chacha::ChaCha8Rng;

/// How common each skill is among the people the job centre refers.
const SKILL_WEIGHTS: &[(Skill, u32)] = &[
    (Skill::Cleaning, 10),
    (Skill::Sorting, 9),
    (Skill::Gardening, 6),
    (Skill::KitchenHygiene, 6),
    (Skill::Forklift, 2),
    (Skill::DrivingLicenceB, 5),
    (Skill::CargoBike, 4),
    (Skill::CustomerService, 6),
    (Skill::OfficeIt, 5),
    (Skill::WarehousePicking, 6),
    (Skill::FirstAid, 3),
    (Skill::PowerTools, 3),
];

const WEEKDAYS: [Weekday; 5] = [
    Weekday::Mon,
    Weekday::Tue,
    Weekday::Wed,
    Weekday::Thu,
    Weekday::Fri,
];

/// Danish mobile number ranges, so phone numbers look like ones people actually have.
const MOBILE_PREFIXES: &[&str] = &[
    "20", "21", "22", "23", "24", "25", "26", "27", "28", "29", "30", "31", "40", "41", "42", "50",
    "51", "52", "53", "60", "61", "71", "81", "91", "92", "93",
];

/// Generates 57–63 people.
pub(crate) fn generate(rng: &mut ChaCha8Rng, start: NaiveDate) -> Result<Vec<DemoPerson>, Invalid> {
    let count = rng.random_range(57..=63);
    let statuses = status_plan(rng, count);
    let forms = employment_plan(rng, count);
    statuses
        .into_iter()
        .zip(forms)
        .enumerate()
        .map(|(i, (status, form))| person(rng, i, start, status, form))
        .collect()
}

/// Fixed quotas, shuffled, so every seed shows each status at least once — a demo where
/// nobody has left would hide the outcome figures the job centre asks for.
fn status_plan(rng: &mut ChaCha8Rng, count: usize) -> Vec<(&'static str, Option<&'static str>)> {
    let mut plan = Vec::with_capacity(count);
    plan.push(("left", Some("ordinary_job")));
    plan.push(("left", Some(*pick(rng, &["education", "ordinary_job"]))));
    for _ in 0..rng.random_range(1..=2) {
        plan.push((
            "left",
            Some(*pick(rng, &["ordinary_job", "education", "other"])),
        ));
    }
    for (status, quota) in [
        ("referred", rng.random_range(2..=4)),
        ("in_course", rng.random_range(3..=5)),
        ("paused", rng.random_range(2..=4)),
    ] {
        plan.extend(std::iter::repeat_n((status, None), quota));
    }
    plan.resize(count, ("active", None));
    rand::seq::SliceRandom::shuffle(plan.as_mut_slice(), rng);
    plan
}

/// Mostly small jobs; flex jobs and other terms in realistic minority shares.
fn employment_plan(rng: &mut ChaCha8Rng, count: usize) -> Vec<&'static str> {
    let mut plan = Vec::with_capacity(count);
    plan.extend(std::iter::repeat_n("flex_job", rng.random_range(8..=12)));
    plan.extend(std::iter::repeat_n("other", rng.random_range(2..=4)));
    plan.resize(count, "small_job");
    rand::seq::SliceRandom::shuffle(plan.as_mut_slice(), rng);
    plan
}

fn person(
    rng: &mut ChaCha8Rng,
    index: usize,
    start: NaiveDate,
    (status, outcome): (&str, Option<&str>),
    form: &str,
) -> Result<DemoPerson, Invalid> {
    let group = weighted(rng, GROUPS, |g| g.weight);
    let (first, last) = (*pick(rng, group.first), *pick(rng, group.last));
    let (languages, preferred) = languages(rng, group);
    let home = pick(rng, HOME_STREETS);
    let limits_draft = limits(rng);
    let limits = limits_draft
        .parse()
        .map_err(|e| invalid(format!("limits of person {index}"), e))?;
    let not_before = limits.not_before.map_or(0, |t| t.minutes());

    let cap_quarters: u32 = rng.random_range(20..=40);
    let target_quarters = cap_quarters.saturating_sub(rng.random_range(0..=8)).max(12);
    let flex_approved =
        (form == "flex_job").then(|| f64::from(cap_quarters + 4 * rng.random_range(0..=5)) / 4.0);

    let draft = PersonDraft {
        name: format!("{first} {last}"),
        phone: format!(
            "+45 {} {:02} {:02} {:02}",
            pick(rng, MOBILE_PREFIXES),
            rng.random_range(0..100),
            rng.random_range(0..100),
            rng.random_range(0..100)
        ),
        // The running number keeps addresses unique even when two people share a name.
        email: format!(
            "{}.{}.{}@{}",
            ascii_slug(first),
            ascii_slug(last),
            index + 1,
            pick(rng, &["example.dk", "example.com"])
        ),
        preferred_language: preferred.into(),
        address: home_line(rng, home.street, home.postcode, home.town),
        latitude: Some(round6(
            (home.latitude + rng.random_range(-0.002..0.002)).clamp(57.02, 57.07),
        )),
        longitude: Some(round6(
            (home.longitude + rng.random_range(-0.003..0.003)).clamp(9.85, 9.98),
        )),
        status: status.into(),
        leave_outcome: outcome.map(Into::into),
        employment_form: form.into(),
        flex_approved_hours: flex_approved,
        weekly_target_hours: Some(f64::from(target_quarters) / 4.0),
        weekly_cap_hours: Some(f64::from(cap_quarters) / 4.0),
        availability: availability(rng, cap_quarters * 15, not_before),
        absences: absences(rng, start),
        skills: skills(rng),
        languages,
    };
    let person = draft
        .parse()
        .map_err(|e| invalid(format!("person {index} ({})", draft.name), e))?;
    Ok(DemoPerson { person, limits })
}

/// Languages spoken, and the one kommune writes to them in (Danish or English only).
fn languages(rng: &mut ChaCha8Rng, group: &NameGroup) -> (Vec<String>, &'static str) {
    let mut spoken = Vec::new();
    let speaks_danish = match group.language {
        None => true,
        Some(home) => {
            spoken.push(home.to_string());
            rng.random_bool(0.7)
        }
    };
    if speaks_danish {
        spoken.push("da".into());
    }
    let speaks_english = !speaks_danish || rng.random_bool(0.45);
    if speaks_english {
        spoken.push("en".into());
    }
    // Some immigrant-background people who read Danish still prefer messages in English.
    let prefers_english =
        !speaks_danish || (group.language.is_some() && speaks_english && rng.random_bool(0.3));
    let preferred = if prefers_english { "en" } else { "da" };
    (spoken, preferred)
}

fn home_line(rng: &mut ChaCha8Rng, street: &str, postcode: &str, town: &str) -> String {
    let number = rng.random_range(1..=140);
    // Many in the target group rent flats, so about half the addresses have a floor and side.
    if rng.random_bool(0.5) {
        let floor = *pick(rng, &["st.", "1.", "2.", "3.", "4."]);
        let side = *pick(rng, &["th.", "tv.", "mf."]);
        format!("{street} {number}, {floor} {side}, {postcode} {town}")
    } else {
        format!("{street} {number}, {postcode} {town}")
    }
}

fn limits(rng: &mut ChaCha8Rng) -> FunctionalLimitsDraft {
    FunctionalLimitsDraft {
        max_lift_kg: rng
            .random_bool(0.65)
            .then(|| *pick(rng, &[5, 10, 10, 15, 15, 20, 20, 25])),
        max_stretch_minutes: rng
            .random_bool(0.35)
            .then(|| *pick(rng, &[90, 120, 120, 150, 180])),
        indoor_only: rng.random_bool(0.15),
        not_before: match rng.random_range(0..10) {
            0 | 1 => Some("09:00".into()),
            2 => Some("10:00".into()),
            _ => None,
        },
        needs_colleague: rng.random_bool(0.07),
        max_travel_minutes: rng.random_bool(0.35).then(|| *pick(rng, &[20, 25, 30, 40])),
    }
}

/// 2–4 weekday windows adding up to at least the weekly cap, so the cap — not the
/// calendar — is what limits a person's hours, and no window opens before `not_before`.
fn availability(rng: &mut ChaCha8Rng, cap_minutes: u32, not_before: u16) -> String {
    let days = rng.random_range(2..=4usize);
    let mut chosen = distinct(rng, &WEEKDAYS, days);
    chosen.sort_by_key(|d| d.num_days_from_monday());
    let needed = (cap_minutes.div_ceil(days as u32)).div_ceil(30) * 30;
    let earliest = if not_before > 0 {
        not_before
    } else if rng.random_bool(0.15) {
        7 * 60
    } else {
        8 * 60
    };
    let day_end: u16 = 16 * 60;
    let parts: Vec<String> = chosen
        .into_iter()
        .map(|day| {
            let length = (rng.random_range(6..=10u16) * 30)
                .max(needed as u16)
                .min(day_end - earliest);
            let latest_start = day_end - length;
            let start = earliest + rng.random_range(0..=(latest_start - earliest) / 30) * 30;
            format!(
                "{day} {:02}:{:02}-{:02}:{:02}",
                start / 60,
                start % 60,
                (start + length) / 60,
                (start + length) % 60
            )
        })
        .collect();
    parts.join(", ")
}

/// About a fifth of people are away some days: a short holiday or a few sick days.
fn absences(rng: &mut ChaCha8Rng, start: NaiveDate) -> String {
    let mut parts = Vec::new();
    if rng.random_bool(0.12) {
        let from = start + Duration::days(rng.random_range(0..=DAYS - 8));
        let to = from + Duration::days(rng.random_range(2..=6));
        parts.push(format!("{from}..{to} holiday"));
    }
    if rng.random_bool(0.1) {
        let from = start + Duration::days(rng.random_range(0..=DAYS - 4));
        let days = rng.random_range(0..=2);
        parts.push(if days == 0 {
            format!("{from} sick")
        } else {
            format!("{from}..{} sick", from + Duration::days(days))
        });
    }
    parts.join(", ")
}

fn skills(rng: &mut ChaCha8Rng) -> Vec<String> {
    let count = *pick(rng, &[1, 2, 2, 3, 3, 4]);
    let mut chosen: Vec<Skill> = Vec::with_capacity(count);
    // Bounded, so an unlucky run of repeats cannot loop for long.
    for _ in 0..50 {
        if chosen.len() == count {
            break;
        }
        let skill = weighted(rng, SKILL_WEIGHTS, |(_, w)| *w).0;
        if !chosen.contains(&skill) {
            chosen.push(skill);
        }
    }
    chosen.iter().map(|s| s.code().to_string()).collect()
}
