//! The search behind [`super::solve`]: a greedy start, then a weighted ejection search on
//! partial plans that empties one worker at a time.
//!
//! The state is always a *partial* plan that keeps every hard rule: some jobs sit in a pool,
//! unassigned. A move takes a random pool job and gives it to the active, qualified worker
//! whose clashing jobs weigh least, sending those jobs back to the pool (an ejection chain, one
//! link per move). Each time a job is taken from the pool it grows heavier, so jobs that are
//! hard to place become the last to be ejected again (breakout weighting); this alone steers
//! the search out of cycles. (A tabu list on job–worker pairs was tried and made it worse: on
//! the OR-Library set it kept 10 of 68 instances one worker above the bound, where the weights
//! alone reach the bound on all 68.)
//!
//! When the pool is empty the plan is complete; the search records it, deactivates the active
//! worker with the fewest jobs and empties the pool again with one worker less, until the plan
//! meets the lower bound or a limit is reached. Should the pool stop shrinking, the search
//! swaps an active worker for the inactive one that can take the most weight from the pool,
//! since which workers are kept matters as much as who does what.

use std::time::Instant;

use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

use super::bound::lower_bound;
use super::{Instance, Limits, NoPlan};

/// Moves the search makes when neither a time nor an iteration limit is given.
pub const DEFAULT_ITERATIONS: u64 = 5_000_000;

/// Marks a job that sits in the pool.
const UNASSIGNED: u32 = u32::MAX;

/// Moves without a smaller pool before an active worker is swapped for an inactive one: this
/// many, plus [`STALL_MOVES_PER_JOB`] for each job.
const STALL_MOVES: u64 = 2_000;
const STALL_MOVES_PER_JOB: u64 = 20;

/// Swaps during which a worker just swapped in (or out) may not be swapped out (or in).
const WORKER_TENURE: u64 = 5;

/// Job weights are halved when one reaches this, so they never overflow.
const WEIGHT_CAP: u32 = 1 << 20;

/// What the search found: the best complete plan (worker per job, file order) and the moves made.
pub(crate) struct Found {
    pub(crate) assignment: Vec<usize>,
    pub(crate) iterations: u64,
}

/// A job as a worker's schedule holds it; schedules are sorted by start and never overlap, so
/// they are sorted by end too.
#[derive(Clone, Copy)]
struct Slot {
    start: u32,
    end: u32,
    job: u32,
}

/// The instance as the search reads it.
struct Problem {
    jobs: Vec<(u32, u32)>,
    workers_of: Vec<Vec<u32>>,
    qualified_bits: Vec<u64>,
    words: usize,
    workers: usize,
}

impl Problem {
    fn new(instance: &Instance) -> Self {
        let (n, workers) = (instance.jobs.len(), instance.qualified.len());
        let words = n.div_ceil(64);
        let mut workers_of = vec![Vec::new(); n];
        let mut qualified_bits = vec![0u64; words * workers];
        for (w, jobs) in instance.qualified.iter().enumerate() {
            for &j in jobs {
                workers_of[j].push(w as u32);
                qualified_bits[w * words + j / 64] |= 1 << (j % 64);
            }
        }
        Problem {
            jobs: instance.jobs.clone(),
            workers_of,
            qualified_bits,
            words,
            workers,
        }
    }

    fn is_qualified(&self, worker: usize, job: usize) -> bool {
        self.qualified_bits[worker * self.words + job / 64] & (1 << (job % 64)) != 0
    }
}

/// When to stop: only the time check reads the clock, and only to stop.
struct Budget {
    deadline: Option<Instant>,
    max_moves: u64,
    moves: u64,
    out_of_time: bool,
}

impl Budget {
    fn new(limits: &Limits) -> Self {
        let max_moves = match (limits.time, limits.iterations) {
            (_, Some(n)) => n,
            (Some(_), None) => u64::MAX,
            (None, None) => DEFAULT_ITERATIONS,
        };
        Budget {
            deadline: limits.time.map(|t| Instant::now() + t),
            max_moves,
            moves: 0,
            out_of_time: false,
        }
    }

