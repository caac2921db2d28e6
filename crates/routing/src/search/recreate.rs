//! Recreate: put absent stops back one by one, each where it costs least, sometimes
//! passing over a position at random ("blinks", as SISR does) so that the same ruin can
//! lead to different routes. The order of the stops is drawn from a few sortings.

use super::tour::{Context, Insertion};
use super::{Absent, State};
use rand::Rng;
use rand::seq::SliceRandom;
use rand_chacha::ChaCha8Rng;

/// The chance that a recreate opens a new route with its first stop.
const OPEN_ROUTE: f64 = 0.05;

/// The chance that new routes cost half in a recreate.
const DISCOUNT_NEW_ROUTES: f64 = 0.1;

/// The chance of passing over a position.
const BLINK: f64 = 0.01;

/// Above this many stops only the tours of a stop's nearest neighbours (and one empty
/// tour per vehicle type) are tried, which keeps an insertion from costing the whole fleet.
const GRANULAR_FROM: usize = 200;
const GRANULAR_NEIGHBOURS: usize = 40;

/// Inserts the absent stops; those that fit nowhere stay absent.
pub fn recreate(ctx: &Context, state: &mut State, rng: &mut ChaCha8Rng, absent: &mut Absent) {
    order(ctx, absent, rng);
    let mut blinks = Blinks(rng.random::<u64>() | 1);
    let mut left = Vec::new();
    let mut candidates: Vec<usize> = Vec::new();
    let mut empty_seen = vec![false; ctx.problem.vehicle_types.len()];
    // Now and then the first stop opens a route of its own: greedy insertion alone never
    // pays for a new vehicle one stop at a time, even where more routes would be shorter.
    let mut opening = rng.random_bool(OPEN_ROUTE);
    // And now and then a new route costs half in this recreate, for the same reason: on
    // R204 it found the five-route best-known where four routes were a trap.
    let discount = rng.random_bool(DISCOUNT_NEW_ROUTES);
    for &s in absent.iter() {
        if std::mem::take(&mut opening)
            && ctx.problem.stops[s].skip_penalty.is_none()
            && let Some(t) = state
                .tours
                .iter()
                .position(|t| t.is_empty() && t.may_take(ctx, s))
            && let Some((_, how)) = state.tours[t].insertion_cost(ctx, s, 0, i64::MAX)
        {
            state.insert(ctx, s, t, 0, how);
            continue;
        }
        tours_to_try(ctx, state, s, &mut candidates, &mut empty_seen);
        let best = cheapest_insertion(ctx, state, s, &candidates, &mut blinks, discount);
        // An optional stop goes in only where serving it costs less than skipping it.
        let skip = ctx.problem.stops[s].skip_penalty.unwrap_or(i64::MAX);
        match best {
            Some((cost, t, gap, how)) if cost < skip => state.insert(ctx, s, t, gap, how),
            _ => left.push(s),
        }
    }
    *absent = left;
}

/// Where stop `s` costs least among `candidates` (tour, gap, how), blinks passed over;
/// with `discount`, a new route counts at half its cost.
fn cheapest_insertion(
    ctx: &Context,
    state: &State,
    s: usize,
    candidates: &[usize],
    blinks: &mut Blinks,
    discount: bool,
) -> Option<(i64, usize, usize, Insertion)> {
    let mut best: Option<(i64, usize, usize, Insertion)> = None;
    for &t in candidates {
        let tour = &state.tours[t];
        if !tour.may_take(ctx, s) {
            continue;
        }
        let bounded = tour.detour_bounds(ctx);
        let detour = tour.detours(ctx, s);
        for gap in 0..=tour.visits.len() {
            if blinks.next() {
                continue;
            }
            let bound = best.map_or(i64::MAX, |b| b.0);
            let bound = if tour.is_empty() && discount {
                bound.saturating_mul(2)
            } else {
                bound
            };
            // Most gaps lose on their arcs alone: no need for the full test.
            if bounded && detour(gap) >= bound {
                continue;
            }
            if let Some((cost, how)) = tour.insertion_cost(ctx, s, gap, bound) {
                let cost = if tour.is_empty() && discount {
                    cost / 2
                } else {
                    cost
                };
                if cost < best.map_or(i64::MAX, |b| b.0) {
                    best = Some((cost, t, gap, how));
                }
            }
        }
    }
    best
}

/// The tours stop `s` may go into: every non-empty tour (or, on large problems, those of
/// its nearest neighbours) and the first empty tour of each vehicle type.
/// `empty_seen` is scratch space, one flag per vehicle type.
fn tours_to_try(
    ctx: &Context,
    state: &State,
    s: usize,
    into: &mut Vec<usize>,
    empty_seen: &mut [bool],
) {
    into.clear();
    empty_seen.fill(false);
    if ctx.problem.stops.len() >= GRANULAR_FROM {
        for &n in ctx.neighbours[s].iter().take(GRANULAR_NEIGHBOURS) {
            if let Some((t, _)) = state.place[n]
                && !into.contains(&t)
            {
                into.push(t);
            }
        }
        into.sort_unstable();
    }
    let granular = !into.is_empty();
    for (t, tour) in state.tours.iter().enumerate() {
        if tour.is_empty() {
            if !std::mem::replace(&mut empty_seen[tour.vehicle_type], true) {
                into.push(t);
            }
        } else if !granular {
            into.push(t);
        }
    }
}

/// Sorts the absent stops: at random, by demand, far from the depot first, close first,
/// narrowest time window first, or earliest window first, with odds 4 : 4 : 2 : 1 : 1 : 1
/// (SISR's first four, and the two time-window orders its authors add for VRPTW).
fn order(ctx: &Context, absent: &mut Absent, rng: &mut ChaCha8Rng) {
    let p = ctx.problem;
    let depot = p.depots[0].location;
    absent.shuffle(rng);
    let window = |s: usize| p.stops[s].windows[0];
    match rng.random_range(0..13) {
        0..=3 => {}
        4..=7 => absent.sort_by_key(|&s| std::cmp::Reverse(p.stops[s].demand.iter().sum::<i64>())),
        8..=9 => absent
            .sort_by_key(|&s| std::cmp::Reverse(p.matrix.distance(depot, p.stops[s].location))),
        10 => absent.sort_by_key(|&s| p.matrix.distance(depot, p.stops[s].location)),
        11 => absent.sort_by_key(|&s| window(s).close - window(s).open),
        _ => absent.sort_by_key(|&s| window(s).open),
    }
}

/// A cheap stream of blink decisions (xorshift), seeded from the search's generator:
/// drawing one from ChaCha for every position tried cost a sixth of the search's time.
struct Blinks(u64);

impl Blinks {
    /// `BLINK` as a fraction of the u64 range.
    const THRESHOLD: u64 = (BLINK * u64::MAX as f64) as u64;

    fn next(&mut self) -> bool {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 < Self::THRESHOLD
    }
}
