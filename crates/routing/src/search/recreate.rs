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

/// The search's first solution: every stop put in where it costs least, from no routes
/// at all; those that fit nowhere stay absent.
pub fn first_solution(ctx: &Context, rng: &mut ChaCha8Rng) -> State {
    let mut state = State::new(ctx);
    let mut absent = std::mem::take(&mut state.absent);
    recreate(ctx, &mut state, rng, &mut absent);
    state.absent = absent;
    state
}

/// Inserts the absent stops; those that fit nowhere stay absent.
pub fn recreate(ctx: &Context, state: &mut State, rng: &mut ChaCha8Rng, absent: &mut Absent) {
    order(ctx, absent, rng);
    let mut blinks = Blinks::new(rng.random::<u64>());
    let mut left = Vec::new();
    let mut candidates = Candidates::new(ctx, state);
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
            candidates.filled(state, t);
            continue;
        }
        candidates.gather(ctx, state, s);
        let best = cheapest_insertion(ctx, state, s, &candidates.tours, &mut blinks, discount);
        // An optional stop goes in only where serving it costs less than skipping it.
        let skip = ctx.problem.stops[s].skip_penalty.unwrap_or(i64::MAX);
        match best {
            Some((cost, t, gap, how)) if cost < skip => {
                state.insert(ctx, s, t, gap, how);
                candidates.filled(state, t);
            }
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
        for gap in tour.gaps_on_time(ctx, s) {
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

/// The tours a stop may go into: every non-empty tour (or, on large problems, those of
/// its nearest neighbours) and the first empty tour of each vehicle type.
struct Candidates {
    tours: Vec<usize>,
    /// Per tour: whether it is in `tours` already (granular gathering only).
    listed: Vec<bool>,
    /// Per vehicle type: its first empty tour, kept up to date as tours fill.
    first_empty: Vec<Option<usize>>,
    granular: bool,
}

impl Candidates {
    fn new(ctx: &Context, state: &State) -> Self {
        let mut first_empty = vec![None; ctx.problem.vehicle_types.len()];
        for (t, tour) in state.tours.iter().enumerate().rev() {
            if tour.is_empty() {
                first_empty[tour.vehicle_type] = Some(t);
            }
        }
        Self {
            tours: Vec::new(),
            listed: vec![false; state.tours.len()],
            first_empty,
            granular: ctx.problem.stops.len() >= GRANULAR_FROM,
        }
    }

    /// Tour `t` took a stop: if it was its type's first empty tour, the next one is.
    fn filled(&mut self, state: &State, t: usize) {
        let k = state.tours[t].vehicle_type;
        if self.first_empty[k] == Some(t) {
            self.first_empty[k] = (t + 1..state.tours.len())
                .find(|&u| state.tours[u].vehicle_type == k && state.tours[u].is_empty());
        }
    }

    /// The tours to try for stop `s`.
    fn gather(&mut self, ctx: &Context, state: &State, s: usize) {
        self.tours.clear();
        if self.granular {
            for &n in ctx.neighbours[s].iter().take(GRANULAR_NEIGHBOURS) {
                if let Some((t, _)) = state.place[n]
                    && !std::mem::replace(&mut self.listed[t], true)
                {
                    self.tours.push(t);
                }
            }
            for &t in &self.tours {
                self.listed[t] = false;
            }
            self.tours.sort_unstable();
        }
        let from = if self.tours.is_empty() {
            // Small, or no neighbour placed: every tour in use.
            self.tours
                .extend((0..state.tours.len()).filter(|&t| !state.tours[t].is_empty()));
            0
        } else {
            self.tours.len()
        };
        // The empty ones last when granular, in their place otherwise.
        self.tours.extend(self.first_empty.iter().flatten());
        self.tours[from..].sort_unstable();
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

/// A cheap stream of blink decisions, seeded from the search's generator: drawing one
/// from ChaCha for every position tried cost a sixth of the search's time, and even a
/// xorshift per position a twentieth. So the stream counts down the positions to the next
/// blink, drawn from the geometric distribution that a chance of [`BLINK`] per position
/// gives.
struct Blinks {
    /// A xorshift generator's state: never 0.
    state: u64,
    until: u64,
}

impl Blinks {
    fn new(seed: u64) -> Self {
        let mut blinks = Self {
            state: seed | 1,
            until: 0,
        };
        blinks.until = blinks.positions_to_next();
        blinks
    }

    /// Whether the next position is passed over.
    fn next(&mut self) -> bool {
        match self.until.checked_sub(1) {
            Some(until) => {
                self.until = until;
                false
            }
            None => {
                self.until = self.positions_to_next();
                true
            }
        }
    }

    /// How many positions are tried before the next blink.
    fn positions_to_next(&mut self) -> u64 {
        self.state ^= self.state << 13;
        self.state ^= self.state >> 7;
        self.state ^= self.state << 17;
        // Uniform in (0, 1]: the top 53 bits, shifted off zero.
        let uniform = ((self.state >> 11) + 1) as f64 / (1u64 << 53) as f64;
        (uniform.ln() / (1.0 - BLINK).ln()) as u64
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// About one position in a hundred is passed over; the same seed, the same positions.
    #[test]
    fn blinks_pass_over_one_position_in_a_hundred() {
        let mut blinks = Blinks::new(7);
        let positions = 1_000_000;
        let passed = (0..positions).filter(|_| blinks.next()).count();
        let expected = BLINK * positions as f64;
        assert!(
            (passed as f64 - expected).abs() < 0.05 * expected,
            "{passed} of {positions}"
        );
        let (mut a, mut b) = (Blinks::new(7), Blinks::new(7));
        assert!((0..10_000).all(|_| a.next() == b.next()), "same seed");
        let mut c = Blinks::new(8);
        assert!((0..10_000).any(|_| a.next() != c.next()), "another seed");
    }
}