    fn exhausted(&mut self) -> bool {
        if self.moves >= self.max_moves {
            return true;
        }
        if self.moves.is_multiple_of(128) && !self.out_of_time {
            self.out_of_time = self.deadline.is_some_and(|d| Instant::now() >= d);
        }
        self.out_of_time
    }
}

/// The partial plan under search.
struct Search<'p> {
    problem: &'p Problem,
    rng: ChaCha8Rng,
    owner: Vec<u32>,
    schedule: Vec<Vec<Slot>>,
    active: Vec<bool>,
    active_count: usize,
    pool: Vec<u32>,
    pool_at: Vec<u32>,
    weight: Vec<u32>,
    /// Per worker, the swap count until which it may not be swapped again.
    worker_tabu: Vec<u64>,
    swaps: u64,
}

pub(crate) fn search(instance: &Instance, limits: &Limits, seed: u64) -> Result<Found, NoPlan> {
    let problem = Problem::new(instance);
    if let Some(job) = problem.workers_of.iter().position(Vec::is_empty) {
        return Err(NoPlan::NoQualifiedWorker { job });
    }
    let floor = lower_bound(instance);
    let mut budget = Budget::new(limits);
    let mut search = Search::new(&problem, seed);
    search.construct();
    while !search.pool.is_empty() && !budget.exhausted() {
        search.step();
        budget.moves += 1;
    }
    if !search.pool.is_empty() {
        return Err(NoPlan::NotFound {
            unassigned: search.pool.len(),
            iterations: budget.moves,
        });
    }
    search.deactivate_idle();
    let mut best = search.owner.clone();
    let mut best_count = search.active_count;
    let mut best_pool = 0;
    let mut stalled = 0;
    let patience = STALL_MOVES + STALL_MOVES_PER_JOB * instance.jobs.len() as u64;
    while best_count > floor && !budget.exhausted() {
        if search.pool.is_empty() {
            search.deactivate_idle();
            best.clone_from(&search.owner);
            best_count = search.active_count;
            if best_count <= floor {
                break;
            }
            search.drop_smallest_worker();
            (best_pool, stalled) = (search.pool.len(), 0);
            continue;
        }
        search.step();
        budget.moves += 1;
        if search.pool.len() < best_pool {
            (best_pool, stalled) = (search.pool.len(), 0);
        } else {
            stalled += 1;
            if stalled >= patience {
                search.swap_worker();
                (best_pool, stalled) = (search.pool.len(), 0);
            }
        }
    }
    Ok(Found {
        assignment: best.into_iter().map(|w| w as usize).collect(),
        iterations: budget.moves,
    })
}

impl<'p> Search<'p> {
    fn new(problem: &'p Problem, seed: u64) -> Self {
        let (n, m) = (problem.jobs.len(), problem.workers);
        Search {
            problem,
            rng: ChaCha8Rng::seed_from_u64(seed),
            owner: vec![UNASSIGNED; n],
            schedule: vec![Vec::new(); m],
            active: vec![true; m],
            active_count: m,
            pool: Vec::with_capacity(n),
            pool_at: vec![UNASSIGNED; n],
            weight: vec![1; n],
            worker_tabu: vec![0; m],
            swaps: 0,
        }
    }

