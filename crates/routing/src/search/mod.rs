//! The search: every stop put in where it costs least, then ruin and recreate under
//! simulated annealing until a time or iteration limit — take strings of neighbouring
//! stops out, put them back differently, keep the result by the annealing rule, and
//! remember the best. Seeded, so the same seed and iteration limit give the same answer.
//!
//! - [`tour`]: a route under construction and its constant-time insertion check.
//! - [`neighbours`]: who is near whom, in place and, for the last polish, in time too.
//! - [`ruin`]: string removals around a random stop.
//! - [`recreate`]: greedy insertion with blinks.
//! - [`local`]: local search (relocate, swap, 2-opt, 2-opt*, SWAP*) on every new best
//!   solution, wider and with strings of stops on the last; the repair of solutions that
//!   break a rule.
//! - [`penalty`]: lateness, overload and range priced, so the search may pass through
//!   solutions that break them; penalties that adapt, and the repair.
//! - [`schedule`]: how far through its limits the search is, and how hot it runs.
//! - [`fleet`]: when vehicles come first, routes taken out one by one while all fits.

pub mod fleet;
pub mod local;
pub mod neighbours;
pub mod penalty;
pub mod recreate;
pub mod ruin;
pub mod schedule;
pub mod tour;

use crate::problem::Problem;
use crate::route::{Route, Visit};
use crate::solution::{Solution, Unserved};
use crate::why::Why;
use local::Reach;
use penalty::Penalties;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use schedule::{Cooling, Phase, Stretch};
use std::time::{Duration, Instant};
use tour::{Context, Tour};

/// When the search stops: whichever limit comes first. With neither, it stops after
/// the first solution.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Limits {
    pub time: Option<Duration>,
    pub iterations: Option<u64>,
}

impl Limits {
    pub fn time(seconds: f64) -> Self {
        Self {
            time: Some(Duration::from_secs_f64(seconds.max(0.0))),
            iterations: None,
        }
    }

    pub fn iterations(n: u64) -> Self {
        Self {
            time: None,
            iterations: Some(n),
        }
    }
}

/// Stops not in any tour.
pub type Absent = Vec<usize>;

/// Every vehicle's tour, where each stop is, and the stops left out.
#[derive(Clone)]
pub struct State {
    pub tours: Vec<Tour>,
    /// Per stop: (tour, position), or `None` when absent.
    pub place: Vec<Option<(usize, usize)>>,
    pub absent: Absent,
    /// Tours as they were before the current move, to put back if it is rejected.
    journal: Vec<(usize, Tour)>,
    spare: Spare,
}

/// Tours no longer needed, whose room the journal reuses: keeping a tour before a move
/// then allocates nothing. A copy of the state starts without them.
#[derive(Default)]
struct Spare(Vec<Tour>);

impl Clone for Spare {
    fn clone(&self) -> Self {
        Self::default()
    }
}

impl State {
    fn new(ctx: &Context) -> Self {
        let tours = ctx
            .problem
            .vehicle_types
            .iter()
            .enumerate()
            .flat_map(|(k, v)| std::iter::repeat_n(k, v.count))
            .map(|k| Tour::empty(ctx, k))
            .collect();
        Self {
            tours,
            place: vec![None; ctx.problem.stops.len()],
            absent: (0..ctx.problem.stops.len()).collect(),
            journal: Vec::new(),
            spare: Spare::default(),
        }
    }

    /// A state of `tours` and the `absent` stops, each stop's place found.
    fn of(ctx: &Context, tours: Vec<Tour>, absent: Absent) -> Self {
        let mut state = Self {
            tours,
            place: vec![None; ctx.problem.stops.len()],
            absent,
            journal: Vec::new(),
            spare: Spare::default(),
        };
        for t in 0..state.tours.len() {
            state.place_stops_of(t);
        }
        state
    }

    /// Keeps tour `t` as it is before the move changes it.
    pub fn touch(&mut self, t: usize) {
        if !self.journal.iter().any(|(k, _)| *k == t) {
            let kept = match self.spare.0.pop() {
                Some(mut spare) => {
                    spare.clone_from(&self.tours[t]);
                    spare
                }
                None => self.tours[t].clone(),
            };
            self.journal.push((t, kept));
        }
    }

    /// Forgets the tours kept before the last move: it stays.
    fn forget_move(&mut self) {
        let kept = self.journal.drain(..).map(|(_, tour)| tour);
        self.spare.0.extend(kept);
    }

