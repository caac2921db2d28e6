//! The search's trace, for convergence tables: improvements in time order, each better
//! than the one before, and the last one the solution returned — its cost as the
//! solution counts it, whatever the objective.

use routing::{Limits, Objective, solve_traced};
use std::cmp::Reverse;

#[test]
fn the_trace_only_improves_and_ends_at_the_solution() {
    let problem = routing::generate::city(80, 2);
    for objective in [Objective::Cost, Objective::VehiclesFirst] {
        let (solution, trace) =
            solve_traced(&problem, Limits::iterations(400), 5, objective).unwrap();
        assert!(!trace.is_empty(), "{objective:?}");
        for pair in trace.windows(2) {
            let (a, b) = (pair[0], pair[1]);
            assert!(a.after <= b.after, "{objective:?}: {a:?} then {b:?}");
            assert!(
                (b.feasible, Reverse(b.cost)) > (a.feasible, Reverse(a.cost)),
                "{objective:?}: {a:?} then {b:?}"
            );
        }
        let last = trace.last().unwrap();
        assert_eq!(
            last.feasible,
            solution.is_feasible(&problem),
            "{objective:?}"
        );
        assert_eq!(last.cost, solution.cost, "{objective:?}");
    }
}
