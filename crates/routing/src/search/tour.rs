//! A route under construction, with what makes trying an insertion cheap: per position
//! the earliest time the vehicle can leave it, the latest start of service that keeps the
//! rest of the route on time, and the load carried since the last unloading. A stop is
//! then tried between two visits in constant time — alone, or together with an unloading
//! at a hub just before or after it when the vehicle is full. A driver's break is placed
//! by evaluating the whole route, but only for positions that already pass the quick test.

use super::neighbours;
use super::penalty::Penalty;
use crate::problem::{Problem, Window};
use crate::route::{Route, Timing, Visit, earliest_in};
use std::cell::Cell;
use std::ops::Range;

/// What the search knows beyond the problem: who is close to whom, and which stops each
/// vehicle type may serve at all.
pub struct Context<'p> {
    pub problem: &'p Problem,
    /// Per stop: the other stops nearest in place, nearest first.
    pub neighbours: Vec<Vec<usize>>,
    /// Per stop: its nearest neighbours in place, then those nearest in place and time
    /// that were not among them — the widest local search's neighbourhood.
    pub wide: Vec<Vec<usize>>,
    /// Per vehicle type and stop: whether the vehicle has every feature the stop needs.
    pub compatible: Vec<Vec<bool>>,
    /// What breaking a rule costs now, or `None` while no rule may be broken (the first
    /// solution, and the polishing of a best one). Vehicles with a break never break one.
    pub penalty: Cell<Option<Penalty>>,
}

impl<'p> Context<'p> {
    pub fn new(problem: &'p Problem) -> Self {
        let compatible = problem
            .vehicle_types
            .iter()
            .map(|v| {
                problem
                    .stops
                    .iter()
                    .map(|s| s.needs.iter().all(|f| v.features.contains(f)))
                    .collect()
            })
            .collect();
        let nearest = neighbours::nearest(problem, MAX_NEIGHBOURS);
        Self {
            problem,
            wide: neighbours::wide(problem, &nearest, super::local::NEIGHBOURS),
            neighbours: nearest,
            compatible,
            penalty: Cell::new(None),
        }
    }

    /// The penalty for breaking a rule with vehicle type `k`, if it may break one now.
    fn penalty_for(&self, k: usize) -> Option<Penalty> {
        self.penalty
            .get()
            .filter(|_| self.problem.vehicle_types[k].rest.is_none())
    }
}

/// How many neighbours each stop keeps: enough for the ruin to find strings nearby.
const MAX_NEIGHBOURS: usize = 100;

/// What a tour that breaks a rule costs when no rule may be broken: so much that no such
/// state is ever kept. Taking stops out of a route can break one — the greedy placement of
/// reloads and the break may do worse on fewer stops, and rounded travel times need not
/// obey the triangle inequality.
pub const INFEASIBLE: i64 = i64::MAX / 1024;

/// How a stop goes in: alone, or with an unloading at a hub right before or after it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Insertion {
    Alone,
    HubBefore(usize),
    HubAfter(usize),
}

/// One vehicle's route as the search holds it: its visits in order, and caches.
pub struct Tour {
    pub vehicle_type: usize,
    pub visits: Vec<Visit>,
    /// Positions 0..=n+1: the depot, the visits, the depot again.
    pub(super) loc: Vec<usize>,
    /// Per position: earliest time the vehicle can leave it (ignoring the break).
    pub(super) ready: Vec<i64>,
    /// Per position: latest start of service that keeps the rest on time.
    pub(super) latest: Vec<i64>,
    /// Per position: distance driven from the depot to it.
    pub(super) driven: Vec<i64>,
    /// Per position (times the dimensions): load on board when leaving it, since the
    /// last unloading.
    pub(super) on_board: Vec<i64>,
    /// Per position (times the dimensions): the load of the trip it is part of.
    trip_load: Vec<i64>,
    pub(super) dims: usize,
    pub distance: i64,
    /// The exact cost of the route (0 when empty).
    pub cost: i64,
    /// Where the break goes, for vehicles with one.
    pub break_at: Option<usize>,
    /// Whether it keeps every rule; if not, by how much it breaks each (see [`penalty`]).
    ///
    /// [`penalty`]: super::penalty
    pub feasible: bool,
    pub time_warp: i64,
    pub excess_load: i64,
    pub excess_distance: i64,
    pub stop_count: usize,
}

impl Clone for Tour {
    fn clone(&self) -> Self {
        let mut copy = Self::blank(self.vehicle_type, self.dims);
        copy.clone_from(self);
        copy
    }

