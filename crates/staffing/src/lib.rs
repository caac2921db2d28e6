//! The planning engine: which person does which task this week — fair, within everyone's
//! limits, fast. Pure and deterministic: it takes a problem value, a time or iteration
//! limit and a seed, and returns a plan value; the same seed and iteration limit give the
//! same plan, and every plan passes the checker before it is returned.
//!
//! - [`problem`]: the problem (people, tasks, travel) and its JSON format.
//! - [`objective`]: the one-number objective and the weights that order its terms.
//! - [`generate`]: agency-shaped benchmark instances, S to XL, by seed.
//! - [`model`]: the problem compiled for the search: candidates, starts, static fit.
//! - [`distances`]: travel minutes between task places and from homes, tabled once.
//! - [`schedule`]: the plan under construction, with constant-time move evaluation.
//! - [`search`]: greedy construction and large-neighbourhood search.
//! - [`plan`]: the finished plan, its checker and its objective from scratch.
//! - [`reasons`]: why a task is unassigned, and ranked candidates for one task.
//! - [`why`]: those reasons as values (a code and its figures), and their English.
//! - [`replan`]: planning again after a change, moving as little as possible.
//! - [`smptsp`]: the shift-minimisation personnel task scheduling mode (OR-Library
//!   "ptask"): fixed-time jobs, qualified workers, as few workers as possible.

pub mod distances;
pub mod generate;
pub mod model;
pub mod objective;
pub mod plan;
pub mod problem;
pub mod reasons;
pub mod replan;
pub mod schedule;
pub mod search;
pub mod smptsp;
pub mod why;

pub use plan::{Assignment, Plan, Unassigned, check, evaluate};
pub use problem::{Problem, ProblemError};
pub use search::Limits;

use model::Model;
use schedule::Schedule;

/// Plans the problem: a greedy first plan improved until a limit, with a reason for
/// every task left unassigned.
///
/// A time limit counts from the call: compiling the problem and the first plan use it
/// up too, so a plan asked for in 2 s comes in about 2 s (the final check and the
/// reasons for unassigned tasks follow it).
pub fn solve(problem: &Problem, limits: Limits, seed: u64) -> Result<Plan, ProblemError> {
    let began = std::time::Instant::now();
    problem.validate()?;
    let model = Model::new(problem);
    let mut schedule = Schedule::new(&model);
    search::construct(&mut schedule);
    let left = Limits {
        time: limits.time.map(|d| d.saturating_sub(began.elapsed())),
        ..limits
    };
    let iterations = search::improve(&mut schedule, left, seed, None);
    finish(&schedule, iterations)
}

/// The ranked candidates for task `t` given a plan, each with why.
pub fn recommend(
    problem: &Problem,
    plan: &[Assignment],
    t: usize,
) -> Result<Vec<reasons::Candidate>, ProblemError> {
    problem.validate()?;
    if t >= problem.tasks.len() {
        return Err(ProblemError::Other(format!("there is no task {t}")));
    }
    let model = Model::new(problem);
    let mut schedule = Schedule::new(&model);
    for a in plan.iter().filter(|a| a.task != t) {
        schedule.assign(a.task, a.start, &a.people);
    }
    Ok(reasons::recommend(&schedule, t))
}

/// Turns a schedule into a plan, after checking it against every hard rule: a plan that
/// breaks one is never returned as if it were feasible.
pub(crate) fn finish(schedule: &Schedule, iterations: u64) -> Result<Plan, ProblemError> {
    let problem = schedule.model.problem;
    let assignments: Vec<Assignment> = (0..problem.tasks.len())
        .filter_map(|t| {
            schedule.start[t].map(|start| Assignment {
                task: t,
                start,
                people: schedule.crew[t].clone(),
            })
        })
        .collect();
    if let Err(violations) = plan::check_with(schedule.model, &assignments) {
        return Err(ProblemError::Other(format!(
            "internal error: the plan breaks {}",
            violations.join("; ")
        )));
    }
    let unassigned = (0..problem.tasks.len())
        .filter(|&t| !schedule.is_assigned(t))
        .map(|t| Unassigned {
            task: t,
            reason: reasons::why_unassigned(schedule, t),
        })
        .collect();
    Ok(Plan {
        assignments,
        unassigned,
        objective: schedule.objective(),
        iterations,
    })
}

/// The report's JSON value with a placeholder for the total, which [`report_json`] fills in.
fn report_value(problem: &Problem, plan: &Plan) -> serde_json::Value {
    let pairs: Vec<serde_json::Value> = plan
        .assignments
        .iter()
        .flat_map(|a| {
            a.people.iter().map(move |&p| {
                serde_json::json!({"task": problem.tasks[a.task].id, "person": problem.people[p].id, "start": a.start})
            })
        })
        .collect();
    let unassigned: Vec<serde_json::Value> = plan
        .unassigned
        .iter()
        .map(|u| serde_json::json!({"task": problem.tasks[u.task].id, "reason": u.reason.to_string()}))
        .collect();
    let o = &plan.objective;
    serde_json::json!({
        "objective": {
            "total": "TOTAL",
            "work_minutes": o.work_minutes,
            "fairness": o.fairness,
            "continuity": o.continuity,
            "travel_minutes": o.travel_minutes,
        },
        "assignments": pairs,
        "unassigned": unassigned,
        "iterations": plan.iterations,
    })
}

/// The plan in the shape `kommune solve staffing --json` prints: ids, not indices, and
/// the total as an exact JSON integer (it outgrows 64 bits on large weeks).
pub fn report_json(problem: &Problem, plan: &Plan) -> String {
    let text = report_value(problem, plan).to_string();
    // serde_json numbers stop at 64 bits; the digits go in where the placeholder stands.
    text.replacen(
        "\"total\":\"TOTAL\"",
        &format!("\"total\":{}", plan.objective.total),
        1,
    )
}
