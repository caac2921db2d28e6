//! 2-opt within a route: `v`, further along `u`'s route, becomes `u`'s successor by
//! reversing the stretch from `u`'s successor to `v`. Priced from the two arcs that change
//! and the stretch driven the other way (travel need not be the same both ways).

use super::{State, arc, attempt, slack};
use crate::search::tour::Context;

/// Reverses the stretch when that is feasible and cheaper; returns whether it did.
pub fn apply(ctx: &Context, state: &mut State, u: usize, v: usize) -> bool {
    let ((a, i), (b, j)) = (
        state.place[u].expect("placed"),
        state.place[v].expect("placed"),
    );
    if a != b || j <= i + 1 {
        return false;
    }
    let t = &state.tours[a];
    // In `loc`, u is at i + 1, the stretch runs from i + 2 to j + 1, then comes j + 2.
    let (first, last) = (i + 2, j + 1);
    let mut change = arc(ctx, t, t.loc[i + 1], t.loc[last])
        + arc(ctx, t, t.loc[first], t.loc[last + 1])
        - arc(ctx, t, t.loc[i + 1], t.loc[first])
        - arc(ctx, t, t.loc[last], t.loc[last + 1]);
    for k in first..last {
        change += arc(ctx, t, t.loc[k + 1], t.loc[k]) - arc(ctx, t, t.loc[k], t.loc[k + 1]);
    }
    if change >= slack(ctx, state, a, a) {
        return false;
    }
    let mut visits = t.visits.clone();
    visits[i + 1..=j].reverse();
    attempt(ctx, state, &mut [(a, visits)])
}