    /// Copies into the vectors' room: the search keeps a tour this way before every move.
    fn clone_from(&mut self, source: &Self) {
        self.visits.clone_from(&source.visits);
        self.loc.clone_from(&source.loc);
        self.ready.clone_from(&source.ready);
        self.latest.clone_from(&source.latest);
        self.driven.clone_from(&source.driven);
        self.on_board.clone_from(&source.on_board);
        self.trip_load.clone_from(&source.trip_load);
        use std::mem::take;
        // The rest is plain values, copied; a new vector field must be listed here.
        *self = Self {
            visits: take(&mut self.visits),
            loc: take(&mut self.loc),
            ready: take(&mut self.ready),
            latest: take(&mut self.latest),
            driven: take(&mut self.driven),
            on_board: take(&mut self.on_board),
            trip_load: take(&mut self.trip_load),
            ..*source
        };
    }
}

impl Tour {
    pub fn empty(ctx: &Context, vehicle_type: usize) -> Self {
        let dims = ctx.problem.vehicle_types[vehicle_type].capacity.len();
        let mut tour = Self::blank(vehicle_type, dims);
        tour.refresh(ctx);
        tour
    }

    /// A tour with no visits and no caches yet.
    fn blank(vehicle_type: usize, dims: usize) -> Self {
        Self {
            vehicle_type,
            visits: Vec::new(),
            loc: Vec::new(),
            ready: Vec::new(),
            latest: Vec::new(),
            driven: Vec::new(),
            on_board: Vec::new(),
            trip_load: Vec::new(),
            dims,
            distance: 0,
            cost: 0,
            break_at: None,
            feasible: true,
            time_warp: 0,
            excess_load: 0,
            excess_distance: 0,
            stop_count: 0,
        }
    }

    pub fn is_empty(&self) -> bool {
        self.stop_count == 0
    }

    /// Recomputes the caches after the visits changed; drops unloadings that are no
    /// longer needed first.
    pub fn refresh(&mut self, ctx: &Context) {
        let p = ctx.problem;
        let v = &p.vehicle_types[self.vehicle_type];
        self.drop_needless_hubs(ctx);
        self.stop_count = self
            .visits
            .iter()
            .filter(|v| matches!(v, Visit::Stop(_)))
            .count();
        let depot = &p.depots[v.depot];
        let n = self.visits.len();
        let dims = v.capacity.len();
        self.loc.clear();
        self.loc.push(depot.location);
        self.loc
            .extend(self.visits.iter().map(|&x| p.location_of(x)));
        self.loc.push(depot.location);
        self.ready.clear();
        self.ready.resize(n + 2, 0);
        self.latest.clear();
        self.latest.resize(n + 2, 0);
        let earliest = v.shift.open.max(depot.window.open);
        self.ready[0] = earliest;
        self.driven.clear();
        self.driven.resize(n + 2, 0);
        let mut distance = 0;
        for i in 1..=n + 1 {
            distance += p.matrix.distance(self.loc[i - 1], self.loc[i]);
            self.driven[i] = distance;
        }
        let time_warp = self.ready_from(p, 1, false);
        self.latest[n + 1] = v.shift.close.min(depot.window.close);
        self.latest_back_from(p, n, false);
        // Loads by trip: reset at every hub.
        self.on_board.clear();
        self.on_board.resize((n + 2) * dims, 0);
        for i in 1..=n {
            if let Visit::Stop(s) = self.visits[i - 1] {
                for d in 0..dims {
                    self.on_board[i * dims + d] =
                        self.on_board[(i - 1) * dims + d] + p.stops[s].demand[d];
                }
            }
        }
        for d in 0..dims {
            self.on_board[(n + 1) * dims + d] = self.on_board[n * dims + d];
        }
        self.trip_load.clear();
        self.trip_load.resize((n + 2) * dims, 0);
        let mut total = (n + 1) * dims;
        for i in (0..=n + 1).rev() {
            for d in 0..dims {
                self.trip_load[i * dims + d] = self.on_board[total + d];
            }
            if (1..=n).contains(&i) && matches!(self.visits[i - 1], Visit::Hub(_)) {
                total = (i - 1) * dims;
            }
        }
        self.excess_load = self.load_over_capacity(&v.capacity);
        self.excess_distance = v.max_distance.map_or(0, |max| (distance - max).max(0));
        self.time_warp = time_warp;
        let feasible = time_warp == 0 && self.excess_load == 0 && self.excess_distance == 0;
        self.distance = distance;
        self.break_at = None;
        if self.stop_count == 0 {
            self.cost = 0;
            self.feasible = true;
            return;
        }
        if v.rest.is_none() {
            self.cost = self.cost_from_caches(p);
            self.feasible = feasible;
            return;
        }
        match best_break(p, self.to_route()) {
            Some((route, timing)) if feasible || route.break_at.is_some() => {
                self.break_at = route.break_at;
                self.cost = timing.cost;
                self.feasible = true;
                (self.time_warp, self.excess_load, self.excess_distance) = (0, 0, 0);
            }
            _ => {
                self.cost = 0;
                self.feasible = false;
            }
        }
    }

