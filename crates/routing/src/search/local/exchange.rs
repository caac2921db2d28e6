//! String exchange: the string of two or three stops that starts at `u` goes right after
//! `v`, or trades places with the string of up to as many stops that starts at `v` — the
//! (n, m) exchanges of HGS and PyVRP beyond one stop, which [`relocate`] and [`swap`]
//! cover. Two stops that must be visited one after the other (close in place, tight
//! windows) are moved as one: alone, each move breaks a window and is never tried in
//! full. Within one route a string moves (m = 0); an exchange inside one route is
//! left to 2-opt and relocate, whose prices stay constant-time.
//!
//! [`relocate`]: super::relocate
//! [`swap`]: super::swap

use super::{State, arc, attempt, slack};
use crate::route::{Visit, earliest_in};
use crate::search::tour::{Context, Tour};

/// The (n, m) shapes tried, in order: moves of a string, then exchanges.
const SHAPES: [(usize, usize); 7] = [(2, 0), (3, 0), (2, 1), (3, 1), (2, 2), (3, 2), (3, 3)];

/// Makes the first exchange, in the order of `SHAPES`, that is feasible and cheaper;
/// returns whether one was made.
pub fn apply(ctx: &Context, state: &mut State, u: usize, v: usize) -> bool {
    SHAPES
        .iter()
        .any(|&(n, m)| exchange(ctx, state, (u, n), (v, m)))
}

/// The string of `n` stops from `u` goes after `v` (`m` = 0) or trades places with the
/// string of `m` stops from `v`, when that is feasible and cheaper.
pub(super) fn exchange(
    ctx: &Context,
    state: &mut State,
    (u, n): (usize, usize),
    (v, m): (usize, usize),
) -> bool {
    let ((a, i), (b, j)) = (
        state.place[u].expect("placed"),
        state.place[v].expect("placed"),
    );
    if a == b {
        return m == 0 && move_within(ctx, state, a, (i, n), j);
    }
    let (ta, tb) = (&state.tours[a], &state.tours[b]);
    // With nothing to exchange the string goes into the gap after `v`.
    let gap = if m == 0 { j + 1 } else { j };
    let (Some(ours), Some(theirs)) = (string(ta, i, n), string(tb, gap, m)) else {
        return false;
    };
    if !ours.iter().all(|&s| tb.may_take(ctx, s)) || !theirs.iter().all(|&s| ta.may_take(ctx, s)) {
        return false;
    }
    let (ours_at, theirs_at) = (&ta.loc[i + 1..=i + n], &tb.loc[gap + 1..gap + 1 + m]);
    let mut change = replaced(ctx, ta, i, n, theirs_at) + replaced(ctx, tb, gap, m, ours_at);
    if m == 0 && ta.stop_count == n {
        change -= ctx.problem.vehicle_types[ta.vehicle_type].fixed_cost;
    }
    let slack = slack(ctx, state, a, b);
    if change >= slack {
        return false;
    }
    // The quick tests know only routes that keep every rule and must keep them.
    if slack == 0
        && ctx.penalty.get().is_none()
        && ta.is_plain(ctx)
        && tb.is_plain(ctx)
        && !(loads_fit(ctx, (ta, i, n), (tb, gap, m))
            && on_time(ctx, ta, i, n, &theirs)
            && on_time(ctx, tb, gap, m, &ours))
    {
        return false;
    }
    let mut from = ta.visits.clone();
    from.splice(i..i + n, theirs.iter().map(|&s| Visit::Stop(s)));
    let mut into = tb.visits.clone();
    into.splice(gap..gap + m, ours.iter().map(|&s| Visit::Stop(s)));
    attempt(ctx, state, &mut [(a, from), (b, into)])
}

