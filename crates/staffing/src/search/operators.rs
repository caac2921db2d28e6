//! Adaptive choice of the destroy operator.

use rand::Rng;
use rand_chacha::ChaCha8Rng;

use super::OPERATORS;

/// What one iteration's move came to, as the operator choice rewards it.
#[derive(Clone, Copy)]
pub(super) enum Outcome {
    NewBest,
    Better,
    Accepted,
    Rejected,
}

/// Adaptive choice among the destroy operators (as in Ropke and Pisinger's ALNS): each is
/// drawn in proportion to a weight, and every segment of iterations the weights move
/// towards how well each operator did. Which operator pays differs by week — aiming at
/// unassigned tasks pays on large weeks and loses on small ones — so it is learnt, not set.
pub(super) struct Operators {
    weight: [f64; OPERATORS],
    score: [f64; OPERATORS],
    uses: [u32; OPERATORS],
    left_in_segment: u32,
}

impl Operators {
    const SEGMENT: u32 = 200;
    const REACTION: f64 = 0.2;
    /// No operator falls so low that it is never tried again.
    const FLOOR: f64 = 0.1;

    pub(super) fn new() -> Self {
        Self {
            weight: [1.0; OPERATORS],
            score: [0.0; OPERATORS],
            uses: [0; OPERATORS],
            left_in_segment: Self::SEGMENT,
        }
    }

    pub(super) fn pick(&self, rng: &mut ChaCha8Rng) -> usize {
        let total: f64 = self.weight.iter().sum();
        let mut r = rng.random_range(0.0..total);
        for (k, w) in self.weight.iter().enumerate() {
            if r < *w {
                return k;
            }
            r -= w;
        }
        OPERATORS - 1
    }

    pub(super) fn record(&mut self, operator: usize, outcome: Outcome) {
        self.score[operator] += match outcome {
            Outcome::NewBest => 5.0,
            Outcome::Better => 2.0,
            Outcome::Accepted => 0.5,
            Outcome::Rejected => 0.0,
        };
        self.uses[operator] += 1;
        self.left_in_segment -= 1;
        if self.left_in_segment == 0 {
            for k in 0..OPERATORS {
                if self.uses[k] > 0 {
                    let rate = self.score[k] / f64::from(self.uses[k]);
                    self.weight[k] = ((1.0 - Self::REACTION) * self.weight[k]
                        + Self::REACTION * rate)
                        .max(Self::FLOOR);
                }
            }
            self.score = [0.0; OPERATORS];
            self.uses = [0; OPERATORS];
            self.left_in_segment = Self::SEGMENT;
        }
    }
}
