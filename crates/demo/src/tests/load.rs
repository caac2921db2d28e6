//! Checks that the demo's total work fits the people's hours, so a planner can succeed.

use super::{demo, monday};
use crate::DemoSet;
use chrono::{Datelike, Duration};
use domain::person::PersonStatus;

/// Person-minutes the active people could work in the four weeks: per week, the lesser of
/// their cap and their availability on days they are not away.
fn capacity_minutes(d: &DemoSet) -> u32 {
    let mut total = 0;
    for p in d
        .people
        .iter()
        .filter(|p| p.person.status == PersonStatus::Active)
    {
        for week in 0..4 {
            let open: u32 = (0..7)
                .map(|day| monday() + Duration::days(7 * week + day))
                .filter(|date| p.person.absences.on(*date).is_none())
                .flat_map(|date| {
                    p.person
                        .availability
                        .on(date.weekday())
                        .map(|w| u32::from(w.minutes()))
                        .collect::<Vec<_>>()
                })
                .sum();
            total += open.min(p.person.weekly_cap.minutes());
        }
    }
    total
}

fn demand_minutes(d: &DemoSet) -> u32 {
    d.tasks
        .iter()
        .map(|t| {
            t.request.occurrences().len() as u32
                * u32::from(t.request.duration_minutes)
                * u32::from(t.request.people_needed)
        })
        .sum()
}

#[test]
fn there_are_enough_person_hours_for_most_of_the_work() {
    for seed in 0..10 {
        let d = demo(seed);
        let (demand, capacity) = (demand_minutes(&d), capacity_minutes(&d));
        // Busy enough that planning has real choices to make, not so busy that it cannot succeed.
        assert!(
            demand * 10 <= capacity * 9,
            "seed {seed}: demand {demand} min, capacity {capacity} min"
        );
        assert!(
            demand * 2 >= capacity,
            "seed {seed}: demand {demand} min, capacity {capacity} min"
        );
    }
}

#[test]
#[ignore = "prints figures for the report"]
fn print_figures() {
    let d = demo(1);
    let occurrences: usize = d.tasks.iter().map(|t| t.request.occurrences().len()).sum();
    println!(
        "people {} companies {} sites {} agreements {} tasks {} (weekly {}) occurrences {} demand {} h capacity {} h",
        d.people.len(),
        d.companies.len(),
        d.companies.iter().map(|c| c.sites.len()).sum::<usize>(),
        d.agreements.len(),
        d.tasks.len(),
        d.tasks
            .iter()
            .filter(|t| t.request.recurrence.is_some())
            .count(),
        occurrences,
        demand_minutes(&d) / 60,
        capacity_minutes(&d) / 60
    );
    let mut statuses = std::collections::BTreeMap::new();
    for p in &d.people {
        *statuses
            .entry((p.person.status.code(), p.person.employment.code()))
            .or_insert(0) += 1;
    }
    println!("status and terms: {statuses:?}");
    let windows = d
        .tasks
        .iter()
        .filter(|t| matches!(t.request.start, domain::task::TaskStart::Window { .. }))
        .count();
    let einvoice = d
        .companies
        .iter()
        .filter(|c| c.einvoice_address.is_some())
        .count();
    let task_force = d.companies.iter().filter(|c| c.task_force).count();
    println!("start windows {windows}, e-invoice {einvoice}, task force {task_force}");
    for seed in 0..10 {
        let d = demo(seed);
        println!(
            "seed {seed}: demand {} h, capacity {} h",
            demand_minutes(&d) / 60,
            capacity_minutes(&d) / 60
        );
    }
}
