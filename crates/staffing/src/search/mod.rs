//! The search: a greedy first plan, then large-neighbourhood search — take a few tasks
//! out, put tasks back in the best way they fit, keep the result if the objective did not
//! get worse. Seeded, so the same seed and iteration limit give the same plan.
//!
//! - `operators`: which way to take tasks out, chosen adaptively.
//! - `freed`: unassigned tasks that could use the time a move frees.

use crate::model::Model;
use crate::schedule::Schedule;
use rand::seq::SliceRandom;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use std::time::{Duration, Instant};

mod freed;
mod operators;

use freed::{propose_for_freed_time, tasks_open_to};
use operators::{Operators, Outcome};

/// When the search stops: whichever limit comes first. With neither, it stops after
/// the first plan.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Limits {
    pub time: Option<Duration>,
    pub iterations: Option<u64>,
}

impl Limits {
    pub fn time(seconds: f64) -> Self {
        Self {
            time: Some(Duration::from_secs_f64(seconds.max(0.0))),
            iterations: None,
        }
    }

    pub fn iterations(n: u64) -> Self {
        Self {
            time: None,
            iterations: Some(n),
        }
    }
}

/// Tasks already planned before a change, which a re-plan should leave where they are:
/// moving one costs `penalty` in the objective's units.
pub struct Stability {
    pub previous: Vec<Option<(crate::problem::Minute, Vec<usize>)>>,
    pub penalty: i128,
}

impl Stability {
    fn moved(&self, schedule: &Schedule, t: usize) -> bool {
        match &self.previous[t] {
            Some((start, crew)) => schedule.start[t] != Some(*start) || &schedule.crew[t] != crew,
            None => false,
        }
    }
}

/// The order tasks are placed in: longest first (work is the first goal, and long tasks
/// are the hardest to fit late), then those with the fewest candidates per person needed.
/// Measured on the generated M, L and XL weeks, this order gave 2–4 % more work in the
/// first plan than scarcity first or start time first.
fn priority(model: &Model, t: usize) -> (i32, usize, usize) {
    let task = model.task(t);
    (
        -task.duration,
        model.candidates[t].len() / usize::from(task.people_needed),
        t,
    )
}

/// Fills an empty or partly filled schedule greedily, in [`priority`] order.
pub fn construct(schedule: &mut Schedule) {
    let model = schedule.model;
    let mut order: Vec<usize> = (0..model.problem.tasks.len())
        .filter(|&t| !schedule.is_assigned(t))
        .collect();
    order.sort_by_key(|&t| priority(model, t));
    for t in order {
        if let Some((start, crew, _)) = schedule.best_insertion(t) {
            schedule.assign(t, start, &crew);
        }
    }
}

/// Improves the schedule until a limit is reached; returns the iterations run.
pub fn improve(
    schedule: &mut Schedule,
    limits: Limits,
    seed: u64,
    stability: Option<&Stability>,
) -> u64 {
    if limits.time.is_none() && limits.iterations.is_none() {
        return 0;
    }
    let began = Instant::now();
    let model = schedule.model;
    let tasks = model.problem.tasks.len();
    if tasks == 0 {
        return 0;
    }
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let score = |s: &Schedule| -> i128 {
        let moved = stability.map_or(0, |st| {
            (0..tasks).filter(|&t| st.moved(s, t)).count() as i128
        });
        s.objective().total - moved * stability.map_or(0, |st| st.penalty)
    };
    let mut current = score(schedule);
    let mut best = current;
    // The way back to the best schedule: every move accepted since it, as what the move
    // took out and the tasks it put in. Undone newest first, they give the best schedule
    // again — cheaper than copying the whole schedule each time the search leaves it.
    // When the way back grows long, the best schedule is copied once instead.
    let mut since_best: Vec<Move> = Vec::new();
    let mut best_schedule: Option<Schedule> = None;
    let longest_way_back = (tasks / 8).max(64);
    let slack = model.weights.work * START_SLACK_MINUTES;
    let mut iterations = 0u64;
    let mut removed: Vec<(usize, crate::problem::Minute, Vec<usize>)> = Vec::new();
    let mut inserted: Vec<usize> = Vec::new();
    let mut repair: Vec<usize> = Vec::new();
    let mut operators = Operators::new();
    let open_to = tasks_open_to(model);
    loop {
        if limits.iterations.is_some_and(|n| iterations >= n)
            || limits.time.is_some_and(|d| began.elapsed() >= d)
        {
            break;
        }
        iterations += 1;
        removed.clear();
        inserted.clear();
        repair.clear();
        let operator = operators.pick(&mut rng);
        let target = destroy(
            operator,
            schedule,
            model,
            &mut rng,
            &mut removed,
            &mut repair,
        );
        for (t, _, _) in &removed {
            repair.push(*t);
        }
        propose_for_freed_time(schedule, &open_to, &removed, &mut rng, &mut repair);
        repair.sort_unstable();
        repair.dedup();
        if rng.random_bool(0.5) {
            repair.shuffle(&mut rng);
        } else {
            repair.sort_by_key(|&t| priority(model, t));
        }
        // A targeted destroy's task goes back in first, before the tasks moved out of its way.
        if let Some(u) = target {
            repair.retain(|&t| t != u);
            repair.insert(0, u);
        }
        for &t in repair.iter() {
            if schedule.is_assigned(t) {
                continue;
            }
            if let Some((start, crew, _)) = schedule.best_insertion(t) {
                schedule.assign(t, start, &crew);
                inserted.push(t);
            }
        }
        let candidate = if stability.is_some() {
            score(schedule)
        } else {
            schedule.objective().total
        };
        // Threshold acceptance: early on a move may lose up to START_SLACK_MINUTES of
        // work to get out of a local optimum; the slack shrinks to nothing by the end.
        let threshold = slack
            * i128::from((1000.0 * (1.0 - progress(&limits, iterations, began))) as i32)
            / 1000;
        operators.record(
            operator,
            if removed.is_empty() && inserted.is_empty() {
                Outcome::Rejected
            } else if candidate > best {
                Outcome::NewBest
            } else if candidate > current {
                Outcome::Better
            } else if candidate >= current - threshold {
                Outcome::Accepted
            } else {
                Outcome::Rejected
            },
        );
        if candidate >= current - threshold {
            current = candidate;
            if current > best {
                best = current;
                since_best.clear();
                best_schedule = None;
            } else if best_schedule.is_none() && !(since_best.is_empty() && current == best) {
                // (A move to a plan as good as the best, before leaving it, makes that
                // plan the one to come back to.)
                since_best.push(Move {
                    removed: std::mem::take(&mut removed),
                    inserted: std::mem::take(&mut inserted),
                });
                if since_best.len() > longest_way_back {
                    let mut kept = schedule.clone();
                    for step in since_best.drain(..).rev() {
                        undo(&mut kept, &step.inserted, &step.removed);
                    }
                    best_schedule = Some(kept);
                }
            }
        } else {
            undo(schedule, &inserted, &removed);
        }
    }
    if let Some(kept) = best_schedule {
        *schedule = kept;
    } else {
        for step in since_best.iter().rev() {
            undo(schedule, &step.inserted, &step.removed);
        }
    }
    iterations
}

