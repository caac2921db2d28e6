//! Local search over granular neighbourhoods: for every stop `u` and each of its nearest
//! neighbours `v` — in place, and on the last polish in time too ([`Reach`]) — the moves
//! that bring `u` next to `v`, first improvement, until none improves. One operator per
//! file, as PyVRP lays them out:
//!
//! - [`relocate`]: `u` moved to right after `v`, in `v`'s route or its own.
//! - [`swap`]: `u` and `v` trade places.
//! - [`exchange`]: a string of two or three stops from `u` goes after `v`, or trades
//!   places with a string from `v` (on the last polish).
//! - [`two_opt`]: within one route, the stretch from `u`'s successor to `v` reversed.
//! - [`two_opt_star`]: two routes exchange their tails, `v` following `u`.
//! - [`swap_star`]: two neighbouring routes trade a stop each, each where it fits best;
//!   tried once no move between neighbours improves.
//!
//! Each operator prices its move from the arcs it changes (in constant time, or linear
//! in the reversed stretch) and passes only those that gain; the tours then take the
//! move, which the tours' refresh checks in full — windows, loads and unloadings, range,
//! the driver's break — and it is kept only if their cost as the search counts it fell:
//! every changed tour feasible, or, while rules may be broken, with the penalties of what
//! they break ([`super::penalty`]). So the operators need not know every rule the engine
//! supports to stay correct under all of them. A tour that breaks a rule lets a move
//! through on its arcs by as much as its penalties: mending it may cost distance.
//!
//! [`improve`] polishes a solution that keeps every rule; [`repair`] mends one that
//! breaks some, at the penalties the caller sets.

pub mod exchange;
pub mod relocate;
pub mod swap;
pub mod swap_star;
pub mod two_opt;
pub mod two_opt_star;

use super::State;
use super::tour::{Context, Tour};
use crate::route::Visit;

/// How many nearest neighbours of a stop are tried.
pub(crate) const NEIGHBOURS: usize = 20;

/// How far the local search looks from each stop.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reach {
    /// Its nearest neighbours in place, one stop moved at a time: the polish of every new
    /// best, which the annealing is warmed again from.
    Near,
    /// Its nearest in place and in time, and strings of two and three stops too: the
    /// last polish of the solution the search returns.
    Wide,
}

impl Reach {
    /// The stops tried next to `u`.
    fn neighbours<'c>(self, ctx: &'c Context, u: usize) -> &'c [usize] {
        match self {
            Reach::Near => {
                let nearest = &ctx.neighbours[u];
                &nearest[..NEIGHBOURS.min(nearest.len())]
            }
            Reach::Wide => &ctx.wide[u],
        }
    }
}

/// Improves `state` in place as far as `reach` looks; returns whether anything changed.
pub fn improve(ctx: &Context, state: &mut State, reach: Reach) -> bool {
    let mut changed = until_none_improves(ctx, state, reach, |_, _| true);
    while swap_stars(ctx, state, reach) {
        changed = true;
        until_none_improves(ctx, state, reach, |_, _| true);
    }
    changed
}

/// SWAP* between every two tours that hold neighbours of each other; returns whether
/// any exchange was made.
fn swap_stars(ctx: &Context, state: &mut State, reach: Reach) -> bool {
    let tours = state.tours.len();
    let mut near = vec![false; tours * tours];
    for u in 0..ctx.problem.stops.len() {
        let Some((a, _)) = state.place[u] else {
            continue;
        };
        for &v in reach.neighbours(ctx, u) {
            if let Some((b, _)) = state.place[v]
                && a != b
            {
                near[a.min(b) * tours + a.max(b)] = true;
            }
        }
    }
    let mut changed = false;
    for a in 0..tours {
        for b in a + 1..tours {
            if near[a * tours + b] && swap_star::apply(ctx, state, a, b) {
                changed = true;
            }
        }
    }
    changed
}

/// Mends the tours that break a rule, at the prices `ctx` holds: the moves of [`improve`]
/// for their stops, and a route of its own for a stop no move mends. Returns whether
/// anything changed.
pub fn repair(ctx: &Context, state: &mut State) -> bool {
    let breaks_a_rule =
        |state: &State, u: usize| state.place[u].is_some_and(|(t, _)| !state.tours[t].feasible);
    let mut changed = until_none_improves(ctx, state, Reach::Near, breaks_a_rule);
    for u in 0..ctx.problem.stops.len() {
        if breaks_a_rule(state, u) && open_route(ctx, state, u) {
            changed = true;
            until_none_improves(ctx, state, Reach::Near, breaks_a_rule);
        }
    }
    changed
}

