//! SWAP* (Vidal, 2022): a stop `u` of one route and a stop `v` of another trade routes,
//! each going in where it costs least in the other — in the other's place or anywhere
//! else. For every stop the three cheapest gaps in the other route are found first, so
//! each pair is priced in constant time from arcs; the most promising pairs are then
//! tried in full. It reaches exchanges that swap and relocate reach only through a worse
//! solution in between.

use super::{State, arc, attempt, slack};
use crate::route::Visit;
use crate::search::tour::{Context, Tour};

/// How many of a pair of routes' cheapest exchanges are tried in full: the arcs do not
/// see time windows, so the cheapest may be late where the next is not.
const TRIED: usize = 3;

/// A gap of a tour, and what putting a stop there adds in arcs.
#[derive(Clone, Copy)]
struct Gap {
    added: i64,
    /// Between positions `at` and `at + 1` of the tour's `loc`: before `visits[at]`.
    at: usize,
}

/// A priced exchange: its change in arcs, `u` and `v`, and the gaps they go into in the
/// other tour (`None`: the other's place).
#[derive(Clone, Copy)]
struct Exchange {
    change: i64,
    u: usize,
    v: usize,
    gap_a: Option<usize>,
    gap_b: Option<usize>,
}

/// Per stop of one tour: where it leaves (its position in `loc`), what leaving saves,
/// and its three cheapest gaps in the other tour.
struct Leaving {
    stop: usize,
    position: usize,
    saved: i64,
    gaps: [Option<Gap>; 3],
}

/// Exchanges one pair of stops between tours `a` and `b` when that is cheaper; returns
/// whether it did.
pub fn apply(ctx: &Context, state: &mut State, a: usize, b: usize) -> bool {
    let (ta, tb) = (&state.tours[a], &state.tours[b]);
    if ta.is_empty() || tb.is_empty() {
        return false;
    }
    let from_a = leaving(ctx, ta, tb);
    let from_b = leaving(ctx, tb, ta);
    let slack = slack(ctx, state, a, b);
    let mut best: Vec<Exchange> = Vec::new();
    for u in &from_a {
        for v in &from_b {
            if !(ta.may_take(ctx, v.stop) && tb.may_take(ctx, u.stop)) {
                continue;
            }
            let (into_b, gap_b) = cheapest_without(ctx, tb, u, v.position);
            let (into_a, gap_a) = cheapest_without(ctx, ta, v, u.position);
            let change = into_b + into_a - u.saved - v.saved;
            if change >= slack || !loads_fit(ctx, ta, tb, u.stop, v.stop) {
                continue;
            }
            best.push(Exchange {
                change,
                u: u.stop,
                v: v.stop,
                gap_a,
                gap_b,
            });
        }
    }
    best.sort_unstable_by_key(|e| (e.change, e.u, e.v));
    for e in best.iter().take(TRIED) {
        let from = exchanged(&state.tours[a].visits, e.u, e.v, e.gap_a);
        let into = exchanged(&state.tours[b].visits, e.v, e.u, e.gap_b);
        if attempt(ctx, state, &mut [(a, from), (b, into)]) {
            return true;
        }
    }
    false
}

/// Every stop of `tour`, what leaving it saves, and its three cheapest gaps in `other`.
fn leaving(ctx: &Context, tour: &Tour, other: &Tour) -> Vec<Leaving> {
    let mut all = Vec::with_capacity(tour.stop_count);
    for (i, visit) in tour.visits.iter().enumerate() {
        let Visit::Stop(s) = *visit else { continue };
        let (prev, here, next) = (tour.loc[i], tour.loc[i + 1], tour.loc[i + 2]);
        let saved =
            arc(ctx, tour, prev, here) + arc(ctx, tour, here, next) - arc(ctx, tour, prev, next);
        let mut gaps: [Option<Gap>; 3] = [None; 3];
        for at in 0..=other.visits.len() {
            let (x, y) = (other.loc[at], other.loc[at + 1]);
            let added = arc(ctx, other, x, here) + arc(ctx, other, here, y) - arc(ctx, other, x, y);
            keep_cheapest(&mut gaps, Gap { added, at });
        }
        all.push(Leaving {
            stop: s,
            position: i + 1,
            saved,
            gaps,
        });
    }
    all
}

