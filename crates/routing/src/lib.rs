//! The routing engine: which vehicle visits which stops in what order — collecting
//! cardboard and plastic by e-bike and small van within time windows, capacities and
//! battery range, unloading at hubs on the way, with the driver's break. Pure and
//! deterministic: the same seed and iteration limit give the same solution, and every
//! solution passes the checker before it is returned.
//!
//! - [`problem`]: the problem (depots, hubs, stops, vehicle types, travel matrix).
//! - [`route`]: one route's meaning — times, loads, cost — or the rule it breaks.
//! - [`solution`]: the answer and its checker.
//! - [`search`]: construction, ruin and recreate, local search.
//! - [`solomon`]: Solomon's VRPTW benchmark instances under the DIMACS convention.
//! - [`generate`]: generated city instances (the 1,000-stop benchmark).

pub mod generate;
pub mod problem;
pub mod route;
pub mod search;
pub mod solomon;
pub mod solution;
pub mod why;

pub use problem::{Problem, ProblemError};
pub use route::{Route, Visit};
pub use search::{Improvement, Limits, Objective, Rules, Strategy};
pub use solution::{Solution, Unserved, check};
pub use why::{Infeasible, Why};

/// Why there is no solution: the problem is not well formed, or — a bug in the engine,
/// never hidden — the solution it built breaks a rule.
#[derive(Debug, thiserror::Error)]
pub enum SolveError {
    #[error(transparent)]
    Problem(#[from] ProblemError),
    #[error("internal error: the routing engine built a solution that breaks a rule: {0}")]
    Broken(String),
}

/// Solves `problem` within `limits`; the same seed and iteration limit give the same
/// solution. Required stops that cannot be served are listed in `unserved` with the
/// reason, never hidden: see [`Solution::is_feasible`].
pub fn solve(problem: &Problem, limits: Limits, seed: u64) -> Result<Solution, SolveError> {
    solve_for(problem, limits, seed, Objective::Cost)
}

/// Solves `problem` for `objective`: its cost, or vehicles first (Solomon's hierarchical
/// convention) with a phase that takes routes out while their stops fit elsewhere.
pub fn solve_for(
    problem: &Problem,
    limits: Limits,
    seed: u64,
    objective: Objective,
) -> Result<Solution, SolveError> {
    solve_traced(problem, limits, seed, objective).map(|(solution, _)| solution)
}

/// [`solve_for`], with each improvement of the best solution on the way (when, and its
/// cost): what a convergence table is made of; a [`Strategy`] also says how the search
/// treats solutions that break a rule on the way.
pub fn solve_traced(
    problem: &Problem,
    limits: Limits,
    seed: u64,
    strategy: impl Into<Strategy>,
) -> Result<(Solution, Vec<Improvement>), SolveError> {
    problem.validate()?;
    let (solution, trace) = search::solve(problem, limits, seed, strategy.into());
    check(problem, &solution).map_err(SolveError::Broken)?;
    Ok((solution, trace))
}
