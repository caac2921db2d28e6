//! What the engine does with each kind of rule: reloads, breaks, optional stops,
//! vehicles with features, several time windows, range — and the same answer for the same
//! seed and iteration limit.

use crate::helpers::*;
use routing::problem::{Break, Window};
use routing::{Limits, Visit, check, solve};

fn stops_of(s: &routing::Solution) -> usize {
    s.routes
        .iter()
        .flat_map(|r| &r.visits)
        .filter(|v| matches!(v, Visit::Stop(_)))
        .count()
}

#[test]
fn a_full_vehicle_unloads_at_a_hub_and_goes_on() {
    let mut p = problem(8, &[3, 4, 5, 6], 60, vec![vehicle(1, 100)]);
    p.hubs = vec![hub(2)];
    p.vehicle_types[0].reload_hubs = vec![0];
    let s = solve(&p, Limits::iterations(300), 1).unwrap();
    assert!(s.is_feasible(&p), "{:?}", s.unserved);
    assert_eq!(stops_of(&s), 4);
    let hubs = s.routes[0]
        .visits
        .iter()
        .filter(|v| matches!(v, Visit::Hub(_)))
        .count();
    assert_eq!(
        hubs, 3,
        "60 kg a stop in a 100 kg vehicle: a reload between each"
    );
    check(&p, &s).unwrap();

    // Without the hub, one vehicle carries one stop's load; the rest are left with a reason.
    p.vehicle_types[0].reload_hubs.clear();
    let s = solve(&p, Limits::iterations(300), 1).unwrap();
    assert!(!s.is_feasible(&p));
    assert_eq!(s.unserved.len(), 3);
    assert!(
        s.unserved[0]
            .reason
            .contains("no vehicle has room or time left"),
        "{:?}",
        s.unserved
    );
}

#[test]
fn the_driver_takes_the_break_inside_its_window() {
    let mut p = problem(6, &[1, 2, 3, 4, 5], 10, vec![vehicle(1, 100)]);
    p.vehicle_types[0].rest = Some(Break {
        window: Window::new(300, 600),
        duration: 1800,
    });
    let s = solve(&p, Limits::iterations(200), 1).unwrap();
    assert!(s.is_feasible(&p));
    let timing = &check(&p, &s).unwrap()[0];
    let start = timing
        .break_start
        .expect("the route runs past 300, so it has a break");
    assert!((300..=600).contains(&start), "{start}");
}

#[test]
fn an_optional_stop_is_skipped_when_that_is_cheaper() {
    let mut p = problem(30, &[1, 2, 29], 10, vec![vehicle(1, 100)]);
    p.stops[2].skip_penalty = Some(1000);
    let s = solve(&p, Limits::iterations(200), 1).unwrap();
    assert!(
        s.is_feasible(&p),
        "an optional stop left out keeps it feasible"
    );
    assert_eq!(s.unserved.len(), 1);
    assert_eq!(s.unserved[0].stop, 2);
    assert!(s.unserved[0].reason.contains("cheaper to skip"));
    assert_eq!(s.cost, 4000 + 1000);

    p.stops[2].skip_penalty = Some(100_000);
    let s = solve(&p, Limits::iterations(200), 1).unwrap();
    assert!(s.unserved.is_empty());
    assert_eq!(s.cost, 58_000);
}

#[test]
fn a_stop_that_needs_a_van_gets_one() {
    let mut van = vehicle(1, 100);
    van.name = "van".into();
    van.features = vec!["van".into()];
    van.fixed_cost = 50_000;
    let mut p = problem(6, &[1, 2, 5], 10, vec![vehicle(2, 100), van]);
    p.stops[2].needs = vec!["van".into()];
    let s = solve(&p, Limits::iterations(200), 1).unwrap();
    assert!(s.is_feasible(&p));
    let van_route = s
        .routes
        .iter()
        .find(|r| r.visits.contains(&Visit::Stop(2)))
        .unwrap();
    assert_eq!(van_route.vehicle_type, 1);

    p.vehicle_types.pop();
    let s = solve(&p, Limits::iterations(200), 1).unwrap();
    assert_eq!(s.unserved.len(), 1);
    assert!(
        s.unserved[0].reason.contains("needs a vehicle with van"),
        "{:?}",
        s.unserved
    );
}

#[test]
fn a_stop_with_two_windows_is_served_in_the_one_that_fits() {
    let mut p = problem(3, &[1], 10, vec![vehicle(1, 100)]);
    p.stops[0].windows = vec![Window::new(0, 50), Window::new(1000, 1100)];
    let s = solve(&p, Limits::iterations(50), 1).unwrap();
    let timing = &check(&p, &s).unwrap()[0];
    assert_eq!(timing.arrivals, vec![100]);
    assert_eq!(
        timing.starts,
        vec![1000],
        "too late for the first window, waits for the second"
    );
    assert_eq!(timing.departure, 900, "leaves as late as it can");
}

#[test]
fn range_limits_how_far_a_vehicle_goes() {
    let mut p = problem(11, &[5, 10], 10, vec![vehicle(2, 100)]);
    p.vehicle_types[0].max_distance = Some(20_000);
    let s = solve(&p, Limits::iterations(200), 1).unwrap();
    assert!(s.is_feasible(&p));
    p.vehicle_types[0].max_distance = Some(19_000);
    let s = solve(&p, Limits::iterations(200), 1).unwrap();
    assert_eq!(s.unserved.len(), 1);
    assert!(
        s.unserved[0].reason.contains("beyond the range"),
        "{:?}",
        s.unserved
    );
}

#[test]
fn the_same_seed_and_iterations_give_the_same_solution() {
    let p = routing::generate::city(120, 3);
    let a = solve(&p, Limits::iterations(400), 7).unwrap();
    let b = solve(&p, Limits::iterations(400), 7).unwrap();
    assert_eq!(a, b);
    assert!(a.is_feasible(&p));
}

#[test]
fn a_problem_that_is_not_well_formed_is_refused_by_field() {
    let mut p = problem(3, &[1], 10, vec![vehicle(1, 100)]);
    p.stops[0].location = 7;
    let error = solve(&p, Limits::iterations(10), 1).unwrap_err();
    assert_eq!(error.to_string(), "stops[0].location: is not in the matrix");
}
