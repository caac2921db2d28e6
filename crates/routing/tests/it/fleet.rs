//! Vehicles first: the fleet phase finds the route fewer that the cost alone passes over,
//! keeps every rule doing it, and repeats itself for the same seed and iteration limit.

use routing::solomon::parse;
use routing::{Limits, Objective, check, solve_for};

/// Customers 1 and 2 side by side 10 out east, 3 at 10 west. 1 must be served at 10 and
/// 2 at 61, 3 at 40: one vehicle can do all three (62 long), but two do them in 42 —
/// one out east and back, one out west and back.
const ONE_OR_TWO: &str = "EAST WEST\nVEHICLE\nNUMBER CAPACITY\n3 10\nCUSTOMER\n\
    CUST XCOORD YCOORD DEMAND READY DUE SERVICE\n\
    0 0 0 0 0 1000 0\n\
    1 10 0 1 10 10 0\n\
    2 11 0 1 61 61 0\n\
    3 -10 0 1 40 40 0\n";

fn routes(objective: Objective, seed: u64) -> (usize, i64) {
    let problem = parse(ONE_OR_TWO).expect("a Solomon file").hierarchical();
    let solution = solve_for(&problem, Limits::iterations(2000), seed, objective).unwrap();
    check(&problem, &solution).unwrap();
    assert!(solution.is_feasible(&problem));
    let used = solution
        .routes
        .iter()
        .filter(|r| !r.visits.is_empty())
        .count();
    (used, solution.distance)
}

#[test]
fn vehicles_first_does_with_one_route_where_cost_takes_two() {
    for seed in 0..4 {
        // Distances in thousandths of the file's unit.
        assert_eq!(routes(Objective::Cost, seed), (2, 42_000), "seed {seed}");
        assert_eq!(
            routes(Objective::VehiclesFirst, seed),
            (1, 62_000),
            "seed {seed}"
        );
    }
}

#[test]
fn vehicles_first_repeats_itself_on_a_benchmark_sized_problem() {
    let problem = routing::generate::city(120, 3);
    let once = |seed| {
        solve_for(
            &problem,
            Limits::iterations(600),
            seed,
            Objective::VehiclesFirst,
        )
    };
    let (a, b) = (once(7).unwrap(), once(7).unwrap());
    check(&problem, &a).unwrap();
    assert_eq!(a.routes, b.routes);
    assert_eq!(a.cost, b.cost);
}

/// On a city of e-bikes and vans, vehicles first ends with fewer routes than the search by
/// cost: its fleet phase may trade a route for one of another type. Before it could, it
/// ended with as many on seeds 0 to 3 (4, 5, 5, 6). Counted over eight seeds, since the
/// search by cost sometimes finds few routes too (seed 1: 4 and 4).
#[test]
fn vehicles_first_trades_small_vehicles_for_large_ones() {
    let problem = routing::generate::city(120, 3);
    let (mut fewest, mut by_cost) = (0, 0);
    for seed in 0..8 {
        let used = |objective| {
            let s = solve_for(&problem, Limits::iterations(600), seed, objective).unwrap();
            check(&problem, &s).unwrap();
            s.routes.len()
        };
        fewest += used(Objective::VehiclesFirst);
        by_cost += used(Objective::Cost);
    }
    assert!(
        fewest < by_cost,
        "{fewest} routes against {by_cost} over eight seeds"
    );
}