/// How much slack, in minutes of work, the search may give up early on. (30 did worse
/// on the generated XL week; below a quarter hour, the grain of generated tasks, it
/// only lets fairness and travel get worse.)
const START_SLACK_MINUTES: i128 = 20;

/// How far the search is towards its limit, 0 to 1: by iterations when limited by them
/// (so the same seed and iteration limit give the same plan), else by time.
fn progress(limits: &Limits, iterations: u64, began: Instant) -> f64 {
    let by_iterations = limits
        .iterations
        .map(|n| iterations as f64 / n.max(1) as f64);
    let by_time = limits
        .time
        .map(|d| began.elapsed().as_secs_f64() / d.as_secs_f64().max(1e-9));
    by_iterations.or(by_time).unwrap_or(1.0).clamp(0.0, 1.0)
}

/// One accepted move: the tasks it took out, as they were, and the tasks it put in.
struct Move {
    removed: Vec<(usize, crate::problem::Minute, Vec<usize>)>,
    inserted: Vec<usize>,
}

/// Puts back what one iteration changed: its insertions out, its removals back in.
fn undo(
    schedule: &mut Schedule,
    inserted: &[usize],
    removed: &[(usize, crate::problem::Minute, Vec<usize>)],
) {
    for &t in inserted {
        schedule.unassign(t);
    }
    for (t, start, crew) in removed {
        schedule.assign(*t, *start, crew);
    }
}

/// The ways to take tasks out, as [`destroy`] numbers them.
const OPERATORS: usize = 3;

/// Takes a few tasks out, recording them in `removed`, and proposes unassigned tasks to
/// try again in `repair`. Three operators: 0 random tasks; 1 one person's tasks; 2 the
/// tasks that stand in the way of an unassigned task (the target, returned).
fn destroy(
    operator: usize,
    schedule: &mut Schedule,
    model: &Model,
    rng: &mut ChaCha8Rng,
    removed: &mut Vec<(usize, crate::problem::Minute, Vec<usize>)>,
    repair: &mut Vec<usize>,
) -> Option<usize> {
    let mut target = None;
    let tasks = model.problem.tasks.len();
    let people = model.problem.people.len();
    let take = |schedule: &mut Schedule, t: usize, removed: &mut Vec<_>| {
        if let Some((start, crew)) = schedule.unassign(t) {
            removed.push((t, start, crew));
        }
    };
    match operator {
        0 => {
            for _ in 0..rng.random_range(1..=4) {
                let t = rng.random_range(0..tasks);
                take(schedule, t, removed);
            }
        }
        1 if people > 0 => {
            let p = rng.random_range(0..people);
            let mut own: Vec<usize> = schedule.timeline[p].iter().map(|s| s.task).collect();
            own.shuffle(rng);
            for t in own.into_iter().take(6) {
                take(schedule, t, removed);
            }
        }
        _ => {
            // Aim at an unassigned task: free its candidates around its window.
            // Of a few unassigned tasks drawn, the longest: work is the first goal.
            let u = (0..8)
                .map(|_| rng.random_range(0..tasks))
                .filter(|&t| !schedule.is_assigned(t))
                .take(3)
                .max_by_key(|&t| (model.task(t).duration, std::cmp::Reverse(t)))?;
            target = Some(u);
            let task = model.task(u);
            let (from, to) = (task.earliest_start, task.latest_start + task.duration);
            let mut blocking: Vec<usize> = model.candidates[u]
                .iter()
                .flat_map(|&p| schedule.timeline[p].iter())
                .filter(|s| s.start < to + 60 && s.end + 60 > from)
                .map(|s| s.task)
                .collect();
            blocking.sort_unstable();
            blocking.dedup();
            blocking.shuffle(rng);
            for t in blocking
                .into_iter()
                .take(usize::from(task.people_needed) + rng.random_range(0..3))
            {
                take(schedule, t, removed);
            }
        }
    }
    // A few unassigned tasks get another chance too.
    for _ in 0..4 {
        let t = rng.random_range(0..tasks);
        if !schedule.is_assigned(t) {
            repair.push(t);
        }
    }
    target
}
