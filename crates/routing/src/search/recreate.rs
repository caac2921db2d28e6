//! Recreate: put absent stops back one by one, each where it costs least, sometimes
//! passing over a position at random ("blinks", as SISR does) so that the same ruin can
//! lead to different routes. The order of the stops is drawn from a few sortings, or,
//! in part of the recreates (on short routes, or with every vehicle in use), decided as
//! it goes by regret: the stop that would lose most by waiting goes in first.

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

/// The chance that a recreate goes by regret ([`by_regret`]) rather than by one of the
/// sortings, where regret is drawn on ([`regret_share`]). Greedy insertion in a fixed
/// order fills a route with whichever stop comes first, and a stop that fits only there
/// must then open or stretch another; regret puts that stop in first. On the 30 G&H 200s
/// at 10 s (seeds 13–16, beside the search without it, one per core) 0.324 % against
/// 0.386 %, RC1 0.50 against 0.80, although a regret recreate prices more and the search
/// makes 57 % of the iterations.
const REGRET: f64 = 0.5;

/// Routes of more than this many stops on average are long. There a regret recreate,
/// which prices every waiting stop again along the whole route that took a stop, costs
/// most and helps least. On the 15 long-route G&H 200s (C2, R2 and RC2: 33 to 50 stops a
/// route, against about 10 on C1, R1 and RC1) at 10 s, seeds 1–12, beside the search with
/// regret there too, one per core: 0.274 % against 0.328 %, better on 8 seeds of 12, C2
/// 0.06 against 0.14, and 1.6 times the iterations.
const LONG_ROUTE: f64 = 20.0;

/// The chance that a recreate of `state` goes by regret: [`REGRET`], but none on long
/// routes ([`LONG_ROUTE`]) while a vehicle is spare. With every vehicle in use room is
/// short, and regret decides which stops get it: Flex Waste's day (three vehicles, 174
/// sites, about 37 stops a route) served 113, 111 and 113 stops with it at seeds 1–3,
/// and 110, 107 and 111 without.
fn regret_share(state: &State) -> f64 {
    let vehicle_spare = state.tours.iter().any(|t| t.is_empty());
    if vehicle_spare && state.stops_per_route() > LONG_ROUTE {
        0.0
    } else {
        REGRET
    }
}