/// Moves the string of `n` visits from `i` to after visit `j` of the same tour `t`.
fn move_within(
    ctx: &Context,
    state: &mut State,
    t: usize,
    (i, n): (usize, usize),
    j: usize,
) -> bool {
    let tour = &state.tours[t];
    if (i.saturating_sub(1)..i + n).contains(&j) || string(tour, i, n).is_none() {
        return false;
    }
    let loc = &tour.loc;
    // In `loc`: the string is at i + 1 ..= i + n, `v` at j + 1.
    let (before, first, last, after) = (loc[i], loc[i + 1], loc[i + n], loc[i + n + 1]);
    let (v, next) = (loc[j + 1], loc[j + 2]);
    let change =
        arc(ctx, tour, before, after) + arc(ctx, tour, v, first) + arc(ctx, tour, last, next)
            - arc(ctx, tour, before, first)
            - arc(ctx, tour, last, after)
            - arc(ctx, tour, v, next);
    if change >= slack(ctx, state, t, t) {
        return false;
    }
    let mut visits = tour.visits.clone();
    let moved: Vec<Visit> = visits.drain(i..i + n).collect();
    // `v` moved `n` places forward if it came after the string.
    let at = if j > i { j + 1 - n } else { j + 1 };
    visits.splice(at..at, moved);
    attempt(ctx, state, &mut [(t, visits)])
}

/// The stops of `tour`'s visits `from .. from + n`, when they are all stops.
fn string(tour: &Tour, from: usize, n: usize) -> Option<Vec<usize>> {
    tour.visits
        .get(from..from + n)?
        .iter()
        .map(|visit| match *visit {
            Visit::Stop(s) => Some(s),
            Visit::Hub(_) => None,
        })
        .collect()
}

/// What `tour`'s arcs cost more when its visits `from .. from + n` give way to places
/// `with`, at the tour's vehicle's prices.
fn replaced(ctx: &Context, tour: &Tour, from: usize, n: usize, with: &[usize]) -> i64 {
    let (before, after) = (tour.loc[from], tour.loc[from + n + 1]);
    let old = path(ctx, tour, &tour.loc[from..=from + n + 1]);
    let mut new = 0;
    let mut at = before;
    for &l in with.iter().chain(std::iter::once(&after)) {
        new += arc(ctx, tour, at, l);
        at = l;
    }
    new - old
}

/// What driving through `places` in order costs `tour`'s vehicle.
fn path(ctx: &Context, tour: &Tour, places: &[usize]) -> i64 {
    places.windows(2).map(|w| arc(ctx, tour, w[0], w[1])).sum()
}

/// Whether both routes' loads fit their vehicles after the strings trade places; for
/// tours without unloadings, whose load on board at the end is all they carry.
fn loads_fit(
    ctx: &Context,
    (ta, i, n): (&Tour, usize, usize),
    (tb, j, m): (&Tour, usize, usize),
) -> bool {
    let d = ta.dims;
    // In `loc`, the visits `from .. from + n` are positions from + 1 ..= from + n.
    let carried = |t: &Tour, from: usize, n: usize, k: usize| {
        t.on_board[(from + n) * d + k] - t.on_board[from * d + k]
    };
    let total = |t: &Tour, k: usize| t.on_board[(t.visits.len() + 1) * d + k];
    let p = ctx.problem;
    let (ca, cb) = (
        &p.vehicle_types[ta.vehicle_type].capacity,
        &p.vehicle_types[tb.vehicle_type].capacity,
    );
    (0..d).all(|k| {
        let (ours, theirs) = (carried(ta, i, n, k), carried(tb, j, m, k));
        total(ta, k) - ours + theirs <= ca[k] && total(tb, k) - theirs + ours <= cb[k]
    })
}

/// Whether the stops `string`, put in place of `tour`'s visits `from .. from + n`, are
/// each served in a window and leave the rest of the route on time; for tours without
/// unloadings or a break that are on time.
fn on_time(ctx: &Context, tour: &Tour, from: usize, n: usize, string: &[usize]) -> bool {
    let p = ctx.problem;
    let v = &p.vehicle_types[tour.vehicle_type];
    let (mut time, mut at) = (tour.ready[from], tour.loc[from]);
    for &s in string {
        let stop = &p.stops[s];
        let arrival = time + p.matrix.duration(v.profile, at, stop.location);
        let Some(start) = earliest_in(&stop.windows, arrival) else {
            return false;
        };
        (time, at) = (start + stop.service, stop.location);
    }
    let after = from + n + 1;
    time + p.matrix.duration(v.profile, at, tour.loc[after]) <= tour.latest[after]
}
