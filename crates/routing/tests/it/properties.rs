//! On random small problems — windows, loads in two dimensions, range, reloads, breaks,
//! features, optional stops — every solution passes the checker, every stop left out has
//! a reason, and an unserved required stop makes the solution infeasible.

use crate::helpers::*;
use proptest::prelude::*;
use routing::problem::{Break, Window};
use routing::{Limits, Objective, Rules, Strategy as Search, check, solve, solve_traced};

#[derive(Debug, Clone)]
struct Shape {
    stops: Vec<(usize, i64, i64, i64, Option<i64>, bool)>,
    capacity: i64,
    vehicles: usize,
    range: Option<i64>,
    reload: bool,
    rest: Option<(i64, i64)>,
}

fn shape() -> impl Strategy<Value = Shape> {
    (
        prop::collection::vec(
            (
                1usize..12,
                0i64..60,
                0i64..3000,
                100i64..3000,
                prop::option::of(0i64..20_000),
                prop::bool::weighted(0.2),
            ),
            1..12,
        ),
        30i64..150,
        1usize..4,
        prop::option::of(10_000i64..40_000),
        any::<bool>(),
        prop::option::of((0i64..2000, 0i64..900)),
    )
        .prop_map(|(stops, capacity, vehicles, range, reload, rest)| Shape {
            stops,
            capacity,
            vehicles,
            range,
            reload,
            rest,
        })
}

fn build(shape: &Shape) -> routing::Problem {
    let locations: Vec<usize> = shape.stops.iter().map(|s| s.0).collect();
    let mut bike = vehicle(shape.vehicles, shape.capacity);
    bike.capacity = vec![shape.capacity, 2 * shape.capacity];
    bike.max_distance = shape.range;
    bike.rest = shape.rest.map(|(open, duration)| Break {
        window: Window::new(open, open + 600),
        duration,
    });
    let mut van = vehicle(1, 3 * shape.capacity);
    van.name = "van".into();
    van.capacity = vec![3 * shape.capacity, 6 * shape.capacity];
    van.features = vec!["van".into()];
    van.fixed_cost = 5000;
    let mut p = problem(13, &locations, 0, vec![bike, van]);
    p.hubs = vec![hub(6)];
    if shape.reload {
        p.vehicle_types[0].reload_hubs = vec![0];
    }
    for (stop, &(_, kg, open, width, penalty, needs_van)) in p.stops.iter_mut().zip(&shape.stops) {
        stop.demand = vec![kg, kg * 3 / 2];
        stop.windows = vec![Window::new(open, open + width)];
        stop.skip_penalty = penalty;
        if needs_van {
            stop.needs = vec!["van".into()];
        }
    }
    p
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(96))]

    #[test]
    fn every_solution_keeps_every_rule(shape in shape(), seed in 0u64..1000) {
        let p = build(&shape);
        let s = solve(&p, Limits::iterations(150), seed).unwrap();
        check(&p, &s).unwrap();
        for u in &s.unserved {
            prop_assert!(!u.reason.is_empty());
        }
        let required_left = s.unserved.iter().any(|u| p.stops[u.stop].skip_penalty.is_none());
        prop_assert_eq!(s.is_feasible(&p), !required_left);
    }

    /// The same under the penalised search, for either objective: whatever it passed
    /// through, what it returns keeps every rule, and the same seed and iterations give
    /// the same answer.
    #[test]
    fn the_penalised_search_returns_only_what_keeps_every_rule(
        shape in shape(),
        seed in 0u64..1000,
    ) {
        let p = build(&shape);
        let objective = if seed % 2 == 0 { Objective::Cost } else { Objective::VehiclesFirst };
        let strategy = Search { objective, rules: Rules::Penalised };
        let (s, _) = solve_traced(&p, Limits::iterations(150), seed, strategy).unwrap();
        check(&p, &s).unwrap();
        for u in &s.unserved {
            prop_assert!(!u.reason.is_empty());
        }
        let required_left = s.unserved.iter().any(|u| p.stops[u.stop].skip_penalty.is_none());
        prop_assert_eq!(s.is_feasible(&p), !required_left);
        let (again, _) = solve_traced(&p, Limits::iterations(150), seed, strategy).unwrap();
        prop_assert_eq!(s, again);
    }
}

/// The penalised search is a search of its own: on generated cities it reaches other
/// answers than the one that never breaks a rule, for the same seeds and iterations.
#[test]
fn the_penalised_search_takes_other_ways() {
    let differs = (0..6).filter(|&seed| {
        let p = routing::generate::city(60, seed);
        let solve = |rules| {
            let strategy = Search {
                objective: Objective::Cost,
                rules,
            };
            solve_traced(&p, Limits::iterations(300), seed, strategy)
                .unwrap()
                .0
        };
        solve(Rules::Kept) != solve(Rules::Penalised)
    });
    assert!(differs.count() > 0);
}
