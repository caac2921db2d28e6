//! Penalised infeasibility, as in HGS and PyVRP: the search may hold routes that are late
//! (time warp: arriving after a window closed counts as travelling back to its close),
//! overloaded or over their range, each priced by a penalty per unit. The penalties adapt
//! so that a target share of the solutions the search proposes keeps each rule: too few
//! and the rule's penalty rises, too many and it falls. Only feasible solutions can become
//! the best; a promising infeasible one is repaired by the local search at ten times the
//! penalties first.

use crate::problem::Problem;

/// What one unit of each violation costs, in the problem's cost units.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Penalty {
    /// Per unit of time warp.
    pub time_warp: i64,
    /// Per unit of load over capacity (summed over dimensions and trips).
    pub load: i64,
    /// Per unit of distance over the vehicle's range.
    pub distance: i64,
}

impl Penalty {
    /// What `time_warp`, `excess_load` and `excess_distance` cost together; saturating,
    /// so that no violation, however large, wraps.
    pub fn price(&self, time_warp: i64, excess_load: i64, excess_distance: i64) -> i64 {
        self.time_warp
            .saturating_mul(time_warp)
            .saturating_add(self.load.saturating_mul(excess_load))
            .saturating_add(self.distance.saturating_mul(excess_distance))
    }

    /// Every penalty `factor` times higher: the repair's prices.
    pub fn times(&self, factor: i64) -> Self {
        Self {
            time_warp: self.time_warp.saturating_mul(factor),
            load: self.load.saturating_mul(factor),
            distance: self.distance.saturating_mul(factor),
        }
    }
}

/// How often the penalties are reconsidered, in proposed solutions.
const PROPOSALS_PER_UPDATE: u32 = 100;
/// The share of proposals that should keep each rule (PyVRP's default).
const TARGET_FEASIBLE: f64 = 0.65;
/// Within this of the target the penalty stays.
const TOLERANCE: f64 = 0.05;
/// How a penalty moves: up when too few proposals keep its rule, down when too many.
const INCREASE: f64 = 1.25;
const DECREASE: f64 = 0.85;
/// Penalties stay within these, so that prices stay far from overflow and a rule is
/// never free.
const LOWEST: i64 = 1;
const HIGHEST: i64 = 100_000;

/// The penalties and, since their last update, how many proposals kept each rule.
#[derive(Debug, Clone)]
pub struct Penalties {
    pub current: Penalty,
    proposals: u32,
    on_time: u32,
    within_load: u32,
    within_range: u32,
}

impl Penalties {
    /// Starting prices: a unit of lateness, load or range costs what an average arc costs
    /// per unit of its travel time, per average demand, or per unit of its distance.
    pub fn new(problem: &Problem) -> Self {
        let m = &problem.matrix;
        // Means in floating point: a sum over a large matrix need not fit in an i64.
        let mean = |values: &[i64]| {
            values.iter().map(|&x| x as f64).sum::<f64>() / values.len().max(1) as f64
        };
        let mean_distance = mean(&m.distance);
        let mean_duration = mean(m.duration.first().map_or(&[][..], |d| d.as_slice()));
        let most = |cost: fn(&crate::problem::VehicleType) -> i64| {
            problem.vehicle_types.iter().map(cost).max().unwrap_or(0) as f64
        };
        let mean_arc_cost =
            most(|v| v.distance_cost) * mean_distance + most(|v| v.duration_cost) * mean_duration;
        let demands: Vec<i64> = problem
            .stops
            .iter()
            .map(|s| s.demand.iter().sum::<i64>())
            .collect();
        let mean_demand = mean(&demands);
        let per = |cost: f64, unit: f64| clamp((cost / unit.max(1.0)).round() as i64);
        Self {
            current: Penalty {
                time_warp: per(mean_arc_cost, mean_duration),
                load: per(mean_arc_cost, mean_demand),
                distance: per(mean_arc_cost, mean_distance),
            },
            proposals: 0,
            on_time: 0,
            within_load: 0,
            within_range: 0,
        }
    }

    /// Counts one proposed solution by which rules it kept; every
    /// `PROPOSALS_PER_UPDATE` proposals the penalties move towards the target. Returns
    /// whether they changed.
    pub fn register(&mut self, on_time: bool, within_load: bool, within_range: bool) -> bool {
        self.proposals += 1;
        self.on_time += u32::from(on_time);
        self.within_load += u32::from(within_load);
        self.within_range += u32::from(within_range);
        if self.proposals < PROPOSALS_PER_UPDATE {
            return false;
        }
        let before = self.current;
        let n = f64::from(self.proposals);
        let c = &mut self.current;
        c.time_warp = adjust(c.time_warp, f64::from(self.on_time) / n);
        c.load = adjust(c.load, f64::from(self.within_load) / n);
        c.distance = adjust(c.distance, f64::from(self.within_range) / n);
        self.proposals = 0;
        self.on_time = 0;
        self.within_load = 0;
        self.within_range = 0;
        self.current != before
    }
}

/// A penalty moved towards the target share of feasible proposals.
fn adjust(penalty: i64, feasible_share: f64) -> i64 {
    let factor = if feasible_share < TARGET_FEASIBLE - TOLERANCE {
        INCREASE
    } else if feasible_share > TARGET_FEASIBLE + TOLERANCE {
        DECREASE
    } else {
        return penalty;
    };
    // Rounded away from a standstill: a penalty of 1 still rises, one of 2 still falls.
    let moved = (penalty as f64 * factor).round() as i64;
    let moved = if moved == penalty {
        penalty + if factor > 1.0 { 1 } else { -1 }
    } else {
        moved
    };
    clamp(moved)
}

fn clamp(penalty: i64) -> i64 {
    penalty.clamp(LOWEST, HIGHEST)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn penalties_rise_when_too_few_keep_a_rule_and_fall_when_too_many() {
        let mut p = Penalties::new(&crate::generate::city(20, 0));
        let start = p.current;
        // 100 proposals: all late, all within load, 65 % within range.
        for k in 0..PROPOSALS_PER_UPDATE {
            let changed = p.register(false, true, k < 65);
            assert_eq!(changed, k + 1 == PROPOSALS_PER_UPDATE);
        }
        assert!(p.current.time_warp > start.time_warp);
        assert!(p.current.load < start.load || p.current.load == LOWEST);
        assert_eq!(p.current.distance, start.distance);
    }

    #[test]
    fn penalties_stay_within_their_bounds() {
        assert_eq!(adjust(HIGHEST, 0.0), HIGHEST);
        assert_eq!(adjust(LOWEST, 1.0), LOWEST);
        assert_eq!(adjust(1, 0.0), 2);
        assert_eq!(adjust(2, 1.0), 1);
        let huge = Penalty {
            time_warp: HIGHEST,
            load: HIGHEST,
            distance: HIGHEST,
        };
        assert_eq!(huge.price(i64::MAX, 1, 1), i64::MAX);
    }
}
