//! The routing problem: where the vehicles start, the stops to visit, the hubs to unload
//! at, the vehicle types, and the travel matrix. Units are the caller's: every time and
//! distance is an integer (seconds and metres for kommune's own use; tenths of the
//! instance's unit for Solomon's benchmark under the DIMACS convention).

use serde::{Deserialize, Serialize};

/// A time window: service may start at `open` at the earliest and at `close` at the latest.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Window {
    pub open: i64,
    pub close: i64,
}

impl Window {
    pub const ALWAYS: Window = Window {
        open: 0,
        close: i64::MAX / 4,
    };

    pub fn new(open: i64, close: i64) -> Self {
        Self { open, close }
    }
}

/// Travel between locations: one distance matrix and one duration matrix per speed
/// profile (an e-bike is slower than a van over the same streets), row-major.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Matrix {
    pub size: usize,
    pub distance: Vec<i64>,
    pub duration: Vec<Vec<i64>>,
}

impl Matrix {
    /// Distance from location `a` to `b`.
    #[inline]
    pub fn distance(&self, a: usize, b: usize) -> i64 {
        self.distance[a * self.size + b]
    }

    /// Travel time from `a` to `b` at speed profile `profile`.
    #[inline]
    pub fn duration(&self, profile: usize, a: usize, b: usize) -> i64 {
        self.duration[profile][a * self.size + b]
    }

    /// The default matrix over coordinates (latitude, longitude): great-circle metres
    /// times a detour factor for streets, and seconds at each profile's speed in km/h.
    pub fn from_coordinates(points: &[(f64, f64)], detour: f64, speeds_kmh: &[f64]) -> Self {
        let size = points.len();
        let distance: Vec<i64> = points
            .iter()
            .flat_map(|&a| {
                points
                    .iter()
                    .map(move |&b| (haversine_metres(a, b) * detour).round() as i64)
            })
            .collect();
        let duration = speeds_kmh
            .iter()
            .map(|&kmh| {
                let metres_per_second = kmh / 3.6;
                distance
                    .iter()
                    .map(|&d| (d as f64 / metres_per_second).round() as i64)
                    .collect()
            })
            .collect();
        Self {
            size,
            distance,
            duration,
        }
    }
}

/// Great-circle distance in metres between two (latitude, longitude) points.
pub fn haversine_metres(a: (f64, f64), b: (f64, f64)) -> f64 {
    const EARTH_RADIUS_M: f64 = 6_371_000.0;
    let (la1, lo1) = (a.0.to_radians(), a.1.to_radians());
    let (la2, lo2) = (b.0.to_radians(), b.1.to_radians());
    let h = ((la2 - la1) / 2.0).sin().powi(2)
        + la1.cos() * la2.cos() * ((lo2 - lo1) / 2.0).sin().powi(2);
    2.0 * EARTH_RADIUS_M * h.sqrt().asin()
}

/// Where routes start and end.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Depot {
    pub name: String,
    pub location: usize,
    /// Vehicles leave no earlier than `open` and are back no later than `close`.
    pub window: Window,
}

/// A place a vehicle may unload at during its route and go on empty (a reload).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Hub {
    pub name: String,
    pub location: usize,
    /// Unloading starts inside one of these (sorted, not overlapping).
    pub windows: Vec<Window>,
    /// Time to unload.
    pub service: i64,
}

/// A place to visit once: a pickup (or a delivery) of `demand` per dimension.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Stop {
    pub name: String,
    pub location: usize,
    /// Per dimension (kg, litres, …): what the visit adds to the vehicle's load.
    pub demand: Vec<i64>,
    pub service: i64,
    /// Service starts inside one of these (sorted, not overlapping, at least one).
    pub windows: Vec<Window>,
    /// `None`: the stop must be served. `Some(p)`: it may be skipped at cost `p`.
    pub skip_penalty: Option<i64>,
    /// Features the vehicle must have (a stop that needs a van).
    #[serde(default)]
    pub needs: Vec<String>,
}

/// A break a driver must take during the route.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Break {
    /// The break starts inside this window.
    pub window: Window,
    pub duration: i64,
}

/// A kind of vehicle, of which `count` are available.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct VehicleType {
    pub name: String,
    pub count: usize,
    pub depot: usize,
    /// Per dimension, as the stops' demand.
    pub capacity: Vec<i64>,
    /// The vehicle leaves no earlier than `open` and is back no later than `close`.
    pub shift: Window,
    /// Cost of using one vehicle of this type at all.
    pub fixed_cost: i64,
    /// Cost per unit of distance.
    pub distance_cost: i64,
    /// Cost per unit of time, from leaving the depot to coming back.
    pub duration_cost: i64,
    /// The longest route it can drive (an electric vehicle's range).
    pub max_distance: Option<i64>,
    /// Which of the matrix's duration profiles it travels at.
    pub profile: usize,
    #[serde(default)]
    pub features: Vec<String>,
    /// Hubs it may unload at during a route (indices into the problem's hubs).
    #[serde(default)]
    pub reload_hubs: Vec<usize>,
    /// The driver's break, when the shift needs one.
    #[serde(rename = "break")]
    pub rest: Option<Break>,
}