/// Keeps `gap` among the three cheapest, cheapest first.
fn keep_cheapest(gaps: &mut [Option<Gap>; 3], gap: Gap) {
    let mut carried = Some(gap);
    for slot in gaps.iter_mut() {
        match (*slot, carried) {
            (_, None) => return,
            (None, c) => {
                *slot = c;
                return;
            }
            (Some(old), Some(new)) if new.added < old.added => {
                *slot = Some(new);
                carried = Some(old);
            }
            _ => {}
        }
    }
}

/// Where `u` goes in `tour` once the stop at `position` of its `loc` has left: the
/// cheapest of its gaps that does not touch that stop, or that stop's place (`None`).
/// Returns what it adds in arcs.
fn cheapest_without(
    ctx: &Context,
    tour: &Tour,
    u: &Leaving,
    position: usize,
) -> (i64, Option<usize>) {
    let here = ctx.problem.stops[u.stop].location;
    let (prev, next) = (tour.loc[position - 1], tour.loc[position + 1]);
    let in_place =
        arc(ctx, tour, prev, here) + arc(ctx, tour, here, next) - arc(ctx, tour, prev, next);
    let elsewhere = u
        .gaps
        .iter()
        .flatten()
        .find(|g| g.at + 1 != position && g.at != position);
    match elsewhere {
        Some(g) if g.added < in_place => (g.added, Some(g.at)),
        _ => (in_place, None),
    }
}

/// Whether both tours' loads fit after `u` (from `a`) and `v` (from `b`) trade places,
/// where that can be told from their totals: tours without unloadings. Otherwise (and
/// while rules may be broken) the full check decides.
fn loads_fit(ctx: &Context, ta: &Tour, tb: &Tour, u: usize, v: usize) -> bool {
    if ctx.penalty.get().is_some() || !ta.is_plain(ctx) || !tb.is_plain(ctx) {
        return true;
    }
    let p = ctx.problem;
    let (du, dv) = (&p.stops[u].demand, &p.stops[v].demand);
    let fits = |t: &Tour, out: &[i64], into: &[i64]| {
        let total = &t.on_board[t.visits.len() * t.dims..(t.visits.len() + 1) * t.dims];
        let capacity = &p.vehicle_types[t.vehicle_type].capacity;
        (0..t.dims).all(|d| total[d] - out[d] + into[d] <= capacity[d])
    };
    fits(ta, du, dv) && fits(tb, dv, du)
}

/// `visits` with stop `out` gone and stop `into` in its place (`gap` `None`) or before
/// `visits[gap]`.
fn exchanged(visits: &[Visit], out: usize, into: usize, gap: Option<usize>) -> Vec<Visit> {
    let mut new = Vec::with_capacity(visits.len() + 1);
    for (k, &visit) in visits.iter().enumerate() {
        if gap == Some(k) {
            new.push(Visit::Stop(into));
        }
        if visit == Visit::Stop(out) {
            if gap.is_none() {
                new.push(Visit::Stop(into));
            }
            continue;
        }
        new.push(visit);
    }
    if gap == Some(visits.len()) {
        new.push(Visit::Stop(into));
    }
    new
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_stop_leaves_and_another_comes_in_at_its_gap_or_its_place() {
        let visits: Vec<Visit> = [1, 2, 3].map(Visit::Stop).to_vec();
        let stops = |v: Vec<Visit>| {
            v.iter()
                .map(|x| match x {
                    Visit::Stop(s) => *s,
                    Visit::Hub(_) => usize::MAX,
                })
                .collect::<Vec<_>>()
        };
        assert_eq!(stops(exchanged(&visits, 2, 9, None)), [1, 9, 3]);
        assert_eq!(stops(exchanged(&visits, 2, 9, Some(0))), [9, 1, 3]);
        assert_eq!(stops(exchanged(&visits, 1, 9, Some(3))), [2, 3, 9]);
        assert_eq!(stops(exchanged(&visits, 3, 9, Some(1))), [1, 9, 2]);
    }

    #[test]
    fn the_three_cheapest_gaps_are_kept_in_order() {
        let mut gaps = [None; 3];
        for (added, at) in [(5, 0), (3, 1), (9, 2), (1, 3), (4, 4)] {
            keep_cheapest(&mut gaps, Gap { added, at });
        }
        let kept: Vec<usize> = gaps.iter().flatten().map(|g| g.at).collect();
        assert_eq!(kept, [3, 1, 4]);
    }
}
