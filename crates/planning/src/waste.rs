//! Flex Waste's day: what is due becomes a routing problem, the routing engine draws the
//! vehicles' routes, the staffing engine gives each route a driver, and the plan is stored.
//!
//! Units are the routing engine's: metres, and seconds since the day's local midnight
//! (Europe/Copenhagen) counted as elapsed time, so travel on a clock-change day is
//! measured right. The model — service times, the reload rule, the break, drivers and
//! re-planning during the day — is documented in docs/routing.md, "Flex Waste's day".

use crate::problem::{WeekProblem, block, booked_work};
use crate::week::Week;
use chrono::{DateTime, Duration, NaiveDate, Utc};
use domain::calendar::{TimeWindow, format_instant, local_date};
use domain::catalogue::Skill;
use domain::waste::Fraction;
use routing::problem::{Break, Depot, Hub, Matrix, Stop, VehicleType, Window};
use routing::route::Timing;
use routing::{Limits, Visit};
use serde::Serialize;
use staffing::problem::{Place, Task};
use staffing::replan::Previous;
use std::collections::{BTreeMap, BTreeSet};
use store::plans::PlannedWork;
use store::waste::{
    DayPlan, Due, PlaceKind, Route as StoredRoute, Source, Vehicle, Visit as StoredVisit,
    WastePlace, WasteSite,
};
use store::{Actor, Store, StoreError};

/// Service at a stop starts with 3 minutes (park, walk in, find the bins, sign off) ...
pub const STOP_BASE_SECONDS: i64 = 3 * 60;
/// ... and takes 1 minute more per 10 kg carried out.
pub const STOP_SECONDS_PER_KG: i64 = 6;
/// Unloading at a hub, weighing included.
pub const HUB_SECONDS: i64 = 10 * 60;
/// City streets are about 1.3 times the straight line.
pub const DETOUR: f64 = 1.3;
/// The heaviest single lift on a route (a bundle of cardboard, a full sack), compared with
/// a driver's functional limit.
pub const LIFT_KG: u16 = 15;
/// The driver's break: 30 minutes inside 11:00–13:00 on a shift longer than 6 hours.
const BREAK_SECONDS: i64 = 30 * 60;
const BREAK_WINDOW: (u16, u16) = (11 * 60, 13 * 60);
const BREAK_AFTER_MINUTES: u16 = 6 * 60;
/// A vehicle taken out at all weighs as half an hour on the road, so a stop or two are not
/// worth another driver.
const VEHICLE_COST: i64 = 30 * 60;

