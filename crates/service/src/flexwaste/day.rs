//! The pure step of planning a day: the day as the routing engine's problem, and the
//! routes it draws, each ending with an unloading at a hub. No database here: every
//! record it needs is handed in.

use super::clock::DayClock;
use super::stops::{SiteStop, site_name};
use super::{BREAK_AFTER_MINUTES, BREAK_SECONDS, BREAK_WINDOW, DETOUR, HUB_SECONDS, VEHICLE_COST};
use crate::{Result, ServiceError};
use domain::calendar::TimeWindow;
use domain::catalogue::Skill;
use domain::waste::Fraction;
use routing::problem::{Break, Depot, Hub, Matrix, Stop, VehicleType, Window};
use routing::route::Timing;
use routing::{Limits, Visit};
use std::collections::BTreeSet;
use store::waste::{PlaceKind, Route as StoredRoute, Vehicle, Visit as StoredVisit, WastePlace};

/// The skill a driver needs for a vehicle: a cargo bike's own, a driving licence for
/// anything else.
pub fn skill_for(vehicle: &Vehicle) -> Skill {
    domain::waste::driving_skill(&vehicle.kind)
}

/// The day as the routing engine sees it, and how its indices map back to records.
#[derive(Debug, Clone)]
pub struct DayProblem {
    pub clock: DayClock,
    pub depot: WastePlace,
    pub hubs: Vec<WastePlace>,
    /// Vehicle type `k` is vehicle `k`.
    pub vehicles: Vec<Vehicle>,
    pub stops: Vec<SiteStop>,
    /// Locations: the depot, the hubs in order, then the stops in order.
    pub problem: routing::Problem,
    /// The hubs that take every fraction collected today: every vehicle may unload there.
    pub reload_hubs: Vec<usize>,
}

/// One vehicle's route as drawn: its visits and their times by the day's clock.
#[derive(Debug, Clone, PartialEq)]
pub struct DrawnRoute {
    pub vehicle: usize,
    pub route: routing::Route,
    pub timing: Timing,
}

/// The engine's answer for the day.
#[derive(Debug, Clone, PartialEq)]
pub struct Drawn {
    /// In vehicle order.
    pub routes: Vec<DrawnRoute>,
    /// Stops (indices into [`DayProblem::stops`]) no vehicle could serve, and why.
    pub unserved: Vec<(usize, routing::Why)>,
}

