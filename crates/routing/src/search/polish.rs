//! Local search that polishes every new best solution: 2-opt* — two routes exchange their
//! tails — tried between each stop and its nearest neighbours in other routes, first
//! improvement, until none improves. Ruin and recreate moves a few stops at a time;
//! exchanging the whole tails of long routes is what it reaches slowest.
//!
//! A move is tested in constant time from the tours' caches (arrival against the latest
//! start, loads, distance driven so far) and kept only if the two routes' exact cost falls.

use super::State;
use super::tour::Context;
use crate::route::Visit;

/// How many nearest neighbours of a stop are tried as its new successor.
const NEIGHBOURS: usize = 20;

/// Improves `state` in place; returns whether anything changed.
pub fn polish(ctx: &Context, state: &mut State) -> bool {
    let mut changed = false;
    loop {
        let mut improved = false;
        for u in 0..ctx.problem.stops.len() {
            let Some((a, i)) = state.place[u] else {
                continue;
            };
            for &v in ctx.neighbours[u].iter().take(NEIGHBOURS) {
                let Some((b, j)) = state.place[v] else {
                    continue;
                };
                if a != b
                    && plain(ctx, state, a)
                    && plain(ctx, state, b)
                    && try_exchange(ctx, state, (a, i + 1), (b, j + 1))
                {
                    improved = true;
                    changed = true;
                    break;
                }
            }
        }
        if !improved {
            return changed;
        }
    }
}

/// Tours this move can handle: no hubs, no break, the same shape as the caches assume.
fn plain(ctx: &Context, state: &State, t: usize) -> bool {
    let tour = &state.tours[t];
    ctx.problem.vehicle_types[tour.vehicle_type].rest.is_none()
        && tour.visits.iter().all(|v| matches!(v, Visit::Stop(_)))
}

/// Tour `a` keeps positions up to `pa` and goes on with tour `b` from `pb`; tour `b` keeps
/// what came before `pb` and goes on with `a`'s tail. Applied when feasible and cheaper.
fn try_exchange(
    ctx: &Context,
    state: &mut State,
    (a, pa): (usize, usize),
    (b, pb): (usize, usize),
) -> bool {
    let p = ctx.problem;
    let (ta, tb) = (&state.tours[a], &state.tours[b]);
    if ta.vehicle_type != tb.vehicle_type {
        return false;
    }
    let v = &p.vehicle_types[ta.vehicle_type];
    let m = &p.matrix;
    let (na, nb) = (ta.visits.len(), tb.visits.len());
    // Distance first: most exchanges lose on it.
    let (dist_a, dist_b) = (ta.driven[na + 1], tb.driven[nb + 1]);
    let new_a = ta.driven[pa] + m.distance(ta.loc[pa], tb.loc[pb]) + dist_b - tb.driven[pb];
    let new_b =
        tb.driven[pb - 1] + m.distance(tb.loc[pb - 1], ta.loc[pa + 1]) + dist_a - ta.driven[pa + 1];
    if new_a + new_b >= dist_a + dist_b && v.duration_cost == 0 {
        return false;
    }
    if v.max_distance.is_some_and(|max| new_a > max || new_b > max) {
        return false;
    }
    // Time: each new link must reach the tail in time for the tail's latest starts.
    if ta.ready[pa] + m.duration(v.profile, ta.loc[pa], tb.loc[pb]) > tb.latest[pb]
        || tb.ready[pb - 1] + m.duration(v.profile, tb.loc[pb - 1], ta.loc[pa + 1])
            > ta.latest[pa + 1]
    {
        return false;
    }
    // Loads: no hubs, so what is on board at a position is everything picked up so far.
    let d = ta.dims;
    let load = |t: &super::tour::Tour, pos: usize, k: usize| t.on_board[pos * d + k];
    for k in 0..d {
        let a_load = load(ta, pa, k) + load(tb, nb + 1, k) - load(tb, pb - 1, k);
        let b_load = load(tb, pb - 1, k) + load(ta, na + 1, k) - load(ta, pa, k);
        if a_load > v.capacity[k] || b_load > v.capacity[k] {
            return false;
        }
    }
    let before = ta.cost + tb.cost;
    let old_a = ta.visits.clone();
    let old_b = tb.visits.clone();
    let mut visits_a: Vec<Visit> = old_a[..pa].to_vec();
    visits_a.extend_from_slice(&old_b[pb - 1..]);
    let mut visits_b: Vec<Visit> = old_b[..pb - 1].to_vec();
    visits_b.extend_from_slice(&old_a[pa..]);
    state.tours[a].visits = visits_a;
    state.tours[b].visits = visits_b;
    state.retour(ctx, a);
    state.retour(ctx, b);
    let (ta, tb) = (&state.tours[a], &state.tours[b]);
    if ta.feasible && tb.feasible && ta.cost + tb.cost < before {
        return true;
    }
    state.tours[a].visits = old_a;
    state.tours[b].visits = old_b;
    state.retour(ctx, a);
    state.retour(ctx, b);
    false
}
