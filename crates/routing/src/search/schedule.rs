//! The annealing's schedule: how far through its limits the search is ([`Phase`]), and
//! how hot it runs there ([`Cooling`]) — cooling geometrically, and warmed again part way
//! when the best stops improving, so that a search that froze early still uses its time.

use super::Limits;
use std::time::Instant;

/// A stretch of the limits: from an iteration and a moment to an iteration limit, a
/// time limit, or both.
#[derive(Debug, Clone, Copy)]
pub struct Phase {
    first: u64,
    last: Option<u64>,
    began: Instant,
    ends: Option<Instant>,
}

impl Phase {
    pub fn all(limits: &Limits, began: Instant) -> Self {
        Self {
            first: 0,
            last: limits.iterations,
            began,
            ends: limits.time.map(|d| began + d),
        }
    }

    /// This phase cut in two at `share` of it: iterations by count, time by the clock.
    pub fn split(&self, share: f64) -> (Self, Self) {
        let cut_iterations = self
            .last
            .map(|n| self.first + ((n - self.first) as f64 * share) as u64);
        let cut_time = self
            .ends
            .map(|e| self.began + e.duration_since(self.began).mul_f64(share));
        let head = Self {
            last: cut_iterations,
            ends: cut_time,
            ..*self
        };
        let tail = Self {
            first: cut_iterations.unwrap_or(self.first),
            began: cut_time.unwrap_or(self.began),
            ..*self
        };
        (head, tail)
    }

    pub fn is_over(&self, iterations: u64) -> bool {
        self.last.is_some_and(|n| iterations >= n) || self.ends.is_some_and(|e| Instant::now() >= e)
    }

    /// How far the search is through this phase, 0 to 1: by iterations when limited by
    /// them (so the same seed and iteration limit give the same answer), else by time.
    pub fn progress(&self, iterations: u64) -> f64 {
        let by_iterations = self.last.map(|n| {
            iterations.saturating_sub(self.first) as f64
                / n.saturating_sub(self.first).max(1) as f64
        });
        let by_time = self.ends.map(|e| {
            let span = e
                .saturating_duration_since(self.began)
                .as_secs_f64()
                .max(1e-9);
            self.began.elapsed().as_secs_f64() / span
        });
        by_iterations.or(by_time).unwrap_or(1.0).clamp(0.0, 1.0)
    }
}

/// Where a phase lies in the cooling: from and to, as shares of the whole annealing
/// (0 its start, 1 its end). The chains of the hot first part each cool over the same
/// stretch; the rest cools from where they end.
#[derive(Debug, Clone, Copy)]
pub struct Stretch {
    from: f64,
    to: f64,
}

impl Stretch {
    /// The whole cooling, as a phase on its own runs it.
    pub const WHOLE: Self = Self { from: 0.0, to: 1.0 };

    pub fn new(from: f64, to: f64) -> Self {
        Self { from, to }
    }

    /// How far through the cooling a phase is when it is `through` of its own way.
    pub fn at(&self, through: f64) -> f64 {
        self.from + (self.to - self.from) * through
    }
}

/// The share of the annealing run as [`CHAINS`] chains, each from the same solution: the
/// hot half, where the search decides which basin it freezes into. On the 30 G&H
/// instances at 10 s, four seeds, two benches at a time: 0.371 % with two chains, 0.387 %
/// with three, 0.453 % and 0.403 % in two rounds with one.
pub const HEAD: f64 = 0.5;
pub const CHAINS: usize = 2;

/// The annealing's temperature over a phase: from `hot` down to `cold` geometrically,
/// and after a stall again from part way down ([`WARM_AGAIN`]) over what is left.
#[derive(Debug, Clone, Copy)]
pub struct Cooling {
    hot: f64,
    cold: f64,
    /// Where in the phase the present cooling began, and how far down it began (0 hot,
    /// 1 cold, as an exponent).
    began_at: f64,
    began_from: f64,
    /// Where in the phase the best last improved.
    improved_at: f64,
}

impl Cooling {
    /// From [`HOT`] to [`COLD`] times `per_stop`, the average cost of serving one stop.
    pub fn per_stop(per_stop: f64) -> Self {
        Self::new(HOT * per_stop, COLD * per_stop)
    }

    /// The same temperatures, cooling from the start of a new phase.
    pub fn restarted(&self) -> Self {
        Self::new(self.hot, self.cold)
    }

    fn new(hot: f64, cold: f64) -> Self {
        Self {
            hot,
            cold,
            began_at: 0.0,
            began_from: 0.0,
            improved_at: 0.0,
        }
    }

    /// How far down the cooling is at `progress` through the phase: 0 hot, 1 cold.
    fn exponent(&self, progress: f64) -> f64 {
        let span = (1.0 - self.began_at).max(1e-9);
        let through = ((progress - self.began_at) / span).clamp(0.0, 1.0);
        self.began_from + (1.0 - self.began_from) * through
    }