/// Why a day could not be planned.
#[derive(Debug, thiserror::Error)]
pub enum DayPlanError {
    #[error(transparent)]
    Store(#[from] StoreError),
    /// The depot, hubs or vehicles are not set up for a plan.
    #[error("{0}")]
    Setup(String),
    #[error(transparent)]
    Routing(#[from] routing::SolveError),
    #[error("{0}")]
    Staffing(#[from] staffing::ProblemError),
}

/// The day's clock: seconds since local midnight, elapsed, and back to instants.
#[derive(Debug, Clone)]
pub struct DayClock {
    pub day: NaiveDate,
    week: Week,
    /// The day's midnight in minutes since its week's Monday.
    midnight_minute: i32,
    midnight: DateTime<Utc>,
}

impl DayClock {
    pub fn new(day: NaiveDate) -> Self {
        let week = Week::of(day);
        let midnight_minute = (day - week.monday).num_days() as i32 * 24 * 60;
        Self {
            day,
            midnight: week.instant(midnight_minute),
            week,
            midnight_minute,
        }
    }

    /// Seconds from midnight until the local clock shows `minutes` past midnight; on a
    /// clock-change day 09:00 is an hour more or less than 9 × 3600 seconds in.
    pub fn seconds(&self, minutes: u16) -> i64 {
        self.seconds_of(self.week.instant(self.midnight_minute + i32::from(minutes)))
    }

    /// The instant `seconds` after midnight.
    pub fn instant(&self, seconds: i64) -> DateTime<Utc> {
        self.midnight + Duration::seconds(seconds)
    }

    pub fn seconds_of(&self, at: DateTime<Utc>) -> i64 {
        (at - self.midnight).num_seconds()
    }

    /// `HH:MM` by the local clock, `seconds` after midnight.
    pub fn clock_time(&self, seconds: i64) -> String {
        let at = self.instant(seconds);
        let text = format_instant(at);
        let time = text.get(11..16).unwrap_or(&text);
        match (local_date(at) - self.day).num_days() {
            0 => time.to_string(),
            1 => format!("{time} the next day"),
            days => format!("{time} {days} days later"),
        }
    }

    /// A local window as instants.
    pub fn instants(&self, w: TimeWindow) -> (DateTime<Utc>, DateTime<Utc>) {
        (
            self.instant(self.seconds(w.start_minutes())),
            self.instant(self.seconds(w.end_minutes())),
        )
    }

    /// A local window as an engine window in which service of `service` seconds must
    /// start, so that it is over before the window closes.
    fn window(&self, w: TimeWindow, service: i64) -> Window {
        let open = self.seconds(w.start_minutes());
        Window::new(open, (self.seconds(w.end_minutes()) - service).max(open))
    }
}

/// One stop of the day: a site with everything due there.
#[derive(Debug, Clone, PartialEq)]
pub struct SiteStop {
    pub site: WasteSite,
    pub fractions: Vec<Fraction>,
    /// Sorted, apart from each other.
    pub windows: Vec<TimeWindow>,
    pub kg: u32,
    pub litres: u32,
}

impl SiteStop {
    pub fn service_seconds(&self) -> i64 {
        STOP_BASE_SECONDS + STOP_SECONDS_PER_KG * i64::from(self.kg)
    }
}

/// `Company — Site`, as drivers and coordinators name a stop.
pub fn site_name(site: &WasteSite) -> String {
    format!("{} — {}", site.company, site.name)
}

/// The day's dues as one stop per site, leaving out the `done` sites. Demand is summed;
/// the windows are the subscription's when the site has one (an order rides along on the
/// subscription's visit), else the orders' windows joined where they touch.
pub fn stops_of(dues: &[Due], done: &BTreeSet<i64>) -> Vec<SiteStop> {
    let mut by_site: BTreeMap<i64, Vec<&Due>> = BTreeMap::new();
    for due in dues.iter().filter(|d| !done.contains(&d.site.site_id)) {
        by_site.entry(due.site.site_id).or_default().push(due);
    }
    by_site
        .into_values()
        .map(|dues| {
            let subscribed = dues
                .iter()
                .any(|d| matches!(d.source, Source::Subscription(_)));
            let windows: Vec<TimeWindow> = dues
                .iter()
                .filter(|d| !subscribed || matches!(d.source, Source::Subscription(_)))
                .map(|d| d.window)
                .collect();
            let mut fractions: Vec<Fraction> =
                dues.iter().flat_map(|d| d.fractions.clone()).collect();
            fractions.sort();
            fractions.dedup();
            SiteStop {
                site: dues[0].site.clone(),
                fractions,
                windows: joined(windows),
                kg: dues.iter().map(|d| d.expected_kg).sum(),
                litres: dues.iter().map(|d| d.expected_litres).sum(),
            }
        })
        .collect()
}

/// Windows sorted, those that overlap or touch made one.
fn joined(mut windows: Vec<TimeWindow>) -> Vec<TimeWindow> {
    windows.sort();
    let mut out: Vec<TimeWindow> = Vec::new();
    for w in windows {
        match out.last_mut() {
            Some(last) if w.start_minutes() <= last.end_minutes() => {
                let end = last.end_minutes().max(w.end_minutes());
                *last = TimeWindow::new(last.start_minutes(), end).unwrap_or(*last);
            }
            _ => out.push(w),
        }
    }
    out
}

/// Whether a hub takes `fraction`: listed itself, or its main fraction is (a hub that
/// takes plastic takes soft and hard plastic too).
fn accepts(hub: &WastePlace, fraction: Fraction) -> bool {
    hub.fractions.contains(&fraction) || hub.fractions.contains(&fraction.main())
}

/// The skill a driver needs for a vehicle: a cargo bike's own, a driving licence for
/// anything else.
pub fn skill_for(vehicle: &Vehicle) -> Skill {
    if vehicle.kind == Skill::CargoBike.code() {
        Skill::CargoBike
    } else {
        Skill::DrivingLicenceB
    }
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
    pub unserved: Vec<(usize, String)>,
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
    ) -> Result<Self, DayPlanError> {
        let depots: Vec<&WastePlace> = places
            .iter()
            .filter(|p| p.kind == PlaceKind::Depot)
            .collect();
        let depot = match depots[..] {
            [one] => one.clone(),
            [] => {
                return Err(DayPlanError::Setup(
                    "Flex Waste has no depot: add the depot the vehicles start from".into(),
                ));
            }
            _ => {
                let names: Vec<&str> = depots.iter().map(|d| d.name.as_str()).collect();
                return Err(DayPlanError::Setup(format!(
                    "Flex Waste has {} depots ({}); a day's plan needs exactly one",
                    depots.len(),
                    names.join(", ")
                )));
            }
        };
        if vehicles.is_empty() {
            return Err(DayPlanError::Setup(
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
            .filter(|&h| collected.iter().all(|&f| accepts(&hubs[h], f)))
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
    pub fn draw(&self, limits: Limits, seed: u64) -> Result<Drawn, DayPlanError> {
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
                .map(|u| (u.stop, humane(&u.reason, &self.clock)))
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
    fn window_at(&self, s: usize, at: i64) -> TimeWindow {
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
fn unloaded_kg(r: &DrawnRoute, k: usize) -> i64 {
    k.checked_sub(1)
        .map_or(0, |before| r.timing.loads[before][0])
}

/// The driver's break for a shift longer than six hours: inside 11:00–13:00 when the
/// shift covers it, else inside the shift's middle two hours.
fn driver_break(clock: &DayClock, shift: TimeWindow) -> Option<Break> {
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

/// Plans `day` for Flex Waste and stores the plan; the same seed and iteration limit
/// give the same plan.
///
/// When the day has a plan already (an order came in), sites with a pickup recorded that
/// day are done and left out, and the vehicles leave the depot again at `now` or their
/// shift's start, whichever is later — as they do when planning today for the first
/// time. A driver out on a vehicle since its earlier route keeps the route if they can.
/// A vehicle that no active person has the skill to drive is left out; so is one whose
/// route no driver can take, and the routes are drawn again without it, as long as other
/// vehicles remain.
pub async fn plan_day(
    store: &Store,
    day: NaiveDate,
    limits: Limits,
    seed: u64,
    now: DateTime<Utc>,
    by: &Actor,
) -> Result<DayPlanView, DayPlanError> {
    let places = store.waste_places().await?;
    let mut vehicles = store.vehicles().await?;
    let previous = store.day_plan(day).await?;
    let mut done: BTreeMap<i64, DateTime<Utc>> = BTreeMap::new();
    for p in store.pickups(day, day).await? {
        let first = done.entry(p.site_id).or_insert(p.at);
        *first = (*first).min(p.at);
    }
    let dues = store.pickups_due(day).await?;
    let clock = DayClock::new(day);
    let from_now = previous.is_some() || local_date(now) == day;
    let start_after = from_now.then(|| clock.seconds_of(now));
    let stops = stops_of(&dues, &done.keys().copied().collect());
    // Checks the depot and fleet before anyone's limits are read.
    DayProblem::build(clock.clone(), Vec::new(), &places, &vehicles, None)?;
    let pool = if stops.is_empty() {
        None
    } else {
        Some(DriverPool::load(store, &clock, previous.as_ref(), now, by).await?)
    };
    let mut left_out = Vec::new();
    if let Some(pool) = &pool {
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
    let (day_problem, drawn, mut routes, drivers) = loop {
        let day_problem = DayProblem::build(
            clock.clone(),
            stops.clone(),
            &places,
            &vehicles,
            start_after,
        )?;
        let drawn = day_problem.draw(limits, seed)?;
        let routes: Vec<StoredRoute> = drawn.routes.iter().map(|r| day_problem.stored(r)).collect();
        let drivers = match &pool {
            Some(pool) => pool.assign(&day_problem, &routes, limits, seed)?,
            None => Vec::new(),
        };
        let driverless: Vec<usize> = (0..routes.len()).filter(|&k| drivers[k].is_err()).collect();
        if driverless.is_empty() || driverless.len() == vehicles.len() {
            break (day_problem, drawn, routes, drivers);
        }
        for &k in &driverless {
            let vehicle = &day_problem.vehicles[drawn.routes[k].vehicle];
            let why = drivers[k].as_ref().err().cloned().unwrap_or_default();
            left_out.push(format!("{}: {why}", vehicle.name));
            vehicles.retain(|v| v.id != vehicle.id);
        }
    };
    let mut driver_names = BTreeMap::new();
    for (route, driver) in routes.iter_mut().zip(&drivers) {
        if let Ok(id) = driver {
            route.driver_id = Some(*id);
            // A driver out on this vehicle since the route being replaced goes on: their
            // route began when that one did.
            if let Some(earlier) = previous.iter().flat_map(|p| &p.routes).find(|e| {
                e.vehicle_id == route.vehicle_id && e.driver_id == Some(*id) && e.starts_at < now
            }) {
                route.starts_at = route.starts_at.min(earlier.starts_at);
            }
            driver_names.insert(*id, store.person(*id).await?.value.name);
        }
    }
    let unserved: Vec<(i64, String)> = drawn
        .unserved
        .iter()
        .map(|(s, why)| (day_problem.stops[*s].site.site_id, why.clone()))
        .collect();
    let plan_id = store.save_day_plan(day, &routes, &unserved, by).await?;

    let mut done_view = Vec::new();
    for (site_id, at) in &done {
        let site = match dues.iter().find(|d| d.site.site_id == *site_id) {
            Some(d) => d.site.clone(),
            None => store.waste_site(*site_id).await?,
        };
        done_view.push(DoneView {
            site: site_name(&site),
            at: format_instant(*at),
        });
    }
    Ok(DayPlanView {
        plan_id,
        day,
        routes: drawn
            .routes
            .iter()
            .zip(&routes)
            .zip(&drivers)
            .map(|((r, stored), driver)| {
                let mut view = day_problem.route_view(r, stored);
                match driver {
                    Ok(id) => view.driver = driver_names.get(id).cloned(),
                    Err(why) => view.no_driver = Some(why.clone()),
                }
                view
            })
            .collect(),
        unserved: drawn
            .unserved
            .iter()
            .map(|(s, why)| UnservedView {
                site: site_name(&day_problem.stops[*s].site),
                reason: why.clone(),
            })
            .collect(),
        done: done_view,
        left_out,
        from: start_after
            .filter(|&s| s > 0)
            .map(|s| format_instant(day_problem.clock.instant(s))),
    })
}

impl DayProblem {
    fn route_view(&self, r: &DrawnRoute, stored: &StoredRoute) -> RouteView {
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

/// The people who may drive today, as the week's plan sees them (availability, absences,
/// limits, weekly cap, committed work and the routes of the week's other days blocked),
/// less the time the week's latest plan gives them otherwise.
struct DriverPool {
    week: Week,
    built: WeekProblem,
    /// The drivers of the routes being replaced: (vehicle id, person id).
    earlier: Vec<(i64, i64)>,
}

impl DriverPool {
    async fn load(
        store: &Store,
        clock: &DayClock,
        previous: Option<&DayPlan>,
        now: DateTime<Utc>,
        by: &Actor,
    ) -> Result<Self, DayPlanError> {
        let week = Week::of(clock.day);
        // The routes of the week's other days are blocked by the build already, and so is
        // committed work; today's are the ones being drawn again.
        let mut built = WeekProblem::build_beside(store, &week, Some(clock.day), by).await?;
        // The rest of the latest plan is not blocked, since a week's re-plan may move it —
        // but a route cannot wait for that.
        let mut busy: Vec<PlannedWork> = store
            .latest_plan(&week.label)
            .await?
            .map(|p| p.plan.assignments)
            .unwrap_or_default()
            .into_iter()
            .filter(|a| !built.committed_work.contains(a))
            .collect();
        // A driver already out on a route being replaced has worked since it began.
        let replaced = previous.iter().flat_map(|p| &p.routes);
        busy.extend(replaced.clone().filter_map(|r| {
            let end = r.ends_at.min(now);
            (r.starts_at < end).then_some(PlannedWork {
                task_id: 0,
                occurrence: clock.day,
                start: r.starts_at,
                end,
                person_id: r.driver_id?,
            })
        }));
        let booked = booked_work(&week, &busy);
        for (person, id) in built.problem.people.iter_mut().zip(&built.person_ids) {
            if let Some(intervals) = booked.get(id) {
                block(person, intervals);
            }
        }
        built.problem.tasks.clear();
        let earlier = replaced
            .filter_map(|r| Some((r.vehicle_id, r.driver_id?)))
            .collect();
        Ok(Self {
            week,
            built,
            earlier,
        })
    }

    fn has_skill(&self, skill: Skill) -> bool {
        let code = skill.code();
        self.built
            .problem
            .people
            .iter()
            .any(|p| p.skills.iter().any(|s| s == code))
    }

    /// A driver (person id) for each route, or why none: each route is a task at the
    /// depot from its start to its end, needing the vehicle's skill and counting towards
    /// the weekly cap.
    fn assign(
        &self,
        day: &DayProblem,
        routes: &[StoredRoute],
        limits: Limits,
        seed: u64,
    ) -> Result<Vec<Result<i64, String>>, DayPlanError> {
        if routes.is_empty() {
            return Ok(Vec::new());
        }
        let week = &self.week;
        let mut problem = self.built.problem.clone();
        let vehicle = |id: i64| day.vehicles.iter().find(|v| v.id == id);
        problem.tasks = routes
            .iter()
            .map(|r| {
                let start = week.minutes(r.starts_at);
                let minutes = ((r.ends_at - week.instant(start)).num_seconds() + 59) / 60;
                Task {
                    id: format!("vehicle-{}", r.vehicle_id),
                    company: 0,
                    place: Place(day.depot.latitude, day.depot.longitude),
                    earliest_start: start,
                    latest_start: start,
                    duration: minutes.clamp(1, 24 * 60) as i32,
                    skills: vehicle(r.vehicle_id)
                        .map(|v| vec![skill_for(v).code().to_string()])
                        .unwrap_or_default(),
                    lift_kg: LIFT_KG,
                    outdoors: true,
                    people_needed: 1,
                }
            })
            .collect();
        let limits = staffing::Limits {
            // The drivers' problem is small: a tenth of the routes' time is plenty.
            time: limits.time.map(|t| t / 10),
            iterations: limits.iterations,
        };
        // The same driver on the same vehicle as before, if they still fit.
        let earlier: Vec<Previous> = problem
            .tasks
            .iter()
            .zip(routes)
            .filter_map(|(task, r)| {
                let (_, person) = self.earlier.iter().find(|(v, _)| *v == r.vehicle_id)?;
                Some(Previous {
                    task: task.id.clone(),
                    start: task.earliest_start,
                    people: vec![person.to_string()],
                })
            })
            .collect();
        let plan = if earlier.is_empty() {
            staffing::solve(&problem, limits, seed)?
        } else {
            staffing::replan::replan(&problem, &earlier, limits, seed)?.0
        };
        let mut drivers: Vec<Result<i64, String>> =
            vec![Err("no driver found".to_string()); routes.len()];
        for u in &plan.unassigned {
            drivers[u.task] = Err(u.reason.clone());
        }
        for a in &plan.assignments {
            if let Some(&p) = a.people.first() {
                drivers[a.task] = Ok(self.built.person_ids[p]);
            }
        }
        Ok(drivers)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use domain::waste::Fraction::{Cardboard, Paper, Plastic, SoftPlastic};

    fn tw(text: &str) -> TimeWindow {
        TimeWindow::parse(text).unwrap()
    }

    fn date(text: &str) -> NaiveDate {
        domain::calendar::parse_date(text).unwrap()
    }

    fn site(id: i64, latitude: f64, longitude: f64) -> WasteSite {
        WasteSite {
            site_id: id,
            company_id: 1,
            cvr: "29189420".into(),
            company: "Salling".into(),
            name: format!("Butik {id}"),
            p_number: format!("10000000{id:02}"),
            address: "Nytorv 8, 9000 Aalborg".into(),
            latitude,
            longitude,
        }
    }

    fn due(site_id: i64, source: Source, window: &str, kg: u32) -> Due {
        let offset = site_id as f64 * 0.002;
        Due {
            site: site(site_id, 57.045 + offset, 9.915 + offset / 2.0),
            source,
            fractions: vec![Cardboard, SoftPlastic],
            window: tw(window),
            expected_kg: kg,
            expected_litres: kg * 8,
        }
    }

    fn place(id: i64, kind: PlaceKind, fractions: Vec<Fraction>) -> WastePlace {
        WastePlace {
            id,
            kind,
            name: format!("{kind:?} {id}"),
            address: "Havnegade 1, 9000 Aalborg".into(),
            latitude: 57.052 + id as f64 * 0.003,
            longitude: 9.91,
            opening: tw("06:00-18:00"),
            fractions,
        }
    }

    fn vehicle(id: i64, kind: &str, shift: &str) -> Vehicle {
        Vehicle {
            id,
            name: format!("Cykel {id}"),
            kind: kind.into(),
            capacity_kg: 150,
            capacity_litres: 1000,
            range_km: 40,
            speed_kmh: 15,
            shift: tw(shift),
            wh_per_km: 25,
        }
    }

    fn places() -> Vec<WastePlace> {
        vec![
            place(1, PlaceKind::Depot, vec![]),
            place(2, PlaceKind::Hub, vec![Cardboard, Plastic]),
            // Takes cardboard only: no use to a vehicle that also carries plastic.
            place(3, PlaceKind::Hub, vec![Cardboard, Paper]),
        ]
    }

    #[test]
    fn windows_are_seconds_since_local_midnight_and_close_in_time_for_the_service() {
        let december = DayClock::new(date("2026-12-01"));
        assert_eq!(december.seconds(9 * 60), 9 * 3600);
        assert_eq!(
            format_instant(december.instant(9 * 3600)),
            "2026-12-01T09:00:00+01:00"
        );
        // The spring change skips 02:00–03:00: 09:00 comes 8 hours after midnight.
        let spring = DayClock::new(date("2026-03-29"));
        assert_eq!(spring.seconds(9 * 60), 8 * 3600);
        assert_eq!(
            format_instant(spring.instant(8 * 3600)),
            "2026-03-29T09:00:00+02:00"
        );
        // The autumn change repeats 02:00–03:00: 09:00 comes 10 hours after midnight.
        let autumn = DayClock::new(date("2026-10-25"));
        assert_eq!(autumn.seconds(9 * 60), 10 * 3600);
        assert_eq!(autumn.seconds(24 * 60), 25 * 3600);

        let stops = stops_of(
            &[due(1, Source::Subscription(1), "09:00-11:00", 40)],
            &BTreeSet::new(),
        );
        let built = DayProblem::build(
            december,
            stops,
            &places(),
            &[vehicle(1, "cargo_bike", "07:00-15:00")],
            None,
        )
        .unwrap();
        let stop = &built.problem.stops[0];
        assert_eq!(stop.service, 180 + 4 * 60, "3 minutes + 1 per 10 kg");
        assert_eq!(
            stop.windows,
            [Window::new(9 * 3600, 11 * 3600 - stop.service)]
        );
        assert_eq!(
            built.problem.vehicle_types[0].shift,
            Window::new(7 * 3600, 15 * 3600)
        );
        assert_eq!(built.problem.vehicle_types[0].max_distance, Some(40_000));
        assert_eq!(
            built.problem.depots[0].window,
            Window::new(6 * 3600, 18 * 3600)
        );
        assert_eq!(
            built.problem.hubs[0].windows[0].close,
            18 * 3600 - HUB_SECONDS
        );
        built.problem.validate().unwrap();
    }

    #[test]
    fn reasons_speak_in_clock_times_and_kilometres() {
        let clock = DayClock::new(date("2026-12-01"));
        assert_eq!(
            humane(
                "no vehicle can serve it even alone — Cykel 1: arrives at stop A — B at 94779, after its last window; \
                 Van: drives 212345, beyond the range 120000; Bike: carries 180 in dimension 0 after stop C, over the capacity 150",
                &clock
            ),
            "no vehicle can serve it even alone — Cykel 1: arrives at stop A — B at 02:19 the next day, after its last window; \
             Van: drives 212.3 km, beyond the range 120.0 km; Bike: carries 180 kg after stop C, over the capacity 150"
        );
        assert_eq!(
            humane("the break cannot start by 45000 (earliest 46800)", &clock),
            "the break cannot start by 12:30 (earliest 13:00)"
        );
    }

    #[test]
    fn dues_at_one_site_are_one_stop_with_the_subscriptions_window() {
        let dues = [
            due(1, Source::Subscription(1), "09:00-11:00", 40),
            due(1, Source::Order(7), "13:00-14:00", 25),
            due(2, Source::Order(8), "10:00-11:00", 10),
            due(2, Source::Order(9), "11:00-12:00", 5),
            due(3, Source::Subscription(2), "08:00-09:00", 5),
        ];
        let stops = stops_of(&dues, &BTreeSet::from([3]));
        assert_eq!(stops.len(), 2, "site 3 is done");
        assert_eq!((stops[0].kg, stops[0].litres), (65, 520));
        assert_eq!(stops[0].windows, [tw("09:00-11:00")]);
        assert_eq!(stops[0].fractions, [Cardboard, SoftPlastic]);
        assert_eq!(stops[1].kg, 15);
        assert_eq!(
            stops[1].windows,
            [tw("10:00-12:00")],
            "touching windows join"
        );
        assert_eq!(site_name(&stops[0].site), "Salling — Butik 1");
    }

    #[test]
    fn a_hub_reloads_when_it_takes_everything_collected_today() {
        let build = |fractions: Vec<Fraction>| {
            let mut d = due(1, Source::Subscription(1), "09:00-11:00", 40);
            d.fractions = fractions;
            DayProblem::build(
                DayClock::new(date("2026-12-01")),
                stops_of(&[d], &BTreeSet::new()),
                &places(),
                &[vehicle(1, "cargo_bike", "07:00-15:00")],
                None,
            )
            .unwrap()
        };
        // Hub 0 takes plastic, so soft plastic too; hub 1 takes no plastic.
        assert_eq!(build(vec![Cardboard, SoftPlastic]).reload_hubs, [0]);
        assert_eq!(build(vec![Cardboard]).reload_hubs, [0, 1]);
        assert_eq!(
            build(vec![Paper, SoftPlastic]).reload_hubs,
            Vec::<usize>::new()
        );
        let built = build(vec![Cardboard, SoftPlastic]);
        assert_eq!(built.problem.vehicle_types[0].reload_hubs, [0]);
    }

    #[test]
    fn the_break_comes_with_a_long_shift_and_not_before_the_vehicles_leave_again() {
        let clock = DayClock::new(date("2026-12-01"));
        let long = driver_break(&clock, tw("07:00-15:00")).unwrap();
        assert_eq!(long.window, Window::new(11 * 3600, 12 * 3600 + 1800));
        assert_eq!(long.duration, 1800);
        assert!(driver_break(&clock, tw("07:00-13:00")).is_none(), "6 hours");
        let late = driver_break(&clock, tw("12:00-20:00")).unwrap();
        assert_eq!(late.window, Window::new(15 * 3600, 16 * 3600 + 1800));

        let stops = stops_of(
            &[due(1, Source::Subscription(1), "09:00-15:00", 40)],
            &BTreeSet::new(),
        );
        let replanned = |now: i64| {
            DayProblem::build(
                clock.clone(),
                stops.clone(),
                &places(),
                &[vehicle(1, "cargo_bike", "07:00-15:00")],
                Some(now),
            )
            .unwrap()
            .problem
            .vehicle_types
            .remove(0)
        };
        let at_ten = replanned(10 * 3600);
        assert_eq!(at_ten.shift.open, 10 * 3600);
        assert!(at_ten.rest.is_some());
        assert!(replanned(13 * 3600).rest.is_none());
        assert_eq!(
            replanned(20 * 3600).shift,
            Window::new(15 * 3600, 15 * 3600)
        );
    }

    #[test]
    fn a_missing_depot_or_fleet_is_named() {
        let clock = DayClock::new(date("2026-12-01"));
        let err = DayProblem::build(
            clock.clone(),
            vec![],
            &places()[1..],
            &[vehicle(1, "cargo_bike", "07:00-15:00")],
            None,
        )
        .unwrap_err();
        assert!(err.to_string().contains("no depot"), "{err}");
        let err = DayProblem::build(clock, vec![], &places(), &[], None).unwrap_err();
        assert!(err.to_string().contains("no vehicles"), "{err}");
        assert_eq!(
            skill_for(&vehicle(1, "cargo_bike", "07:00-15:00")),
            Skill::CargoBike
        );
        assert_eq!(
            skill_for(&vehicle(1, "electric_van", "07:00-15:00")),
            Skill::DrivingLicenceB
        );
    }

    fn busy_day() -> DayProblem {
        let dues: Vec<Due> = (1..=14)
            .map(|i| {
                let window = ["08:00-15:00", "09:00-11:00", "12:00-14:00"][i as usize % 3];
                due(i, Source::Subscription(i), window, 20 + (i as u32 * 7) % 30)
            })
            .collect();
        DayProblem::build(
            DayClock::new(date("2026-12-01")),
            stops_of(&dues, &BTreeSet::new()),
            &places(),
            &[
                vehicle(1, "cargo_bike", "07:00-15:00"),
                vehicle(2, "cargo_bike", "07:00-15:00"),
            ],
            None,
        )
        .unwrap()
    }

    #[test]
    fn routes_unload_when_full_and_at_the_end_and_keep_their_windows() {
        let day = busy_day();
        let drawn = day.draw(Limits::iterations(300), 3).unwrap();
        assert!(drawn.unserved.is_empty(), "{:?}", drawn.unserved);
        let served: usize = drawn
            .routes
            .iter()
            .map(|r| {
                r.route
                    .visits
                    .iter()
                    .filter(|v| matches!(v, Visit::Stop(_)))
                    .count()
            })
            .sum();
        assert_eq!(served, day.stops.len());
        for r in &drawn.routes {
            assert!(
                matches!(r.route.visits.last(), Some(Visit::Hub(0))),
                "ends unloading: {:?}",
                r.route.visits
            );
            let view = day.route_view(r, &day.stored(r));
            assert_eq!(view.returns_with_kg, 0);
            let mut on_board = 0;
            let mut most = 0;
            for (k, v) in r.route.visits.iter().enumerate() {
                match *v {
                    Visit::Stop(s) => {
                        on_board += i64::from(day.stops[s].kg);
                        most = most.max(on_board);
                        let start = r.timing.starts[k];
                        let w = day.window_at(s, start);
                        assert!(day.clock.seconds(w.start_minutes()) <= start);
                        assert!(
                            start + day.stops[s].service_seconds()
                                <= day.clock.seconds(w.end_minutes())
                        );
                    }
                    Visit::Hub(_) => {
                        assert_eq!(unloaded_kg(r, k), on_board);
                        on_board = 0;
                    }
                }
                assert!(on_board <= 150);
            }
            assert_eq!(view.max_load_kg, most);
            assert_eq!(
                view.unloads.iter().map(|u| u.kg).sum::<i64>(),
                view.stops
                    .iter()
                    .map(|s| {
                        day.stops
                            .iter()
                            .find(|x| site_name(&x.site) == s.site)
                            .unwrap()
                            .kg as i64
                    })
                    .sum::<i64>()
            );
        }
        let total: u32 = day.stops.iter().map(|s| s.kg).sum();
        assert!(total > 150, "more than one load: {total} kg");
    }

    #[test]
    fn the_same_seed_and_iterations_draw_the_same_routes() {
        let day = busy_day();
        let a = day.draw(Limits::iterations(200), 11).unwrap();
        let b = busy_day().draw(Limits::iterations(200), 11).unwrap();
        assert_eq!(a, b);
        let stored: Vec<StoredRoute> = a.routes.iter().map(|r| day.stored(r)).collect();
        assert_eq!(
            stored,
            b.routes.iter().map(|r| day.stored(r)).collect::<Vec<_>>()
        );
    }
}
