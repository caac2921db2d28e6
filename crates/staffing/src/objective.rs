//! The objective: one number whose weights make four goals strictly ordered.
//!
//! ```text
//! total = W_work · work + W_fair · fairness + W_cont · continuity − travel
//!
//! work       = Σ over assigned tasks of duration × people, in minutes
//! fairness   = Σ over people p of ⌊√(10 · min(booked_p + planned_p, target_p))⌋
//! continuity = number of (person, task) pairs where the person worked for the task's company before
//! travel     = Σ over people and days of the minutes home → first task → … → last task → home
//!
//! W_cont = T + 1,  W_fair = W_cont · (C + 1),  W_work = W_fair · (F + 1)
//! ```
//!
//! where `T`, `C` and `F` bound the travel, continuity and fairness any plan of this
//! problem can reach (`T = 2 · Σ people_needed · longest trip between any two places`,
//! `C = Σ people_needed`, `F = Σ_p ⌊√(10 · target_p)⌋`). So one more minute of work
//! outweighs any change in fairness, continuity and travel together, and so on down.
//! The square root makes fairness concave: lifting a person from 0 to 2 hours adds
//! 34, from 8 to 10 hours only 8. Hours beyond the target add nothing.

use crate::problem::{Minute, Problem};
use serde::Serialize;

/// The weights that make the order strict, from the problem's bounds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Weights {
    pub work: i128,
    pub fairness: i128,
    pub continuity: i128,
    pub travel: i128,
}

impl Weights {
    pub fn for_problem(problem: &Problem) -> Self {
        let people_needed: i128 = problem
            .tasks
            .iter()
            .map(|t| i128::from(t.people_needed))
            .sum();
        let longest_trip = i128::from(longest_trip(problem));
        let travel_bound = 2 * people_needed * longest_trip;
        let continuity_bound = people_needed;
        let fairness_bound: i128 = problem
            .people
            .iter()
            .map(|p| i128::from(fairness_of(p.target_minutes)))
            .sum();
        let continuity = travel_bound + 1;
        let fairness = continuity * (continuity_bound + 1);
        let work = fairness * (fairness_bound + 1);
        Self {
            work,
            fairness,
            continuity,
            travel: 1,
        }
    }
}

/// The longest trip between any two places of the problem, from its bounding box.
fn longest_trip(problem: &Problem) -> Minute {
    let places = problem
        .tasks
        .iter()
        .map(|t| t.place)
        .chain(problem.people.iter().map(|p| p.home));
    let (mut lat_min, mut lat_max, mut lon_min, mut lon_max) =
        (f64::MAX, f64::MIN, f64::MAX, f64::MIN);
    for place in places {
        lat_min = lat_min.min(place.0);
        lat_max = lat_max.max(place.0);
        lon_min = lon_min.min(place.1);
        lon_max = lon_max.max(place.1);
    }
    if lat_min > lat_max {
        return 0;
    }
    let corner = |a: f64, b: f64| crate::problem::Place(a, b);
    problem
        .travel
        .minutes(corner(lat_min, lon_min), corner(lat_max, lon_max))
        + 1
}

/// A person's fairness score for the minutes they work this week, up to their target.
pub fn fairness_of(minutes: i32) -> i64 {
    ((10 * i64::from(minutes.max(0))) as f64).sqrt().floor() as i64
}

/// A plan's objective and its terms.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
pub struct Objective {
    /// The weighted sum; higher is better.
    pub total: i128,
    /// Task-minutes assigned (duration × people).
    pub work_minutes: i64,
    pub fairness: i64,
    pub continuity: i64,
    pub travel_minutes: i64,
}

impl Objective {
    pub fn new(
        weights: &Weights,
        work_minutes: i64,
        fairness: i64,
        continuity: i64,
        travel_minutes: i64,
    ) -> Self {
        let total = weights.work * i128::from(work_minutes)
            + weights.fairness * i128::from(fairness)
            + weights.continuity * i128::from(continuity)
            - weights.travel * i128::from(travel_minutes);
        Self {
            total,
            work_minutes,
            fairness,
            continuity,
            travel_minutes,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fairness_is_concave() {
        let first_two_hours = fairness_of(120) - fairness_of(0);
        let eight_to_ten = fairness_of(600) - fairness_of(480);
        assert_eq!((first_two_hours, eight_to_ten), (34, 8));
    }
}