    /// Keeps tour `t` as it was with `old` visits, unless kept already: for a change
    /// made in place of a copy, whose undo must also undo it.
    pub fn remember(&mut self, ctx: &Context, t: usize, old: Vec<Visit>) {
        if !self.journal.iter().any(|(k, _)| *k == t) {
            let mut tour = self.tours[t].clone();
            tour.visits = old;
            tour.refresh(ctx);
            self.journal.push((t, tour));
        }
    }

    /// Puts the touched tours back as they were and forgets the move.
    fn undo(&mut self, absent_before: &[usize]) {
        // All places cleared first: a stop may have moved from one touched tour to another.
        for (t, _) in &self.journal {
            for visit in &self.tours[*t].visits {
                if let Visit::Stop(s) = *visit {
                    self.place[s] = None;
                }
            }
        }
        let mut journal = std::mem::take(&mut self.journal);
        for (t, old) in journal.drain(..) {
            let rejected = std::mem::replace(&mut self.tours[t], old);
            self.spare.0.push(rejected);
            self.place_stops_of(t);
        }
        self.journal = journal;
        self.absent.clear();
        self.absent.extend_from_slice(absent_before);
    }

    /// Puts stop `s` into tour `t` after `gap` visits, as `how` says.
    pub fn insert(&mut self, ctx: &Context, s: usize, t: usize, gap: usize, how: tour::Insertion) {
        self.touch(t);
        let tour = &mut self.tours[t];
        if how == tour::Insertion::Alone && tour.time_warp == 0 && tour.detour_bounds(ctx) {
            tour.insert_on_time(ctx, s, gap);
            self.place_stops_from(t, gap);
        } else {
            tour.apply(s, gap, how);
            self.retour(ctx, t);
        }
    }

    /// Refreshes tour `t`'s caches and its stops' places.
    pub fn retour(&mut self, ctx: &Context, t: usize) {
        self.tours[t].refresh(ctx);
        self.place_stops_of(t);
    }

    fn place_stops_of(&mut self, t: usize) {
        self.place_stops_from(t, 0);
    }

    /// Places the stops of tour `t` from visit `first` on: those before have not moved.
    fn place_stops_from(&mut self, t: usize, first: usize) {
        for (i, visit) in self.tours[t].visits.iter().enumerate().skip(first) {
            if let Visit::Stop(s) = *visit {
                self.place[s] = Some((t, i));
            }
        }
    }

    /// The objective: the tours' costs as the search counts them (with what their broken
    /// rules cost, see [`Tour::penalised_cost`]) and what the absent stops cost.
    fn cost(&self, ctx: &Context, skip_prices: &[i64]) -> i64 {
        let tours = self
            .tours
            .iter()
            .fold(0i64, |sum, t| sum.saturating_add(t.penalised_cost(ctx)));
        self.absent
            .iter()
            .fold(tours, |sum, &s| sum.saturating_add(skip_prices[s]))
    }

    /// How many stops a used tour serves on average; 0 when none is used.
    fn stops_per_route(&self) -> f64 {
        let served: usize = self.tours.iter().map(|t| t.stop_count).sum();
        let used = self.tours.iter().filter(|t| !t.is_empty()).count();
        served as f64 / used.max(1) as f64
    }

    /// Whether every tour keeps every rule.
    fn is_feasible(&self) -> bool {
        self.tours.iter().all(|t| t.feasible)
    }

    /// Which rules every tour keeps: time windows, capacity, range.
    fn rules_kept(&self) -> (bool, bool, bool) {
        let all = |broken: fn(&Tour) -> i64| self.tours.iter().all(|t| broken(t) == 0);
        (
            all(|t| t.time_warp),
            all(|t| t.excess_load),
            all(|t| t.excess_distance),
        )
    }
}

/// What leaving each stop out costs in the search: its skip penalty, or for a required
/// stop more than serving any stop could ever cost, so that serving always wins.
fn skip_prices(problem: &Problem) -> Vec<i64> {
    let m = &problem.matrix;
    let longest_arc = m.distance.iter().copied().max().unwrap_or(0);
    let longest_trip = m.duration.iter().flatten().copied().max().unwrap_or(0);
    let most = problem
        .vehicle_types
        .iter()
        .map(|v| {
            v.fixed_cost
                + 2 * v.distance_cost * longest_arc
                + v.duration_cost
                    * (2 * longest_trip
                        + problem.stops.iter().map(|s| s.service).max().unwrap_or(0))
        })
        .max()
        .unwrap_or(0);
    let required = 2 * most + 1;
    problem
        .stops
        .iter()
        .map(|s| s.skip_penalty.unwrap_or(required))
        .collect()
}

