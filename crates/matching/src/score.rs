//! One candidate against one need: which asked skills they hold and how, which they lack,
//! a score from 0 to 1, and the reasons. The weights say what matters most.

use crate::{Candidate, Held, How, Match, Met, Missing, Need, Reason};

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

/// The score's parts.
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

/// The candidate's skills each once, in skill order, evidence kept over a declaration:
/// the form [`score`] reads.
pub fn normalised(mut skills: Vec<Held>) -> Vec<Held> {
    skills.sort_by_key(|h| (h.skill, matches!(h.how, How::Declared)));
    skills.dedup_by_key(|h| h.skill);
    skills
}

fn held(candidate: &Candidate, skill: crate::SkillId) -> Option<How> {
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
/// skill, how it is held if it is, and whether it is a must-have). A skill asked twice
/// counts once; a nice-to-have that is also a must-have counts as a must-have.
fn tally(
    candidate: &Candidate,
    need: &Need,
    mut each: impl FnMut(crate::SkillId, Option<How>, bool),
) -> Tally {
    let mut t = Tally::default();
    let mut seen: Vec<crate::SkillId> = Vec::with_capacity(need.must.len() + need.nice.len());
    for (skill, must) in need
        .must
        .iter()
        .map(|s| (*s, true))
        .chain(need.nice.iter().map(|s| (*s, false)))
    {
        if seen.contains(&skill) {
            continue;
        }
        seen.push(skill);
        let how = held(candidate, skill);
        if must {
            t.must_of += 1
        } else {
            t.nice_of += 1
        }
        if let Some(how) = how {
            t.met += 1;
            if must {
                t.must_met += 1
            } else {
                t.nice_met += 1
            }
            if let How::Evidenced { minutes, companies } = how {
                t.minutes = t.minutes.saturating_add(minutes);
                t.companies = t.companies.max(companies);
                t.proof += (f64::from(minutes) / FULL_EVIDENCE_MINUTES).min(1.0);
            }
        }
        each(skill, how, must);
    }
    t
}

/// Hours, travel and start, each from 0 to 1, with the reasons that say them.
fn fit(candidate: &Candidate, need: &Need, reasons: Option<&mut Vec<Reason>>) -> (f64, f64, f64) {
    let mut said = Vec::new();
    let hours = if candidate.hours_free >= need.hours {
        said.push(Reason::HoursFit {
            free: candidate.hours_free,
            asked: need.hours,
        });
        1.0
    } else {
        said.push(Reason::HoursShort {
            free: candidate.hours_free,
            asked: need.hours,
        });
        f64::from(candidate.hours_free) / f64::from(need.hours.max(1))
    };
    let travel = match (candidate.home, need.site) {
        (Some(home), Some(site)) => {
            let km = home.km_to(site);
            said.push(Reason::Travel {
                km_tenths: (km * 10.0).round() as u32,
            });
            (1.0 - km / FAR_KM).max(0.0)
        }
        _ => {
            said.push(Reason::TravelUnknown);
            UNKNOWN_TRAVEL
        }
    };
    let start = match candidate.available_from {
        Some(day) if day > need.start => {
            let late = day.abs_diff(need.start);
            said.push(Reason::StartLate { days: late });
            (1.0 - f64::from(late) / LATE_DAYS).max(0.0)
        }
        _ => {
            said.push(Reason::StartFit);
            1.0
        }
    };
    if let Some(reasons) = reasons {
        reasons.extend(said);
    }
    (hours, travel, start)
}

/// The score from its parts: one sum, so the quick ranking and the full match agree to
/// the last bit.
fn weigh(t: &Tally, (hours, travel, start): (f64, f64, f64)) -> f64 {
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

/// A candidate's place for a need without its details: whether every must-have is met,
/// and the score; none when their limits do not allow the work. What the ranking sorts
/// by before it spells out the few it keeps.
pub(crate) fn quick(candidate: &Candidate, need: &Need) -> Option<(bool, f64)> {
    if candidate.limits.is_some_and(|l| !l.allow(&need.demands)) {
        return None;
    }
    let t = tally(candidate, need, |_, _, _| {});
    Some((
        t.must_met == t.must_of,
        weigh(&t, fit(candidate, need, None)),
    ))
}

/// The candidate for the need, or none when their limits do not allow the work. The
/// candidate's skills must be [`normalised`].
pub fn score(candidate: &Candidate, need: &Need) -> Option<Match> {
    let limits_checked = match &candidate.limits {
        Some(limits) if !limits.allow(&need.demands) => return None,
        Some(_) => true,
        None => false,
    };
    let mut met = Vec::new();
    let mut missing = Vec::new();
    let t = tally(candidate, need, |skill, how, must| match how {
        Some(how) => met.push(Met { skill, how }),
        None => missing.push(Missing { skill, must }),
    });
    let mut reasons = vec![Reason::MustHave {
        met: small(t.must_met),
        of: small(t.must_of),
    }];
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
    let parts = fit(candidate, need, Some(&mut reasons));
    if limits_checked {
        reasons.push(Reason::LimitsChecked);
    }
    Some(Match {
        candidate: candidate.key.clone(),
        need: need.id,
        score: weigh(&t, parts),
        met,
        missing,
        reasons,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{CandidateKey, CandidateKind, Demands, Limits, Point, SkillId};

    fn candidate(skills: &[(u32, How)]) -> Candidate {
        Candidate {
            key: CandidateKey {
                kind: CandidateKind::Person,
                id: 1,
            },
            skills: normalised(
                skills
                    .iter()
                    .map(|(s, how)| Held {
                        skill: SkillId(*s),
                        how: *how,
                    })
                    .collect(),
            ),
            hours_free: 10,
            home: Some(Point {
                latitude: 57.05,
                longitude: 9.92,
            }),
            available_from: None,
            limits: None,
        }
    }

    fn need() -> Need {
        Need {
            id: 7,
            must: vec![SkillId(1), SkillId(2)],
            nice: vec![SkillId(3)],
            hours: 15,
            start: 0,
            site: Some(Point {
                latitude: 57.05,
                longitude: 9.92,
            }),
            demands: Demands {
                lift_kg: 20,
                standing: false,
                outdoors: false,
            },
        }
    }

    #[test]
    fn a_match_says_what_is_met_missing_and_why() {
        let c = candidate(&[
            (
                1,
                How::Evidenced {
                    minutes: 5040,
                    companies: 3,
                },
            ),
            (3, How::Declared),
        ]);
        let m = score(&c, &need()).unwrap();
        assert_eq!(
            m.missing,
            [Missing {
                skill: SkillId(2),
                must: true
            }]
        );
        assert_eq!(m.met.len(), 2);
        assert!(m.reasons.contains(&Reason::MustHave { met: 1, of: 2 }));
        assert!(m.reasons.contains(&Reason::Evidence {
            minutes: 5040,
            companies: 3
        }));
        assert!(m.reasons.contains(&Reason::HoursShort {
            free: 10,
            asked: 15
        }));
        assert!(m.reasons.contains(&Reason::Travel { km_tenths: 0 }));
        assert!((0.0..=1.0).contains(&m.score));
    }

    #[test]
    fn limits_that_do_not_allow_the_work_match_nothing() {
        let mut c = candidate(&[(1, How::Declared), (2, How::Declared)]);
        c.limits = Some(Limits {
            max_lift_kg: Some(10),
            ..Limits::default()
        });
        assert!(score(&c, &need()).is_none());
        c.limits = Some(Limits {
            max_lift_kg: Some(25),
            ..Limits::default()
        });
        let m = score(&c, &need()).unwrap();
        assert!(m.reasons.contains(&Reason::LimitsChecked));
    }

    #[test]
    fn evidence_outweighs_a_declaration_of_the_same_skill() {
        let c = candidate(&[
            (1, How::Declared),
            (
                1,
                How::Evidenced {
                    minutes: 60,
                    companies: 1,
                },
            ),
        ]);
        assert_eq!(c.skills.len(), 1);
        assert!(matches!(c.skills[0].how, How::Evidenced { .. }));
    }
}
