//! Flex Waste's drivers: the demo's people who may drive a morning's route, given the
//! vehicles' skills and morning hours where they lack them.

use super::fleet::VEHICLE_SKILLS;
use crate::DemoPerson;
use domain::calendar::{TimeWindow, WeeklyAvailability};
use domain::person::PersonStatus;
use std::collections::BTreeSet;

/// Whether a person could drive a morning's route: active, from early morning, outdoors,
/// alone, for hours on end, lifting sacks.
fn may_drive(p: &DemoPerson) -> bool {
    p.person.status == PersonStatus::Active
        && !p.limits.indoor_only
        && !p.limits.needs_colleague
        && p.limits.not_before.is_none()
        && p.limits.max_stretch_minutes.is_none()
        && p.limits.max_lift_kg.is_none_or(|kg| kg >= 15)
}

/// How many of Flex Waste's drivers hold each vehicle's skill.
pub const DRIVERS_PER_SKILL: usize = 6;

/// A driver's morning: from 07:00, at least five hours.
const MORNING_STARTS: u16 = 7 * 60;
const MORNING_MINUTES: u16 = 5 * 60;

/// Forms Flex Waste's team of drivers: per vehicle skill, [`DRIVERS_PER_SKILL`] people who
/// may drive — those who hold it first, then those free most and earliest in the mornings,
/// who are given it (no one holds more than four skills, as everywhere in the demo). The
/// team works mornings: each of their days starts at 07:00 and lasts at least five hours,
/// so routes fit in it. Returns the team, by index.
pub(crate) fn ensure_drivers(people: &mut [DemoPerson]) -> Vec<usize> {
    let morning = |p: &DemoPerson| {
        let starts: Vec<u16> = p
            .person
            .availability
            .slots()
            .iter()
            .map(|(_, w)| w.start_minutes())
            .filter(|m| *m < 10 * 60)
            .collect();
        (
            std::cmp::Reverse(starts.len()),
            starts.iter().min().copied().unwrap_or(u16::MAX),
        )
    };
    let mut order: Vec<usize> = (0..people.len())
        .filter(|&i| may_drive(&people[i]))
        .collect();
    order.sort_by_key(|&i| (morning(&people[i]), i));
    let mut team = BTreeSet::new();
    for skill in VEHICLE_SKILLS {
        let holds = |i: &usize| people[*i].person.skills.contains(&skill);
        let chosen: Vec<usize> = order
            .iter()
            .copied()
            .filter(holds)
            .chain(
                order
                    .iter()
                    .copied()
                    .filter(|i| !holds(i) && people[*i].person.skills.len() < 4),
            )
            .take(DRIVERS_PER_SKILL)
            .collect();
        for i in chosen {
            let skills = &mut people[i].person.skills;
            if !skills.contains(&skill) {
                skills.push(skill);
                skills.sort();
            }
            team.insert(i);
        }
    }
    for &i in &team {
        let person = &mut people[i].person;
        let slots = person
            .availability
            .slots()
            .iter()
            .map(|&(day, w)| {
                let minutes = w.minutes().max(MORNING_MINUTES);
                let morning = TimeWindow::new(MORNING_STARTS, MORNING_STARTS + minutes);
                (day, morning.unwrap_or(w))
            })
            .collect();
        if let Ok(availability) = WeeklyAvailability::from_slots(slots) {
            person.availability = availability;
        }
    }
    team.into_iter().collect()
}
