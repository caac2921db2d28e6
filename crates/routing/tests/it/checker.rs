//! The checker finds every kind of broken rule: a solution that breaks one is refused
//! with a message naming it.

use crate::helpers::*;
use routing::problem::{Break, Window};
use routing::{Route, Solution, Visit, check};

fn solution(routes: Vec<Route>, p: &routing::Problem) -> Solution {
    // The claimed cost and distance are the true ones, so only the rule under test fails.
    let timings: Vec<_> = routes.iter().map(|r| p.timing(r)).collect();
    let distance = timings.iter().flatten().map(|t| t.distance).sum();
    let cost = timings.iter().flatten().map(|t| t.cost).sum();
    Solution {
        routes,
        unserved: Vec::new(),
        cost,
        distance,
        iterations: 0,
    }
}

fn route(visits: &[Visit]) -> Route {
    Route {
        vehicle_type: 0,
        visits: visits.to_vec(),
        break_at: None,
    }
}

fn refused(p: &routing::Problem, s: &Solution, expected: &str) {
    let why = check(p, s).expect_err("the checker should refuse this");
    assert!(
        why.contains(expected),
        "{why:?} should mention {expected:?}"
    );
}

#[test]
fn a_good_solution_passes_and_its_timing_is_right() {
    let p = problem(4, &[1, 3], 10, vec![vehicle(2, 100)]);
    let s = solution(vec![route(&[Visit::Stop(0), Visit::Stop(1)])], &p);
    let timings = check(&p, &s).unwrap();
    assert_eq!(timings[0].distance, 6000);
    assert_eq!(timings[0].arrivals, vec![100, 360]);
    assert_eq!(timings[0].return_time, 360 + 60 + 300);
    assert_eq!(timings[0].max_load, vec![20]);
}

#[test]
fn every_broken_rule_is_named() {
    let mut p = problem(4, &[1, 3], 60, vec![vehicle(1, 100)]);
    let both = route(&[Visit::Stop(0), Visit::Stop(1)]);
    refused(&p, &solution(vec![both.clone()], &p), "over the capacity");

    p.vehicle_types[0].capacity = vec![200];
    p.vehicle_types[0].max_distance = Some(5000);
    refused(&p, &solution(vec![both.clone()], &p), "beyond the range");

    p.vehicle_types[0].max_distance = None;
    p.stops[1].windows = vec![Window::new(0, 200)];
    refused(
        &p,
        &solution(vec![both.clone()], &p),
        "after its last window",
    );

    p.stops[1].windows = vec![ALL_DAY];
    p.stops[1].needs = vec!["van".into()];
    refused(
        &p,
        &solution(vec![both.clone()], &p),
        "needs a vehicle with van",
    );

    p.stops[1].needs.clear();
    let twice = route(&[Visit::Stop(0), Visit::Stop(0), Visit::Stop(1)]);
    refused(&p, &solution(vec![twice], &p), "visited twice");

    let split = vec![route(&[Visit::Stop(0)]), route(&[Visit::Stop(1)])];
    refused(
        &p,
        &solution(split, &p),
        "vehicles of type e-bike used, 1 exist",
    );

    refused(
        &p,
        &solution(vec![route(&[Visit::Stop(0)])], &p),
        "neither served nor listed",
    );

    let mut wrong_cost = solution(vec![both.clone()], &p);
    wrong_cost.cost -= 1;
    refused(&p, &wrong_cost, "claims cost");

    p.hubs = vec![hub(2)];
    let unloads = route(&[Visit::Stop(0), Visit::Hub(0), Visit::Stop(1)]);
    refused(
        &p,
        &solution(vec![unloads], &p),
        "may not unload at hub hub2",
    );

    p.vehicle_types[0].shift = Window::new(0, 500);
    refused(
        &p,
        &solution(vec![both.clone()], &p),
        "returns at 720, after 500",
    );

    p.vehicle_types[0].shift = ALL_DAY;
    p.vehicle_types[0].rest = Some(Break {
        window: Window::new(100, 200),
        duration: 1800,
    });
    refused(&p, &solution(vec![both], &p), "without the driver's break");
}

#[test]
fn a_reload_empties_the_vehicle() {
    let mut p = problem(4, &[1, 3], 60, vec![vehicle(1, 100)]);
    p.hubs = vec![hub(2)];
    p.vehicle_types[0].reload_hubs = vec![0];
    let s = solution(
        vec![route(&[Visit::Stop(0), Visit::Hub(0), Visit::Stop(1)])],
        &p,
    );
    let timings = check(&p, &s).unwrap();
    assert_eq!(timings[0].loads, vec![vec![60], vec![0], vec![60]]);
    assert_eq!(timings[0].max_load, vec![60]);
}

#[test]
fn a_break_delays_what_follows_and_must_start_in_its_window() {
    let mut p = problem(4, &[1, 3], 10, vec![vehicle(1, 100)]);
    p.vehicle_types[0].rest = Some(Break {
        window: Window::new(150, 400),
        duration: 1800,
    });
    let mut r = route(&[Visit::Stop(0), Visit::Stop(1)]);
    r.break_at = Some(1);
    let s = solution(vec![r.clone()], &p);
    let timings = check(&p, &s).unwrap();
    assert_eq!(timings[0].break_start, Some(160));
    assert_eq!(timings[0].arrivals[1], 160 + 1800 + 200);
    r.break_at = Some(2);
    let late = solution(vec![r], &p);
    refused(&p, &late, "the break cannot start by 400");
}
