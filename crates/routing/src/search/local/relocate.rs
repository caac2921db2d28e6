//! Relocate: stop `u` leaves its place and goes right after `v`, in `v`'s route — another
//! route, or its own further along. Into another route the insertion is tested in
//! constant time by the tour's own insertion check, unloading included.

use super::{State, arc, attempt, slack};
use crate::route::Visit;
use crate::search::tour::{Context, Insertion, insert};

/// Moves `u` after `v` when that is feasible and cheaper; returns whether it did.
pub fn apply(ctx: &Context, state: &mut State, u: usize, v: usize) -> bool {
    let ((a, i), (b, j)) = (
        state.place[u].expect("placed"),
        state.place[v].expect("placed"),
    );
    if a == b && j + 1 == i {
        return false;
    }
    let (ta, tb) = (&state.tours[a], &state.tours[b]);
    if !tb.may_take(ctx, u) {
        return false;
    }
    // Positions in `loc` are one past those in `visits`: the depot comes first.
    let (prev, here, next) = (ta.loc[i], ta.loc[i + 1], ta.loc[i + 2]);
    let mut gain = arc(ctx, ta, prev, here) + arc(ctx, ta, here, next) - arc(ctx, ta, prev, next);
    if a != b && ta.stop_count == 1 {
        gain += ctx.problem.vehicle_types[ta.vehicle_type].fixed_cost;
    }
    gain = gain.saturating_add(slack(ctx, state, a, b));
    let how = if a == b {
        let (after, before) = (tb.loc[j + 1], tb.loc[j + 2]);
        let added =
            arc(ctx, tb, after, here) + arc(ctx, tb, here, before) - arc(ctx, tb, after, before);
        if added >= gain {
            return false;
        }
        Insertion::Alone
    } else {
        match tb.insertion_cost(ctx, u, j + 1, gain) {
            Some((_, how)) => how,
            None => return false,
        }
    };
    let mut from = ta.visits.clone();
    from.remove(i);
    if a == b {
        // `v` moved one place forward if it came after `u`.
        let gap = if j > i { j } else { j + 1 };
        from.insert(gap, Visit::Stop(u));
        return attempt(ctx, state, &mut [(a, from)]);
    }
    let mut into = tb.visits.clone();
    insert(&mut into, u, j + 1, how);
    attempt(ctx, state, &mut [(a, from), (b, into)])
}
