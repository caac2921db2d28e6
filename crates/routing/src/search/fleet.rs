//! Vehicles first (the hierarchical convention of Solomon's benchmark): a route is priced
//! above any saving in distance, and before the cost is minimised a fleet phase takes
//! routes out one at a time — the one with the fewest stops, its vehicle with it — and
//! anneals until its stops have found room in the others. A removal that does not succeed
//! within the phase's share of the limits is given up, and the last fleet that served
//! everything it served before stays. The phase keeps every rule even when the search may
//! break them later: a removed route's stops must wait outside while they fit nowhere, and
//! a search that prices lateness would put them all back at once.

use super::schedule::{Phase, Stretch};
use super::tour::{Context, Tour};
use super::{Search, State};
use crate::problem::Problem;

/// What one route costs on top of its vehicle's own fixed cost when vehicles come first:
/// more than every arc of a solution together could cost, so that one route fewer always
/// wins (waiting is not priced in, so with a price on time this holds for travel).
/// Bounded, so that sums over routes and left-out stops cannot overflow.
pub fn route_price(problem: &Problem) -> i64 {
    let m = &problem.matrix;
    let longest_arc = m.distance.iter().copied().max().unwrap_or(0);
    let longest_trip = m.duration.iter().flatten().copied().max().unwrap_or(0);
    let longest_service = problem.stops.iter().map(|s| s.service).max().unwrap_or(0);
    let vehicles: usize = problem.vehicle_types.iter().map(|v| v.count).sum();
    let arcs = (problem.stops.len() + vehicles) as i64;
    let most_per_arc = problem
        .vehicle_types
        .iter()
        .map(|v| {
            v.distance_cost.saturating_mul(longest_arc).saturating_add(
                v.duration_cost
                    .saturating_mul(longest_trip.saturating_add(longest_service)),
            )
        })
        .max()
        .unwrap_or(0);
    arcs.saturating_mul(most_per_arc)
        .saturating_add(1)
        .min(MOST_ROUTE_PRICE)
}

/// A route's price is at most this: 2^40, which a solution's sum over thousands of
/// routes and left-out stops (each priced at twice a route at most) keeps far from
/// `i64::MAX`.
const MOST_ROUTE_PRICE: i64 = 1 << 40;

/// The problem the search works on: `problem` with every route priced `route_price`
/// more, or `None` when there is nothing to add.
pub fn priced(problem: &Problem, route_price: i64) -> Option<Problem> {
    (route_price > 0).then(|| {
        let mut priced = problem.clone();
        for v in &mut priced.vehicle_types {
            v.fixed_cost = v.fixed_cost.saturating_add(route_price);
        }
        priced
    })
}

/// Takes routes out while their stops fit in the others within `phase`; the search then
/// starts from the smallest fleet that served what the first solution served.
pub fn shrink(search: &mut Search, phase: &Phase) {
    let ctx = search.ctx;
    let prices = ctx.penalty.replace(None);
    fewer_routes(search, phase);
    ctx.penalty.set(prices);
}

/// The fleet phase's loop: the smallest route out, anneal until its stops are back.
fn fewer_routes(search: &mut Search, phase: &Phase) {
    let ctx = search.ctx;
    loop {
        let kept = search.best.clone();
        let kept_cost = kept.cost(ctx, &search.skip_prices);
        let Some(smallest) = kept
            .tours
            .iter()
            .enumerate()
            .filter(|(_, t)| !t.is_empty())
            .min_by_key(|(k, t)| (t.stop_count, *k))
            .map(|(k, _)| k)
        else {
            return;
        };
        search.restart_from(without(ctx, &kept, smallest));
        while !phase.is_over(search.iterations) && search.best_cost >= kept_cost {
            search.step(phase, Stretch::WHOLE);
        }
        if search.best_cost >= kept_cost {
            search.restart_from(with_spares(ctx, kept));
            return;
        }
        let fewer = search.best.clone();
        search.restart_from(with_spares(ctx, fewer));
    }
}

/// `state` without tour `t`, whose stops are left out for the annealing to put back, and
/// with one empty tour of each other vehicle type it has to spare: a route may be traded
/// for one of another type (two e-bikes' stops into one van), never added.
fn without(ctx: &Context, state: &State, t: usize) -> State {
    let mut absent = state.absent.clone();
    absent.extend(state.tours[t].visits.iter().filter_map(|v| match *v {
        crate::route::Visit::Stop(s) => Some(s),
        crate::route::Visit::Hub(_) => None,
    }));
    let removed_type = state.tours[t].vehicle_type;
    let mut spare_of = vec![false; ctx.problem.vehicle_types.len()];
    spare_of[removed_type] = true;
    let tours = state
        .tours
        .iter()
        .enumerate()
        .filter(|&(k, tour)| {
            k != t
                && (!tour.is_empty() || !std::mem::replace(&mut spare_of[tour.vehicle_type], true))
        })
        .map(|(_, tour)| tour.clone())
        .collect();
    State::of(ctx, tours, absent)
}

/// `state` with an empty tour for every vehicle it does not use, as the search keeps.
fn with_spares(ctx: &Context, state: State) -> State {
    let p = ctx.problem;
    let mut tours: Vec<Tour> = state.tours.into_iter().filter(|t| !t.is_empty()).collect();
    for (k, v) in p.vehicle_types.iter().enumerate() {
        let used = tours.iter().filter(|t| t.vehicle_type == k).count();
        tours.extend((used..v.count).map(|_| Tour::empty(ctx, k)));
    }
    State::of(ctx, tours, state.absent)
}
