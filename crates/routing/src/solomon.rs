//! Solomon's VRPTW benchmark instances, read under the DIMACS convention, and the same
//! instances under the hierarchical one (vehicles first, lengths not rounded).
//!
//! The text format: a name line; a `VEHICLE` section with `NUMBER CAPACITY`; a `CUSTOMER`
//! section with one line per customer, `id x y demand ready due service`, customer 0 being
//! the depot. Files come with Windows line endings.
//!
//! The DIMACS convention (DIMACS 2021 challenge, CVRPLIB): each arc's Euclidean length is
//! truncated to one decimal, `floor(10·d)/10`, travel time equals that length, and time
//! windows are checked with those times. The problem is built in tenths so everything is an
//! integer: distance = duration = `floor(10·d)`, and every time (windows, service) is ×10.

use crate::problem::{Depot, Matrix, Problem, Stop, VehicleType, Window};
use crate::route::Visit;
use crate::solution::Solution;
use std::path::Path;

/// A Solomon instance as a routing problem.
#[derive(Debug, Clone, PartialEq)]
pub struct Instance {
    /// The name on the file's first line (e.g. `C101`).
    pub name: String,
    /// Locations in the file's order (location index = customer id, the depot at 0), one
    /// stop per customer after the depot, one vehicle type, distances in tenths. The fleet is
    /// the file's, but at most one vehicle per customer.
    pub problem: Problem,
    /// Per stop index: the Solomon customer id.
    pub customer_ids: Vec<u32>,
    /// Per location: the coordinates as read (for an independent recomputation).
    pub coordinates: Vec<(f64, f64)>,
}

/// An arc's length under the DIMACS convention, in tenths: `floor(10·d)`.
pub fn dimacs_tenths(a: (f64, f64), b: (f64, f64)) -> i64 {
    let (dx, dy) = (a.0 - b.0, a.1 - b.1);
    (10.0 * (dx * dx + dy * dy).sqrt()).floor() as i64
}

/// Reads and parses a Solomon file; errors name the file and, for a bad line, the line.
pub fn read(path: impl AsRef<Path>) -> Result<Instance, String> {
    let path = path.as_ref();
    let text =
        std::fs::read_to_string(path).map_err(|e| format!("reading {}: {e}", path.display()))?;
    parse(&text).map_err(|e| format!("{}: {e}", path.display()))
}

/// One customer line.
struct Customer {
    line: usize,
    id: u32,
    x: f64,
    y: f64,
    demand: i64,
    ready: i64,
    due: i64,
    service: i64,
}

#[derive(PartialEq)]
enum Section {
    Name,
    Preamble,
    Vehicle,
    Customer,
}