/// Inserts the absent stops; those that fit nowhere stay absent.
pub fn recreate(ctx: &Context, state: &mut State, rng: &mut ChaCha8Rng, absent: &mut Absent) {
    if absent.len() > 1 && rng.random_bool(regret_share(state)) {
        return by_regret(ctx, state, rng, absent);
    }
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

/// Regret insertion: each absent stop's cheapest place in every tour it may go into is
/// known, and the stop whose cheapest place beats its next cheapest (in another tour, or
/// leaving it out) by most goes in first; for the rest, only the tour that took it is
/// priced again. Stops that fit nowhere stay absent.
fn by_regret(ctx: &Context, state: &mut State, rng: &mut ChaCha8Rng, absent: &mut Absent) {
    let mut blinks = Blinks::new(rng.random::<u64>());
    let mut candidates = Candidates::new(ctx, state);
    let price = |state: &State, s: usize, t: usize, blinks: &mut Blinks| {
        cheapest_insertion(ctx, state, s, &[t], blinks, false).map(|(c, _, g, h)| (c, g, h))
    };
    let mut waiting: Vec<Waiting> = absent
        .iter()
        .map(|&stop| {
            candidates.gather(ctx, state, stop);
            let places = candidates
                .tours
                .iter()
                .map(|&t| (t, price(state, stop, t, &mut blinks)))
                .collect();
            Waiting::new(stop, places)
        })
        .collect();
    let skip = |s: usize| ctx.problem.stops[s].skip_penalty.unwrap_or(i64::MAX);
    let mut left = Vec::new();
    drop_hopeless(&mut waiting, &mut left, skip);
    while let Some((k, t, (_, gap, how))) = most_to_lose(&waiting, skip) {
        let s = waiting.swap_remove(k).stop;
        let was_empty = state.tours[t].is_empty();
        state.insert(ctx, s, t, gap, how);
        candidates.filled(state, t);
        let opened = was_empty
            .then(|| candidates.first_empty[state.tours[t].vehicle_type])
            .flatten();
        for w in &mut waiting {
            w.reprice(t, price(state, w.stop, t, &mut blinks));
            if let Some(e) = opened
                && !w.places.iter().any(|&(u, _)| u == e)
            {
                w.add(e, price(state, w.stop, e, &mut blinks));
            }
        }
        drop_hopeless(&mut waiting, &mut left, skip);
    }
    *absent = left;
}

/// Moves the waiting stops that fit nowhere for less than leaving them out to `left`.
fn drop_hopeless(waiting: &mut Vec<Waiting>, left: &mut Absent, skip: impl Fn(usize) -> i64) {
    waiting.retain(|w| {
        let fits = w.regret(skip(w.stop)).is_some();
        if !fits {
            left.push(w.stop);
        }
        fits
    });
}

/// Of the `waiting` stops, the one with most to lose (the cheaper on a tie, the first
/// on a second): its index, tour and place.
fn most_to_lose(waiting: &[Waiting], skip: impl Fn(usize) -> i64) -> Option<(usize, usize, Place)> {
    let mut chosen: Option<(i64, i64, usize, usize, Place)> = None;
    for (k, w) in waiting.iter().enumerate() {
        if let Some((regret, t, place)) = w.regret(skip(w.stop))
            && chosen.is_none_or(|c| (regret, -place.0) > (c.0, -c.1))
        {
            chosen = Some((regret, place.0, k, t, place));
        }
    }
    chosen.map(|(_, _, k, t, place)| (k, t, place))
}

/// Where a stop can go in one tour: the cost, the gap, and how.
type Place = (i64, usize, Insertion);

/// A stop waiting in a regret insertion, its cheapest place in each tour tried, and
/// which of them is cheapest and what the next costs — kept as places change, since the
/// choice of the next stop reads every waiting stop's regret after each insertion, and
/// counting them again from every place took a sixth of the search's time.
struct Waiting {
    stop: usize,
    places: Vec<(usize, Option<Place>)>,
    /// The index in `places` of the cheapest (the first of equals).
    cheapest: Option<usize>,
    /// The cost of the cheapest of the others, or `i64::MAX`.
    next: i64,
}

impl Waiting {
    fn new(stop: usize, places: Vec<(usize, Option<Place>)>) -> Self {
        let mut waiting = Self {
            stop,
            places,
            cheapest: None,
            next: i64::MAX,
        };
        waiting.rank();
        waiting
    }

    /// Its cheapest place (tour and place) and by how much the next cheapest — in another
    /// tour, or leaving it out at `skip` — costs more; `None` when it fits nowhere for
    /// less than `skip`.
    fn regret(&self, skip: i64) -> Option<(i64, usize, Place)> {
        let (t, place) = self.places[self.cheapest?];
        let place = place.expect("the cheapest place fits");
        let second = self.next.min(skip);
        (place.0 < skip).then(|| (second.saturating_sub(place.0), t, place))
    }

    /// Finds the cheapest place and the next one's cost from all the places.
    fn rank(&mut self) {
        self.cheapest = None;
        self.next = i64::MAX;
        for i in 0..self.places.len() {
            if let Some(place) = self.places[i].1 {
                self.ranked(i, place.0);
            }
        }
    }

    /// Ranks place `i`, at `cost`, among those ranked so far; ranked in the order of
    /// `places`, or, when `i` is new or did not rank before, after them.
    fn ranked(&mut self, i: usize, cost: i64) {
        match self.cheapest {
            Some(c) if (cost, i) >= (self.cost(c), c) => self.next = self.next.min(cost),
            Some(c) => {
                self.next = self.cost(c);
                self.cheapest = Some(i);
            }
            None => self.cheapest = Some(i),
        }
    }

    fn cost(&self, i: usize) -> i64 {
        self.places[i].1.map_or(i64::MAX, |p| p.0)
    }

    /// Tour `t`'s place, priced again after it changed (or first priced).
    fn reprice(&mut self, t: usize, place: Option<Place>) {
        match self.places.iter().position(|(u, _)| *u == t) {
            Some(i) => {
                let was = self.cost(i);
                self.places[i].1 = place;
                // Only the cheapest, or one that may have been the next, can change the
                // ranks of the others.
                if self.cheapest == Some(i) || (was != i64::MAX && was == self.next) {
                    self.rank();
                } else if let Some(place) = place {
                    self.ranked(i, place.0);
                }
            }
            None => self.add(t, place),
        }
    }

    /// Tour `t`'s place, first priced.
    fn add(&mut self, t: usize, place: Option<Place>) {
        self.places.push((t, place));
        if let Some(place) = place {
            self.ranked(self.places.len() - 1, place.0);
        }
    }
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
    /// A bit per tour, 64 to a word: the tours of the stop's neighbours, while they are
    /// gathered (granular gathering only). Read off in order, they come sorted, and
    /// setting a bit needs no test of whether it is set: gathering with a flag per tour
    /// and a sort took a sixth of the search's time on G&H's 200s.
    near: Vec<u64>,
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
            near: vec![0; state.tours.len().div_ceil(64)],
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
                if let Some((t, _)) = state.place[n] {
                    self.near[t / 64] |= 1 << (t % 64);
                }
            }
            for (word, bits) in self.near.iter_mut().enumerate() {
                let mut bits = std::mem::take(bits);
                while bits != 0 {
                    self.tours.push(word * 64 + bits.trailing_zeros() as usize);
                    bits &= bits - 1;
                }
            }
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
    use crate::generate::city;
    use crate::route::Visit;
    use crate::search::ruin::ruin;
    use crate::search::tour::Tour;
    use rand::SeedableRng;

    /// Two routes half full (capacity 10): P at (10, 0) and Q at (0, 10), five each. A at
    /// (11, 0) fits only P's route cheaply; B at (9, 1) costs least beside P too, but
    /// Q's route takes it for 11.8 more. In either order the regret insertion puts A in
    /// first, beside P, and B with Q — where inserting B first would send A to Q's route
    /// for 15.9.
    #[test]
    fn the_stop_with_most_to_lose_goes_in_first() {
        let text = "TWO ROUTES\nVEHICLE\nNUMBER CAPACITY\n4 10\nCUSTOMER\n\
             CUST XCOORD YCOORD DEMAND READY DUE SERVICE\n0 0 0 0 0 1000 0\n\
             1 10 0 5 0 1000 0\n2 0 10 5 0 1000 0\n3 11 0 5 0 1000 0\n4 9 1 5 0 1000 0\n";
        let p = crate::solomon::parse(text).expect("a Solomon file").problem;
        let ctx = Context::new(&p);
        let (q, a, b) = (1, 2, 3);
        for order in [vec![b, a], vec![a, b]] {
            let mut tours: Vec<Tour> = (0..4).map(|_| Tour::empty(&ctx, 0)).collect();
            for (t, s) in [(0, 0), (1, q)] {
                tours[t].visits = vec![Visit::Stop(s)];
                tours[t].refresh(&ctx);
            }
            let mut state = State::of(&ctx, tours, Vec::new());
            let mut absent = order.clone();
            by_regret(
                &ctx,
                &mut state,
                &mut ChaCha8Rng::seed_from_u64(1),
                &mut absent,
            );
            assert!(absent.is_empty(), "{order:?}: {absent:?} left out");
            assert_eq!(
                state.place[a].map(|(t, _)| t),
                Some(0),
                "{order:?}: A beside P"
            );
            assert_eq!(
                state.place[b].map(|(t, _)| t),
                Some(1),
                "{order:?}: B with Q"
            );
        }
    }

    /// Regret is drawn on for routes of 20 stops on average, and not for routes of 21
    /// while a vehicle is spare: two tours of a 42-stop problem holding 40 stops, then
    /// 42, with a third vehicle or without.
    #[test]
    fn long_routes_go_without_regret_while_a_vehicle_is_spare() {
        let share = |served: usize, vehicles: usize| {
            let mut text = format!(
                "LINE\nVEHICLE\nNUMBER CAPACITY\n{vehicles} 100\nCUSTOMER\n\
                 CUST XCOORD YCOORD DEMAND READY DUE SERVICE\n0 0 0 0 0 1000 0\n"
            );
            for c in 1..=42 {
                text.push_str(&format!("{c} {c} 0 1 0 1000 0\n"));
            }
            let p = crate::solomon::parse(&text)
                .expect("a Solomon file")
                .problem;
            let ctx = Context::new(&p);
            let mut tours: Vec<Tour> = (0..vehicles).map(|_| Tour::empty(&ctx, 0)).collect();
            for (t, tour) in tours.iter_mut().take(2).enumerate() {
                tour.visits = (0..served / 2).map(|i| Visit::Stop(2 * i + t)).collect();
                tour.refresh(&ctx);
            }
            let absent = (served..p.stops.len()).collect();
            regret_share(&State::of(&ctx, tours, absent))
        };
        assert_eq!(share(40, 3), REGRET);
        assert_eq!(share(42, 3), 0.0);
        assert_eq!(share(42, 2), REGRET);
    }

    /// On generated cities — windows, two loads, range, unloading at hubs, two vehicle
    /// types — a regret insertion after a ruin leaves every stop served once or absent,
    /// every tour within the rules at the cost it claims; the same seed, the same tours.
    #[test]
    fn regret_insertion_keeps_every_rule_on_cities() {
        for seed in 0..8 {
            let p = city(80, seed);
            let ctx = Context::new(&p);
            let first = first_solution(&ctx, &mut ChaCha8Rng::seed_from_u64(seed));
            let rebuilt = |k: u64| {
                let mut state = first.clone();
                let mut rng = ChaCha8Rng::seed_from_u64(k);
                let mut removed = std::mem::take(&mut state.absent);
                ruin(&ctx, &mut state, &mut rng, &mut removed);
                by_regret(&ctx, &mut state, &mut rng, &mut removed);
                state.absent = removed;
                state
            };
            let state = rebuilt(seed);
            let mut seen = vec![0; p.stops.len()];
            for tour in state.tours.iter().filter(|t| !t.is_empty()) {
                assert!(tour.feasible, "seed {seed}");
                let timing = p.timing(&tour.to_route()).expect("within the rules");
                assert_eq!(timing.cost, tour.cost, "seed {seed}");
                for v in &tour.visits {
                    if let Visit::Stop(s) = *v {
                        seen[s] += 1;
                    }
                }
            }
            for &s in &state.absent {
                seen[s] += 1;
            }
            assert!(seen.iter().all(|&n| n == 1), "seed {seed}: {seen:?}");
            let again = rebuilt(seed);
            let visits = |s: &State| s.tours.iter().map(|t| t.visits.clone()).collect::<Vec<_>>();
            assert_eq!(visits(&state), visits(&again), "seed {seed}");
        }
    }

    /// A waiting stop's cheapest place and the next one's cost, kept as its places are
    /// priced again and added, are what counting them afresh from every place gives —
    /// equal costs included, where the first place listed is the cheapest.
    #[test]
    fn the_ranks_kept_are_the_ranks_counted_afresh() {
        let mut rng = ChaCha8Rng::seed_from_u64(5);
        let place = |rng: &mut ChaCha8Rng| {
            rng.random_bool(0.8).then(|| {
                (
                    rng.random_range(0..6),
                    rng.random_range(0..9),
                    Insertion::Alone,
                )
            })
        };
        for _ in 0..200 {
            let places = (0..rng.random_range(0..5))
                .map(|t| (t, place(&mut rng)))
                .collect();
            let mut kept = Waiting::new(0, places);
            for _ in 0..30 {
                let t = rng.random_range(0..8);
                let p = place(&mut rng);
                if rng.random_bool(0.2) && !kept.places.iter().any(|&(u, _)| u == t) {
                    kept.add(t, p);
                } else {
                    kept.reprice(t, p);
                }
                let costs: Vec<i64> = (0..kept.places.len()).map(|i| kept.cost(i)).collect();
                let least = costs.iter().copied().min().filter(|&c| c < i64::MAX);
                let cheapest = least.and_then(|c| costs.iter().position(|&d| d == c));
                let next = (0..costs.len())
                    .filter(|&i| Some(i) != cheapest)
                    .map(|i| costs[i])
                    .min()
                    .unwrap_or(i64::MAX);
                assert_eq!((kept.cheapest, kept.next), (cheapest, next), "{costs:?}");
                let afresh = Waiting::new(0, kept.places.clone());
                for skip in [3, i64::MAX] {
                    assert_eq!(kept.regret(skip), afresh.regret(skip));
                }
            }
        }
    }

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
