//! A solution and its checker: every route feasible, every stop served at most once,
//! no more vehicles of a type than there are, and the claimed cost the true one.

use crate::problem::Problem;
use crate::route::{Route, Timing, Visit};
use serde::Serialize;

/// A stop the solution does not serve, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Unserved {
    pub stop: usize,
    /// Why, in the engine's English (`why`'s `Display`).
    pub reason: String,
    /// Why, as a value for pages to say in their language.
    pub why: crate::why::Why,
}

/// What the engine returns: routes (only used ones), the stops left out with reasons,
/// the cost and the distance driven.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Solution {
    pub routes: Vec<Route>,
    pub unserved: Vec<Unserved>,
    /// Routes' costs plus the skip penalties of optional stops left out.
    pub cost: i64,
    pub distance: i64,
    pub iterations: u64,
}

impl Solution {
    /// Whether every required stop is served.
    pub fn is_feasible(&self, problem: &Problem) -> bool {
        self.unserved
            .iter()
            .all(|u| problem.stops[u.stop].skip_penalty.is_some())
    }
}

/// Verifies `solution` against every rule of `problem`; returns each route's timing.
pub fn check(problem: &Problem, solution: &Solution) -> Result<Vec<Timing>, String> {
    let mut served = vec![false; problem.stops.len()];
    let mut used = vec![0usize; problem.vehicle_types.len()];
    let mut cost = 0i64;
    let mut distance = 0i64;
    let mut timings = Vec::with_capacity(solution.routes.len());
    for (r, route) in solution.routes.iter().enumerate() {
        let timing = problem
            .timing(route)
            .map_err(|why| format!("route {r}: {why}"))?;
        for visit in &route.visits {
            if let Visit::Stop(s) = *visit {
                if s >= problem.stops.len() {
                    return Err(format!("route {r}: stop {s} does not exist"));
                }
                if std::mem::replace(&mut served[s], true) {
                    return Err(format!("{} is visited twice", problem.name_of(*visit)));
                }
            }
        }
        if !route.visits.is_empty() {
            used[route.vehicle_type] += 1;
        }
        cost += timing.cost;
        distance += timing.distance;
        timings.push(timing);
    }
    for (k, v) in problem.vehicle_types.iter().enumerate() {
        if used[k] > v.count {
            return Err(format!(
                "{} vehicles of type {} used, {} exist",
                used[k], v.name, v.count
            ));
        }
    }
    let mut listed = vec![false; problem.stops.len()];
    for u in &solution.unserved {
        if u.stop >= problem.stops.len() || served[u.stop] {
            return Err(format!(
                "stop {} is listed unserved but is served or unknown",
                u.stop
            ));
        }
        if std::mem::replace(&mut listed[u.stop], true) {
            return Err(format!("stop {} is listed unserved twice", u.stop));
        }
        cost += problem.stops[u.stop].skip_penalty.unwrap_or(0);
    }
    if let Some(s) = (0..problem.stops.len()).find(|&s| !served[s] && !listed[s]) {
        return Err(format!(
            "stop {} is neither served nor listed unserved",
            problem.stops[s].name
        ));
    }
    if cost != solution.cost || distance != solution.distance {
        return Err(format!(
            "claims cost {} and distance {}, but they are {cost} and {distance}",
            solution.cost, solution.distance
        ));
    }
    Ok(timings)
}