/// Parses the text of a Solomon file.
pub fn parse(text: &str) -> Result<Instance, String> {
    let mut name = None;
    let mut vehicles: Option<(usize, i64)> = None;
    let mut customers: Vec<Customer> = Vec::new();
    let mut section = Section::Name;
    for (k, raw) in text.lines().enumerate() {
        let line_no = k + 1;
        let line = raw.trim();
        if line.is_empty() {
            continue;
        }
        let at = |reason: String| format!("line {line_no}: {reason}");
        let upper = line.to_ascii_uppercase();
        if upper == "VEHICLE" {
            if vehicles.is_some() || section == Section::Customer {
                return Err(at("a second or late VEHICLE section".into()));
            }
            section = Section::Vehicle;
            continue;
        }
        if upper == "CUSTOMER" {
            if vehicles.is_none() {
                return Err(at(
                    "the CUSTOMER section comes before the vehicles' NUMBER and CAPACITY".into(),
                ));
            }
            if section == Section::Customer {
                return Err(at("a second CUSTOMER section".into()));
            }
            section = Section::Customer;
            continue;
        }
        let starts_with_number = line
            .split_whitespace()
            .next()
            .is_some_and(|t| t.parse::<f64>().is_ok());
        match section {
            Section::Name => {
                name = Some(line.to_string());
                section = Section::Preamble;
            }
            Section::Preamble => {
                return Err(at(format!("expected VEHICLE, found '{line}'")));
            }
            Section::Vehicle => {
                if !starts_with_number {
                    continue; // the NUMBER CAPACITY header
                }
                if vehicles.is_some() {
                    return Err(at("expected CUSTOMER after the vehicles' line".into()));
                }
                let values = numbers(line, 2).map_err(at)?;
                let count = whole(values[0], "the number of vehicles").map_err(at)?;
                let capacity = whole(values[1], "the capacity").map_err(at)?;
                if count < 1 {
                    return Err(at("the number of vehicles must be at least 1".into()));
                }
                if capacity < 0 {
                    return Err(at("the capacity cannot be negative".into()));
                }
                vehicles = Some((count as usize, capacity));
            }
            Section::Customer => {
                if !starts_with_number && customers.is_empty() {
                    continue; // the column headers
                }
                let v = numbers(line, 7).map_err(at)?;
                let id = whole(v[0], "the customer number").map_err(at)?;
                let id = u32::try_from(id)
                    .map_err(|_| at(format!("customer number {id} is not a whole number ≥ 0")))?;
                let customer = Customer {
                    line: line_no,
                    id,
                    x: v[1],
                    y: v[2],
                    demand: whole(v[3], "the demand").map_err(at)?,
                    ready: tenths(v[4]),
                    due: tenths(v[5]),
                    service: tenths(v[6]),
                };
                if customer.demand < 0 {
                    return Err(at("the demand cannot be negative".into()));
                }
                if customer.service < 0 {
                    return Err(at("the service time cannot be negative".into()));
                }
                if customer.ready > customer.due {
                    return Err(at(format!(
                        "the ready time {} is after the due date {}",
                        v[4], v[5]
                    )));
                }
                if customers.is_empty() && id != 0 {
                    return Err(at(format!(
                        "the first customer must be the depot, number 0, not {id}"
                    )));
                }
                if customers.iter().any(|c| c.id == id) {
                    return Err(at(format!("customer {id} appears twice")));
                }
                customers.push(customer);
            }
        }
    }
    if text.trim().is_empty() {
        return Err("the file is empty".into());
    }
    let name = name.unwrap_or_default();
    let (count, capacity) = vehicles.ok_or("no VEHICLE section with NUMBER and CAPACITY")?;
    if customers.is_empty() {
        return Err("no CUSTOMER section with the depot and customers".into());
    }
    let depot = &customers[0];
    if depot.demand != 0 {
        return Err(format!("line {}: the depot has a demand", depot.line));
    }
    // A vehicle beyond one per customer can never be used, yet the search keeps a route for
    // each: a count of 10^9 made it ask for hundreds of gigabytes.
    let count = count.min(customers.len() - 1).max(1);
    let coordinates: Vec<(f64, f64)> = customers.iter().map(|c| (c.x, c.y)).collect();
    let size = coordinates.len();
    let distance: Vec<i64> = coordinates
        .iter()
        .flat_map(|&a| coordinates.iter().map(move |&b| dimacs_tenths(a, b)))
        .collect();
    let window = Window::new(depot.ready, depot.due);
    let stops = customers[1..]
        .iter()
        .enumerate()
        .map(|(k, c)| Stop {
            name: c.id.to_string(),
            location: k + 1,
            demand: vec![c.demand],
            service: c.service,
            windows: vec![Window::new(c.ready, c.due)],
            skip_penalty: None,
            needs: Vec::new(),
        })
        .collect();
    let problem = Problem {
        matrix: Matrix {
            size,
            duration: vec![distance.clone()],
            distance,
        },
        depots: vec![Depot {
            name: depot.id.to_string(),
            location: 0,
            window,
        }],
        hubs: Vec::new(),
        stops,
        vehicle_types: vec![VehicleType {
            name: "vehicle".into(),
            count,
            depot: 0,
            capacity: vec![capacity],
            shift: window,
            fixed_cost: 0,
            distance_cost: 1,
            duration_cost: 0,
            max_distance: None,
            profile: 0,
            features: Vec::new(),
            reload_hubs: Vec::new(),
            rest: None,
        }],
    };
    problem.validate().map_err(|e| e.to_string())?;
    Ok(Instance {
        name,
        customer_ids: customers[1..].iter().map(|c| c.id).collect(),
        problem,
        coordinates,
    })
}

/// How many of the hierarchical convention's units make one of the file's: thousandths.
pub const HIERARCHICAL_SCALE: i64 = 1000;

