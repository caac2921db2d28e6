//! Who is close to whom, two ways. The ruin takes strings of stops that are near in
//! place ([`nearest`]), and so does the polish of every new best; the last polish also
//! brings together stops that could follow each other ([`granular`], [`wide`]): near in
//! place and in time, as the granular neighbourhoods of HGS and PyVRP weigh them. On
//! c2_2_7 stops 52 and 105 should close the route after stop 129, which is 52's 52nd
//! nearest in place but its 20th by this measure.

use crate::problem::{Problem, Stop};

/// How much an hour of waiting counts against an hour of lateness in [`granular`]'s
/// measure (PyVRP's weights: 0.2 and 1).
const WAIT_WEIGHT: f64 = 0.2;

/// Per stop, the `count` other stops nearest in place, nearest first (ties by index).
pub fn nearest(problem: &Problem, count: usize) -> Vec<Vec<usize>> {
    let matrix = &problem.matrix;
    let location = |s: usize| problem.stops[s].location;
    closest(problem.stops.len(), count, |a, b| {
        let (la, lb) = (location(a), location(b));
        matrix.distance(la, lb).min(matrix.distance(lb, la)) as f64
    })
}

/// Per stop, the first `count` of its `nearest` in place, then those of its `count`
/// [`granular`] neighbours that were not among them.
pub fn wide(problem: &Problem, nearest: &[Vec<usize>], count: usize) -> Vec<Vec<usize>> {
    nearest
        .iter()
        .zip(granular(problem, count))
        .map(|(nearest, granular)| {
            let mut wide: Vec<usize> = nearest.iter().take(count).copied().collect();
            let more: Vec<usize> = granular.into_iter().filter(|s| !wide.contains(s)).collect();
            wide.extend(more);
            wide
        })
        .collect()
}

/// Per stop, the `count` other stops nearest when time counts too: the distance between
/// them plus, converted to distance at the problem's average speed, the lateness one
/// would suffer when served right after the other at its earliest, and a fifth of the
/// wait when served after it at its latest — the lesser of the two orders. Stops whose
/// windows rule out following each other fall back however close they are.
pub fn granular(problem: &Problem, count: usize) -> Vec<Vec<usize>> {
    let profile = problem.vehicle_types.first().map_or(0, |v| v.profile);
    let matrix = &problem.matrix;
    let stops = &problem.stops;
    let per_time = distance_per_time(problem, profile);
    let directed = |a: usize, b: usize| {
        let (sa, sb) = (&stops[a], &stops[b]);
        let travel = matrix.duration(profile, sa.location, sb.location) as f64;
        let (open_a, close_a) = envelope(sa);
        let (open_b, close_b) = envelope(sb);
        let service = sa.service as f64;
        let wait = (open_b - (close_a + service + travel)).max(0.0);
        let late = (open_a + service + travel - close_b).max(0.0);
        matrix.distance(sa.location, sb.location) as f64 + per_time * (WAIT_WEIGHT * wait + late)
    };
    closest(stops.len(), count, |a, b| {
        directed(a, b).min(directed(b, a))
    })
}

/// The first opening and last closing of a stop's windows.
fn envelope(stop: &Stop) -> (f64, f64) {
    let (first, last) = (stop.windows[0], stop.windows[stop.windows.len() - 1]);
    (first.open as f64, last.close as f64)
}

/// Distance per unit of travel time between the stops, over all pairs (0 when no travel
/// takes time): what converts a wait into the measure's unit.
fn distance_per_time(problem: &Problem, profile: usize) -> f64 {
    let (mut distance, mut time) = (0.0, 0.0);
    for a in &problem.stops {
        for b in &problem.stops {
            distance += problem.matrix.distance(a.location, b.location) as f64;
            time += problem.matrix.duration(profile, a.location, b.location) as f64;
        }
    }
    if time > 0.0 { distance / time } else { 0.0 }
}

/// Per stop of `n`, the `count` others with the least `measure`, least first, ties by
/// index.
fn closest(n: usize, count: usize, measure: impl Fn(usize, usize) -> f64) -> Vec<Vec<usize>> {
    (0..n)
        .map(|a| {
            let mut others: Vec<(f64, usize)> = (0..n)
                .filter(|&b| b != a)
                .map(|b| (measure(a, b), b))
                .collect();
            let by = |x: &(f64, usize), y: &(f64, usize)| x.0.total_cmp(&y.0).then(x.1.cmp(&y.1));
            if others.len() > count {
                others.select_nth_unstable_by(count, by);
                others.truncate(count);
            }
            others.sort_unstable_by(by);
            // Collected from a borrow, not in place: the list keeps no room for all `n`.
            others.iter().map(|&(_, b)| b).collect()
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A street: customer 1 one unit out, open early; customer 2 a unit further, open
    /// only long after 1 closes; customer 3 three units out, open when 1 is. In place 2
    /// is nearer to 1; in place and time 3 is, and 2 is pushed back by a fifth of the
    /// wait (48.9 units).
    #[test]
    fn time_pushes_back_stops_that_cannot_follow_each_other() {
        let text = "STREET\nVEHICLE\nNUMBER CAPACITY\n2 10\nCUSTOMER\n\
             CUST XCOORD YCOORD DEMAND READY DUE SERVICE\n0 0 0 0 0 1000 0\n\
             1 1 0 1 0 10 0\n2 2 0 1 500 510 0\n3 4 0 1 5 15 0\n";
        let p = crate::solomon::parse(text).expect("a Solomon file").problem;
        assert_eq!(nearest(&p, 2)[0], [1, 2]);
        assert_eq!(granular(&p, 2)[0], [2, 1]);
        // Either order counts: 3 is as near to 1 as 1 to 3.
        assert_eq!(granular(&p, 1)[2], [0]);
        assert_eq!(nearest(&p, 5)[1], [0, 2], "no more than there are");
    }
}
