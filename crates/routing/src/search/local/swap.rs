//! Swap: stops `u` and `v` trade places, between two routes or within one. Neighbours
//! side by side in one route are left to relocate, which covers that exchange.

use super::{State, arc, attempt, slack};
use crate::route::Visit;
use crate::search::tour::Context;

/// Swaps `u` and `v` when that is feasible and cheaper; returns whether it did.
pub fn apply(ctx: &Context, state: &mut State, u: usize, v: usize) -> bool {
    let ((a, i), (b, j)) = (
        state.place[u].expect("placed"),
        state.place[v].expect("placed"),
    );
    if a == b && i.abs_diff(j) < 2 {
        return false;
    }
    let (ta, tb) = (&state.tours[a], &state.tours[b]);
    if a != b && !(ta.may_take(ctx, v) && tb.may_take(ctx, u)) {
        return false;
    }
    let (lu, lv) = (ta.loc[i + 1], tb.loc[j + 1]);
    // Each place loses its arcs to and from its stop and gains them to and from the other.
    let change = |t: &crate::search::tour::Tour, k: usize, old: usize, new: usize| {
        let (before, after) = (t.loc[k], t.loc[k + 2]);
        arc(ctx, t, before, new) + arc(ctx, t, new, after)
            - arc(ctx, t, before, old)
            - arc(ctx, t, old, after)
    };
    if change(ta, i, lu, lv) + change(tb, j, lv, lu) >= slack(ctx, state, a, b) {
        return false;
    }
    if a == b {
        let mut visits = ta.visits.clone();
        visits.swap(i, j);
        return attempt(ctx, state, &mut [(a, visits)]);
    }
    let (mut from, mut into) = (ta.visits.clone(), tb.visits.clone());
    from[i] = Visit::Stop(v);
    into[j] = Visit::Stop(u);
    attempt(ctx, state, &mut [(a, from), (b, into)])
}