impl Instance {
    /// The instance under the hierarchical convention (CVRPLIB's `hier_*` values): vehicles
    /// first, then distance, with Euclidean lengths not rounded. The problem is built in
    /// thousandths so that everything stays an integer: each arc's distance rounded to the
    /// nearest thousandth, its travel time rounded up (so a route on time here is on time
    /// in exact arithmetic), and every time (windows, service) ×1000. Solve it with
    /// [`crate::Objective::VehiclesFirst`]; report distances from the coordinates.
    pub fn hierarchical(&self) -> Problem {
        let mut p = self.problem.clone();
        let c = &self.coordinates;
        let exact = |a: (f64, f64), b: (f64, f64)| {
            HIERARCHICAL_SCALE as f64 * ((a.0 - b.0).powi(2) + (a.1 - b.1).powi(2)).sqrt()
        };
        p.matrix.distance = c
            .iter()
            .flat_map(|&a| c.iter().map(move |&b| exact(a, b).round() as i64))
            .collect();
        p.matrix.duration = vec![
            c.iter()
                .flat_map(|&a| c.iter().map(move |&b| exact(a, b).ceil() as i64))
                .collect(),
        ];
        // From tenths to thousandths.
        let finer = HIERARCHICAL_SCALE / 10;
        let scale = |w: &mut Window| *w = Window::new(w.open * finer, w.close * finer);
        for d in &mut p.depots {
            scale(&mut d.window);
        }
        for v in &mut p.vehicle_types {
            scale(&mut v.shift);
        }
        for s in &mut p.stops {
            s.service *= finer;
            s.windows.iter_mut().for_each(scale);
        }
        p
    }

    /// The solution's routes as Solomon customer ids in visit order, depot left out.
    pub fn routes(&self, solution: &Solution) -> Vec<Vec<u32>> {
        solution
            .routes
            .iter()
            .filter(|r| !r.visits.is_empty())
            .map(|r| {
                r.visits
                    .iter()
                    .filter_map(|v| match *v {
                        Visit::Stop(s) => Some(self.customer_ids[s]),
                        Visit::Hub(_) => None,
                    })
                    .collect()
            })
            .collect()
    }
}

/// The largest magnitude a number may have. Solomon's files stay within a few thousand; far
/// beyond, times in tenths saturated and distances and their sums overflowed in the search
/// (a coordinate of 1e300 became an arc of `i64::MAX`).
const LARGEST: f64 = 1e9;

/// Exactly `count` numbers separated by white space.
fn numbers(line: &str, count: usize) -> Result<Vec<f64>, String> {
    let tokens: Vec<&str> = line.split_whitespace().collect();
    let values: Vec<f64> = tokens
        .iter()
        .map(|t| {
            let value = t
                .parse::<f64>()
                .ok()
                .filter(|v| v.is_finite())
                .ok_or_else(|| format!("expected {count} numbers, '{t}' is not a number"))?;
            if value.abs() > LARGEST {
                return Err(format!(
                    "'{t}' is out of range: numbers here lie within ±{LARGEST}"
                ));
            }
            Ok(value)
        })
        .collect::<Result<_, _>>()?;
    if values.len() != count {
        return Err(format!("expected {count} numbers, found {}", values.len()));
    }
    Ok(values)
}

fn whole(value: f64, what: &str) -> Result<i64, String> {
    if value.fract() != 0.0 || value.abs() > 1e15 {
        return Err(format!("{what} must be a whole number, not {value}"));
    }
    Ok(value as i64)
}

/// A time in tenths of the instance's unit.
fn tenths(value: f64) -> i64 {
    (value * 10.0).round() as i64
}

#[cfg(test)]
mod tests {
    use super::*;

    const TINY: &str = "TINY\r\n\r\nVEHICLE\r\nNUMBER     CAPACITY\r\n  2         20\r\n\r\n\
        CUSTOMER\r\nCUST NO.  XCOORD.   YCOORD.    DEMAND   READY TIME  DUE DATE   SERVICE   TIME\r\n \r\n\
            0      0         0          0          0       100          0   \r\n\
            1      1         1         10          5        50          3   \r\n\
            2      3         4          5          0        60          2   \r\n\
            7      0         2          8         10        20          1   \r\n";