    /// The route's cost from the caches, as `Problem::timing` defines it, for a vehicle
    /// without a break and a tour with a stop.
    fn cost_from_caches(&self, p: &Problem) -> i64 {
        let v = &p.vehicle_types[self.vehicle_type];
        let depot = &p.depots[v.depot];
        let earliest = v.shift.open.max(depot.window.open);
        let n = self.visits.len();
        let travel = p.matrix.duration(v.profile, self.loc[0], self.loc[1]);
        let first_start = self.ready[1] - self.windows_and_service(p, 0).1;
        let departure = earliest.max(first_start - travel);
        v.fixed_cost
            + v.distance_cost * self.distance
            + v.duration_cost * (self.ready[n + 1] - departure)
    }

    /// Puts stop `s` alone after position `gap` into a tour that is on time and whose
    /// vehicle neither reloads nor rests, and brings the caches up to date only where they
    /// change: times after the stop until a visit is ready when it was before, latest
    /// starts before it until one is what it was, running distance and load after it.
    /// The same caches as [`Tour::apply`] and [`Tour::refresh`], a fraction of the work:
    /// the recreate inserts this way.
    pub fn insert_on_time(&mut self, ctx: &Context, s: usize, gap: usize) {
        let p = ctx.problem;
        let v = &p.vehicle_types[self.vehicle_type];
        debug_assert!(self.time_warp == 0 && v.reload_hubs.is_empty() && v.rest.is_none());
        let (m, dims) = (&p.matrix, self.dims);
        let stop = &p.stops[s];
        let i = gap + 1;
        self.visits.insert(gap, Visit::Stop(s));
        self.stop_count += 1;
        let n = self.visits.len();
        let (a, b) = (self.loc[gap], self.loc[i]);
        self.loc.insert(i, stop.location);
        let added = m.distance(a, stop.location) + m.distance(stop.location, b) - m.distance(a, b);
        self.driven
            .insert(i, self.driven[gap] + m.distance(a, stop.location));
        self.driven[i + 1..].iter_mut().for_each(|d| *d += added);
        self.distance += added;
        for d in 0..dims {
            let load = self.on_board[gap * dims + d] + stop.demand[d];
            self.on_board.insert(i * dims + d, load);
        }
        for loads in self.on_board[(i + 1) * dims..].chunks_exact_mut(dims) {
            add(loads, &stop.demand);
        }
        // One trip: every position carries the whole load.
        self.trip_load.resize((n + 2) * dims, 0);
        let total = &self.on_board[(n + 1) * dims..];
        if let [only] = *total {
            // One dimension, the usual case: a plain fill, not a copy call per position
            // (8 % of the search's time on rc2_2_7).
            self.trip_load.fill(only);
        } else {
            for loads in self.trip_load.chunks_exact_mut(dims) {
                loads.copy_from_slice(total);
            }
        }
        self.ready.insert(i, 0);
        self.latest.insert(i, 0);
        self.time_warp = self.ready_from(p, i, true);
        self.latest_back_from(p, i, true);
        self.excess_load = self.load_over_capacity(&v.capacity);
        self.excess_distance = v.max_distance.map_or(0, |max| (self.distance - max).max(0));
        self.feasible = self.time_warp == 0 && self.excess_load == 0 && self.excess_distance == 0;
        self.break_at = None;
        self.cost = self.cost_from_caches(p);
    }

