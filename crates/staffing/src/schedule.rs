//! The plan being built: who does which task when, each person's day in time order, and
//! the objective's terms kept up to date as tasks are added and taken away, so a move is
//! judged in constant time from its neighbours.

use crate::model::MAX_STARTS;
use crate::model::Model;
use crate::objective::{Objective, fairness_of};
use crate::problem::{DAY, Minute};

/// Crews up to this size are ranked in place; larger ones (rare) by sorting.
const SMALL_CREW: usize = 3;

/// One entry in a person's week: a task from `start` to `end`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Slot {
    pub start: Minute,
    pub end: Minute,
    pub task: usize,
}

/// The mutable plan.
#[derive(Clone)]
pub struct Schedule<'m, 'a> {
    pub model: &'m Model<'a>,
    /// Per task: its start, when assigned.
    pub start: Vec<Option<Minute>>,
    /// Per task: its people; empty when unassigned.
    pub crew: Vec<Vec<usize>>,
    /// Per person: their tasks in time order.
    pub timeline: Vec<Vec<Slot>>,
    /// Per person: minutes booked before plus planned here.
    pub used: Vec<i32>,
    work: i64,
    fairness: i64,
    continuity: i64,
    travel: i64,
}

impl<'m, 'a> Schedule<'m, 'a> {
    /// An empty plan: nothing assigned.
    pub fn new(model: &'m Model<'a>) -> Self {
        let people = &model.problem.people;
        let used: Vec<i32> = people.iter().map(|p| p.booked_minutes).collect();
        let fairness = people
            .iter()
            .zip(&used)
            .map(|(p, u)| fairness_of((*u).min(p.target_minutes)))
            .sum();
        Self {
            model,
            start: vec![None; model.problem.tasks.len()],
            crew: vec![Vec::new(); model.problem.tasks.len()],
            timeline: vec![Vec::new(); people.len()],
            used,
            work: 0,
            fairness,
            continuity: 0,
            travel: 0,
        }
    }

    pub fn objective(&self) -> Objective {
        Objective::new(
            &self.model.weights,
            self.work,
            self.fairness,
            self.continuity,
            self.travel,
        )
    }

    pub fn is_assigned(&self, t: usize) -> bool {
        !self.crew[t].is_empty()
    }

    fn same_day(a: &Slot, b: &Slot) -> bool {
        a.start.div_euclid(DAY) == b.start.div_euclid(DAY)
    }

    /// Travel between two neighbours in a person's week; `None` is home.
    fn link(&self, p: usize, a: Option<&Slot>, b: Option<&Slot>) -> i64 {
        let m = self.model;
        i64::from(match (a, b) {
            (None, None) => 0,
            (None, Some(b)) => m.home_to(p, b.task),
            (Some(a), None) => m.home_to(p, a.task),
            (Some(a), Some(b)) if Self::same_day(a, b) => m.between(a.task, b.task),
            (Some(a), Some(b)) => m.home_to(p, a.task) + m.home_to(p, b.task),
        })
    }

    /// Where a slot starting at `start` would go in `p`'s week.
    fn position(&self, p: usize, start: Minute) -> usize {
        self.timeline[p].partition_point(|s| s.start < start)
    }

    /// Whether `p` can take task `t` from `start` next to what they already do: available,
    /// under the weekly cap, and with time to travel from the task before and to the one after.
    pub fn fits(&self, p: usize, t: usize, start: Minute) -> bool {
        let m = self.model;
        let task = m.task(t);
        if self.used[p] + task.duration > m.caps[p] || !m.available(p, t, start) {
            return false;
        }
        self.fits_between(p, t, start)
    }

    /// [`Schedule::fits`] for a person already known to be available and under the cap:
    /// whether the task leaves time to travel from the task before and to the one after.
    fn fits_between(&self, p: usize, t: usize, start: Minute) -> bool {
        let m = self.model;
        let task = m.task(t);
        let slot = Slot {
            start,
            end: start + task.duration,
            task: t,
        };
        let i = self.position(p, start);
        let line = &self.timeline[p];
        if let Some(prev) = i.checked_sub(1).map(|j| &line[j]) {
            let gap = if Self::same_day(prev, &slot) {
                m.between(prev.task, t)
            } else {
                0
            };
            if prev.end + gap > start {
                return false;
            }
        }
        if let Some(next) = line.get(i) {
            let gap = if Self::same_day(&slot, next) {
                m.between(t, next.task)
            } else {
                0
            };
            if slot.end + gap > next.start {
                return false;
            }
        }
        true
    }

    /// What adding `p` to `t` at `start` changes in fairness, continuity and travel,
    /// weighted (work is the same whoever does it).
    pub fn gain(&self, p: usize, t: usize, start: Minute) -> i128 {
        let m = self.model;
        let w = &m.weights;
        let target = m.person(p).target_minutes;
        let duration = m.task(t).duration;
        let fair = fairness_of((self.used[p] + duration).min(target))
            - fairness_of(self.used[p].min(target));
        let cont = i64::from(m.returning(p, t));
        let slot = Slot {
            start,
            end: start + duration,
            task: t,
        };
        let i = self.position(p, start);
        let line = &self.timeline[p];
        let (prev, next) = (i.checked_sub(1).map(|j| &line[j]), line.get(i));
        let travel = self.link(p, prev, Some(&slot)) + self.link(p, Some(&slot), next)
            - self.link(p, prev, next);
        w.fairness * i128::from(fair) + w.continuity * i128::from(cont)
            - w.travel * i128::from(travel)
    }