    /// Greedy start: jobs by start time, each to a free qualified worker, preferring a worker
    /// already in use whose last job ended latest (least idle time), else the unused worker
    /// qualified for the most jobs. Jobs no free worker can take wait in the pool.
    fn construct(&mut self) {
        let problem = self.problem;
        let mut order: Vec<usize> = (0..problem.jobs.len()).collect();
        order.sort_by_key(|&j| problem.jobs[j]);
        let breadth: Vec<usize> = (0..problem.workers)
            .map(|w| {
                (0..problem.jobs.len())
                    .filter(|&j| problem.is_qualified(w, j))
                    .count()
            })
            .collect();
        for job in order {
            let (start, _) = problem.jobs[job];
            let mut best: Option<(bool, usize, u32)> = None;
            for &w in &problem.workers_of[job] {
                let last_end = match self.schedule[w as usize].last() {
                    Some(slot) if slot.end >= start => continue,
                    Some(slot) => Some(slot.end),
                    None => None,
                };
                let key = (
                    last_end.is_some(),
                    last_end.map_or(breadth[w as usize], |e| e as usize),
                    w,
                );
                if best.is_none_or(|b| (key.0, key.1) > (b.0, b.1)) {
                    best = Some(key);
                }
            }
            match best {
                Some((_, _, w)) => self.place(job as u32, w as usize),
                None => self.pool_push(job as u32),
            }
        }
    }

    /// One move: a random pool job goes to the active qualified worker whose clashing jobs
    /// weigh least (ties broken at random), and those jobs go to the pool.
    fn step(&mut self) {
        let job = self.pool[self.rng.random_range(0..self.pool.len())];
        self.bump(job);
        let (start, end) = self.problem.jobs[job as usize];
        let mut best: Option<(u64, usize)> = None;
        let mut ties = 0u32;
        for &w in &self.problem.workers_of[job as usize] {
            let w = w as usize;
            if !self.active[w] {
                continue;
            }
            let schedule = &self.schedule[w];
            let mut at = schedule.partition_point(|s| s.end < start);
            let mut cost = 0u64;
            let limit = best.map_or(u64::MAX, |b| b.0);
            while at < schedule.len() && schedule[at].start <= end && cost <= limit {
                cost += u64::from(self.weight[schedule[at].job as usize]);
                at += 1;
            }
            if cost > limit {
                continue;
            }
            if best.is_none_or(|b| cost < b.0) {
                (best, ties) = (Some((cost, w)), 1);
            } else {
                ties += 1;
                if self.rng.random_range(0..ties) == 0 {
                    best = Some((cost, w));
                }
            }
        }
        if let Some((_, w)) = best {
            self.pool_remove(job);
            self.place(job, w);
        }
    }

    /// Gives `job` to `worker`, sending the worker's clashing jobs (a contiguous run of the
    /// schedule) to the pool.
    fn place(&mut self, job: u32, worker: usize) {
        let (start, end) = self.problem.jobs[job as usize];
        let schedule = &mut self.schedule[worker];
        let from = schedule.partition_point(|s| s.end < start);
        let to = from
            + schedule[from..]
                .iter()
                .take_while(|s| s.start <= end)
                .count();
        let ejected: Vec<Slot> = schedule
            .splice(from..to, [Slot { start, end, job }])
            .collect();
        self.owner[job as usize] = worker as u32;
        for slot in ejected {
            self.owner[slot.job as usize] = UNASSIGNED;
            self.pool_push(slot.job);
        }
    }

    fn bump(&mut self, job: u32) {
        self.weight[job as usize] += 1;
        if self.weight[job as usize] >= WEIGHT_CAP {
            self.weight.iter_mut().for_each(|w| *w = (*w / 2).max(1));
        }
    }

    fn pool_push(&mut self, job: u32) {
        self.pool_at[job as usize] = self.pool.len() as u32;
        self.pool.push(job);
    }

    fn pool_remove(&mut self, job: u32) {
        let at = self.pool_at[job as usize] as usize;
        self.pool.swap_remove(at);
        if let Some(&moved) = self.pool.get(at) {
            self.pool_at[moved as usize] = at as u32;
        }
        self.pool_at[job as usize] = UNASSIGNED;
    }

    /// Active workers with no job cost nothing to drop.
    fn deactivate_idle(&mut self) {
        for w in 0..self.problem.workers {
            if self.active[w] && self.schedule[w].is_empty() {
                self.active[w] = false;
                self.active_count -= 1;
            }
        }
    }