    /// Recomputes ready times from position `from` on, and returns the time warp there.
    /// With `until_unchanged`, on a tour that was on time, only until a visit is ready
    /// when it was before: every later one then is too, and on time as before.
    fn ready_from(&mut self, p: &Problem, from: usize, until_unchanged: bool) -> i64 {
        let v = &p.vehicle_types[self.vehicle_type];
        let n = self.visits.len();
        // Arriving after every window has closed is time warp: the vehicle goes on as if
        // it had arrived at the close, and the lateness is what the penalty prices.
        let mut time_warp = 0;
        for j in from..=n {
            let (windows, service) = self.windows_and_service(p, j - 1);
            let arrival =
                self.ready[j - 1] + p.matrix.duration(v.profile, self.loc[j - 1], self.loc[j]);
            let start = earliest_in(windows, arrival).unwrap_or_else(|| {
                let close = windows.last().map_or(arrival, |w| w.close);
                time_warp += arrival - close;
                close
            });
            if until_unchanged && j > from && start + service == self.ready[j] {
                return time_warp;
            }
            self.ready[j] = start + service;
        }
        let depot = &p.depots[v.depot];
        let mut back = self.ready[n] + p.matrix.duration(v.profile, self.loc[n], self.loc[n + 1]);
        let latest_return = v.shift.close.min(depot.window.close);
        if back > latest_return {
            time_warp += back - latest_return;
            back = latest_return;
        }
        self.ready[n + 1] = back;
        time_warp
    }

    /// Recomputes latest starts from position `from` back to the depot. With
    /// `until_unchanged`, only until one is what it was: every earlier one then is too.
    fn latest_back_from(&mut self, p: &Problem, from: usize, until_unchanged: bool) {
        let profile = p.vehicle_types[self.vehicle_type].profile;
        for j in (1..=from).rev() {
            let (windows, service) = self.windows_and_service(p, j - 1);
            let bound = self.latest[j + 1]
                - p.matrix.duration(profile, self.loc[j], self.loc[j + 1])
                - service;
            let latest = latest_in(windows, bound);
            if until_unchanged && j < from && latest == self.latest[j] {
                return;
            }
            self.latest[j] = latest;
        }
        self.latest[0] = self.latest[1] - p.matrix.duration(profile, self.loc[0], self.loc[1]);
    }

    /// The load over capacity at the end of each trip (where a trip carries most), summed
    /// over trips and dimensions.
    fn load_over_capacity(&self, capacity: &[i64]) -> i64 {
        let dims = self.dims;
        let n = self.visits.len();
        let ends = (1..=n)
            .filter(|&i| matches!(self.visits[i - 1], Visit::Hub(_)))
            .map(|i| i - 1)
            .chain(std::iter::once(n + 1));
        ends.map(|i| {
            self.on_board[i * dims..(i + 1) * dims]
                .iter()
                .zip(capacity)
                .map(|(l, c)| (l - c).max(0))
                .sum::<i64>()
        })
        .sum()
    }

    /// What the tour costs the search: its cost, and while rules may be broken what its
    /// violations cost; a tour that breaks a rule when none may be broken costs
    /// [`INFEASIBLE`].
    pub fn penalised_cost(&self, ctx: &Context) -> i64 {
        if self.feasible {
            return self.cost;
        }
        match ctx.penalty_for(self.vehicle_type) {
            Some(penalty) => self.cost.saturating_add(penalty.price(
                self.time_warp,
                self.excess_load,
                self.excess_distance,
            )),
            None => INFEASIBLE,
        }
    }

