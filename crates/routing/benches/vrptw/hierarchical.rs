//! The hierarchical convention's table (`--hierarchical`): vehicles first, then distance
//! with lengths not rounded, against CVRPLIB's `hier_vehicles` and `hier_distance`. Ours
//! only: PyVRP minimises one cost and has no vehicles-first objective.

use std::collections::BTreeMap;
use std::path::Path;

use routing::solomon::Instance;
use routing::{Objective, Rules, Solution, Strategy, Visit};

/// Best-known (vehicles, distance) under the hierarchical convention, by instance name.
pub fn read_bks(path: &Path) -> BTreeMap<String, (usize, f64)> {
    super::bks_rows(path, &["hier_vehicles", "hier_distance"])
        .into_iter()
        .map(|(name, values)| (name, (values[0] as usize, values[1])))
        .collect()
}

/// One instance's result.
pub struct Row {
    pub name: String,
    pub vehicles: usize,
    pub distance: f64,
    pub bks: (usize, f64),
}

/// Solves one instance vehicles first and prints its line.
pub fn run(
    path: &Path,
    (seconds, seed): (f64, u64),
    rules: Rules,
    bks: &BTreeMap<String, (usize, f64)>,
) -> Row {
    let (instance, name, best) = super::read_instance(path, bks);
    let problem = instance.hierarchical();
    let strategy = Strategy {
        objective: Objective::VehiclesFirst,
        rules,
    };
    let (solution, _) = super::solve_checked(&name, &problem, (seconds, seed), strategy);
    assert!(solution.is_feasible(&problem), "{name}: customers left out");
    let vehicles = solution
        .routes
        .iter()
        .filter(|r| !r.visits.is_empty())
        .count();
    let distance = exact_distance(&instance, &solution);
    let same = vehicles == best.0;
    println!(
        "| {name} | {vehicles} | {distance:.2} | {} | {:.2} | {:+} | {} | {} |",
        best.0,
        best.1,
        vehicles as i64 - best.0 as i64,
        if same {
            percent(100.0 * (distance - best.1) / best.1)
        } else {
            "—".into()
        },
        solution.iterations
    );
    Row {
        name,
        vehicles,
        distance,
        bks: best,
    }
}

pub fn print_header() {
    println!(
        "| instance | ours veh | ours distance | BKS veh | BKS distance | veh over BKS | distance gap % (same veh) | iterations |"
    );
    println!("|---|---:|---:|---:|---:|---:|---:|---:|");
}

/// Per class: vehicles against the best known, and the distance gap where they match.
pub fn print_summary(rows: &[Row]) {
    println!();
    println!(
        "| class | instances | vehicles ours | vehicles BKS | same vehicles | mean distance gap % there |"
    );
    println!("|---|---:|---:|---:|---:|---:|");
    for (name, members) in super::by_class(rows, |r| &r.name) {
        let same: Vec<f64> = members
            .iter()
            .filter(|r| r.vehicles == r.bks.0)
            .map(|r| 100.0 * (r.distance - r.bks.1) / r.bks.1)
            .collect();
        println!(
            "| {name} | {} | {} | {} | {} | {} |",
            members.len(),
            members.iter().map(|r| r.vehicles).sum::<usize>(),
            members.iter().map(|r| r.bks.0).sum::<usize>(),
            same.len(),
            if same.is_empty() {
                "—".into()
            } else {
                percent(same.iter().sum::<f64>() / same.len() as f64)
            }
        );
    }
}

/// A gap with two decimals; the best-known distances have two, so what lies within
/// their rounding is 0.00 rather than -0.00.
fn percent(gap: f64) -> String {
    format!("{:.2}", if gap.abs() < 0.005 { 0.0 } else { gap })
}

/// The routes' length from the file's coordinates, not rounded.
fn exact_distance(instance: &Instance, solution: &Solution) -> f64 {
    let p = &instance.problem;
    let depot = p.depots[0].location;
    let arc = |a: usize, b: usize| {
        let ((xa, ya), (xb, yb)) = (instance.coordinates[a], instance.coordinates[b]);
        (xa - xb).hypot(ya - yb)
    };
    solution
        .routes
        .iter()
        .filter(|r| !r.visits.is_empty())
        .map(|r| {
            let path: Vec<usize> = std::iter::once(depot)
                .chain(r.visits.iter().filter_map(|v| match *v {
                    Visit::Stop(s) => Some(p.stops[s].location),
                    Visit::Hub(_) => None,
                }))
                .chain(std::iter::once(depot))
                .collect();
            path.windows(2).map(|w| arc(w[0], w[1])).sum::<f64>()
        })
        .sum()
}
