//! Unassigned tasks that could use the time a move frees, found through each person's
//! open tasks by day and start.

use crate::model::Model;
use crate::problem::DAY;
use crate::schedule::Schedule;
use rand::Rng;
use rand_chacha::ChaCha8Rng;

/// Per person: the tasks they could do (the model's candidates, turned around), by
/// earliest start, and the longest any task reaches past its earliest start. All people's
/// lists lie end to end in flat arrays, and the earliest starts the search looks up by
/// bisection apart from the rest: the lists are long on a large week, and a bisection
/// through larger records missed the cache at every step.
pub(super) struct OpenTasks {
    /// Person `p`'s tasks are entries `offsets[p]..offsets[p + 1]`.
    offsets: Vec<usize>,
    /// Per person, `DAYS + 1` entries: where in the person's list the tasks with an
    /// earliest start on day `d` or later begin, so a bisection need only look inside
    /// one day.
    by_day: Vec<usize>,
    earliest: Vec<crate::problem::Minute>,
    tasks: Vec<OpenTask>,
    longest_reach: crate::problem::Minute,
}

/// One task open to a person, with how far it can reach kept beside it.
#[derive(Clone, Copy)]
struct OpenTask {
    /// The latest start plus the duration: the task cannot reach past this.
    reach: crate::problem::Minute,
    duration: crate::problem::Minute,
    task: u32,
}

pub(super) fn tasks_open_to(model: &Model) -> OpenTasks {
    let people = model.problem.people.len();
    let mut counts = vec![0usize; people + 1];
    for candidates in &model.candidates {
        for &p in candidates {
            counts[p + 1] += 1;
        }
    }
    for p in 0..people {
        counts[p + 1] += counts[p];
    }
    let offsets = counts.clone();
    let mut next = counts;
    // Tasks in order of earliest start, so each person's list comes out sorted.
    let mut order: Vec<usize> = (0..model.problem.tasks.len()).collect();
    order.sort_by_key(|&t| (model.task(t).earliest_start, t));
    let total = offsets[people];
    let mut earliest = vec![0; total];
    let mut tasks = vec![
        OpenTask {
            reach: 0,
            duration: 0,
            task: 0
        };
        total
    ];
    for t in order {
        let task = model.task(t);
        for &p in &model.candidates[t] {
            let k = next[p];
            next[p] += 1;
            earliest[k] = task.earliest_start;
            tasks[k] = OpenTask {
                reach: task.latest_start + task.duration,
                duration: task.duration,
                task: t as u32,
            };
        }
    }
    let mut by_day = Vec::with_capacity(people * (DAYS + 1));
    for p in 0..people {
        let earliest = &earliest[offsets[p]..offsets[p + 1]];
        by_day.extend(
            (0..=DAYS as crate::problem::Minute)
                .map(|d| offsets[p] + earliest.partition_point(|&e| e < d * DAY)),
        );
    }
    let longest_reach = model
        .problem
        .tasks
        .iter()
        .map(|t| t.latest_start - t.earliest_start + t.duration)
        .max()
        .unwrap_or(0);
    OpenTasks {
        offsets,
        by_day,
        earliest,
        tasks,
        longest_reach,
    }
}

/// Days a week has, as [`OpenTasks::by_day`] tells them apart.
const DAYS: usize = 7;

impl OpenTasks {
    /// The entries of person `p`'s tasks with an earliest start in `[from, to)`.
    fn between(
        &self,
        p: usize,
        from: crate::problem::Minute,
        to: crate::problem::Minute,
    ) -> (usize, usize) {
        // The part of the list where the first entry at or after `m` lies.
        let part = |m: crate::problem::Minute| -> (usize, usize) {
            let days = &self.by_day[p * (DAYS + 1)..(p + 1) * (DAYS + 1)];
            if m < 0 {
                (self.offsets[p], days[0])
            } else if m >= DAYS as crate::problem::Minute * DAY {
                (days[DAYS], self.offsets[p + 1])
            } else {
                let d = (m / DAY) as usize;
                (days[d], days[d + 1])
            }
        };
        let first_at = |m: crate::problem::Minute| -> usize {
            let (a, b) = part(m);
            a + self.earliest[a..b].partition_point(|&e| e < m)
        };
        let lo = first_at(from);
        (lo, first_at(to).max(lo))
    }
}

/// Unassigned tasks that could use the time just freed: for each person who lost a task,
/// a few of the tasks open to them whose window is near the freed time and which they
/// could now take. Trying these instead of unassigned tasks at random is what makes the
/// early iterations on a large week pay, where most unassigned tasks are hopeless.
pub(super) fn propose_for_freed_time(
    schedule: &Schedule,
    open_to: &OpenTasks,
    removed: &[(usize, crate::problem::Minute, Vec<usize>)],
    rng: &mut ChaCha8Rng,
    repair: &mut Vec<usize>,
) {
    let model = schedule.model;
    for (t, start, crew) in removed {
        let (from, to) = (start - NEAR, start + model.task(*t).duration + NEAR);
        for &p in crew {
            // Only tasks starting early enough and late enough can touch the freed time.
            let (lo, hi) = open_to.between(p, from - open_to.longest_reach, to);
            if lo >= hi {
                continue;
            }
            let open = &open_to.tasks;
            let mut found = 0;
            for _ in 0..FREED_TRIES {
                let o = open[rng.random_range(lo..hi)];
                let u = o.task as usize;
                if o.reach > from
                    && !schedule.is_assigned(u)
                    && schedule.fits_somewhere(p, u, o.duration)
                {
                    repair.push(u);
                    found += 1;
                    if found == FREED_FOUND {
                        break;
                    }
                }
            }
        }
    }
}

/// How near the freed time, in minutes, a task must be to be proposed.
const NEAR: crate::problem::Minute = 60;

/// How many of a freed person's tasks [`propose_for_freed_time`] looks at, and how many
/// that fit it proposes at most. Proposals are what most improvements on a large week
/// come from: on the generated XL week, 48 and 6 gave about 2,500 more minutes of work
/// than 12 and 3 for the same processor time (about 1.8 s), and L and S did no worse.
const FREED_TRIES: usize = 48;
const FREED_FOUND: usize = 6;