impl DayProblem {
    /// The problem for `stops`, from the depot and hubs in `places` and `vehicles`.
    /// `start_after`: seconds since midnight before which no vehicle leaves (re-planning
    /// during the day).
    pub fn build(
        clock: DayClock,
        stops: Vec<SiteStop>,
        places: &[WastePlace],
        vehicles: &[Vehicle],
        start_after: Option<i64>,
    ) -> Result<Self> {
        let depots: Vec<&WastePlace> = places
            .iter()
            .filter(|p| p.kind == PlaceKind::Depot)
            .collect();
        let depot = match depots[..] {
            [one] => one.clone(),
            [] => {
                return Err(ServiceError::Conflict(
                    "Flex Waste has no depot: add the depot the vehicles start from".into(),
                ));
            }
            _ => {
                let names: Vec<&str> = depots.iter().map(|d| d.name.as_str()).collect();
                return Err(ServiceError::Conflict(format!(
                    "Flex Waste has {} depots ({}); a day's plan needs exactly one",
                    depots.len(),
                    names.join(", ")
                )));
            }
        };
        if vehicles.is_empty() {
            return Err(ServiceError::Conflict(
                "Flex Waste has no vehicles: add one before planning a day".into(),
            ));
        }
        let hubs: Vec<WastePlace> = places
            .iter()
            .filter(|p| p.kind == PlaceKind::Hub)
            .cloned()
            .collect();
        let collected: BTreeSet<Fraction> = stops
            .iter()
            .flat_map(|s| s.fractions.iter().copied())
            .collect();
        let reload_hubs: Vec<usize> = (0..hubs.len())
            .filter(|&h| collected.iter().all(|&f| hubs[h].accepts(f)))
            .collect();
        let mut speeds: Vec<u32> = vehicles.iter().map(|v| v.speed_kmh).collect();
        speeds.sort_unstable();
        speeds.dedup();
        let points: Vec<(f64, f64)> = std::iter::once((depot.latitude, depot.longitude))
            .chain(hubs.iter().map(|h| (h.latitude, h.longitude)))
            .chain(stops.iter().map(|s| (s.site.latitude, s.site.longitude)))
            .collect();
        let speeds_kmh: Vec<f64> = speeds.iter().map(|&s| f64::from(s)).collect();
        let vehicle_types = vehicles
            .iter()
            .map(|v| {
                let mut shift = clock.window(v.shift, 0);
                if let Some(after) = start_after {
                    shift.open = shift.open.max(after).min(shift.close);
                }
                let rest = driver_break(&clock, v.shift)
                    // A break due before the vehicles leave again was taken, or not, on
                    // the route being replaced.
                    .filter(|b| b.window.close >= shift.open);
                VehicleType {
                    name: v.name.clone(),
                    count: 1,
                    depot: 0,
                    capacity: vec![i64::from(v.capacity_kg), i64::from(v.capacity_litres)],
                    shift,
                    fixed_cost: VEHICLE_COST,
                    distance_cost: 1,
                    duration_cost: 1,
                    max_distance: Some(i64::from(v.range_km) * 1000),
                    profile: speeds.binary_search(&v.speed_kmh).unwrap_or(0),
                    features: Vec::new(),
                    reload_hubs: reload_hubs.clone(),
                    rest,
                }
            })
            .collect();
        let problem = routing::Problem {
            matrix: Matrix::from_coordinates(&points, DETOUR, &speeds_kmh),
            depots: vec![Depot {
                name: depot.name.clone(),
                location: 0,
                window: clock.window(depot.opening, 0),
            }],
            hubs: hubs
                .iter()
                .enumerate()
                .map(|(h, hub)| Hub {
                    name: hub.name.clone(),
                    location: 1 + h,
                    windows: vec![clock.window(hub.opening, HUB_SECONDS)],
                    service: HUB_SECONDS,
                })
                .collect(),
            stops: stops
                .iter()
                .enumerate()
                .map(|(i, s)| Stop {
                    name: site_name(&s.site),
                    location: 1 + hubs.len() + i,
                    demand: vec![i64::from(s.kg), i64::from(s.litres)],
                    service: s.service_seconds(),
                    windows: s
                        .windows
                        .iter()
                        .map(|w| clock.window(*w, s.service_seconds()))
                        .collect(),
                    skip_penalty: None,
                    needs: Vec::new(),
                })
                .collect(),
            vehicle_types,
        };
        Ok(Self {
            clock,
            depot,
            hubs,
            vehicles: vehicles.to_vec(),
            stops,
            problem,
            reload_hubs,
        })
    }

    /// Draws the routes: the same seed and iteration limit give the same routes. Each
    /// route that collected anything ends with an unloading at a hub before the depot.
    pub fn draw(&self, limits: Limits, seed: u64) -> Result<Drawn> {
        let (search, home_hub) = self.ending_at_a_hub();
        let solution = routing::solve(&search, limits, seed)?;
        let mut routes = Vec::new();
        for mut route in solution.routes {
            if let Some(&Visit::Stop(last)) = route.visits.last()
                && let Some(first) = home_hub[self.problem.stops[last].location]
            {
                // The search priced the way home through `first`; another reload hub is
                // tried only when `first` turns out closed by then.
                let mut hubs = vec![first];
                hubs.extend(self.reload_hubs.iter().filter(|&&h| h != first));
                for h in hubs {
                    route.visits.push(Visit::Hub(h));
                    if self.problem.timing(&route).is_ok() {
                        break;
                    }
                    route.visits.pop();
                }
            }
            let timing = self
                .problem
                .timing(&route)
                .map_err(|why| routing::SolveError::Broken(why.to_string()))?;
            routes.push(DrawnRoute {
                vehicle: route.vehicle_type,
                route,
                timing,
            });
        }
        routes.sort_by_key(|r| r.vehicle);
        Ok(Drawn {
            routes,
            unserved: solution
                .unserved
                .into_iter()
                .map(|u| (u.stop, u.why))
                .collect(),
        })
    }

