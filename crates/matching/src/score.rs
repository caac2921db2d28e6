//! One candidate against one need: which asked skills they hold and how, which they lack,
//! a score from 0 to 1, and the reasons. The weights say what matters most.

use crate::{Candidate, Held, How, Match, Met, Missing, Need, Reason, SkillId};

/// What the score weighs, summing to 1: the must-haves most (they also order the ranking
/// on their own), then how near home the work is, then nice-to-haves; evidence from
/// confirmed hours and hours free as much as each other; the start least, since starts
/// move.
pub const WEIGHTS: Weights = Weights {
    must: 0.45,
    nice: 0.15,
    evidence: 0.10,
    hours: 0.10,
    travel: 0.15,
    start: 0.05,
};

/// The score's parts, each the most its part can add to the score.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Weights {
    pub must: f64,
    pub nice: f64,
    pub evidence: f64,
    pub hours: f64,
    pub travel: f64,
    pub start: f64,
}

/// Confirmed minutes that count as full evidence of a skill: a hundred hours.
const FULL_EVIDENCE_MINUTES: f64 = 6000.0;
/// The distance at which travel counts for nothing, in km.
const FAR_KM: f64 = 40.0;
/// How late a start may be before it counts for nothing, in days.
const LATE_DAYS: f64 = 60.0;
/// What travel counts when home or site is unknown: neither for nor against.
const UNKNOWN_TRAVEL: f64 = 0.5;

/// The candidate's skills each once, in skill order, the most evidence kept over less and
/// over a declaration: the form [`score`] reads.
pub fn normalised(mut skills: Vec<Held>) -> Vec<Held> {
    let evidence = |how: How| match how {
        How::Evidenced { minutes, companies } => Some((minutes, companies)),
        How::Declared => None,
    };
    skills.sort_by_key(|h| (h.skill, std::cmp::Reverse(evidence(h.how))));
    skills.dedup_by_key(|h| h.skill);
    skills
}

/// A need's skills each once, with whether each is a must-have: worked out once per need
/// so that placing thousands of candidates allocates nothing. A skill asked twice counts
/// once; a nice-to-have that is also a must-have counts as a must-have.
#[derive(Debug, Clone, Default)]
pub(crate) struct Asked(Vec<(SkillId, bool)>);

impl Asked {
    pub(crate) fn of(need: &Need) -> Self {
        let mut asked: Vec<(SkillId, bool)> = Vec::new();
        let each = need.must.iter().map(|s| (*s, true));
        for (skill, must) in each.chain(need.nice.iter().map(|s| (*s, false))) {
            if !asked.iter().any(|(s, _)| *s == skill) {
                asked.push((skill, must));
            }
        }
        Self(asked)
    }
}

fn held(candidate: &Candidate, skill: SkillId) -> Option<How> {
    candidate
        .skills
        .binary_search_by_key(&skill, |h| h.skill)
        .ok()
        .map(|i| candidate.skills[i].how)
}

fn share(met: usize, of: usize) -> f64 {
    if of == 0 { 1.0 } else { met as f64 / of as f64 }
}

fn small(n: usize) -> u16 {
    u16::try_from(n).unwrap_or(u16::MAX)
}

/// What a candidate holds of what a need asks, counted.
#[derive(Default)]
struct Tally {
    must_met: usize,
    must_of: usize,
    nice_met: usize,
    nice_of: usize,
    met: usize,
    minutes: u32,
    companies: u16,
    /// Evidence summed over the met skills, each counting at most 1.
    proof: f64,
}

/// Counts the asked skills the candidate holds, telling `each` about every one (the
/// skill, how it is held if it is, and whether it is a must-have).
fn tally(
    candidate: &Candidate,
    asked: &Asked,
    mut each: impl FnMut(SkillId, Option<How>, bool),
) -> Tally {
    let mut t = Tally::default();
    for &(skill, must) in &asked.0 {
        let how = held(candidate, skill);
        let (met, of) = if must {
            (&mut t.must_met, &mut t.must_of)
        } else {
            (&mut t.nice_met, &mut t.nice_of)
        };
        *of += 1;
        if let Some(how) = how {
            *met += 1;
            t.met += 1;
            if let How::Evidenced { minutes, companies } = how {
                t.minutes = t.minutes.saturating_add(minutes);
                // The most behind any one skill: one company may stand behind several, so
                // a sum would count it twice.
                t.companies = t.companies.max(companies);
                t.proof += (f64::from(minutes) / FULL_EVIDENCE_MINUTES).min(1.0);
            }
        }
        each(skill, how, must);
    }
    t
}

