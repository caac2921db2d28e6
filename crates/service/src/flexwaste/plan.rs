//! The pure step of a day's plan: from the day's records to routes with drivers, with
//! no database in reach, so it is tested on records made in the test.

use super::day::{DayProblem, Drawn, skill_for};
use super::load::DayRecords;
use crate::Result;
use chrono::{DateTime, Utc};
use routing::Limits;
use std::time::Instant;
use store::waste::{Route as StoredRoute, Vehicle};

/// The share of a time limit left when the routes are drawn that the routing engine may
/// search; the rest is for the drivers, storing the plan and reading it back.
pub(super) const ROUTING_SHARE: f64 = 0.85;

/// The routes drawn for the day, each with its driver or why none.
pub(super) struct PlannedDay {
    pub problem: DayProblem,
    pub drawn: Drawn,
    /// As they are stored, drivers filled in.
    pub routes: Vec<StoredRoute>,
    /// A driver's person id for each route, or why none could take it.
    pub drivers: Vec<Result<i64, String>>,
    /// Vehicles left out because no driver could take their route: `name: why`.
    pub left_out: Vec<String>,
    /// Sites no route serves, and why.
    pub unserved: Vec<(i64, String)>,
}

/// Draws the day's routes and gives each a driver; the same seed and iteration limit
/// give the same plan. A time limit is the whole planning's, counted from `started`
/// (when the day's records began to be read): the routes get most of what is left
/// ([`ROUTING_SHARE`]), the drivers a tenth of what is left after them, and a draw again
/// without a vehicle only what remains — so the plan is stored within the limit.
///
/// A vehicle that no one in the pool has the skill to drive is left out; so is one whose
/// route no driver can take, and the routes are drawn again without it, as long as other
/// vehicles remain. A driver out on a vehicle since the route being replaced goes on:
/// their route began when that one did.
pub(super) fn plan(
    records: &DayRecords,
    limits: Limits,
    seed: u64,
    now: DateTime<Utc>,
    started: Instant,
) -> Result<PlannedDay> {
    let left = |share: f64| Limits {
        time: limits
            .time
            .map(|t| t.saturating_sub(started.elapsed()).mul_f64(share)),
        iterations: limits.iterations,
    };
    let mut vehicles = records.vehicles.clone();
    let mut left_out = Vec::new();
    if let Some(pool) = &records.pool {
        let (drivable, not): (Vec<Vehicle>, Vec<Vehicle>) = vehicles
            .iter()
            .cloned()
            .partition(|v| pool.has_skill(skill_for(v)));
        // With nobody to drive any of them the routes still show what drivers are needed.
        if !drivable.is_empty() {
            for v in not {
                left_out.push(format!("{}: nobody holds {}", v.name, skill_for(&v)));
            }
            vehicles = drivable;
        }
    }
    let (problem, drawn, mut routes, drivers) = loop {
        let problem = DayProblem::build(
            records.clock.clone(),
            records.stops.clone(),
            &records.places,
            &vehicles,
            records.start_after,
        )?;
        let drawn = problem.draw(left(ROUTING_SHARE), seed)?;
        let routes: Vec<StoredRoute> = drawn.routes.iter().map(|r| problem.stored(r)).collect();
        let drivers = match &records.pool {
            Some(pool) => pool.assign(&problem, &routes, left(1.0), seed)?,
            None => Vec::new(),
        };
        let driverless: Vec<usize> = (0..routes.len()).filter(|&k| drivers[k].is_err()).collect();
        if driverless.is_empty() || driverless.len() == vehicles.len() {
            break (problem, drawn, routes, drivers);
        }
        for &k in &driverless {
            let vehicle = &problem.vehicles[drawn.routes[k].vehicle];
            let why = drivers[k].as_ref().err().cloned().unwrap_or_default();
            left_out.push(format!("{}: {why}", vehicle.name));
            vehicles.retain(|v| v.id != vehicle.id);
        }
    };
    for (route, driver) in routes.iter_mut().zip(&drivers) {
        if let Ok(id) = driver {
            route.driver_id = Some(*id);
            if let Some(earlier) = records.previous.iter().flat_map(|p| &p.routes).find(|e| {
                e.vehicle_id == route.vehicle_id && e.driver_id == Some(*id) && e.starts_at < now
            }) {
                route.starts_at = route.starts_at.min(earlier.starts_at);
            }
        }
    }
    let unserved = drawn
        .unserved
        .iter()
        // Kept as the value, for pages to say in their language (see view::stored_why).
        .map(|(s, why)| {
            let kept = serde_json::to_string(why).unwrap_or_else(|_| why.to_string());
            (problem.stops[*s].site.site_id, kept)
        })
        .collect();
    Ok(PlannedDay {
        problem,
        drawn,
        routes,
        drivers,
        left_out,
        unserved,
    })
}