    /// The problem the search solves: going home from a stop passes the nearest reload
    /// hub and unloads there, so range, shift and cost count the last unloading; and, per
    /// location, the hub that way home passes.
    fn ending_at_a_hub(&self) -> (routing::Problem, Vec<Option<usize>>) {
        let mut search = self.problem.clone();
        let n = search.matrix.size;
        let mut home_hub = vec![None; n];
        if self.reload_hubs.is_empty() {
            return (search, home_hub);
        }
        let m = &self.problem.matrix;
        let depot = 0;
        for s in &self.problem.stops {
            let x = s.location;
            let via = |h: usize| {
                let at = self.problem.hubs[h].location;
                (m.distance(x, at) + m.distance(at, depot), h)
            };
            let Some((distance, h)) = self.reload_hubs.iter().map(|&h| via(h)).min() else {
                continue;
            };
            let at = self.problem.hubs[h].location;
            search.matrix.distance[x * n + depot] = distance;
            for (p, profile) in search.matrix.duration.iter_mut().enumerate() {
                profile[x * n + depot] =
                    m.duration(p, x, at) + HUB_SECONDS + m.duration(p, at, depot);
            }
            home_hub[x] = Some(h);
        }
        (search, home_hub)
    }

    /// A drawn route as stored: visits in order with their times, the window each stop's
    /// service starts in, and what each visit collects or unloads.
    pub fn stored(&self, r: &DrawnRoute) -> StoredRoute {
        let visits = r
            .route
            .visits
            .iter()
            .enumerate()
            .map(|(k, &visit)| {
                let at = r.timing.starts[k];
                match visit {
                    Visit::Stop(s) => StoredVisit {
                        site_id: Some(self.stops[s].site.site_id),
                        place_id: None,
                        arrives_at: self.clock.instant(at),
                        window: Some(self.clock.instants(self.window_at(s, at))),
                        expected_kg: self.stops[s].kg,
                    },
                    Visit::Hub(h) => StoredVisit {
                        site_id: None,
                        place_id: Some(self.hubs[h].id),
                        arrives_at: self.clock.instant(at),
                        window: None,
                        expected_kg: unloaded_kg(r, k) as u32,
                    },
                }
            })
            .collect();
        StoredRoute {
            id: 0,
            vehicle_id: self.vehicles[r.vehicle].id,
            driver_id: None,
            distance_m: r.timing.distance,
            starts_at: self.clock.instant(r.timing.departure),
            ends_at: self.clock.instant(r.timing.return_time),
            visits,
        }
    }

    /// The window of stop `s` that service starting at `at` falls in.
    pub(super) fn window_at(&self, s: usize, at: i64) -> TimeWindow {
        let windows = &self.stops[s].windows;
        windows
            .iter()
            .copied()
            .find(|w| {
                self.clock.seconds(w.start_minutes()) <= at
                    && at <= self.clock.seconds(w.end_minutes())
            })
            .unwrap_or(windows[0])
    }
}

/// The engine's reason in the day's words: its seconds since midnight as clock times,
/// its metres as kilometres, its load dimensions named.
pub fn humane(reason: &str, clock: &DayClock) -> String {
    let reason = reason
        .replace("in dimension 0", "kg")
        .replace("in dimension 1", "litres");
    let mut out = Vec::new();
    let mut before = "";
    for word in reason.split(' ') {
        let number = word.trim_end_matches([',', ')', ';']);
        let tail = &word[number.len()..];
        out.push(match number.parse::<i64>() {
            Ok(n) if matches!(before, "at" | "by" | "after" | "(earliest") => {
                format!("{}{tail}", clock.clock_time(n))
            }
            Ok(n) if matches!(before, "drives" | "range") => {
                format!("{:.1} km{tail}", n as f64 / 1000.0)
            }
            _ => word.to_string(),
        });
        before = word;
    }
    out.join(" ")
}

/// What is on board when visit `k` (a hub) begins: the load after the visit before.
pub(super) fn unloaded_kg(r: &DrawnRoute, k: usize) -> i64 {
    k.checked_sub(1)
        .map_or(0, |before| r.timing.loads[before][0])
}

/// The driver's break for a shift longer than six hours: inside 11:00–13:00 when the
/// shift covers it, else inside the shift's middle two hours.
pub(super) fn driver_break(clock: &DayClock, shift: TimeWindow) -> Option<Break> {
    if shift.minutes() <= BREAK_AFTER_MINUTES {
        return None;
    }
    let (from, to) =
        if shift.start_minutes() <= BREAK_WINDOW.0 && shift.end_minutes() >= BREAK_WINDOW.1 {
            BREAK_WINDOW
        } else {
            let middle = (shift.start_minutes() + shift.end_minutes()) / 2;
            (middle - 60, middle + 60)
        };
    let open = clock.seconds(from);
    Some(Break {
        window: Window::new(open, (clock.seconds(to) - BREAK_SECONDS).max(open)),
        duration: BREAK_SECONDS,
    })
}
