//! One vehicle's route and what it means: the visits in order, when each begins, the load
//! carried, the distance, the cost — or the rule it breaks. This is the one definition of
//! feasibility; the search's fast checks are shortcuts of it and the checker uses it as is.

use crate::problem::{Problem, Window};
use crate::why::Infeasible;
use serde::{Deserialize, Serialize};

/// A place a route goes to between leaving the depot and coming back.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Visit {
    /// Serve a stop (index into the problem's stops).
    Stop(usize),
    /// Unload everything at a hub (index into the problem's hubs).
    Hub(usize),
}

/// A vehicle's route: its type, its visits, and when the driver takes the break —
/// after `break_at` visits (0: at the depot before the first).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Route {
    pub vehicle_type: usize,
    pub visits: Vec<Visit>,
    pub break_at: Option<usize>,
}

/// The times, loads and cost of a feasible route.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Timing {
    /// Leaving the depot: as late as possible without delaying the first service.
    pub departure: i64,
    /// Per visit: arrival and start of service.
    pub arrivals: Vec<i64>,
    pub starts: Vec<i64>,
    /// Per visit: the load on board after it, per dimension.
    pub loads: Vec<Vec<i64>>,
    pub break_start: Option<i64>,
    pub return_time: i64,
    pub distance: i64,
    pub duration: i64,
    /// Per dimension: the most carried at once.
    pub max_load: Vec<i64>,
    /// Fixed cost + distance and duration at the vehicle type's rates.
    pub cost: i64,
}

/// The earliest moment at or after `at` inside one of `windows`, if any.
pub fn earliest_in(windows: &[Window], at: i64) -> Option<i64> {
    windows
        .iter()
        .find(|w| w.close >= at)
        .map(|w| at.max(w.open))
}

impl Problem {
    /// Where a visit is.
    pub fn location_of(&self, visit: Visit) -> usize {
        match visit {
            Visit::Stop(s) => self.stops[s].location,
            Visit::Hub(h) => self.hubs[h].location,
        }
    }

    /// A visit's name for messages.
    pub fn name_of(&self, visit: Visit) -> String {
        match visit {
            Visit::Stop(s) => format!("stop {}", self.stops[s].name),
            Visit::Hub(h) => format!("hub {}", self.hubs[h].name),
        }
    }

    /// Times, loads and cost of `route`, or the first rule it breaks.
    pub fn timing(&self, route: &Route) -> Result<Timing, Infeasible> {
        let vehicle = self
            .vehicle_types
            .get(route.vehicle_type)
            .ok_or(Infeasible::NoSuchVehicle(route.vehicle_type))?;
        let depot = &self.depots[vehicle.depot];
        let profile = vehicle.profile;
        let dims = vehicle.capacity.len();
        let earliest = vehicle.shift.open.max(depot.window.open);
        let latest_return = vehicle.shift.close.min(depot.window.close);
        if route.break_at.is_some_and(|k| k > route.visits.len()) {
            return Err(Infeasible::BreakAfterLastVisit);
        }
        let mut t = earliest;
        let mut at = depot.location;
        let mut load = vec![0i64; dims];
        let mut max_load = vec![0i64; dims];
        let mut distance = 0i64;
        let mut timing = Timing {
            departure: earliest,
            arrivals: Vec::with_capacity(route.visits.len()),
            starts: Vec::with_capacity(route.visits.len()),
            loads: Vec::with_capacity(route.visits.len()),
            break_start: None,
            return_time: 0,
            distance: 0,
            duration: 0,
            max_load: Vec::new(),
            cost: 0,
        };
        let take_break = |t: &mut i64, timing: &mut Timing| -> Result<(), Infeasible> {
            let rest = vehicle.rest.ok_or(Infeasible::NoRest)?;
            let start = (*t).max(rest.window.open);
            if start > rest.window.close {
                return Err(Infeasible::BreakTooLate {
                    close: rest.window.close,
                    earliest: start,
                });
            }
            timing.break_start = Some(start);
            *t = start + rest.duration;
            Ok(())
        };
        for (k, &visit) in route.visits.iter().enumerate() {
            if route.break_at == Some(k) {
                take_break(&mut t, &mut timing)?;
            }
            let next = self.location_of(visit);
            let arrival = t + self.matrix.duration(profile, at, next);
            distance += self.matrix.distance(at, next);
            let (windows, service) = match visit {
                Visit::Stop(s) => {
                    let stop = &self.stops[s];
                    if let Some(missing) = stop.needs.iter().find(|f| !vehicle.features.contains(f))
                    {
                        return Err(Infeasible::NeedsFeature {
                            place: self.name_of(visit),
                            feature: missing.to_string(),
                            vehicle: vehicle.name.clone(),
                        });
                    }
                    for (l, d) in load.iter_mut().zip(&stop.demand) {
                        *l += d;
                    }
                    (&stop.windows, stop.service)
                }
                Visit::Hub(h) => {
                    if !vehicle.reload_hubs.contains(&h) {
                        return Err(Infeasible::MayNotUnload {
                            vehicle: vehicle.name.clone(),
                            place: self.name_of(visit),
                        });
                    }
                    load.iter_mut().for_each(|l| *l = 0);
                    (&self.hubs[h].windows, self.hubs[h].service)
                }
            };
            let start =
                earliest_in(windows, arrival).ok_or_else(|| Infeasible::AfterLastWindow {
                    place: self.name_of(visit),
                    arrival,
                })?;
            if let Some(d) = (0..dims).find(|&d| load[d] > vehicle.capacity[d]) {
                return Err(Infeasible::OverCapacity {
                    load: load[d],
                    dimension: d,
                    place: self.name_of(visit),
                    capacity: vehicle.capacity[d],
                });
            }
            for (m, l) in max_load.iter_mut().zip(&load) {
                *m = (*m).max(*l);
            }
            timing.arrivals.push(arrival);
            timing.starts.push(start);
            timing.loads.push(load.clone());
            t = start + service;
            at = next;
        }
        if route.break_at == Some(route.visits.len()) {
            take_break(&mut t, &mut timing)?;
        }
        let back = t + self.matrix.duration(profile, at, depot.location);
        distance += self.matrix.distance(at, depot.location);
        if back > latest_return {
            return Err(Infeasible::ReturnsLate {
                back,
                latest: latest_return,
            });
        }
        if let Some(rest) = vehicle.rest
            && route.break_at.is_none()
            && !route.visits.is_empty()
            && back > rest.window.open
        {
            return Err(Infeasible::NoBreak {
                at: rest.window.open,
            });
        }
        if let Some(max) = vehicle.max_distance
            && distance > max
        {
            return Err(Infeasible::OverRange { distance, max });
        }
        if route.break_at != Some(0)
            && let (Some(&first_start), Some(&first)) =
                (timing.starts.first(), route.visits.first())
        {
            let travel = self
                .matrix
                .duration(profile, depot.location, self.location_of(first));
            timing.departure = earliest.max(first_start - travel);
        }
        timing.return_time = back;
        timing.distance = distance;
        timing.duration = back - timing.departure;
        timing.max_load = max_load;
        timing.cost = if route.visits.is_empty() {
            0
        } else {
            vehicle.fixed_cost
                + vehicle.distance_cost * distance
                + vehicle.duration_cost * timing.duration
        };
        Ok(timing)
    }
}