    /// Deactivates a worker, sending all their jobs to the pool.
    fn deactivate(&mut self, worker: usize) {
        for slot in std::mem::take(&mut self.schedule[worker]) {
            self.owner[slot.job as usize] = UNASSIGNED;
            self.pool_push(slot.job);
        }
        self.active[worker] = false;
        self.active_count -= 1;
    }

    /// Tries one worker less: the active worker with the fewest jobs (then the least time)
    /// hands their jobs to the pool.
    fn drop_smallest_worker(&mut self) {
        let key = |s: &Vec<Slot>| (s.len(), s.iter().map(|x| x.end - x.start).sum::<u32>());
        let victim = (0..self.problem.workers)
            .filter(|&w| self.active[w])
            .min_by_key(|&w| (key(&self.schedule[w]), self.rng.random::<u32>()));
        if let Some(w) = victim {
            self.deactivate(w);
        }
    }

    /// Swaps the active worker whose jobs weigh least for the inactive worker who can take
    /// the heaviest set of non-overlapping pool jobs, and gives them that set.
    fn swap_worker(&mut self) {
        self.swaps += 1;
        let m = self.problem.workers;
        let load = |s: &Vec<Slot>, weight: &[u32]| {
            s.iter()
                .map(|x| u64::from(weight[x.job as usize]))
                .sum::<u64>()
        };
        let out = (0..m)
            .filter(|&w| self.active[w] && self.worker_tabu[w] <= self.swaps)
            .min_by_key(|&w| {
                (
                    load(&self.schedule[w], &self.weight),
                    self.rng.random::<u32>(),
                )
            });
        let Some(out) = out else { return };
        self.deactivate(out);
        self.worker_tabu[out] = self.swaps + WORKER_TENURE;
        let mut pool = self.pool.clone();
        pool.sort_by_key(|&j| (self.problem.jobs[j as usize].1, j));
        let mut best: Option<(u64, u32, usize, Vec<u32>)> = None;
        for w in (0..m).filter(|&w| !self.active[w] && self.worker_tabu[w] <= self.swaps) {
            let (gain, chosen) = self.heaviest_disjoint(w, &pool);
            let key = (gain, self.rng.random::<u32>());
            if best.as_ref().is_none_or(|b| key > (b.0, b.1)) {
                best = Some((key.0, key.1, w, chosen));
            }
        }
        let Some((_, _, incoming, chosen)) = best else {
            return;
        };
        self.active[incoming] = true;
        self.active_count += 1;
        self.worker_tabu[incoming] = self.swaps + WORKER_TENURE;
        for job in chosen {
            self.pool_remove(job);
            self.place(job, incoming);
        }
    }

    /// The heaviest set of mutually disjoint jobs among `pool` (sorted by end) that `worker` is
    /// qualified for: weighted interval scheduling.
    fn heaviest_disjoint(&self, worker: usize, pool: &[u32]) -> (u64, Vec<u32>) {
        let jobs: Vec<u32> = pool
            .iter()
            .copied()
            .filter(|&j| self.problem.is_qualified(worker, j as usize))
            .collect();
        let span = |j: u32| self.problem.jobs[j as usize];
        // best[i]: heaviest set among the first i jobs; take[i]: whether job i-1 is in it.
        let mut best = vec![0u64; jobs.len() + 1];
        let mut take = vec![false; jobs.len() + 1];
        let mut previous = vec![0usize; jobs.len() + 1];
        for i in 1..=jobs.len() {
            let (start, _) = span(jobs[i - 1]);
            previous[i] = jobs[..i - 1].partition_point(|&k| span(k).1 < start);
            let with = best[previous[i]] + u64::from(self.weight[jobs[i - 1] as usize]);
            (best[i], take[i]) = if with > best[i - 1] {
                (with, true)
            } else {
                (best[i - 1], false)
            };
        }
        let mut chosen = Vec::new();
        let mut i = jobs.len();
        while i > 0 {
            if take[i] {
                chosen.push(jobs[i - 1]);
                i = previous[i];
            } else {
                i -= 1;
            }
        }
        (best[jobs.len()], chosen)
    }
}