    fn windows_and_service<'p>(&self, p: &'p Problem, k: usize) -> (&'p [Window], i64) {
        match self.visits[k] {
            Visit::Stop(s) => (&p.stops[s].windows, p.stops[s].service),
            Visit::Hub(h) => (&p.hubs[h].windows, p.hubs[h].service),
        }
    }

    /// Unloadings with nothing to unload (first, last, or one after another) or whose two
    /// trips fit in the vehicle together go; ruin leaves such hubs behind.
    fn drop_needless_hubs(&mut self, ctx: &Context) {
        if !self.visits.iter().any(|x| matches!(x, Visit::Hub(_))) {
            return;
        }
        let p = ctx.problem;
        let capacity = &p.vehicle_types[self.vehicle_type].capacity;
        // Trips between unloadings, each with its load; hubs[i] follows trips[i].
        let mut trips: Vec<(Vec<Visit>, Vec<i64>)> = vec![(Vec::new(), vec![0; capacity.len()])];
        let mut hubs: Vec<usize> = Vec::new();
        for &x in &self.visits {
            match x {
                Visit::Stop(s) => {
                    let trip = trips.last_mut().expect("one trip at least");
                    trip.0.push(x);
                    add(&mut trip.1, &p.stops[s].demand);
                }
                Visit::Hub(h) => {
                    hubs.push(h);
                    trips.push((Vec::new(), vec![0; capacity.len()]));
                }
            }
        }
        let mut visits = Vec::with_capacity(self.visits.len());
        let mut load: Option<Vec<i64>> = None;
        for (i, (stops, trip_load)) in trips.into_iter().enumerate() {
            if stops.is_empty() {
                continue;
            }
            match load.as_mut() {
                Some(on_board) if fits_together(on_board, &trip_load, capacity) => {
                    add(on_board, &trip_load);
                }
                Some(on_board) => {
                    visits.push(Visit::Hub(hubs[i - 1]));
                    *on_board = trip_load;
                }
                None => load = Some(trip_load),
            }
            visits.extend(stops);
        }
        self.visits = visits;
    }

    /// The route as the solution gives it.
    pub fn to_route(&self) -> Route {
        Route {
            vehicle_type: self.vehicle_type,
            visits: self.visits.clone(),
            break_at: self.break_at,
        }
    }

    /// Whether the tour has neither unloadings nor a break: the shape the constant-time
    /// tests of whole tails assume.
    pub fn is_plain(&self, ctx: &Context) -> bool {
        ctx.problem.vehicle_types[self.vehicle_type].rest.is_none()
            && self.visits.iter().all(|v| matches!(v, Visit::Stop(_)))
    }

    /// Whether stop `s` could go anywhere in this tour as far as the vehicle's features go.
    pub fn may_take(&self, ctx: &Context, s: usize) -> bool {
        ctx.compatible[self.vehicle_type][s]
    }

    /// The cost of putting stop `s` after position `gap` (0: right after the depot) and
    /// how, or `None` when it does not fit there or would cost `bound` or more. The
    /// duration part of the cost is estimated from travel and service, except for
    /// vehicles with a break, whose candidates are evaluated in full.
    pub fn insertion_cost(
        &self,
        ctx: &Context,
        s: usize,
        gap: usize,
        bound: i64,
    ) -> Option<(i64, Insertion)> {
        let p = ctx.problem;
        let v = &p.vehicle_types[self.vehicle_type];
        let stop = &p.stops[s];
        let room = |load: &[i64]| {
            load.iter()
                .zip(&stop.demand)
                .zip(&v.capacity)
                .all(|((l, d), c)| l + d <= *c)
        };
        let dims = self.dims;
        let trip_load = &self.trip_load[gap * dims..(gap + 1) * dims];
        let fits_alone = room(trip_load);
        let penalty = ctx.penalty_for(self.vehicle_type);
        let mut best: Option<(i64, Insertion)> = None;
        if fits_alone || penalty.is_some() {
            // While rules may be broken, an overloaded trip is a price, not a wall.
            let extra = match penalty {
                Some(penalty) if !fits_alone => {
                    let overload: i64 = trip_load
                        .iter()
                        .zip(&stop.demand)
                        .zip(&v.capacity)
                        .map(|((l, d), c)| (l + d - c).max(0) - (l - c).max(0))
                        .sum();
                    penalty.price(0, overload, 0)
                }
                _ => 0,
            };
            best = self
                .try_chain(ctx, s, gap, None, bound.saturating_sub(extra), penalty)
                .map(|c| (c + extra, Insertion::Alone));
        }
        if !fits_alone && !v.reload_hubs.is_empty() {
            // Full: unload right before it (it starts a new trip with the rest of this
            // one), or right after it (this trip ends with it).
            let before_load = &self.on_board[gap * dims..(gap + 1) * dims];
            let rest: Vec<i64> = trip_load
                .iter()
                .zip(before_load)
                .map(|(t, b)| t - b)
                .collect();
            let h = self.nearest_hub(ctx, gap, stop.location);
            if room(&rest) {
                let bound = best.map_or(bound, |b| b.0);
                if let Some(c) = self.try_chain(ctx, s, gap, Some((h, true)), bound, penalty) {
                    best = Some((c, Insertion::HubBefore(h)));
                }
            }
            let rest_fits = rest.iter().zip(&v.capacity).all(|(r, c)| r <= c);
            if room(before_load) && rest_fits {
                let bound = best.map_or(bound, |b| b.0);
                if let Some(c) = self.try_chain(ctx, s, gap, Some((h, false)), bound, penalty) {
                    best = Some((c, Insertion::HubAfter(h)));
                }
            }
        }
        let (cost, how) = best?;
        if v.rest.is_none() {
            return Some((cost, how));
        }
        // A break moves times: evaluate the route with the stop in, break placed best.
        let mut trial = self.clone();
        trial.apply(s, gap, how);
        let (_, timing) = best_break(p, trial.to_route())?;
        let exact = timing.cost - self.cost;
        (exact < bound).then_some((exact, how))
    }

    /// What putting stop `s` alone after a position adds in arcs and service at the
    /// vehicle's prices, per position: the first part of [`Tour::insertion_cost`], and a
    /// lower bound of it for vehicles that neither reload nor rest, so that a gap can be
    /// passed over without the full test. Travel times are read only when time costs.
    pub fn detours<'a>(&'a self, ctx: &'a Context, s: usize) -> impl Fn(usize) -> i64 + 'a {
        let p = ctx.problem;
        let v = &p.vehicle_types[self.vehicle_type];
        let m = &p.matrix;
        let (l, service) = (p.stops[s].location, p.stops[s].service);
        let (per_distance, per_time, profile) = (v.distance_cost, v.duration_cost, v.profile);
        move |gap| {
            let (a, b) = (self.loc[gap], self.loc[gap + 1]);
            // The arc left is read from the tour's running distance, not the matrix.
            let arc = self.driven[gap + 1] - self.driven[gap];
            let mut cost = per_distance * (m.distance(a, l) + m.distance(l, b) - arc);
            if per_time != 0 {
                cost += per_time
                    * (m.duration(profile, a, l) + service + m.duration(profile, l, b)
                        - m.duration(profile, a, b));
            }
            cost
        }
    }

    /// The gaps where stop `s` can be on time, as far as the caches tell: after `gap` the
    /// vehicle leaves no earlier than its ready time, and the visit after it must start by
    /// its latest start. On a tour that keeps its windows both grow along the route, so
    /// the gaps that pass are one run, found by two binary searches; every other gap fails
    /// [`Tour::insertion_cost`]'s time test. All gaps while lateness is priced.
    pub fn gaps_on_time(&self, ctx: &Context, s: usize) -> Range<usize> {
        let gaps = self.visits.len() + 1;
        if self.time_warp != 0 || ctx.penalty_for(self.vehicle_type).is_some() {
            return 0..gaps;
        }
        let stop = &ctx.problem.stops[s];
        let (first, last) = (stop.windows[0], stop.windows[stop.windows.len() - 1]);
        // Leaving the visit before the gap after the stop's last window closes is late;
        // so is a visit after the gap that must start before the stop can be done.
        let end = self.ready[..gaps].partition_point(|&ready| ready <= last.close);
        let done = first.open + stop.service;
        let start = self.latest[1..=gaps].partition_point(|&latest| latest < done);
        start..end.max(start)
    }

    /// Whether [`Tour::detours`] bound every insertion's cost from below: the vehicle
    /// neither reloads nor rests.
    pub fn detour_bounds(&self, ctx: &Context) -> bool {
        let v = &ctx.problem.vehicle_types[self.vehicle_type];
        v.reload_hubs.is_empty() && v.rest.is_none()
    }

    /// The hub nearest to the way from the visit before `gap` to `to`.
    fn nearest_hub(&self, ctx: &Context, gap: usize, to: usize) -> usize {
        let p = ctx.problem;
        let v = &p.vehicle_types[self.vehicle_type];
        let from = self.loc[gap];
        *v.reload_hubs
            .iter()
            .min_by_key(|&&h| {
                let l = p.hubs[h].location;
                (p.matrix.distance(from, l) + p.matrix.distance(l, to), h)
            })
            .expect("only called for vehicles that reload")
    }

    /// Cost of the chain from position `gap` through the stop (and a hub before or after
    /// it) to position `gap + 1`, if on time and within range and cheaper than `bound`.
    /// With a `penalty`, lateness and range are priced instead: the time warp the chain
    /// adds is estimated from how far it pushes the next visit past its latest start.
    fn try_chain(
        &self,
        ctx: &Context,
        s: usize,
        gap: usize,
        hub: Option<(usize, bool)>,
        bound: i64,
        penalty: Option<Penalty>,
    ) -> Option<i64> {
        let p = ctx.problem;
        let v = &p.vehicle_types[self.vehicle_type];
        let m = &p.matrix;
        let stop = &p.stops[s];
        let (a, b) = (self.loc[gap], self.loc[gap + 1]);
        // The chain's places with their windows and service.
        let mut chain: [(usize, &[Window], i64); 2] =
            [(stop.location, &stop.windows, stop.service); 2];
        let mut len = 1;
        if let Some((h, before)) = hub {
            let hub = &p.hubs[h];
            let entry = (hub.location, hub.windows.as_slice(), hub.service);
            if before {
                chain = [entry, (stop.location, &stop.windows, stop.service)];
            } else {
                chain[1] = entry;
            }
            len = 2;
        }
        let mut added = -m.distance(a, b);
        let mut extra_time = -m.duration(v.profile, a, b);
        let mut at = a;
        for &(l, _, service) in &chain[..len] {
            added += m.distance(at, l);
            extra_time += m.duration(v.profile, at, l) + service;
            at = l;
        }
        added += m.distance(at, b);
        extra_time += m.duration(v.profile, at, b);
        let fixed = if self.is_empty() { v.fixed_cost } else { 0 };
        let mut cost = fixed + v.distance_cost * added + v.duration_cost * extra_time;
        // The cheap part first: most positions lose on cost before time is looked at.
        if cost >= bound {
            return None;
        }
        if let Some(max) = v.max_distance {
            let over = (self.distance + added - max).max(0) - (self.distance - max).max(0);
            match penalty {
                _ if over <= 0 => {}
                Some(penalty) => cost = cost.saturating_add(penalty.price(0, 0, over)),
                None => return None,
            }
        }
        let mut t = self.ready[gap];
        let mut at = a;
        let mut warp = 0;
        for &(l, windows, service) in &chain[..len] {
            let arrival = t + m.duration(v.profile, at, l);
            let start = match earliest_in(windows, arrival) {
                Some(start) => start,
                None if penalty.is_some() => {
                    let close = windows.last().map_or(arrival, |w| w.close);
                    warp += arrival - close;
                    close
                }
                None => return None,
            };
            t = start + service;
            at = l;
        }
        warp += (t + m.duration(v.profile, at, b) - self.latest[gap + 1]).max(0);
        match penalty {
            _ if warp == 0 => {}
            Some(penalty) => cost = cost.saturating_add(penalty.price(warp, 0, 0)),
            None => return None,
        }
        (cost < bound).then_some(cost)
    }

    /// Puts stop `s` in after position `gap` as `how` says; the caller refreshes.
    pub fn apply(&mut self, s: usize, gap: usize, how: Insertion) {
        insert(&mut self.visits, s, gap, how);
    }
}