/// What the search minimises.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Objective {
    /// The solution's cost: the routes' costs and the skipped stops' penalties.
    #[default]
    Cost,
    /// Vehicles first, then cost (the hierarchical convention of Solomon's benchmark):
    /// one route fewer is worth more than any saving in distance, and a fleet phase
    /// ([`fleet`]) tries to do with fewer routes before the cost is minimised.
    VehiclesFirst,
}

/// How the search treats solutions that break a rule: late, overloaded, or beyond a
/// vehicle's range.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Rules {
    /// Never built: every solution the search holds keeps every rule.
    #[default]
    Kept,
    /// Built when cheap enough at adaptive penalties ([`penalty`]), as HGS and PyVRP do,
    /// and mended by the local search at ten times the penalties before the annealing
    /// judges them; what cannot be mended is not kept.
    Penalised,
}

/// What the search minimises and how it treats broken rules on the way.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Strategy {
    pub objective: Objective,
    pub rules: Rules,
}

impl From<Objective> for Strategy {
    fn from(objective: Objective) -> Self {
        Self {
            objective,
            rules: Rules::default(),
        }
    }
}

/// When the search's best solution improved, and to what: for convergence tables.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Improvement {
    /// Since the search began.
    pub after: Duration,
    /// The best solution's cost then, as [`Solution::cost`] counts it.
    pub cost: i64,
    /// Whether it served every required stop.
    pub feasible: bool,
}

/// Builds a first solution and improves it until a limit; checked by the caller. Returns
/// the solution and each improvement of the best on the way.
pub fn solve(
    problem: &Problem,
    limits: Limits,
    seed: u64,
    strategy: Strategy,
) -> (Solution, Vec<Improvement>) {
    let began = Instant::now();
    let objective = strategy.objective;
    let route_price = match objective {
        Objective::Cost => 0,
        Objective::VehiclesFirst => fleet::route_price(problem),
    };
    let priced = fleet::priced(problem, route_price);
    let ctx = Context::new(priced.as_ref().unwrap_or(problem));
    let mut search = Search::new(&ctx, strategy, route_price, seed, began);
    if problem.stops.is_empty() || (limits.iterations.is_none() && limits.time.is_none()) {
        return (finish(&ctx, problem, &search.best, 0), search.trace);
    }
    let mut phase = Phase::all(&limits, began);
    if objective == Objective::VehiclesFirst {
        let (fleet_phase, rest) = phase.split(FLEET_SHARE);
        fleet::shrink(&mut search, &fleet_phase);
        phase = rest;
    }
    search.anneal(&phase);
    search.polish(search.best.clone(), Reach::Wide);
    let solution = finish(&ctx, problem, &search.best, search.iterations);
    (solution, search.trace)
}

/// The share of the limits the fleet phase may use, when vehicles come first.
const FLEET_SHARE: f64 = 0.4;

/// The annealing's state: the current solution, the best one, and the temperatures.
pub struct Search<'c, 'p> {
    pub ctx: &'c Context<'p>,
    skip_prices: Vec<i64>,
    /// What breaking a rule costs and how the proposals keep the rules, while they may be
    /// broken ([`Rules::Penalised`]: `ctx.penalty` is set).
    penalties: Penalties,
    rng: ChaCha8Rng,
    pub current: State,
    current_cost: i64,
    pub best: State,
    best_cost: i64,
    cooling: Cooling,
    pub iterations: u64,
    removed: Absent,
    absent_before: Absent,
    route_price: i64,
    began: Instant,
    trace: Vec<Improvement>,
}

impl<'c, 'p> Search<'c, 'p> {
    /// Every stop put in where it costs least; temperatures in the problem's cost units,
    /// relative to the average cost of serving one stop in that first solution, the
    /// vehicles-first price of its routes left out.
    fn new(
        ctx: &'c Context<'p>,
        strategy: Strategy,
        route_price: i64,
        seed: u64,
        began: Instant,
    ) -> Self {
        let problem = ctx.problem;
        let skip_prices = skip_prices(problem);
        let penalties = Penalties::new(problem);
        let mut rng = ChaCha8Rng::seed_from_u64(seed);
        // The first solution keeps every rule; from then on they may be broken.
        ctx.penalty.set(None);
        let current = recreate::first_solution(ctx, &mut rng);
        if strategy.rules == Rules::Penalised {
            ctx.penalty.set(Some(penalties.current));
        }
        let current_cost = current.cost(ctx, &skip_prices);
        let served = problem.stops.len() - current.absent.len();
        let routes_cost: i64 = current
            .tours
            .iter()
            .filter(|t| !t.is_empty())
            .map(|t| t.cost - route_price)
            .sum();
        let per_stop = (routes_cost as f64 / served.max(1) as f64).max(1.0);
        let mut search = Self {
            ctx,
            best: current.clone(),
            best_cost: current_cost,
            current,
            current_cost,
            skip_prices,
            penalties,
            rng,
            cooling: Cooling::per_stop(per_stop),
            iterations: 0,
            removed: Vec::new(),
            absent_before: Vec::new(),
            route_price,
            began,
            trace: Vec::new(),
        };
        search.note_best();
        search
    }