/// Hours, travel and start, each from 0 to 1, with the reasons that say them.
fn fit(candidate: &Candidate, need: &Need) -> ([f64; 3], [Reason; 3]) {
    let (free, asked) = (candidate.hours_free, need.hours);
    let (hours, hours_said) = if free >= asked {
        (1.0, Reason::HoursFit { free, asked })
    } else {
        // `asked` is above `free`, so above 0.
        let part = f64::from(free) / f64::from(asked);
        (part, Reason::HoursShort { free, asked })
    };
    let (travel, travel_said) = match (candidate.home, need.site) {
        (Some(home), Some(site)) => {
            let km = home.km_to(site);
            let km_tenths = (km * 10.0).round() as u32;
            ((1.0 - km / FAR_KM).max(0.0), Reason::Travel { km_tenths })
        }
        _ => (UNKNOWN_TRAVEL, Reason::TravelUnknown),
    };
    let (start, start_said) = match candidate.available_from {
        Some(day) if day > need.start => {
            let days = day.abs_diff(need.start);
            let part = (1.0 - f64::from(days) / LATE_DAYS).max(0.0);
            (part, Reason::StartLate { days })
        }
        _ => (1.0, Reason::StartFit),
    };
    (
        [hours, travel, start],
        [hours_said, travel_said, start_said],
    )
}

/// The score from its parts: one sum, so the quick ranking and the full match agree to
/// the last bit.
fn weigh(t: &Tally, [hours, travel, start]: [f64; 3]) -> f64 {
    let w = WEIGHTS;
    let evidence = if t.met == 0 {
        0.0
    } else {
        t.proof / t.met as f64
    };
    (w.must * share(t.must_met, t.must_of)
        + w.nice * share(t.nice_met, t.nice_of)
        + w.evidence * evidence
        + w.hours * hours
        + w.travel * travel
        + w.start * start)
        .clamp(0.0, 1.0)
}

/// The most a candidate who holds no skill the need asks can score: hours, travel and
/// start in full, nothing met. Worked out by [`weigh`] itself, so no such candidate's
/// score can round above it.
pub(crate) fn ceiling_without_skills(asked: &Asked) -> f64 {
    let of = |must: bool| asked.0.iter().filter(|(_, m)| *m == must).count();
    let t = Tally {
        must_of: of(true),
        nice_of: of(false),
        ..Tally::default()
    };
    weigh(&t, [1.0; 3])
}

/// Whether the candidate's limits, if any, allow the need's work.
fn allowed(candidate: &Candidate, need: &Need) -> bool {
    candidate.limits.is_none_or(|l| l.allow(&need.demands))
}

/// A candidate's place for a need without its details: whether every must-have is met,
/// and the score; none when their limits do not allow the work. What the ranking sorts
/// by before it spells out the few it keeps; `asked` is [`Asked::of`] the need.
pub(crate) fn quick(candidate: &Candidate, need: &Need, asked: &Asked) -> Option<(bool, f64)> {
    if !allowed(candidate, need) {
        return None;
    }
    let t = tally(candidate, asked, |_, _, _| {});
    let (parts, _) = fit(candidate, need);
    Some((t.must_met == t.must_of, weigh(&t, parts)))
}

/// The candidate for the need, or none when their limits do not allow the work. The
/// candidate's skills must be [`normalised`].
pub fn score(candidate: &Candidate, need: &Need) -> Option<Match> {
    score_asked(candidate, need, &Asked::of(need))
}

/// [`score`] with the need's skills worked out already.
pub(crate) fn score_asked(candidate: &Candidate, need: &Need, asked: &Asked) -> Option<Match> {
    if !allowed(candidate, need) {
        return None;
    }
    let mut met = Vec::new();
    let mut missing = Vec::new();
    let t = tally(candidate, asked, |skill, how, must| match how {
        Some(how) => met.push(Met { skill, how }),
        None => missing.push(Missing { skill, must }),
    });
    let (parts, said) = fit(candidate, need);
    Some(Match {
        candidate: candidate.key.clone(),
        need: need.id,
        score: weigh(&t, parts),
        met,
        missing,
        reasons: reasons(&t, said, candidate.limits.is_some()),
    })
}

/// The reasons in the order the pages list them: skills, evidence, hours, travel, start,
/// and last whether limits were checked.
fn reasons(t: &Tally, fit: [Reason; 3], limits_checked: bool) -> Vec<Reason> {
    let mut reasons = Vec::with_capacity(7);
    reasons.push(Reason::MustHave {
        met: small(t.must_met),
        of: small(t.must_of),
    });
    if t.nice_of > 0 {
        reasons.push(Reason::NiceToHave {
            met: small(t.nice_met),
            of: small(t.nice_of),
        });
    }
    if t.minutes > 0 {
        reasons.push(Reason::Evidence {
            minutes: t.minutes,
            companies: t.companies,
        });
    }
    reasons.extend(fit);
    if limits_checked {
        reasons.push(Reason::LimitsChecked);
    }
    reasons
}

#[cfg(test)]
mod tests;