/// Puts stop `s` into `visits` after position `gap` as `how` says.
pub fn insert(visits: &mut Vec<Visit>, s: usize, gap: usize, how: Insertion) {
    match how {
        Insertion::Alone => visits.insert(gap, Visit::Stop(s)),
        Insertion::HubBefore(h) => {
            visits.insert(gap, Visit::Stop(s));
            visits.insert(gap, Visit::Hub(h));
        }
        Insertion::HubAfter(h) => {
            visits.insert(gap, Visit::Hub(h));
            visits.insert(gap, Visit::Stop(s));
        }
    }
}

fn add(into: &mut [i64], more: &[i64]) {
    for (a, b) in into.iter_mut().zip(more) {
        *a += b;
    }
}

fn fits_together(a: &[i64], b: &[i64], capacity: &[i64]) -> bool {
    a.iter().zip(b).zip(capacity).all(|((x, y), c)| x + y <= *c)
}

/// The latest moment at or before `at` inside one of `windows`; below every window, the
/// first one's opening: the rest of the route is late from any start, and starting later
/// than that makes it later still (what an insertion's time warp is estimated from).
fn latest_in(windows: &[Window], at: i64) -> i64 {
    match windows.iter().rev().find(|w| w.open <= at) {
        Some(w) => at.min(w.close),
        None => windows.first().map_or(at, |w| w.open),
    }
}

