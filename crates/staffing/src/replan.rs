//! Planning again after a change — someone calls in sick, a task is added or cancelled —
//! keeping the rest of the plan: what still holds stays, the rest is filled in, and a
//! short search may move a kept task only when it gains at least an hour of work.

use crate::model::Model;
use crate::plan::{Assignment, Plan};
use crate::problem::{Minute, Problem, ProblemError};
use crate::schedule::Schedule;
use crate::search::{self, Limits, Stability};
use serde::Serialize;

/// A task planned before, by ids, as a previous plan is stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Previous {
    pub task: String,
    pub start: Minute,
    pub people: Vec<String>,
}

impl Previous {
    /// A plan's assignments by ids, as a later re-plan of the same week takes them.
    pub fn of_plan(problem: &Problem, assignments: &[Assignment]) -> Vec<Previous> {
        assignments
            .iter()
            .map(|a| Previous {
                task: problem.tasks[a.task].id.clone(),
                start: a.start,
                people: a
                    .people
                    .iter()
                    .map(|&p| problem.people[p].id.clone())
                    .collect(),
            })
            .collect()
    }
}

/// What happened to one task between the two plans.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Move {
    pub task: usize,
    /// kept, moved, dropped or added.
    pub change: &'static str,
}

/// Re-plans `problem` starting from `previous`; returns the plan and every task whose
/// people or start changed.
pub fn replan(
    problem: &Problem,
    previous: &[Previous],
    limits: Limits,
    seed: u64,
) -> Result<(Plan, Vec<Move>), ProblemError> {
    problem.validate()?;
    replan_with(&Model::new(problem), previous, limits, seed)
}

/// [`replan`] with the problem already compiled — for example by
/// [`Model::with_changed_people`] from the model of the plan before the change.
pub fn replan_with(
    model: &Model,
    previous: &[Previous],
    limits: Limits,
    seed: u64,
) -> Result<(Plan, Vec<Move>), ProblemError> {
    let problem = model.problem;
    problem.validate()?;
    let mut schedule = Schedule::new(model);
    let task_index: std::collections::BTreeMap<&str, usize> = problem
        .tasks
        .iter()
        .enumerate()
        .map(|(i, t)| (t.id.as_str(), i))
        .collect();
    let person_index: std::collections::BTreeMap<&str, usize> = problem
        .people
        .iter()
        .enumerate()
        .map(|(i, p)| (p.id.as_str(), i))
        .collect();
    let mut before: Vec<Option<(Minute, Vec<usize>)>> = vec![None; problem.tasks.len()];
    for prev in previous {
        let Some(&t) = task_index.get(prev.task.as_str()) else {
            continue;
        };
        let people: Option<Vec<usize>> = prev
            .people
            .iter()
            .map(|p| person_index.get(p.as_str()).copied())
            .collect();
        let Some(mut people) = people else {
            before[t] = Some((prev.start, Vec::new()));
            continue;
        };
        people.sort_unstable();
        before[t] = Some((prev.start, people.clone()));
        let task = &problem.tasks[t];
        let still_holds = people.len() == usize::from(task.people_needed)
            && prev.start >= task.earliest_start
            && prev.start <= task.latest_start
            && people.iter().all(|&p| {
                model.candidates[t].binary_search(&p).is_ok() && schedule.fits(p, t, prev.start)
            });
        if still_holds {
            schedule.assign(t, prev.start, &people);
        }
    }
    search::construct(&mut schedule);
    let stability = Stability {
        previous: before.clone(),
        penalty: model.weights.work * 60,
    };
    let iterations = search::improve(&mut schedule, limits, seed, Some(&stability));
    let plan = crate::finish(&schedule, iterations)?;
    let moves = changes(&before, &plan.assignments, problem.tasks.len());
    Ok((plan, moves))
}

fn changes(
    before: &[Option<(Minute, Vec<usize>)>],
    after: &[Assignment],
    tasks: usize,
) -> Vec<Move> {
    let mut now: Vec<Option<(Minute, &Vec<usize>)>> = vec![None; tasks];
    for a in after {
        now[a.task] = Some((a.start, &a.people));
    }
    (0..tasks)
        .filter_map(|t| {
            let change = match (&before[t], now[t]) {
                (Some((s, crew)), Some((s2, crew2))) if s == &s2 && crew == crew2 => return None,
                (Some(_), Some(_)) => "moved",
                (Some(_), None) => "dropped",
                (None, Some(_)) => "added",
                (None, None) => return None,
            };
            Some(Move { task: t, change })
        })
        .collect()
}