    fn add_person(&mut self, p: usize, t: usize, start: Minute) {
        let m = self.model;
        let duration = m.task(t).duration;
        let target = m.person(p).target_minutes;
        let slot = Slot {
            start,
            end: start + duration,
            task: t,
        };
        let i = self.position(p, start);
        let (prev, next) = (
            i.checked_sub(1).map(|j| self.timeline[p][j]),
            self.timeline[p].get(i).copied(),
        );
        self.travel += self.link(p, prev.as_ref(), Some(&slot))
            + self.link(p, Some(&slot), next.as_ref())
            - self.link(p, prev.as_ref(), next.as_ref());
        self.fairness += fairness_of((self.used[p] + duration).min(target))
            - fairness_of(self.used[p].min(target));
        self.continuity += i64::from(m.returning(p, t));
        self.work += i64::from(duration);
        self.used[p] += duration;
        self.timeline[p].insert(i, slot);
    }

    fn remove_person(&mut self, p: usize, t: usize) {
        let m = self.model;
        let Some(i) = self.timeline[p].iter().position(|s| s.task == t) else {
            return;
        };
        let slot = self.timeline[p].remove(i);
        let (prev, next) = (
            i.checked_sub(1).map(|j| self.timeline[p][j]),
            self.timeline[p].get(i).copied(),
        );
        self.travel -= self.link(p, prev.as_ref(), Some(&slot))
            + self.link(p, Some(&slot), next.as_ref())
            - self.link(p, prev.as_ref(), next.as_ref());
        let duration = slot.end - slot.start;
        let target = m.person(p).target_minutes;
        self.fairness += fairness_of((self.used[p] - duration).min(target))
            - fairness_of(self.used[p].min(target));
        self.continuity -= i64::from(m.returning(p, t));
        self.work -= i64::from(duration);
        self.used[p] -= duration;
    }

    /// Gives task `t` to `crew` from `start`. The caller has checked that each fits.
    pub fn assign(&mut self, t: usize, start: Minute, crew: &[usize]) {
        for &p in crew {
            self.add_person(p, t, start);
        }
        self.start[t] = Some(start);
        self.crew[t] = crew.to_vec();
    }

    /// Takes task `t` away from its people; returns what it was.
    pub fn unassign(&mut self, t: usize) -> Option<(Minute, Vec<usize>)> {
        let start = self.start[t].take()?;
        let crew = std::mem::take(&mut self.crew[t]);
        for &p in &crew {
            self.remove_person(p, t);
        }
        Some((start, crew))
    }

    /// The best way to staff task `t` now: the start and people that fit with the highest
    /// gain, or `None` when no start has enough people free.
    pub fn best_insertion(&self, t: usize) -> Option<(Minute, Vec<usize>, i128)> {
        let m = self.model;
        let task = m.task(t);
        let need = usize::from(task.people_needed);
        if need > SMALL_CREW {
            return self.best_insertion_sorted(t);
        }
        // Per start, the best `need` people so far: highest gain first, ties to the lower
        // index, so the result is deterministic. Kept in place — this runs millions of times.
        let mut top = [[(i128::MIN, usize::MAX); SMALL_CREW]; MAX_STARTS];
        let mut found = [0usize; MAX_STARTS];
        for (&p, &open) in m.candidates[t].iter().zip(&m.open_starts[t]) {
            if self.used[p] + task.duration > m.caps[p] {
                continue;
            }
            for (i, &start) in m.starts[t].iter().enumerate() {
                if open & 1 << i == 0 || !self.fits_between(p, t, start) {
                    continue;
                }
                let entry = (self.gain(p, t, start), p);
                let list = &mut top[i][..need];
                let better =
                    |a: &(i128, usize), b: &(i128, usize)| a.0 > b.0 || (a.0 == b.0 && a.1 < b.1);
                if let Some(k) = list.iter().position(|x| better(&entry, x)) {
                    list[k..].rotate_right(1);
                    list[k] = entry;
                }
                found[i] += 1;
            }
        }
        let mut best: Option<(Minute, Vec<usize>, i128)> = None;
        for (i, &start) in m.starts[t].iter().enumerate() {
            if found[i] < need {
                continue;
            }
            let score: i128 = top[i][..need].iter().map(|o| o.0).sum();
            if best.as_ref().is_none_or(|b| score > b.2) {
                let mut crew: Vec<usize> = top[i][..need].iter().map(|o| o.1).collect();
                crew.sort_unstable();
                best = Some((start, crew, score));
            }
        }
        best
    }

    /// [`Schedule::best_insertion`] for large crews: every fitting (start, person) ranked.
    fn best_insertion_sorted(&self, t: usize) -> Option<(Minute, Vec<usize>, i128)> {
        let m = self.model;
        let task = m.task(t);
        let need = usize::from(task.people_needed);
        let mut options: Vec<(usize, i128, usize)> = Vec::new();
        for (&p, &open) in m.candidates[t].iter().zip(&m.open_starts[t]) {
            if self.used[p] + task.duration > m.caps[p] {
                continue;
            }
            for (i, &start) in m.starts[t].iter().enumerate() {
                if open & 1 << i != 0 && self.fits_between(p, t, start) {
                    options.push((i, self.gain(p, t, start), p));
                }
            }
        }
        options.sort_unstable_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)).then(a.2.cmp(&b.2)));
        let mut best: Option<(Minute, Vec<usize>, i128)> = None;
        for group in options.chunk_by(|a, b| a.0 == b.0) {
            if group.len() < need {
                continue;
            }
            let score: i128 = group[..need].iter().map(|o| o.1).sum();
            if best.as_ref().is_none_or(|b| score > b.2) {
                let mut crew: Vec<usize> = group[..need].iter().map(|o| o.2).collect();
                crew.sort_unstable();
                best = Some((m.starts[t][group[0].0], crew, score));
            }
        }
        best
    }
}
