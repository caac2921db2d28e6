//! The progress status of a series, as Open SDG computes it (the method Statistics Canada
//! published, as `sdg-build`'s `ProgressMeasure` implements it):
//!
//! - The base year is the one asked (2015 by default), or the first year with data after
//!   it; the current year is the latest with data. Fewer than two years, a base after the
//!   current year, or a base and current value of opposite signs: `not_available`. A base
//!   value (or target) of 0 counts as 0.001.
//! - The observed growth is the compound annual rate `(current / base)^(1 / years) − 1`.
//! - **No target**: the progress value is the observed rate, its sign flipped when lower is
//!   better (and when the values are negative); ≥ `high` (1.5 %/year) substantial, ≥ `med`
//!   (0.5 %) moderate, ≥ `low` (0) limited, below deterioration. With a **limit** (a
//!   ceiling such as 100 %), the thresholds shrink as the base nears it: each is multiplied
//!   by `1 − (base / limit)^4.44` when the base is at or below the limit, by
//!   `1 − ((2·limit − base) / limit)^4.44` between the limit and twice it, and by 1 beyond.
//! - **A target value by a year**: `target_achieved` once the current value reaches it;
//!   otherwise the progress value is the observed rate over the rate the target needs from
//!   the base year (`(target / base)^(1 / (target year − base year)) − 1`, in absolute
//!   value, the sign as above): ≥ 0.95 substantial, ≥ 0.6 moderate, ≥ 0 limited, below
//!   deterioration. A limit is ignored when there is a target, as in Open SDG.
//! - **A yearly rate** (kommune's addition for the climate municipality's −2 % a year): the
//!   observed rate divided by the target rate, judged by the same ratio thresholds, and
//!   `target_achieved` when the observed rate meets the target rate.
//!
//! The thresholds are [`Settings`]; the defaults are Open SDG's.

use serde::{Deserialize, Serialize};

/// Which way is better.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Direction {
    Up,
    Down,
}

impl Direction {
    fn sign(self) -> f64 {
        match self {
            Direction::Up => 1.0,
            Direction::Down => -1.0,
        }
    }

    /// `up` or `down`.
    pub fn code(self) -> &'static str {
        match self {
            Direction::Up => "up",
            Direction::Down => "down",
        }
    }

    /// From `up` or `down`.
    pub fn parse(text: &str) -> Option<Self> {
        match text.trim() {
            "up" => Some(Direction::Up),
            "down" => Some(Direction::Down),
            _ => None,
        }
    }
}

/// What an indicator aims at.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(untagged)]
pub enum Target {
    /// A value by a year: 50 % of short trips on foot or by bike by 2040.
    Value { value: f64, year: i32 },
    /// A change each year, in per cent, signed: −2.0 for "down 2 % a year".
    Rate { rate_per_year: f64 },
}

/// Where the progress value divides the statuses.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Thresholds {
    pub high: f64,
    pub med: f64,
    pub low: f64,
}

/// The thresholds for series without a target (yearly growth) and with one (the ratio of
/// observed to needed growth), and the base year when an indicator names none.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Settings {
    pub growth: Thresholds,
    pub ratio: Thresholds,
    pub base_year: i32,
}

impl Default for Settings {
    /// Open SDG's defaults.
    fn default() -> Self {
        Self {
            growth: Thresholds {
                high: 0.015,
                med: 0.005,
                low: 0.0,
            },
            ratio: Thresholds {
                high: 0.95,
                med: 0.6,
                low: 0.0,
            },
            base_year: 2015,
        }
    }
}

/// How an indicator stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    TargetAchieved,
    SubstantialProgress,
    ModerateProgress,
    LimitedProgress,
    Deterioration,
    NotAvailable,
}

impl Status {
    /// The status's code, as Open SDG names it.
    pub fn code(self) -> &'static str {
        match self {
            Status::TargetAchieved => "target_achieved",
            Status::SubstantialProgress => "substantial_progress",
            Status::ModerateProgress => "moderate_progress",
            Status::LimitedProgress => "limited_progress",
            Status::Deterioration => "deterioration",
            Status::NotAvailable => "not_available",
        }
    }
}

/// Why the status is what it is, as values the pages word.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(tag = "why", rename_all = "snake_case")]
pub enum Why {
    /// Fewer than two years with data from the base year on.
    TooFew { years: usize },
    /// The base and the latest value have opposite signs: no rate of growth exists.
    SignsDiffer,
    /// The series grew `observed` per year (a fraction) since `since`; no target.
    Trend { since: i32, observed: f64 },
    /// The series grew `observed` per year since `since`; the target needs `needed`.
    AgainstTarget {
        since: i32,
        observed: f64,
        needed: f64,
    },
    /// The latest value (or rate) meets the target.
    Met { since: i32, observed: f64 },
}

/// A series judged.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Assessment {
    pub status: Status,
    pub why: Why,
    /// The base year and value used.
    pub base: Option<(i32, f64)>,
    /// The latest year and value.
    pub current: Option<(i32, f64)>,
    /// The value compared with the thresholds.
    pub progress: Option<f64>,
}

/// Values closer to zero than this count as it: Open SDG's stand-in for a zero base or target.
const NEAR_ZERO: f64 = 0.001;
/// How sharply a limit shrinks the thresholds as the base nears it.
const LIMIT_EXPONENT: f64 = 4.44;

fn not_zero(value: f64) -> f64 {
    if value == 0.0 { NEAR_ZERO } else { value }
}

