//! The generated city (`--city N`): ours and, unless `--no-pyvrp`, PyVRP on the very same
//! instance (`city_pyvrp.py` builds it in PyVRP's ProblemData from the problem's JSON), one
//! after the other, each at the limit; both solutions through our checker.

use std::collections::BTreeMap;
use std::path::Path;
use std::time::Instant;

use peer::peak_rss_mb;
use routing::{Objective, Problem, Route, Solution, Visit, check};

/// What a table row needs of one solver's answer.
struct Answer {
    routes: Vec<Route>,
    distance: i64,
    unserved: usize,
    iterations: u64,
    seconds: f64,
}

/// Solves the city of `stops` with ours and PyVRP (when `python` is given), and prints both.
pub fn run(stops: usize, limit: f64, seed: u64, python: Option<&Path>) {
    println!("### Generated city: {stops} stops, {limit} s");
    println!();
    let began = Instant::now();
    let (problem, points) = routing::generate::city_with_points(stops, seed);
    let generated = began.elapsed().as_secs_f64();
    let rss_before = peak_rss_mb();
    let began = Instant::now();
    let (solution, _) = super::solve_checked("the city", &problem, (limit, seed), Objective::Cost);
    let ours = Answer {
        seconds: began.elapsed().as_secs_f64(),
        routes: solution.routes.clone(),
        distance: solution.distance,
        unserved: solution.unserved.len(),
        iterations: solution.iterations,
    };
    let rss_after = peak_rss_mb();
    let theirs = python.map(|python| pyvrp(python, &problem, &points, limit, seed));
    println!("stops: {stops} (seed {seed}; generated in {generated:.2} s)");
    println!(
        "our peak RSS (VmHWM): {} MB (before the solve: {} MB)",
        rss_after.map_or("?".into(), |m| m.to_string()),
        rss_before.map_or("?".into(), |m| m.to_string())
    );
    println!();
    print_table(&problem, &ours, theirs.as_ref());
    if !solution.unserved.is_empty() {
        let mut reasons: BTreeMap<&str, usize> = BTreeMap::new();
        for u in &solution.unserved {
            *reasons.entry(u.reason.as_str()).or_default() += 1;
        }
        for (reason, count) in reasons.iter().take(5) {
            println!("unserved: {count} × {reason}");
        }
    }
    println!();
}

/// One cell of the table: a figure of one solver's answer.
type Cell = fn(&Problem, &Answer) -> String;

fn print_table(problem: &Problem, ours: &Answer, theirs: Option<&Answer>) {
    let rows: [(&str, Cell); 7] = [
        ("solve time", |_, a| format!("{:.1} s", a.seconds)),
        ("iterations", |_, a| a.iterations.to_string()),
        ("distance", |_, a| {
            format!("{:.1} km", a.distance as f64 / 1000.0)
        }),
        ("routes", |p, a| {
            let used: Vec<&Route> = a.routes.iter().filter(|r| !r.visits.is_empty()).collect();
            let per_type: Vec<String> = p
                .vehicle_types
                .iter()
                .enumerate()
                .map(|(k, v)| {
                    let n = used.iter().filter(|r| r.vehicle_type == k).count();
                    format!("{n} {} of {}", v.name, v.count)
                })
                .collect();
            format!("{} ({})", used.len(), per_type.join(", "))
        }),
        ("hub reloads", |_, a| {
            let hubs = a.routes.iter().flat_map(|r| &r.visits);
            hubs.filter(|v| matches!(v, Visit::Hub(_)))
                .count()
                .to_string()
        }),
        ("longest route", |p, a| {
            let longest = a
                .routes
                .iter()
                .filter_map(|r| p.timing(r).ok())
                .map(|t| t.distance);
            format!("{:.1} km", longest.max().unwrap_or(0) as f64 / 1000.0)
        }),
        ("unserved", |_, a| a.unserved.to_string()),
    ];
    println!("| | ours | PyVRP |");
    println!("|---|---|---|");
    for (label, cell) in rows {
        println!(
            "| {label} | {} | {} |",
            cell(problem, ours),
            theirs.map_or("not run".into(), |t| cell(problem, t))
        );
    }
    if let Some(t) = theirs {
        println!(
            "| distance, ours / PyVRP | {:.3} | |",
            ours.distance as f64 / t.distance as f64
        );
    }
    println!();
}

/// PyVRP's answer as `city_pyvrp.py` prints it.
#[derive(serde::Deserialize)]
struct PyVrpCity {
    feasible: bool,
    distance: i64,
    routes: Vec<PyVrpRoute>,
    iterations: u64,
    wall_time: f64,
}

#[derive(serde::Deserialize)]
struct PyVrpRoute {
    vehicle_type: usize,
    visits: Vec<(String, usize)>,
}

/// PyVRP on the same problem; its routes through our checker, which must pass them.
fn pyvrp(python: &Path, problem: &Problem, points: &[(f64, f64)], limit: f64, seed: u64) -> Answer {
    let mut json = serde_json::to_value(problem).expect("the problem as JSON");
    json["points"] = serde_json::json!(points);
    let file = std::env::temp_dir().join(format!("city-{}-{seed}.json", problem.stops.len()));
    std::fs::write(&file, json.to_string()).expect("the problem written for PyVRP");
    let answer: PyVrpCity = super::peer_answer(python, "city_pyvrp.py", &file, (limit, seed), &[]);
    std::fs::remove_file(&file).ok();
    let routes: Vec<Route> = answer
        .routes
        .iter()
        .map(|r| Route {
            vehicle_type: r.vehicle_type,
            visits: r
                .visits
                .iter()
                .map(|(kind, k)| match kind.as_str() {
                    "hub" => Visit::Hub(*k),
                    _ => Visit::Stop(*k),
                })
                .collect(),
            break_at: None,
        })
        .collect();
    let served: std::collections::BTreeSet<usize> = routes
        .iter()
        .flat_map(|r| &r.visits)
        .filter_map(|v| match *v {
            Visit::Stop(s) => Some(s),
            Visit::Hub(_) => None,
        })
        .collect();
    let unserved: Vec<routing::Unserved> = (0..problem.stops.len())
        .filter(|s| !served.contains(s))
        .map(|stop| routing::Unserved {
            stop,
            reason: "not in PyVRP's routes".into(),
            why: routing::Why::NoRoomOrTime,
        })
        .collect();
    let solution = Solution {
        routes,
        cost: answer.distance,
        distance: answer.distance,
        unserved,
        iterations: answer.iterations,
    };
    if !answer.feasible {
        eprintln!("warning: PyVRP's best solution on the city is not feasible");
    }
    if let Err(why) = check(problem, &solution) {
        panic!("PyVRP's routes on the city break a rule by our checker: {why}");
    }
    Answer {
        unserved: solution.unserved.len(),
        routes: solution.routes,
        distance: answer.distance,
        iterations: answer.iterations,
        seconds: answer.wall_time,
    }
}