/// Everything the engine needs, and nothing it does not.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Problem {
    pub matrix: Matrix,
    pub depots: Vec<Depot>,
    #[serde(default)]
    pub hubs: Vec<Hub>,
    pub stops: Vec<Stop>,
    pub vehicle_types: Vec<VehicleType>,
}

/// Why a problem cannot be solved as given: a field and what is wrong with it.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{field}: {reason}")]
pub struct ProblemError {
    pub field: String,
    pub reason: String,
}

impl Problem {
    /// Number of load dimensions (the length of every demand and capacity).
    pub fn dimensions(&self) -> usize {
        self.vehicle_types.first().map_or(0, |v| v.capacity.len())
    }

    /// Checks the problem is well formed; names the first field that is not.
    pub fn validate(&self) -> Result<(), ProblemError> {
        let fail = |field: String, reason: &str| {
            Err(ProblemError {
                field,
                reason: reason.to_string(),
            })
        };
        let n = self.matrix.size;
        if self.matrix.distance.len() != n * n {
            return fail("matrix.distance".into(), "must have size × size entries");
        }
        if self.matrix.duration.is_empty() {
            return fail("matrix.duration".into(), "needs at least one profile");
        }
        for (k, profile) in self.matrix.duration.iter().enumerate() {
            if profile.len() != n * n {
                return fail(
                    format!("matrix.duration[{k}]"),
                    "must have size × size entries",
                );
            }
        }
        if self
            .matrix
            .distance
            .iter()
            .chain(self.matrix.duration.iter().flatten())
            .any(|&v| v < 0)
        {
            return fail(
                "matrix".into(),
                "distances and durations cannot be negative",
            );
        }
        if self.depots.is_empty() {
            return fail("depots".into(), "needs at least one depot");
        }
        for (i, d) in self.depots.iter().enumerate() {
            if d.location >= n {
                return fail(format!("depots[{i}].location"), "is not in the matrix");
            }
            if d.window.open > d.window.close {
                return fail(format!("depots[{i}].window"), "opens after it closes");
            }
        }
        for (i, h) in self.hubs.iter().enumerate() {
            if h.location >= n {
                return fail(format!("hubs[{i}].location"), "is not in the matrix");
            }
            if let Err(reason) = check_windows(&h.windows) {
                return fail(format!("hubs[{i}].windows"), reason);
            }
            if h.service < 0 {
                return fail(format!("hubs[{i}].service"), "cannot be negative");
            }
        }
        if self.vehicle_types.is_empty() {
            return fail("vehicle_types".into(), "needs at least one vehicle type");
        }
        let dims = self.dimensions();
        for (i, v) in self.vehicle_types.iter().enumerate() {
            let at = |f: &str| format!("vehicle_types[{i}].{f}");
            if v.depot >= self.depots.len() {
                return fail(at("depot"), "is not a depot");
            }
            if v.capacity.len() != dims {
                return fail(
                    at("capacity"),
                    "must have as many dimensions as the first vehicle type",
                );
            }
            if v.capacity.iter().any(|&c| c < 0) {
                return fail(at("capacity"), "cannot be negative");
            }
            if v.shift.open > v.shift.close {
                return fail(at("shift"), "opens after it closes");
            }
            if v.profile >= self.matrix.duration.len() {
                return fail(at("profile"), "is not a duration profile of the matrix");
            }
            if v.fixed_cost < 0 || v.distance_cost < 0 || v.duration_cost < 0 {
                return fail(at("costs"), "cannot be negative");
            }
            if v.reload_hubs.iter().any(|&h| h >= self.hubs.len()) {
                return fail(at("reload_hubs"), "names a hub that does not exist");
            }
            if let Some(b) = v.rest
                && (b.duration < 0 || b.window.open > b.window.close)
            {
                return fail(
                    at("break"),
                    "needs a window that opens before it closes and a duration of 0 or more",
                );
            }
        }
        for (i, s) in self.stops.iter().enumerate() {
            let at = |f: &str| format!("stops[{i}].{f}");
            if s.location >= n {
                return fail(at("location"), "is not in the matrix");
            }
            if s.demand.len() != dims {
                return fail(
                    at("demand"),
                    "must have as many dimensions as the vehicles' capacity",
                );
            }
            if s.demand.iter().any(|&d| d < 0) {
                return fail(at("demand"), "cannot be negative");
            }
            if s.service < 0 {
                return fail(at("service"), "cannot be negative");
            }
            if let Err(reason) = check_windows(&s.windows) {
                return fail(at("windows"), reason);
            }
            if s.skip_penalty.is_some_and(|p| p < 0) {
                return fail(at("skip_penalty"), "cannot be negative");
            }
        }
        Ok(())
    }
}

fn check_windows(windows: &[Window]) -> Result<(), &'static str> {
    if windows.is_empty() {
        return Err("needs at least one window");
    }
    if windows.iter().any(|w| w.open > w.close) {
        return Err("a window opens after it closes");
    }
    if windows.windows(2).any(|w| w[0].close >= w[1].open) {
        return Err("must be sorted and not overlap");
    }
    Ok(())
}
