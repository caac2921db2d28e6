//! A day's plan as the pages, the API and the command line show it.

use super::day::{DayProblem, DrawnRoute, unloaded_kg};
use super::load::DayRecords;
use super::plan::PlannedDay;
use super::stops::site_name;
use chrono::NaiveDate;
use domain::calendar::format_instant;
use routing::Visit;
use serde::Serialize;
use std::collections::BTreeMap;
use store::waste::{Route as StoredRoute, WasteSite};

/// A day's plan as `kommune route` shows it; it serialises to exactly the shape
/// `kommune route --json` prints: `{"routes": […], "unserved": […]}`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DayPlanView {
    #[serde(skip)]
    pub plan_id: i64,
    #[serde(skip)]
    pub day: NaiveDate,
    pub routes: Vec<RouteView>,
    pub unserved: Vec<UnservedView>,
    /// Sites served earlier today (pickups recorded): left out of this plan.
    #[serde(skip)]
    pub done: Vec<DoneView>,
    /// Vehicles left out because no driver could take their route: `name: why`.
    #[serde(skip)]
    pub left_out: Vec<String>,
    /// When the vehicles leave the depot at the earliest, if planned from the time of
    /// planning rather than from their shifts' start.
    #[serde(skip)]
    pub from: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RouteView {
    pub vehicle: String,
    pub driver: Option<String>,
    pub range_km: u32,
    /// With one decimal.
    pub distance_km: f64,
    pub capacity_kg: u32,
    /// The most on board at once between unloadings.
    pub max_load_kg: i64,
    pub stops: Vec<StopView>,
    pub unloads: Vec<UnloadView>,
    #[serde(skip)]
    pub starts: String,
    #[serde(skip)]
    pub ends: String,
    /// Why no driver could take the route.
    #[serde(skip)]
    pub no_driver: Option<String>,
    /// Still on board when the route ends: no hub was open on the way home.
    #[serde(skip)]
    pub returns_with_kg: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StopView {
    /// `Company — Site`.
    pub site: String,
    /// When service starts (after waiting for the window, if early).
    pub arrival: String,
    /// The window the arrival falls in.
    pub window: [String; 2],
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct UnloadView {
    pub hub: String,
    pub arrival: String,
    pub kg: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct UnservedView {
    pub site: String,
    pub reason: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DoneView {
    pub site: String,
    /// The first pickup recorded there today.
    pub at: String,
}

impl DayProblem {
    pub(super) fn route_view(&self, r: &DrawnRoute, stored: &StoredRoute) -> RouteView {
        let vehicle = &self.vehicles[r.vehicle];
        let mut stops = Vec::new();
        let mut unloads = Vec::new();
        for (k, &visit) in r.route.visits.iter().enumerate() {
            let at = r.timing.starts[k];
            let arrival = format_instant(self.clock.instant(at));
            match visit {
                Visit::Stop(s) => {
                    let (open, close) = self.clock.instants(self.window_at(s, at));
                    stops.push(StopView {
                        site: site_name(&self.stops[s].site),
                        arrival,
                        window: [format_instant(open), format_instant(close)],
                    });
                }
                Visit::Hub(h) => unloads.push(UnloadView {
                    hub: self.hubs[h].name.clone(),
                    arrival,
                    kg: unloaded_kg(r, k),
                }),
            }
        }
        let returns_with_kg = match r.route.visits.last() {
            Some(Visit::Stop(_)) => r.timing.loads.last().map_or(0, |l| l[0]),
            _ => 0,
        };
        RouteView {
            vehicle: vehicle.name.clone(),
            driver: None,
            range_km: vehicle.range_km,
            distance_km: (r.timing.distance as f64 / 100.0).round() / 10.0,
            capacity_kg: vehicle.capacity_kg,
            max_load_kg: r.timing.max_load.first().copied().unwrap_or(0),
            stops,
            unloads,
            starts: format_instant(stored.starts_at),
            ends: format_instant(stored.ends_at),
            no_driver: None,
            returns_with_kg,
        }
    }
}

/// The stored plan as shown: each route with its driver's name (or why none), the sites
/// no route serves, and the sites done earlier in the day.
pub(super) fn day_view(
    records: &DayRecords,
    planned: &PlannedDay,
    plan_id: i64,
    driver_names: &BTreeMap<i64, String>,
    done_sites: &BTreeMap<i64, WasteSite>,
) -> DayPlanView {
    let problem = &planned.problem;
    DayPlanView {
        plan_id,
        day: records.clock.day,
        routes: planned
            .drawn
            .routes
            .iter()
            .zip(&planned.routes)
            .zip(&planned.drivers)
            .map(|((r, stored), driver)| {
                let mut view = problem.route_view(r, stored);
                match driver {
                    Ok(id) => view.driver = driver_names.get(id).cloned(),
                    Err(why) => view.no_driver = Some(why.clone()),
                }
                view
            })
            .collect(),
        unserved: planned
            .drawn
            .unserved
            .iter()
            .map(|(s, why)| UnservedView {
                site: site_name(&problem.stops[*s].site),
                reason: super::humane(&why.to_string(), &problem.clock),
            })
            .collect(),
        done: records
            .done
            .iter()
            .filter_map(|(site_id, at)| {
                Some(DoneView {
                    site: site_name(done_sites.get(site_id)?),
                    at: format_instant(*at),
                })
            })
            .collect(),
        left_out: planned.left_out.clone(),
        from: records
            .start_after
            .filter(|&s| s > 0)
            .map(|s| format_instant(records.clock.instant(s))),
    }
}

/// A stored reason for a stop left out: the engine's value, or (plans stored before
/// reasons were values) its text as it was.
pub fn stored_why(stored: &str) -> Result<routing::Why, String> {
    serde_json::from_str(stored).map_err(|_| stored.to_string())
}

/// A stored reason in the engine's English with the day's clock times and kilometres,
/// as the command line and the API say it.
pub fn stored_reason(stored: &str, day: NaiveDate) -> String {
    match stored_why(stored) {
        Ok(why) => super::humane(&why.to_string(), &super::DayClock::new(day)),
        Err(text) => text,
    }
}