    /// Writes the best solution into the trace when it is better than the last one there
    /// (the fleet phase restarts from worse solutions on purpose).
    fn note_best(&mut self) {
        let p = self.ctx.problem;
        let used = self.best.tours.iter().filter(|t| !t.is_empty()).count() as i64;
        let cost = self.best_cost - self.route_price * used;
        let feasible = self
            .best
            .absent
            .iter()
            .all(|&s| p.stops[s].skip_penalty.is_some());
        let better = self.trace.last().is_none_or(|last| {
            (feasible, std::cmp::Reverse(cost)) > (last.feasible, std::cmp::Reverse(last.cost))
        });
        if better {
            self.trace.push(Improvement {
                after: self.began.elapsed(),
                cost,
                feasible,
            });
        }
    }

    /// Ruin and recreate under simulated annealing until `phase` is over. Its hot first
    /// part is run as several chains and the rest goes on from the one that ended lowest
    /// ([`Search::choose_basin`]); when the best has not improved for a while, the search
    /// is warmed again from the best.
    fn anneal(&mut self, phase: &Phase) {
        self.cooling = self.cooling.restarted();
        let (head, tail) = phase.split(schedule::HEAD);
        self.choose_basin(&head);
        let stretch = Stretch::new(schedule::HEAD, 1.0);
        while !tail.is_over(self.iterations) {
            let progress = self.step(&tail, stretch);
            if self.cooling.is_stalled(progress) {
                // From the best, which the local search polished: the current is no better.
                self.cooling.warm_at(progress);
                self.current = self.best.clone();
                self.current_cost = self.best_cost;
            }
        }
    }

    /// Runs [`schedule::CHAINS`] chains one after the other over `head`, each from the
    /// current solution and cooling over its share as far as the whole head cools; the
    /// current solution is then the one that ended lowest. Where the search freezes is
    /// decided while it is hot — on long routes, how many routes it keeps (r2_2_1: 11 to
    /// 13 between seeds, 0.33 to 1.10 % over the best known) — and one hot run is one
    /// draw; two are a choice.
    fn choose_basin(&mut self, head: &Phase) {
        let start = (self.current.clone(), self.current_cost);
        let stretch = Stretch::new(0.0, schedule::HEAD);
        let mut chosen: Option<(State, i64)> = None;
        let mut rest = *head;
        for k in 0..schedule::CHAINS {
            let (chain, after) = rest.split(1.0 / (schedule::CHAINS - k) as f64);
            rest = after;
            if k > 0 {
                (self.current, self.current_cost) = (start.0.clone(), start.1);
            }
            while !chain.is_over(self.iterations) {
                self.step(&chain, stretch);
            }
            if chosen.as_ref().is_none_or(|c| self.current_cost < c.1) {
                chosen = Some((self.current.clone(), self.current_cost));
            }
        }
        if let Some((state, cost)) = chosen {
            (self.current, self.current_cost) = (state, cost);
        }
    }