/// The cheapest feasible placement of the driver's break in `route` (none, if the route
/// is back before the break is due), with its timing.
pub fn best_break(p: &Problem, mut route: Route) -> Option<(Route, Timing)> {
    let mut best: Option<(Route, Timing)> = None;
    let placements = std::iter::once(None).chain((0..=route.visits.len()).map(Some));
    for at in placements {
        route.break_at = at;
        if let Ok(timing) = p.timing(&route)
            && best.as_ref().is_none_or(|(_, b)| timing.cost < b.cost)
        {
            best = Some((route.clone(), timing));
        }
    }
    best
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::generate::city;
    use crate::search::recreate::first_solution;
    use rand::{Rng, SeedableRng};
    use rand_chacha::ChaCha8Rng;

    /// Every gap outside [`Tour::gaps_on_time`] fails the insertion test, on Solomon's C101
    /// (narrow windows) and on generated cities (unloadings, two load dimensions, range,
    /// two vehicle types); and the run leaves out many gaps and keeps some that pass.
    #[test]
    fn no_gap_left_out_could_take_the_stop() {
        let c101 = c101();
        let problems = std::iter::once(c101).chain((0..6).map(|seed| city(80, seed)));
        let (mut left_out, mut kept_and_fit) = (0, 0);
        for (k, p) in problems.enumerate() {
            let ctx = Context::new(&p);
            let state = first_solution(&ctx, &mut ChaCha8Rng::seed_from_u64(k as u64));
            for tour in state.tours.iter().filter(|t| t.feasible) {
                for s in 0..p.stops.len() {
                    let on_time = tour.gaps_on_time(&ctx, s);
                    for gap in 0..=tour.visits.len() {
                        let fits = tour.insertion_cost(&ctx, s, gap, i64::MAX).is_some();
                        if on_time.contains(&gap) {
                            kept_and_fit += usize::from(fits);
                        } else {
                            assert!(!fits, "problem {k}, stop {s}, gap {gap} fits");
                            left_out += 1;
                        }
                    }
                }
            }
        }
        assert!(
            left_out > 1000 && kept_and_fit > 1000,
            "{left_out} {kept_and_fit}"
        );
    }

    /// [`Tour::insert_on_time`] leaves the very caches [`Tour::apply`] and a full refresh
    /// give, for any stop at any gap — also where the stop makes the tour late, overloaded
    /// or too long: on C101 and on generated cities without unloadings (two load
    /// dimensions, range, some stops with two windows).
    #[test]
    fn inserting_on_time_keeps_the_caches_a_refresh_gives() {
        let c101 = c101();
        let cities = (0..4).map(|seed| {
            let mut p = city(60, seed);
            p.vehicle_types
                .iter_mut()
                .for_each(|v| v.reload_hubs.clear());
            for stop in p.stops.iter_mut().step_by(4) {
                let w = stop.windows[0];
                stop.windows = vec![
                    Window::new(w.open, w.open + 1800),
                    Window::new(w.open + 3600, w.close + 3600),
                ];
            }
            p
        });
        let mut checked = 0;
        for (k, p) in std::iter::once(c101).chain(cities).enumerate() {
            let ctx = Context::new(&p);
            let mut rng = ChaCha8Rng::seed_from_u64(k as u64);
            let state = first_solution(&ctx, &mut rng);
            // Anywhere, on time or not: the caches must follow.
            ctx.penalty.set(Some(Penalty {
                time_warp: 1,
                load: 1,
                distance: 1,
            }));
            for tour in state.tours.iter().filter(|t| t.time_warp == 0) {
                for _ in 0..20 {
                    let s = rng.random_range(0..p.stops.len());
                    let gap = rng.random_range(0..=tour.visits.len());
                    let mut quick = tour.clone();
                    quick.insert_on_time(&ctx, s, gap);
                    let mut full = tour.clone();
                    full.apply(s, gap, Insertion::Alone);
                    full.refresh(&ctx);
                    assert_same_caches(&quick, &full, &format!("problem {k}, stop {s}, gap {gap}"));
                    checked += 1;
                }
            }
        }
        assert!(checked > 500, "{checked}");
    }

    /// Solomon's C101 (narrow windows), from the repository's fixture.
    fn c101() -> Problem {
        crate::solomon::parse(include_str!("../../../../tests/fixtures/solomon/C101.txt"))
            .expect("C101")
            .problem
    }

    fn assert_same_caches(a: &Tour, b: &Tour, what: &str) {
        assert_eq!(a.visits, b.visits, "{what}: visits");
        assert_eq!(a.loc, b.loc, "{what}: locations");
        assert_eq!(a.ready, b.ready, "{what}: ready");
        assert_eq!(a.latest, b.latest, "{what}: latest");
        assert_eq!(a.driven, b.driven, "{what}: driven");
        assert_eq!(a.on_board, b.on_board, "{what}: on board");
        assert_eq!(a.trip_load, b.trip_load, "{what}: trip load");
        let values = |t: &Tour| (t.distance, t.cost, t.break_at, t.feasible, t.time_warp);
        assert_eq!(
            values(a),
            values(b),
            "{what}: distance, cost, break, feasible, warp"
        );
        let counts = |t: &Tour| (t.excess_load, t.excess_distance, t.stop_count);
        assert_eq!(
            counts(a),
            counts(b),
            "{what}: excess load and distance, stops"
        );
    }
}
