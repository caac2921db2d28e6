//! Ruin: take out strings of consecutive stops from routes near a random stop, as in
//! Christiaens and Vanden Berghe's slack induction by string removals (SISR). Removing
//! neighbouring strings from several routes leaves room for the recreate step to
//! rearrange a whole area at once.

use super::tour::Context;
use super::{Absent, State};
use crate::route::Visit;
use rand::Rng;
use rand_chacha::ChaCha8Rng;

/// Average number of stops taken out per ruin, and the longest string taken from one route:
/// 15 and 15 where SISR's authors use 10 and 10, so that half of a long route (G&H's C2,
/// R2 and RC2: 20 to 40 stops) can move in one piece. At 10 s, four seeds of the 30 G&H
/// 200s went from 0.378 % to 0.317 % (13 and 18 no better than 15; 13 stops in strings of
/// at most 10 no better than before), and beside PyVRP Solomon went from 0.137 % to
/// 0.085 % while G&H stayed level (BENCHMARKS.md, "Longer strings").
const AVERAGE_REMOVED: f64 = 15.0;
const MAX_STRING: f64 = 15.0;
/// Each further stop kept inside a split string comes with this chance of stopping.
const SPLIT_DEPTH: f64 = 0.01;

/// Takes strings of stops out of the state's tours; they join the absent stops.
pub fn ruin(ctx: &Context, state: &mut State, rng: &mut ChaCha8Rng, removed: &mut Absent) {
    let average_length = state.stops_per_route();
    if average_length == 0.0 {
        return;
    }
    let longest = MAX_STRING.min(average_length);
    let most_strings = 4.0 * AVERAGE_REMOVED / (1.0 + longest) - 1.0;
    let strings = rng.random_range(1.0..most_strings.max(1.0) + 1.0).floor() as usize;
    let seed = loop {
        let s = rng.random_range(0..ctx.problem.stops.len());
        if state.place[s].is_some() {
            break s;
        }
    };
    let mut ruined: Vec<usize> = Vec::with_capacity(strings);
    for c in std::iter::once(seed).chain(ctx.neighbours[seed].iter().copied()) {
        if ruined.len() >= strings {
            break;
        }
        let Some((t, _)) = state.place[c] else {
            continue;
        };
        if ruined.contains(&t) {
            continue;
        }
        // The position may have moved as strings were taken out of this tour before.
        let position = state.tours[t]
            .visits
            .iter()
            .position(|&v| v == Visit::Stop(c))
            .expect("placed");
        let tour_length = state.tours[t].visits.len();
        let length_here = (state.tours[t].stop_count as f64).min(longest);
        let length = rng.random_range(1.0..length_here + 1.0).floor() as usize;
        let length = length.clamp(1, tour_length);
        // Half the time the string keeps a run of stops inside it (SISR's split string),
        // so that a route is opened up without losing its middle.
        let kept = if rng.random_bool(0.5) && length < tour_length {
            let mut m = 1;
            while length + m < tour_length && rng.random::<f64>() > SPLIT_DEPTH {
                m += 1;
            }
            m
        } else {
            0
        };
        let span = length + kept;
        // A span that contains `position`, at a random offset.
        let lowest = (position + 1).saturating_sub(span);
        let highest = position.min(tour_length - span);
        let from = rng.random_range(lowest..=highest);
        state.touch(t);
        // Only stops are taken; hubs inside the span stay and refresh drops the needless.
        let visits = &mut state.tours[t].visits;
        let keep_from = from
            + if kept == 0 {
                span
            } else {
                rng.random_range(0..=length)
            };
        let mut k = from;
        for i in from..from + span {
            let keep =
                (i >= keep_from && i < keep_from + kept) || matches!(visits[k], Visit::Hub(_));
            if keep {
                k += 1;
            } else if let Visit::Stop(s) = visits.remove(k) {
                state.place[s] = None;
                removed.push(s);
            }
        }
        state.retour(ctx, t);
        ruined.push(t);
    }
}
