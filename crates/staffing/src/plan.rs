//! A finished plan, the checker that verifies it against every hard rule, and the
//! plan's objective computed from scratch (independently of the search's bookkeeping).

use crate::model::Model;
use crate::objective::{Objective, fairness_of};
use crate::problem::{DAY, Minute, Problem};
use serde::Serialize;

/// Task `task` done by `people` from `start`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Assignment {
    pub task: usize,
    pub start: Minute,
    pub people: Vec<usize>,
}

/// A task left without people, and why, as a value each reader says in their language.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Unassigned {
    pub task: usize,
    pub reason: crate::why::Unstaffed,
}

/// The engine's answer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Plan {
    pub assignments: Vec<Assignment>,
    pub unassigned: Vec<Unassigned>,
    pub objective: Objective,
    /// Search iterations run.
    pub iterations: u64,
}

/// Verifies every hard rule: each task gets exactly the people it needs or none, each
/// person fits the task (skills, limits, availability, earliest start, travel from home),
/// starts lie in the task's window, nobody does two things at once counting travel on
/// the same day, and nobody goes over their weekly cap. Returns every violation found.
pub fn check(problem: &Problem, assignments: &[Assignment]) -> Result<(), Vec<String>> {
    check_with(&Model::new(problem), assignments)
}

/// [`check`] with the problem already compiled.
pub(crate) fn check_with(model: &Model, assignments: &[Assignment]) -> Result<(), Vec<String>> {
    let problem = model.problem;
    let mut violations = Vec::new();
    let mut seen = vec![false; problem.tasks.len()];
    let mut weeks: Vec<Vec<(Minute, Minute, usize)>> = vec![Vec::new(); problem.people.len()];
    for a in assignments {
        let Some(task) = problem.tasks.get(a.task) else {
            violations.push(format!("task index {} does not exist", a.task));
            continue;
        };
        if std::mem::replace(&mut seen[a.task], true) {
            violations.push(format!("task {} is assigned twice", task.id));
        }
        let mut people = a.people.clone();
        people.sort_unstable();
        people.dedup();
        if people.len() != a.people.len() || a.people.len() != usize::from(task.people_needed) {
            violations.push(format!(
                "task {} needs {} distinct people, got {:?}",
                task.id, task.people_needed, a.people
            ));
        }
        if a.start < task.earliest_start || a.start > task.latest_start {
            violations.push(format!(
                "task {} starts at {} outside its window",
                task.id, a.start
            ));
        }
        for &p in &a.people {
            if p >= problem.people.len() {
                violations.push(format!("person index {p} does not exist"));
                continue;
            }
            if let Some(misfit) = model.misfit(p, a.task) {
                violations.push(format!(
                    "{} on task {}: {}",
                    problem.people[p].id,
                    task.id,
                    misfit.describe()
                ));
            }
            if !model.available(p, a.task, a.start) {
                violations.push(format!(
                    "{} is not available for task {} at {}",
                    problem.people[p].id, task.id, a.start
                ));
            }
            weeks[p].push((a.start, a.start + task.duration, a.task));
        }
    }
    for (p, week) in weeks.iter_mut().enumerate() {
        let person = &problem.people[p];
        week.sort_unstable();
        let planned: i32 = week.iter().map(|(s, e, _)| e - s).sum();
        if person.booked_minutes + planned > person.cap_minutes {
            violations.push(format!(
                "{} is planned {} minutes plus {} booked, over the cap of {}",
                person.id, planned, person.booked_minutes, person.cap_minutes
            ));
        }
        for pair in week.windows(2) {
            let ((s1, e1, a), (s2, _, b)) = (pair[0], pair[1]);
            let travel = if s1.div_euclid(DAY) == s2.div_euclid(DAY) {
                model.between(a, b)
            } else {
                0
            };
            if e1 + travel > s2 {
                violations.push(format!(
                    "{} cannot get from task {} to task {} in time",
                    person.id, problem.tasks[a].id, problem.tasks[b].id
                ));
            }
        }
    }
    if violations.is_empty() {
        Ok(())
    } else {
        Err(violations)
    }
}

/// A plan's objective computed from the assignments alone.
pub fn evaluate(problem: &Problem, assignments: &[Assignment]) -> Objective {
    let model = Model::new(problem);
    let mut weeks: Vec<Vec<(Minute, usize)>> = vec![Vec::new(); problem.people.len()];
    let (mut work, mut continuity) = (0i64, 0i64);
    for a in assignments {
        for &p in &a.people {
            weeks[p].push((a.start, a.task));
            work += i64::from(problem.tasks[a.task].duration);
            continuity += i64::from(model.returning(p, a.task));
        }
    }
    let (mut fairness, mut travel) = (0i64, 0i64);
    for (p, week) in weeks.iter_mut().enumerate() {
        let person = &problem.people[p];
        week.sort_unstable();
        let planned: i32 = week.iter().map(|(_, t)| problem.tasks[*t].duration).sum();
        fairness += fairness_of((person.booked_minutes + planned).min(person.target_minutes));
        for (i, (start, t)) in week.iter().enumerate() {
            let day = start.div_euclid(DAY);
            let first_of_day = i == 0 || week[i - 1].0.div_euclid(DAY) != day;
            let last_of_day = i + 1 == week.len() || week[i + 1].0.div_euclid(DAY) != day;
            if first_of_day {
                travel += i64::from(model.home_to(p, *t));
            } else {
                travel += i64::from(model.between(week[i - 1].1, *t));
            }
            if last_of_day {
                travel += i64::from(model.home_to(p, *t));
            }
        }
    }
    Objective::new(&model.weights, work, fairness, continuity, travel)
}
