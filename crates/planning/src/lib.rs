//! Planning a week of the agency's work: the bridge between the records and the
//! staffing engine, shared by `kommune plan` and `POST /api/plans`.
//!
//! - [`week`]: ISO weeks (`2026-W49`) and minutes since their Monday, in Copenhagen time.
//! - [`problem`]: the week's problem built from people, their limits and the task requests.
//! - [`recommend`]: the ranked candidates for one occurrence of a task, each with why.
//! - [`view`]: a stored plan as the CLI and API show it.
//! - [`waste`]: Flex Waste's day: the routing engine's routes, a driver for each through
//!   the staffing engine, the day's plan stored.
//!
//! Only active people are planned; every task request with an occurrence in the week that
//! is requested or planned takes part; work already confirmed or done is carried over
//! from the latest plan and blocks its people's time, as do the Flex Waste routes they
//! drive that week (each day's latest plan); both count towards their weekly cap. A
//! request becomes planned when every occurrence in the week has its people, and goes
//! back to requested when a re-plan leaves one without.

pub mod problem;
pub mod recommend;
pub mod view;
pub mod waste;
pub mod week;

use problem::WeekProblem;
use staffing::replan::Previous;
use store::plans::{LeftOver, NewPlan, PlanMove, PlanObjective, PlannedWork};
use store::{Actor, Store, StoreError};
pub use view::PlanView;
pub use week::Week;

/// How to plan: the search's limits and seed, and whether to re-plan the week's latest plan.
#[derive(Debug, Clone, Copy)]
pub struct Options {
    pub limits: staffing::Limits,
    pub seed: u64,
    pub replan: bool,
}

/// Why a week could not be planned.
#[derive(Debug, thiserror::Error)]
pub enum PlanningError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("{0}")]
    Engine(#[from] staffing::ProblemError),
    /// Nothing to re-plan from.
    #[error("{0}")]
    NoPlan(String),
}

/// Plans a week (or re-plans its latest plan), stores the plan, and returns it as stored.
pub async fn plan_week(
    store: &Store,
    week: &Week,
    options: &Options,
    by: &Actor,
) -> Result<PlanView, PlanningError> {
    let previous = if options.replan {
        let latest = store.latest_plan(&week.label).await?;
        Some(latest.ok_or_else(|| {
            PlanningError::NoPlan(format!(
                "there is no plan for {} to re-plan; plan it first",
                week.label
            ))
        })?)
    } else {
        None
    };
    let built = WeekProblem::build(store, week, by).await?;
    let (plan, moves) = match &previous {
        None => (
            staffing::solve(&built.problem, options.limits, options.seed)?,
            Vec::new(),
        ),
        Some(before) => {
            let previous: Vec<Previous> = built.previous(&before.plan.assignments);
            staffing::replan::replan(&built.problem, &previous, options.limits, options.seed)?
        }
    };
    let built = &built;
    let new = NewPlan {
        week: week.label.clone(),
        replan_of: previous.as_ref().map(|p| p.id),
        objective: PlanObjective {
            total: plan.objective.total.to_string(),
            work_minutes: plan.objective.work_minutes,
            fairness: plan.objective.fairness,
            continuity: plan.objective.continuity,
            travel_minutes: plan.objective.travel_minutes,
        },
        iterations: plan.iterations as i64,
        assignments: plan
            .assignments
            .iter()
            .flat_map(|a| {
                let occurrence = &built.occurrences[a.task];
                let (start, end) = built.times(a.task, a.start);
                a.people.iter().map(move |&p| PlannedWork {
                    task_id: occurrence.task_id,
                    occurrence: occurrence.date,
                    start,
                    end,
                    person_id: built.person_ids[p],
                })
            })
            .chain(built.committed_work.iter().cloned())
            .collect(),
        unassigned: plan
            .unassigned
            .iter()
            .map(|u| LeftOver {
                task_id: built.occurrences[u.task].task_id,
                occurrence: built.occurrences[u.task].date,
                reason: u.reason.clone(),
            })
            .collect(),
        moves: moves
            .iter()
            .map(|m| PlanMove {
                task_id: built.occurrences[m.task].task_id,
                occurrence: built.occurrences[m.task].date,
                change: m.change.into(),
            })
            .collect(),
        planned_tasks: built.fully_staffed(&plan, true),
        unplanned_tasks: built.fully_staffed(&plan, false),
    };
    let id = store.save_plan(&new, by).await?;
    Ok(PlanView::from(&store.plan(id).await?))
}