/// Passes over the stops `chosen` picks, trying the moves that bring each next to its
/// neighbours as far as `reach` looks, until a pass improves nothing; returns whether
/// any did.
fn until_none_improves(
    ctx: &Context,
    state: &mut State,
    reach: Reach,
    chosen: impl Fn(&State, usize) -> bool,
) -> bool {
    let mut changed = false;
    loop {
        let mut improved = false;
        for u in 0..ctx.problem.stops.len() {
            if !chosen(state, u) {
                continue;
            }
            for &v in reach.neighbours(ctx, u) {
                if state.place[u].is_none() || state.place[v].is_none() {
                    continue;
                }
                if relocate::apply(ctx, state, u, v)
                    || swap::apply(ctx, state, u, v)
                    || (reach == Reach::Wide && exchange::apply(ctx, state, u, v))
                    || two_opt::apply(ctx, state, u, v)
                    || two_opt_star::apply(ctx, state, u, v)
                {
                    improved = true;
                    changed = true;
                }
            }
        }
        if !improved {
            return changed;
        }
    }
}

/// Moves stop `u` into an empty tour of a vehicle that may serve it, if that costs less
/// with the penalties; returns whether it did.
fn open_route(ctx: &Context, state: &mut State, u: usize) -> bool {
    let Some((a, i)) = state.place[u] else {
        return false;
    };
    let Some(t) = state
        .tours
        .iter()
        .position(|t| t.is_empty() && t.may_take(ctx, u))
    else {
        return false;
    };
    let mut from = state.tours[a].visits.clone();
    from.remove(i);
    attempt(ctx, state, &mut [(a, from), (t, vec![Visit::Stop(u)])])
}

/// What one arc costs a vehicle: its distance and travel time at the vehicle's prices.
/// Waiting is left out, so a move's price from arcs is an estimate when time costs.
fn arc(ctx: &Context, tour: &Tour, from: usize, to: usize) -> i64 {
    let p = ctx.problem;
    let v = &p.vehicle_types[tour.vehicle_type];
    v.distance_cost * p.matrix.distance(from, to)
        + v.duration_cost * p.matrix.duration(v.profile, from, to)
}

/// What the rules tours `a` and `b` break cost together (0 when they keep them, or when
/// no rule may be broken): a move that mends them may gain that much beyond its arcs.
fn slack(ctx: &Context, state: &State, a: usize, b: usize) -> i64 {
    let over = |t: &Tour| {
        if t.feasible {
            0
        } else {
            t.penalised_cost(ctx).saturating_sub(t.cost)
        }
    };
    let (ta, tb) = (&state.tours[a], &state.tours[b]);
    if a == b {
        over(ta)
    } else {
        over(ta).saturating_add(over(tb))
    }
}

/// Gives each tour in `changes` its new visits; keeps them when their cost as the search
/// counts it fell — breaking no rule, or while rules may be broken with their penalties —
/// else puts the old visits back. Returns whether kept.
fn attempt(ctx: &Context, state: &mut State, changes: &mut [(usize, Vec<Visit>)]) -> bool {
    let changed: Vec<usize> = changes.iter().map(|(t, _)| *t).collect();
    let cost = |state: &State| -> i64 {
        changed.iter().fold(0i64, |sum, &t| {
            sum.saturating_add(state.tours[t].penalised_cost(ctx))
        })
    };
    let before = cost(state);
    for (t, visits) in changes.iter_mut() {
        std::mem::swap(&mut state.tours[*t].visits, visits);
        state.tours[*t].refresh(ctx);
    }
    if cost(state) < before {
        for (t, old) in changes.iter_mut() {
            state.remember(ctx, *t, std::mem::take(old));
            state.place_stops_of(*t);
        }
        return true;
    }
    for (t, visits) in changes.iter_mut() {
        std::mem::swap(&mut state.tours[*t].visits, visits);
        state.tours[*t].refresh(ctx);
    }
    false
}

#[cfg(test)]
mod tests;