    /// One ruin and recreate of the current solution, kept by the annealing rule at the
    /// temperature of where `phase` is in the cooling (`stretch`), or undone; a new best
    /// is polished by the local search. Returns how far through the cooling the search is.
    fn step(&mut self, phase: &Phase, stretch: Stretch) -> f64 {
        let ctx = self.ctx;
        self.iterations += 1;
        let current = &mut self.current;
        self.absent_before.clear();
        self.absent_before.extend_from_slice(&current.absent);
        current.forget_move();
        self.removed.clear();
        self.removed.append(&mut current.absent);
        ruin::ruin(ctx, current, &mut self.rng, &mut self.removed);
        recreate::recreate(ctx, current, &mut self.rng, &mut self.removed);
        current.absent = std::mem::take(&mut self.removed);
        let mut next_cost = current.cost(ctx, &self.skip_prices);
        let kept = ctx.penalty.get().map(|_| current.rules_kept());
        let progress = stretch.at(phase.progress(self.iterations));
        let temperature = self.cooling.temperature(progress);
        let threshold = self.current_cost as f64 - temperature * self.rng.random::<f64>().ln();
        if let Some(prices) = ctx.penalty.get()
            && !current.is_feasible()
            && (next_cost as f64) < threshold
        {
            // Promising but breaking a rule: mended at higher prices before it is judged.
            ctx.penalty.set(Some(prices.times(REPAIR_FACTOR)));
            local::repair(ctx, current);
            ctx.penalty.set(Some(prices));
            next_cost = if current.is_feasible() {
                current.cost(ctx, &self.skip_prices)
            } else {
                i64::MAX
            };
        }
        if (next_cost as f64) < threshold {
            self.current_cost = next_cost;
            if next_cost < self.best_cost {
                let best = current.clone();
                self.polish(best, Reach::Near);
                self.cooling.improved(progress);
            }
        } else {
            current.undo(&self.absent_before);
        }
        if let Some((on_time, within_load, within_range)) = kept
            && self.penalties.register(on_time, within_load, within_range)
        {
            ctx.penalty.set(Some(self.penalties.current));
        }
        progress
    }

    /// Makes `state`, which keeps every rule, the best after the local search has
    /// polished it as far as `reach` looks — a copy of the current solution: fed back,
    /// its local optima held the annealing in place (G&H 200, twelve instances at 10 s:
    /// 0.51 % against 0.40 %). The last polish looks wide and changes only the end;
    /// every other looks near, as four-seed trials could not tell looking wide there
    /// better (docs/routing.md, "A wider last polish").
    fn polish(&mut self, mut state: State, reach: Reach) {
        let ctx = self.ctx;
        let prices = ctx.penalty.replace(None);
        // A copy's changes need no undo.
        state.journal.clear();
        local::improve(ctx, &mut state, reach);
        state.journal.clear();
        self.best_cost = state.cost(ctx, &self.skip_prices);
        self.best = state;
        ctx.penalty.set(prices);
        self.note_best();
    }

    /// Starts again from `state`, which becomes the current and the best solution.
    fn restart_from(&mut self, state: State) {
        self.current_cost = state.cost(self.ctx, &self.skip_prices);
        self.best_cost = self.current_cost;
        self.best = state.clone();
        self.current = state;
    }
}

/// How much higher the penalties are while an infeasible solution is repaired (HGS's).
const REPAIR_FACTOR: i64 = 10;

/// The solution of a state: its used tours as routes, and a reason for every absent stop;
/// its cost is the `problem`'s, without the vehicles-first price of routes.
fn finish(ctx: &Context, problem: &Problem, state: &State, iterations: u64) -> Solution {
    // The reasons for absent stops are about rules kept, not priced.
    ctx.penalty.set(None);
    let p = problem;
    let routes: Vec<Route> = state
        .tours
        .iter()
        .filter(|t| !t.is_empty())
        .map(Tour::to_route)
        .collect();
    let mut absent = state.absent.clone();
    absent.sort_unstable();
    let unserved: Vec<Unserved> = absent
        .iter()
        .map(|&s| {
            let why = why_unserved(ctx, s);
            Unserved {
                stop: s,
                reason: why.to_string(),
                why,
            }
        })
        .collect();
    let timings: Vec<_> = routes.iter().filter_map(|r| p.timing(r).ok()).collect();
    let cost = timings.iter().map(|t| t.cost).sum::<i64>()
        + absent
            .iter()
            .map(|&s| p.stops[s].skip_penalty.unwrap_or(0))
            .sum::<i64>();
    Solution {
        distance: timings.iter().map(|t| t.distance).sum(),
        cost,
        routes,
        unserved,
        iterations,
    }
}

/// Why a stop is left out: the rule that stops every vehicle type from serving it even
/// alone, or else that no vehicle had room or time left for it.
fn why_unserved(ctx: &Context, s: usize) -> Why {
    let p = ctx.problem;
    let mut vehicles = Vec::new();
    for (k, v) in p.vehicle_types.iter().enumerate() {
        let alone = Tour::empty(ctx, k);
        if alone.may_take(ctx, s) && alone.insertion_cost(ctx, s, 0, i64::MAX).is_some() {
            return if p.stops[s].skip_penalty.is_some() {
                Why::CheaperToSkip
            } else {
                Why::NoRoomOrTime
            };
        }
        let route = Route {
            vehicle_type: k,
            visits: vec![Visit::Stop(s)],
            break_at: None,
        };
        vehicles.push((v.name.clone(), p.timing(&route).err()));
    }
    Why::NoVehicleAlone { vehicles }
}
