//! 2-opt*: two routes exchange their tails so that `v` follows `u` — `u`'s route keeps what
//! comes up to `u` and goes on with `v` and the rest of `v`'s route; `v`'s route keeps
//! what came before `v` and goes on with what followed `u`. Ruin and recreate moves a few
//! stops at a time; exchanging the whole tails of long routes is what it reaches slowest.
//! Only between vehicles of one type, whose tails end at the same depot.

use super::{State, arc, attempt, slack};
use crate::search::tour::Context;

/// Exchanges the tails when that is feasible and cheaper; returns whether it did.
pub fn apply(ctx: &Context, state: &mut State, u: usize, v: usize) -> bool {
    let ((a, i), (b, j)) = (
        state.place[u].expect("placed"),
        state.place[v].expect("placed"),
    );
    if a == b {
        return false;
    }
    let (ta, tb) = (&state.tours[a], &state.tours[b]);
    if ta.vehicle_type != tb.vehicle_type {
        return false;
    }
    // In `loc`: u at i + 1 followed by i + 2; v at j + 1 preceded by j.
    let change = arc(ctx, ta, ta.loc[i + 1], tb.loc[j + 1])
        + arc(ctx, tb, tb.loc[j], ta.loc[i + 2])
        - arc(ctx, ta, ta.loc[i + 1], ta.loc[i + 2])
        - arc(ctx, tb, tb.loc[j], tb.loc[j + 1]);
    let slack = slack(ctx, state, a, b);
    if change >= slack {
        return false;
    }
    // The quick test knows only routes that keep every rule and must keep them.
    let (plain_a, plain_b) = (ta.is_plain(ctx), tb.is_plain(ctx));
    if slack == 0 && plain_a && plain_b && !tails_fit(ctx, state, (a, i + 1), (b, j + 1)) {
        return false;
    }
    let mut from: Vec<_> = ta.visits[..=i].to_vec();
    from.extend_from_slice(&tb.visits[j..]);
    let mut into: Vec<_> = tb.visits[..j].to_vec();
    into.extend_from_slice(&ta.visits[i + 1..]);
    attempt(ctx, state, &mut [(a, from), (b, into)])
}

/// The constant-time test for tours without unloadings or a break: each new link reaches
/// its tail in time for the tail's latest starts, and each new route's load fits.
/// `pa` and `pb` are positions in `loc`: `a` keeps up to `pa`, `b`'s tail starts at `pb`.
fn tails_fit(
    ctx: &Context,
    state: &State,
    (a, pa): (usize, usize),
    (b, pb): (usize, usize),
) -> bool {
    let p = ctx.problem;
    let (ta, tb) = (&state.tours[a], &state.tours[b]);
    let v = &p.vehicle_types[ta.vehicle_type];
    let m = &p.matrix;
    let (na, nb) = (ta.visits.len(), tb.visits.len());
    if ta.ready[pa] + m.duration(v.profile, ta.loc[pa], tb.loc[pb]) > tb.latest[pb]
        || tb.ready[pb - 1] + m.duration(v.profile, tb.loc[pb - 1], ta.loc[pa + 1])
            > ta.latest[pa + 1]
    {
        return false;
    }
    let d = ta.dims;
    let load = |t: &crate::search::tour::Tour, pos: usize, k: usize| t.on_board[pos * d + k];
    (0..d).all(|k| {
        let a_load = load(ta, pa, k) + load(tb, nb + 1, k) - load(tb, pb - 1, k);
        let b_load = load(tb, pb - 1, k) + load(ta, na + 1, k) - load(ta, pa, k);
        a_load <= v.capacity[k] && b_load <= v.capacity[k]
    })
}
