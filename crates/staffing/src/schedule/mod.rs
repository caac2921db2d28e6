//! The plan being built: who does which task when, each person's day in time order, and
//! the objective's terms kept up to date as tasks are added and taken away, so a move is
//! judged in constant time from its neighbours.

mod fit;

use fit::{Filled, Fit, WEEK_DAYS, quarters};

use crate::model::MAX_STARTS;
use crate::model::Model;
use crate::objective::{Objective, fairness_of};
use crate::problem::{DAY, Minute};

/// Crews up to this size are ranked in place; larger ones (rare) by sorting.
const SMALL_CREW: usize = 3;

/// One entry in a person's week: a task from `start` to `end`, with the travel next to
/// it kept beside it, so that judging a move reads no travel table for the neighbours.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Slot {
    pub start: Minute,
    pub end: Minute,
    pub task: usize,
    /// Minutes between the person's home and the task.
    pub home: Minute,
    /// Minutes of travel from the task to the next one in the person's week, or home
    /// (the [`Schedule::link`] to the next slot).
    pub onward: Minute,
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
    /// Per person: minutes left under the weekly cap (the cap less `used`), which the
    /// search tests first for every candidate — one read instead of two.
    room: Vec<i32>,
    /// Per person and day of the week (`p * WEEK_DAYS + day`): the quarter hours their
    /// tasks fill completely, as bits. A task that would fill one of them overlaps what
    /// the person does: most candidates tried are ruled out this way, without reading
    /// their week.
    busy: Vec<u128>,
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
        let room = used.iter().zip(&model.caps).map(|(u, c)| c - u).collect();
        Self {
            model,
            room,
            busy: vec![0; people.len() * WEEK_DAYS],
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

    /// Travel between two slots of a person's week, if they were neighbours; `None` is home.
    fn link(&self, a: Option<&Slot>, b: Option<&Slot>) -> Minute {
        match (a, b) {
            (None, None) => 0,
            (None, Some(b)) => b.home,
            (Some(a), None) => a.home,
            (Some(a), Some(b)) if Self::same_day(a, b) => self.model.between(a.task, b.task),
            (Some(a), Some(b)) => a.home + b.home,
        }
    }

    /// The travel now between two neighbours of a person's week; `None` is home.
    #[inline]
    fn edge(a: Option<&Slot>, b: Option<&Slot>) -> Minute {
        match (a, b) {
            (Some(a), _) => a.onward,
            (None, Some(b)) => b.home,
            (None, None) => 0,
        }
    }

    /// Where a slot starting at `start` would go in `p`'s week.
    fn position(&self, p: usize, start: Minute) -> usize {
        self.timeline[p].partition_point(|s| s.start < start)
    }

    /// Whether `p` can take task `t` from `start` next to what they already do: available,
    /// under the weekly cap, and with time to travel from the task before and to the one after.
    pub fn fits(&self, p: usize, t: usize, start: Minute) -> bool {
        self.fits_for(p, t, start, self.model.task(t).duration)
    }

    /// [`Schedule::fits`] for a task of `duration` minutes, as the caller knows it.
    #[inline]
    fn fits_for(&self, p: usize, t: usize, start: Minute, duration: Minute) -> bool {
        let m = self.model;
        if duration > self.room[p]
            || quarters(p, start, start + duration).is_some_and(|(k, b)| self.busy[k] & b != 0)
            || !m.available_for(p, start, duration)
        {
            return false;
        }
        self.fits_between_for(p, t, start, duration)
    }

    /// Whether `p` can take task `t`, of `duration` minutes, from one of its starts next
    /// to what they already do: [`Schedule::fits`] at any start, reading no more of the
    /// task than its starts.
    pub fn fits_somewhere(&self, p: usize, t: usize, duration: Minute) -> bool {
        duration <= self.room[p]
            && self.model.starts[t]
                .iter()
                .any(|&s| self.fits_for(p, t, s, duration))
    }

    /// [`Schedule::fits`] for a person already known to be available and under the cap:
    /// whether the task leaves time to travel from the task before and to the one after.
    fn fits_between_for(&self, p: usize, t: usize, start: Minute, duration: Minute) -> bool {
        let m = self.model;
        let slot = Slot {
            start,
            end: start + duration,
            task: t,
            home: 0,
            onward: 0,
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
            home: m.home_to(p, t),
            onward: 0,
        };
        let i = self.position(p, start);
        let line = &self.timeline[p];
        let (prev, next) = (i.checked_sub(1).map(|j| &line[j]), line.get(i));
        let travel = i64::from(
            self.link(prev, Some(&slot)) + self.link(Some(&slot), next) - Self::edge(prev, next),
        );
        w.fairness * i128::from(fair) + w.continuity * i128::from(cont)
            - w.travel * i128::from(travel)
    }

    fn add_person(&mut self, p: usize, t: usize, start: Minute) {
        let m = self.model;
        let duration = m.task(t).duration;
        let target = m.person(p).target_minutes;
        let mut slot = Slot {
            start,
            end: start + duration,
            task: t,
            home: m.home_to(p, t),
            onward: 0,
        };
        let i = self.position(p, start);
        let (prev, next) = (
            i.checked_sub(1).map(|j| self.timeline[p][j]),
            self.timeline[p].get(i).copied(),
        );
        let into = self.link(prev.as_ref(), Some(&slot));
        slot.onward = self.link(Some(&slot), next.as_ref());
        self.travel += i64::from(into + slot.onward - Self::edge(prev.as_ref(), next.as_ref()));
        if i > 0 {
            self.timeline[p][i - 1].onward = into;
        }
        self.fairness += fairness_of((self.used[p] + duration).min(target))
            - fairness_of(self.used[p].min(target));
        self.continuity += i64::from(m.returning(p, t));
        self.work += i64::from(duration);
        self.used[p] += duration;
        self.room[p] -= duration;
        if let Some((k, bits)) = quarters(p, start, start + duration) {
            self.busy[k] |= bits;
        }
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
        let now = self.link(prev.as_ref(), next.as_ref());
        self.travel -= i64::from(Self::edge(prev.as_ref(), Some(&slot)) + slot.onward - now);
        if i > 0 {
            self.timeline[p][i - 1].onward = now;
        }
        let duration = slot.end - slot.start;
        let target = m.person(p).target_minutes;
        self.fairness += fairness_of((self.used[p] - duration).min(target))
            - fairness_of(self.used[p].min(target));
        self.continuity -= i64::from(m.returning(p, t));
        self.work -= i64::from(duration);
        self.used[p] -= duration;
        self.room[p] += duration;
        if let Some((k, bits)) = quarters(p, slot.start, slot.end) {
            self.busy[k] &= !bits;
        }
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
        let starts = &m.starts[t];
        let filled = Filled::new(starts, task.duration);
        for (&p, &open) in m.candidates[t].iter().zip(&m.open_starts[t]) {
            if open == 0 || task.duration > self.room[p] {
                continue;
            }
            let open = open & !filled.overlapping(self, p);
            if open == 0 {
                continue;
            }
            let mut fit = Fit::new(p, t, task.duration);
            for (i, &start) in starts.iter().enumerate() {
                if open & 1 << i == 0 {
                    continue;
                }
                let Some(gain) = fit.gain_at(self, start) else {
                    continue;
                };
                let entry = (gain, p);
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
        for (i, &start) in starts.iter().enumerate() {
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
        let filled = Filled::new(&m.starts[t], task.duration);
        for (&p, &open) in m.candidates[t].iter().zip(&m.open_starts[t]) {
            if open == 0 || task.duration > self.room[p] {
                continue;
            }
            let open = open & !filled.overlapping(self, p);
            let mut fit = Fit::new(p, t, task.duration);
            for (i, &start) in m.starts[t].iter().enumerate() {
                if open & 1 << i != 0
                    && let Some(gain) = fit.gain_at(self, start)
                {
                    options.push((i, gain, p));
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