    /// The temperature at `progress` through the phase.
    pub fn temperature(&self, progress: f64) -> f64 {
        self.hot * (self.cold / self.hot).powf(self.exponent(progress))
    }

    /// Whether the best has not improved for [`STALL`] of the phase, the search has
    /// cooled below where warming again would take it, and enough is left to cool again.
    pub fn is_stalled(&self, progress: f64) -> bool {
        progress - self.improved_at > STALL
            && self.exponent(progress) > WARM_AGAIN
            && 1.0 - progress > LEFT_TO_COOL
    }

    /// Notes that the best improved at `progress`: a stall is counted from there.
    pub fn improved(&mut self, progress: f64) {
        self.improved_at = progress;
    }

    /// Starts cooling again at `progress`, from [`WARM_AGAIN`] down.
    pub fn warm_at(&mut self, progress: f64) {
        self.began_at = progress;
        self.began_from = WARM_AGAIN;
        self.improved_at = progress;
    }
}

/// How long without a better best counts as a stall, as a share of the phase: on long
/// routes (Gehring & Homberger's R2 and RC2) the best often stopped improving by 30 to
/// 45 % of a 10 s run; on R1's r1_2_4 by 60 to 66 %, and twice the iterations did not
/// move where it ended, so what is left after a stall is worth a second descent even when
/// it is short.
const STALL: f64 = 0.1;
/// How far down the cooling starts again after a stall (0 hot, 1 cold).
const WARM_AGAIN: f64 = 0.5;
/// The least share of the phase left for cooling again. On the 30 G&H instances at 10 s,
/// seeds 1–4, one run per core beside the search before: a stall of a tenth and 15 % left
/// gave 0.262 % against 0.314 % for a fifth and 30 %.
const LEFT_TO_COOL: f64 = 0.15;

/// The annealing's start and end temperature per average cost of a stop. On five hard
/// Solomon instances at 10 s (R104, R108, R208, RC105, R211), 10 → 0.01 gave a mean gap
/// of 0.44 % against 0.48 % for 3 → 0.03; on eight at 4 s, 3 → 0.03 beat 10 → 0.1.
const HOT: f64 = 10.0;
const COLD: f64 = 0.01;

#[cfg(test)]
mod tests {
    use super::*;

    /// Hot at the start, cold at the end, colder all the way.
    #[test]
    fn cooling_falls_from_hot_to_cold() {
        let cooling = Cooling::per_stop(2.0);
        assert_eq!(cooling.temperature(0.0), 2.0 * HOT);
        assert!((cooling.temperature(1.0) - 2.0 * COLD).abs() < 1e-12);
        let steps: Vec<f64> = (0..=10)
            .map(|k| cooling.temperature(k as f64 / 10.0))
            .collect();
        assert!(steps.windows(2).all(|w| w[1] < w[0]), "{steps:?}");
    }

    /// Stalled only when the best has not improved for long enough, the search is colder
    /// than warming would make it, and there is time left to cool again; warmed, it is
    /// hotter than just before, starts from [`WARM_AGAIN`] and still ends cold.
    #[test]
    fn a_stalled_search_is_warmed_and_cools_again() {
        let mut cooling = Cooling::per_stop(1.0);
        let improved = WARM_AGAIN + 0.05;
        cooling.improved_at = improved;
        assert!(
            !cooling.is_stalled(improved + STALL / 2.0),
            "improved lately"
        );
        let stalled = improved + STALL + 0.01;
        assert!(cooling.is_stalled(stalled));
        cooling.improved_at = 0.1;
        assert!(
            !cooling.is_stalled(1.0 - LEFT_TO_COOL / 2.0),
            "too little time left"
        );
        let early = Cooling::per_stop(1.0);
        let while_hot = WARM_AGAIN * 0.9;
        assert!(
            while_hot > STALL && !early.is_stalled(while_hot),
            "still hotter than warming"
        );

        let before = cooling.temperature(stalled);
        cooling.warm_at(stalled);
        assert!(cooling.temperature(stalled) > before);
        assert!((cooling.exponent(stalled) - WARM_AGAIN).abs() < 1e-12);
        assert!(
            !cooling.is_stalled(stalled + 0.01),
            "counts from the warming"
        );
        assert!((cooling.temperature(1.0) - COLD).abs() < 1e-12);
        assert_eq!(cooling.restarted().temperature(0.0), HOT);
    }

    /// A phase cut in two by iterations: the head ends where the tail begins, and each
    /// runs its progress from 0 to 1.
    #[test]
    fn a_phase_splits_by_iterations() {
        let all = Phase::all(&Limits::iterations(1000), Instant::now());
        let (head, tail) = all.split(0.4);
        assert!(!head.is_over(399) && head.is_over(400));
        assert_eq!(head.progress(200), 0.5);
        assert_eq!(tail.progress(400), 0.0);
        assert_eq!(tail.progress(700), 0.5);
        assert!(tail.is_over(1000));
    }
}
