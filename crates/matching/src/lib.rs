//! The Aalborg Alliance's matching engine: which candidates fit a company's competence
//! need, and which needs fit a candidate, each ranked with the reasons a coordinator can
//! check. Pure and deterministic: the same input gives the same ranking, and the engine
//! returns values, never sentences — the pages and the command line word them.
//!
//! - this module: candidates, needs and what a match says.
//! - [`score`]: one candidate against one need — the skills met and missing, the score,
//!   the reasons.
//! - [`pool`]: the candidates indexed by skill, so a need's best are found without
//!   scoring all of them; every need's best at once on every core.
//! - [`openings`]: the needs for one candidate, and what one more skill would open.
//! - [`generate`]: a large instance, deterministic by seed, for the benchmark.
//!
//! The rule everything keeps: a candidate missing a must-have skill is never ranked above
//! one who has them all, and a candidate whose functional limits do not allow the work is
//! not matched to it at all.

pub mod generate;
pub mod openings;
pub mod pool;
pub mod score;

pub use openings::{Opening, needs_for_candidate};
pub use pool::{Pool, matches_for_need, top_for_every_need};

use serde::Serialize;

/// A skill as the engine knows it: an index into the caller's table of skills.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub struct SkillId(pub u32);

/// Where a candidate comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum CandidateKind {
    /// One of the agency's people.
    Person,
    /// A student or new graduate who registered.
    Student,
}

/// Who a candidate is: their kind and their id in the records.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub struct CandidateKey {
    pub kind: CandidateKind,
    pub id: i64,
}

/// How a skill is known.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(tag = "how", rename_all = "snake_case")]
pub enum How {
    /// The candidate or the agency says so.
    Declared,
    /// Confirmed hours worked on tasks asking for it, at this many companies.
    Evidenced { minutes: u32, companies: u16 },
}

/// A skill a candidate holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Held {
    pub skill: SkillId,
    pub how: How,
}

/// A place, in degrees.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Point {
    pub latitude: f64,
    pub longitude: f64,
}

impl Point {
    /// The great-circle distance to `other`, in km.
    pub fn km_to(self, other: Point) -> f64 {
        const EARTH_KM: f64 = 6371.0;
        let (a, b) = (self.latitude.to_radians(), other.latitude.to_radians());
        let dlat = b - a;
        let dlon = (other.longitude - self.longitude).to_radians();
        let h = (dlat / 2.0).sin().powi(2) + a.cos() * b.cos() * (dlon / 2.0).sin().powi(2);
        2.0 * EARTH_KM * h.sqrt().min(1.0).asin()
    }
}

/// What a need's work asks of the body.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
pub struct Demands {
    pub lift_kg: u16,
    pub standing: bool,
    pub outdoors: bool,
}

/// An agency person's functional limits as the engine checks them: what they can do,
/// never why.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
pub struct Limits {
    pub max_lift_kg: Option<u16>,
    pub indoor_only: bool,
    pub no_standing: bool,
}

impl Limits {
    /// Whether work with these demands is within the limits.
    pub fn allow(&self, demands: &Demands) -> bool {
        self.max_lift_kg.is_none_or(|max| demands.lift_kg <= max)
            && !(self.indoor_only && demands.outdoors)
            && !(self.no_standing && demands.standing)
    }
}

/// A candidate: their skills, the hours a week they can work, where they live when known,
/// from which day they can start, and — for agency people — their limits.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Candidate {
    pub key: CandidateKey,
    /// In any order; a skill held twice counts once, with the most evidence given.
    pub skills: Vec<Held>,
    /// Hours a week.
    pub hours_free: u16,
    pub home: Option<Point>,
    /// A day number (days from the common era); none is "now".
    pub available_from: Option<i32>,
    pub limits: Option<Limits>,
}

/// A company's competence need as the engine sees it: the skills it must and would like
/// to have, the hours, the start, where, and what the work asks physically.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Need {
    pub id: i64,
    /// A skill asked twice counts once; one asked as both must and nice is a must.
    pub must: Vec<SkillId>,
    pub nice: Vec<SkillId>,
    /// Hours a week.
    pub hours: u16,
    /// The start, as a day number.
    pub start: i32,
    pub site: Option<Point>,
    pub demands: Demands,
}

/// A skill met, and how.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Met {
    pub skill: SkillId,
    pub how: How,
}

/// A skill asked and not held.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Missing {
    pub skill: SkillId,
    pub must: bool,
}

/// Why a candidate and a need fit as they do, as values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(tag = "code", rename_all = "snake_case")]
pub enum Reason {
    /// Must-have skills held, of those asked.
    MustHave { met: u16, of: u16 },
    /// Nice-to-have skills held, of those asked.
    NiceToHave { met: u16, of: u16 },
    /// Confirmed minutes behind the skills met, summed, and the most companies behind any
    /// one of them — a floor on how many companies, since one may confirm several skills.
    Evidence { minutes: u32, companies: u16 },
    /// Hours a week free cover those asked.
    HoursFit { free: u16, asked: u16 },
    /// Fewer hours free than asked.
    HoursShort { free: u16, asked: u16 },
    /// From home to the site, in tenths of a km.
    Travel { km_tenths: u32 },
    /// Home or site is not known.
    TravelUnknown,
    /// Can start by the need's start.
    StartFit,
    /// Can start only this many days after the need's start.
    StartLate { days: u32 },
    /// An agency person's limits were checked and allow the work; never for a company.
    LimitsChecked,
}

impl Reason {
    /// The reason's code, as the catalogues key it.
    pub fn code(&self) -> &'static str {
        match self {
            Reason::MustHave { .. } => "must_have",
            Reason::NiceToHave { .. } => "nice_to_have",
            Reason::Evidence { .. } => "evidence",
            Reason::HoursFit { .. } => "hours_fit",
            Reason::HoursShort { .. } => "hours_short",
            Reason::Travel { .. } => "travel",
            Reason::TravelUnknown => "travel_unknown",
            Reason::StartFit => "start_fit",
            Reason::StartLate { .. } => "start_late",
            Reason::LimitsChecked => "limits_checked",
        }
    }
}

/// One candidate for one need, with everything that placed them.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Match {
    pub candidate: CandidateKey,
    pub need: i64,
    /// 0 to 1: higher fits better.
    pub score: f64,
    pub met: Vec<Met>,
    pub missing: Vec<Missing>,
    pub reasons: Vec<Reason>,
}

impl Match {
    /// Whether every must-have is met.
    pub fn all_musts(&self) -> bool {
        !self.missing.iter().any(|m| m.must)
    }
}

/// The ranking's order: everyone with every must-have first, then by score, then by
/// candidate (and need) so the order is total and the same on every run.
pub fn better(a: &Match, b: &Match) -> std::cmp::Ordering {
    b.all_musts()
        .cmp(&a.all_musts())
        .then(b.score.total_cmp(&a.score))
        .then(a.candidate.cmp(&b.candidate))
        .then(a.need.cmp(&b.need))
}

#[cfg(test)]
mod tests;
