//! What makes trying a task on a person cheap: the quarter hours each person's tasks fill
//! per day, to rule out overlaps before any travel is looked up, and a walk along the
//! person's timeline across the task's starts.

use super::{Schedule, Slot};
use crate::model::MAX_STARTS;
use crate::objective::fairness_of;
use crate::problem::{DAY, Minute};

/// Days of the week [`Schedule::busy`] keeps: a task on another day (outside the week)
/// is only tested against the person's timeline.
pub(super) const WEEK_DAYS: usize = 8;

/// Minutes in a quarter hour, the grain of [`Schedule::busy`].
const QUARTER: Minute = 15;

/// The quarter hours `[start, end)` fills completely on the day it starts, as bits, and
/// where they go in [`Schedule::busy`] for person `p` — `None` when none, or the day is
/// outside the week.
#[inline]
pub(super) fn quarters(p: usize, start: Minute, end: Minute) -> Option<(usize, u128)> {
    let day = start.div_euclid(DAY);
    if !(0..WEEK_DAYS as Minute).contains(&day) {
        return None;
    }
    let from = start - day * DAY;
    let to = (end - day * DAY).min(DAY);
    let (first, last) = ((from + QUARTER - 1) / QUARTER, to / QUARTER);
    (first < last).then(|| {
        let bits = (u128::MAX >> (128 - (last - first) as u32)) << first as u32;
        (p * WEEK_DAYS + day as usize, bits)
    })
}

/// One task's starts as the quarter hours each would fill: a person already busy in one
/// of them cannot take the task from that start.
pub(super) struct Filled {
    /// Per start: the day, relative to `WEEK_DAYS` buckets, and the quarters.
    each: [(usize, u128); MAX_STARTS],
    len: usize,
    /// Whether all the starts fall on one day, the usual case: one read per person.
    one_day: Option<usize>,
}

impl Filled {
    pub(super) fn new(starts: &[Minute], duration: Minute) -> Self {
        let mut each = [(usize::MAX, 0u128); MAX_STARTS];
        for (e, &start) in each.iter_mut().zip(starts) {
            if let Some(q) = quarters(0, start, start + duration) {
                *e = q;
            }
        }
        let len = starts.len().min(MAX_STARTS);
        let first = each[0].0;
        let one_day =
            (first != usize::MAX && each[..len].iter().all(|e| e.0 == first)).then_some(first);
        Self { each, len, one_day }
    }

    /// The starts, as bits, at which `p` is certainly busy already.
    #[inline]
    pub(super) fn overlapping(&self, schedule: &Schedule, p: usize) -> u16 {
        let base = p * WEEK_DAYS;
        let mut bits = 0u16;
        if let Some(day) = self.one_day {
            let busy = schedule.busy[base + day];
            for (i, e) in self.each[..self.len].iter().enumerate() {
                bits |= u16::from(busy & e.1 != 0) << i;
            }
        } else {
            for (i, e) in self.each[..self.len].iter().enumerate() {
                if e.0 != usize::MAX && schedule.busy[base + e.0] & e.1 != 0 {
                    bits |= 1 << i;
                }
            }
        }
        bits
    }
}

/// One candidate's fit for one task at the task's starts, tried earliest first: what does
/// not depend on the start (fairness, continuity) is worked out once, and the travel next
/// to the neighbours only when the neighbours or the day change — each part only once it
/// is needed. Gives the same answers as [`Schedule::fits`] and [`Schedule::gain`].
pub(super) struct Fit {
    p: usize,
    t: usize,
    duration: Minute,
    /// Weighted fairness and continuity gain, once worked out.
    base: Option<i128>,
    /// Where the last start tried goes in the person's week.
    i: usize,
    /// The position and day the parts below are for.
    key: (usize, Minute),
    /// The travel gap needed after the task before and before the task after (0 without
    /// a neighbour there), [`UNKNOWN`] until needed.
    gap_prev: Minute,
    gap_next: Minute,
    /// The change in travel, once worked out.
    travel: Option<i64>,
}

pub(super) const UNKNOWN: Minute = Minute::MIN;

impl Fit {
    #[inline]
    pub(super) fn new(p: usize, t: usize, duration: Minute) -> Self {
        Self {
            p,
            t,
            duration,
            base: None,
            i: 0,
            key: (usize::MAX, 0),
            gap_prev: UNKNOWN,
            gap_next: UNKNOWN,
            travel: None,
        }
    }

    /// The gain of `p` doing `t` from `start`, or `None` when it does not fit next to the
    /// neighbours. Starts must come in ascending order.
    #[inline]
    pub(super) fn gain_at(&mut self, schedule: &Schedule, start: Minute) -> Option<i128> {
        let m = schedule.model;
        let (p, t) = (self.p, self.t);
        let line = &schedule.timeline[p];
        while self.i < line.len() && line[self.i].start < start {
            self.i += 1;
        }
        let i = self.i;
        let day = start.div_euclid(DAY);
        if self.key != (i, day) {
            self.key = (i, day);
            self.gap_prev = UNKNOWN;
            self.gap_next = UNKNOWN;
            self.travel = None;
        }
        let on_day = |s: &Slot| s.start.div_euclid(DAY) == day;
        let (prev, next) = (i.checked_sub(1).map(|j| &line[j]), line.get(i));
        // Overlaps are ruled out before any travel is looked up.
        if prev.is_some_and(|a| a.end > start)
            || next.is_some_and(|b| start + self.duration > b.start)
        {
            return None;
        }
        if let Some(a) = prev {
            if self.gap_prev == UNKNOWN {
                // Travel tables are symmetric: reading `t`'s row for every neighbour
                // keeps one row of the table in cache for all the candidates.
                self.gap_prev = if on_day(a) { m.between(t, a.task) } else { 0 };
            }
            if a.end + self.gap_prev > start {
                return None;
            }
        }
        if let Some(b) = next {
            if self.gap_next == UNKNOWN {
                self.gap_next = if on_day(b) { m.between(t, b.task) } else { 0 };
            }
            if start + self.duration + self.gap_next > b.start {
                return None;
            }
        }
        let travel = match self.travel {
            Some(travel) => travel,
            None => {
                // As Schedule::link: home when there is no neighbour or it is another day.
                let home = m.home_to(p, t);
                let into = match prev {
                    Some(a) if on_day(a) => self.gap_prev,
                    Some(a) => a.home + home,
                    None => home,
                };
                let out = match next {
                    Some(b) if on_day(b) => self.gap_next,
                    Some(b) => home + b.home,
                    None => home,
                };
                let travel = i64::from(into + out - Schedule::edge(prev, next));
                self.travel = Some(travel);
                travel
            }
        };
        let w = &m.weights;
        let base = *self.base.get_or_insert_with(|| {
            let target = m.person(p).target_minutes;
            let used = schedule.used[p];
            let fair =
                fairness_of((used + self.duration).min(target)) - fairness_of(used.min(target));
            let cont = i64::from(m.returning(p, t));
            w.fairness * i128::from(fair) + w.continuity * i128::from(cont)
        });
        Some(base - w.travel * i128::from(travel))
    }
}
