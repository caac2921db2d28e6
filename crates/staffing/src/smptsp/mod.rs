//! Shift-minimisation personnel task scheduling (SMPTSP, OR-Library "ptask"): jobs at fixed
//! times, workers qualified for some of them; give every job to a qualified worker, never two
//! overlapping jobs to one worker, and use as few workers as possible.
//!
//! - [`Instance`] and its reader for the `.dat` format ([`Instance::parse`], [`ParseError`]).
//! - [`lower_bound`]: the most jobs running at one instant, which no plan can beat.
//! - [`check`]: verifies a plan against the hard rules ([`Violation`]); every plan the solver
//!   returns has passed it.
//! - [`solve`]: the search (see `search.rs` for how it works); [`solve_file`] reads a file and
//!   returns the [`Report`] that `kommune solve smptsp … --json` prints.
//!
//! Intervals are closed: a job ending at 300 and one starting at 300 overlap.

mod bound;
mod check;
mod instance;
mod search;

use std::path::Path;

use serde::Serialize;

pub use bound::lower_bound;
pub use check::{Violation, check};
pub use instance::{Instance, ParseError};
pub use search::DEFAULT_ITERATIONS;

/// When the search stops: the engine's [`Limits`](crate::Limits). With neither limit this
/// mode makes [`DEFAULT_ITERATIONS`] moves; it always stops early once a plan meets the
/// lower bound.
pub use crate::search::Limits;

/// A plan that has passed [`check`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Solution {
    /// Workers with at least one job.
    pub workers_used: usize,
    /// The 0-based worker of each job, in file order.
    pub assignment: Vec<usize>,
    /// Search moves made.
    pub iterations: u64,
    /// [`lower_bound`] of the instance, so the gap can be read off the solution.
    pub lower_bound: usize,
}

/// Why the solver returns no plan.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum NoPlan {
    /// A job no worker is qualified for: no plan exists.
    #[error("job {job} has no qualified worker")]
    NoQualifiedWorker { job: usize },
    /// The limits ran out before every job had a worker.
    #[error(
        "no complete plan found within the limits: {unassigned} jobs still unassigned after {iterations} moves"
    )]
    NotFound { unassigned: usize, iterations: u64 },
    /// The search produced a plan the checker refused; a defect, reported rather than returned.
    #[error("internal error: the plan found breaks a rule ({0})")]
    Invalid(Violation),
}

/// What `kommune solve smptsp --json` prints: `{"workers_used": W, "assignment": [...]}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Report {
    /// Workers with at least one job.
    pub workers_used: usize,
    /// The 0-based worker of each job, in file order.
    pub assignment: Vec<usize>,
}

/// Finds a plan using as few workers as it can within `limits`; `seed` drives every random
/// choice, so the same seed and iteration limit give the same plan.
pub fn solve(instance: &Instance, limits: Limits, seed: u64) -> Result<Solution, NoPlan> {
    let found = search::search(instance, &limits, seed)?;
    let workers_used = check(instance, &found.assignment).map_err(NoPlan::Invalid)?;
    Ok(Solution {
        workers_used,
        assignment: found.assignment,
        iterations: found.iterations,
        lower_bound: lower_bound(instance),
    })
}

/// Reads a `.dat` file and solves it; errors name the file and, for bad input, the line.
pub fn solve_file(path: &Path, limits: Limits, seed: u64) -> Result<Report, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let instance = Instance::parse(&text).map_err(|e| format!("{}: {e}", path.display()))?;
    let solution =
        solve(&instance, limits, seed).map_err(|e| format!("{}: {e}", path.display()))?;
    Ok(Report {
        workers_used: solution.workers_used,
        assignment: solution.assignment,
    })
}

#[cfg(test)]
mod tests;