    #[test]
    fn reads_a_tiny_instance_in_tenths() {
        let instance = parse(TINY).unwrap();
        assert_eq!(instance.name, "TINY");
        assert_eq!(instance.customer_ids, vec![1, 2, 7]);
        let p = &instance.problem;
        assert_eq!(p.matrix.size, 4);
        // √2 = 1.414… → 1.4 → 14 tenths; 5 exactly → 50; √5 = 2.236… → 22.
        assert_eq!(p.matrix.distance(0, 1), 14);
        assert_eq!(p.matrix.distance(1, 0), 14);
        assert_eq!(p.matrix.distance(0, 2), 50);
        assert_eq!(p.matrix.distance(2, 1), 36); // √13 = 3.605…
        assert_eq!(p.matrix.distance(3, 1), 14);
        assert_eq!(p.matrix.distance(0, 3), 20);
        assert_eq!(p.matrix.distance(2, 2), 0);
        assert_eq!(p.matrix.duration, vec![p.matrix.distance.clone()]);
        assert_eq!(p.depots[0].window, Window::new(0, 1000));
        assert_eq!(p.stops.len(), 3);
        let s = &p.stops[0];
        assert_eq!((s.location, s.service), (1, 30));
        assert_eq!(s.demand, vec![10]);
        assert_eq!(s.windows, vec![Window::new(50, 500)]);
        assert_eq!(s.skip_penalty, None);
        assert_eq!(p.stops[2].name, "7");
        assert_eq!(p.stops[2].location, 3);
        let v = &p.vehicle_types[0];
        assert_eq!((v.count, v.capacity.clone()), (2, vec![20]));
        assert_eq!(v.shift, Window::new(0, 1000));
        assert_eq!((v.distance_cost, v.duration_cost, v.fixed_cost), (1, 0, 0));
        assert_eq!(instance.coordinates[2], (3.0, 4.0));
    }

    #[test]
    fn the_hierarchical_convention_keeps_lengths_to_the_thousandth() {
        let instance = parse(TINY).unwrap();
        let h = instance.hierarchical();
        // From the depot at (0, 0) to customer 2 at (3, 4): 5 exactly, in thousandths.
        assert_eq!(h.matrix.distance(0, 2), 5000);
        assert_eq!(h.matrix.duration(0, 0, 2), 5000);
        let (a, b) = (instance.coordinates[1], instance.coordinates[2]);
        let exact = 1000.0 * ((a.0 - b.0).powi(2) + (a.1 - b.1).powi(2)).sqrt();
        assert_eq!(h.matrix.distance(1, 2), exact.round() as i64);
        assert_eq!(h.matrix.duration(0, 1, 2), exact.ceil() as i64);
        assert_eq!(h.depots[0].window, Window::new(0, 100_000));
        assert_eq!(h.stops[0].service, 3000);
        assert_eq!(h.stops[0].windows, vec![Window::new(5000, 50_000)]);
        h.validate().unwrap();
    }

    #[test]
    fn unix_line_endings_read_the_same() {
        assert_eq!(
            parse(&TINY.replace("\r\n", "\n")).unwrap(),
            parse(TINY).unwrap()
        );
    }

    #[test]
    fn routes_come_back_as_customer_ids() {
        use crate::route::Route;
        let instance = parse(TINY).unwrap();
        let solution = Solution {
            routes: vec![Route {
                vehicle_type: 0,
                visits: vec![Visit::Stop(2), Visit::Stop(0)],
                break_at: None,
            }],
            unserved: Vec::new(),
            cost: 0,
            distance: 0,
            iterations: 0,
        };
        assert_eq!(instance.routes(&solution), vec![vec![7, 1]]);
    }

    #[test]
    fn errors_name_the_line() {
        let short = TINY.replace("1      1         1         10", "1      1         1");
        assert_eq!(
            parse(&short).unwrap_err(),
            "line 11: expected 7 numbers, found 6"
        );
        let word = TINY.replace("60", "6x");
        assert_eq!(
            parse(&word).unwrap_err(),
            "line 12: expected 7 numbers, '6x' is not a number"
        );
        let vehicles = TINY.replace("  2         20", "  2");
        assert_eq!(
            parse(&vehicles).unwrap_err(),
            "line 5: expected 2 numbers, found 1"
        );
        let window = TINY.replace("10          5        50", "10         55        50");
        assert!(
            parse(&window)
                .unwrap_err()
                .starts_with("line 11: the ready time 55"),
            "{}",
            parse(&window).unwrap_err()
        );
        let twice = TINY.replace("7      0         2", "2      0         2");
        assert_eq!(
            parse(&twice).unwrap_err(),
            "line 13: customer 2 appears twice"
        );
        let fraction = TINY.replace("8         10        20", "8.5       10        20");
        assert!(
            parse(&fraction)
                .unwrap_err()
                .starts_with("line 13: the demand")
        );
        assert_eq!(parse("").unwrap_err(), "the file is empty");
        assert_eq!(
            parse("X\r\n").unwrap_err(),
            "no VEHICLE section with NUMBER and CAPACITY"
        );
        let no_customers = TINY.split("CUSTOMER").next().unwrap().to_string();
        assert_eq!(
            parse(&no_customers).unwrap_err(),
            "no CUSTOMER section with the depot and customers"
        );
        assert!(
            read("/nonexistent/C101.txt")
                .unwrap_err()
                .starts_with("reading /nonexistent/C101.txt")
        );
    }
}