/// Compound annual growth from `(from_year, from)` to `(to_year, to)`.
fn growth(to: f64, from: f64, to_year: i32, from_year: i32) -> f64 {
    (to / from).powf(1.0 / f64::from(to_year - from_year)) - 1.0
}

fn status_of(value: f64, t: &Thresholds) -> Status {
    if value >= t.high {
        Status::SubstantialProgress
    } else if value >= t.med {
        Status::ModerateProgress
    } else if value >= t.low {
        Status::LimitedProgress
    } else {
        Status::Deterioration
    }
}

/// The growth thresholds shrunk as `base` nears `limit`.
fn near_limit(t: Thresholds, base: f64, limit: Option<f64>) -> Thresholds {
    let Some(limit) = limit else {
        return t;
    };
    let (base, limit) = (base.abs(), limit.abs());
    let coefficient = if base >= 2.0 * limit {
        1.0
    } else if base <= limit {
        1.0 - (base / limit).powf(LIMIT_EXPONENT)
    } else {
        1.0 - ((2.0 * limit - base) / limit).powf(LIMIT_EXPONENT)
    };
    Thresholds {
        high: t.high * coefficient,
        med: t.med * coefficient,
        low: t.low * coefficient,
    }
}

/// Judges a series of `(year, value)` points (one per year, any order) against its target.
pub fn assess(
    points: &[(i32, f64)],
    direction: Direction,
    target: Option<Target>,
    base_year: Option<i32>,
    limit: Option<f64>,
    settings: &Settings,
) -> Assessment {
    let unavailable = |why, base, current| Assessment {
        status: Status::NotAvailable,
        why,
        base,
        current,
        progress: None,
    };
    let mut points: Vec<(i32, f64)> = points
        .iter()
        .copied()
        .filter(|(_, v)| v.is_finite())
        .collect();
    points.sort_by_key(|(year, _)| *year);
    let Some(&current) = points.last() else {
        return unavailable(Why::TooFew { years: 0 }, None, None);
    };
    let wanted = base_year.unwrap_or(settings.base_year);
    let Some(&(base_year, base_value)) = points.iter().find(|(year, _)| *year >= wanted) else {
        return unavailable(Why::TooFew { years: 0 }, None, Some(current));
    };
    let used = points.iter().filter(|(year, _)| *year >= base_year).count();
    if current.0 <= base_year {
        return unavailable(
            Why::TooFew { years: used },
            Some((base_year, base_value)),
            Some(current),
        );
    }
    let base = not_zero(base_value);
    if (base > 0.0 && current.1 < 0.0) || (base < 0.0 && current.1 > 0.0) {
        return unavailable(
            Why::SignsDiffer,
            Some((base_year, base_value)),
            Some(current),
        );
    }
    let sign = if base < 0.0 { -1.0 } else { 1.0 } * direction.sign();
    let observed = growth(current.1, base, current.0, base_year);
    let judged = |status, why, progress| Assessment {
        status,
        why,
        base: Some((base_year, base_value)),
        current: Some(current),
        progress,
    };
    match target {
        None => {
            let progress = sign * observed;
            let thresholds = near_limit(settings.growth, base, limit);
            let why = Why::Trend {
                since: base_year,
                observed,
            };
            judged(status_of(progress, &thresholds), why, Some(progress))
        }
        Some(Target::Value { value, year }) => {
            let value = not_zero(value);
            let met = match direction {
                Direction::Up => current.1 >= value,
                Direction::Down => current.1 <= value,
            };
            if met {
                return judged(
                    Status::TargetAchieved,
                    Why::Met {
                        since: base_year,
                        observed,
                    },
                    None,
                );
            }
            if year <= base_year {
                // No time was given to reach it, and it is not reached.
                let why = Why::AgainstTarget {
                    since: base_year,
                    observed,
                    needed: f64::INFINITY,
                };
                return judged(Status::Deterioration, why, None);
            }
            let needed = growth(value, base, year, base_year);
            let progress = sign * observed / needed.abs();
            let why = Why::AgainstTarget {
                since: base_year,
                observed,
                needed,
            };
            judged(status_of(progress, &settings.ratio), why, Some(progress))
        }
        Some(Target::Rate { rate_per_year }) => {
            let needed = rate_per_year / 100.0;
            let progress = observed / needed;
            if progress >= 1.0 {
                return judged(
                    Status::TargetAchieved,
                    Why::Met {
                        since: base_year,
                        observed,
                    },
                    Some(progress),
                );
            }
            let why = Why::AgainstTarget {
                since: base_year,
                observed,
                needed,
            };
            judged(status_of(progress, &settings.ratio), why, Some(progress))
        }
    }
}

/// The values the target needs each year from the base to `until`: the path drawn beside
/// the actual values. None without a target or a base.
pub fn trajectory(assessment: &Assessment, target: Option<Target>, until: i32) -> Vec<(i32, f64)> {
    let (Some((base_year, base_value)), Some(target)) = (assessment.base, target) else {
        return Vec::new();
    };
    let base = not_zero(base_value);
    let rate = match target {
        Target::Rate { rate_per_year } => rate_per_year / 100.0,
        Target::Value { value, year } if year > base_year => {
            growth(not_zero(value), base, year, base_year)
        }
        Target::Value { .. } => return Vec::new(),
    };
    let last = match target {
        Target::Value { year, .. } => year.max(until),
        Target::Rate { .. } => until,
    };
    (base_year..=last)
        .map(|y| (y, base * (1.0 + rate).powi(y - base_year)))
        .collect()
}

#[cfg(test)]
mod tests;
