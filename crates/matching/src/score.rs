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
    let mut asked = |skills: &[crate::SkillId], must: bool| {
        let mut count = 0;
        let mut seen: Vec<crate::SkillId> = Vec::with_capacity(skills.len());
        for &skill in skills {
            if seen.contains(&skill) {
                continue;
            }
            seen.push(skill);
            match held(candidate, skill) {
                Some(how) => {
                    count += 1;
                    met.push(Met { skill, how });
                }
                None => missing.push(Missing { skill, must }),
            }
        }
        (count, seen.len())
    };
    let (must_met, must_of) = asked(&need.must, true);
    let nice: Vec<_> = need
        .nice
        .iter()
        .copied()
        .filter(|s| !need.must.contains(s))
        .collect();
    let (nice_met, nice_of) = asked(&nice, false);

    let mut reasons = vec![Reason::MustHave {
        met: small(must_met),
        of: small(must_of),
    }];
    if nice_of > 0 {
        reasons.push(Reason::NiceToHave {
            met: small(nice_met),
            of: small(nice_of),
        });
    }
    let (mut minutes, mut companies, mut proof) = (0u32, 0u16, 0.0);
    for m in &met {
        if let How::Evidenced {
            minutes: mins,
            companies: c,
        } = m.how
        {
            minutes = minutes.saturating_add(mins);
            companies = companies.max(c);
            proof += (f64::from(mins) / FULL_EVIDENCE_MINUTES).min(1.0);
        }
    }
    if minutes > 0 {
        reasons.push(Reason::Evidence { minutes, companies });
    }
    let evidence = if met.is_empty() {
        0.0
    } else {
        proof / met.len() as f64
    };
    let hours = if candidate.hours_free >= need.hours {
        reasons.push(Reason::HoursFit {
            free: candidate.hours_free,
            asked: need.hours,
        });
        1.0
    } else {
        reasons.push(Reason::HoursShort {
            free: candidate.hours_free,
            asked: need.hours,
        });
        f64::from(candidate.hours_free) / f64::from(need.hours.max(1))
    };
    let travel = match (candidate.home, need.site) {
        (Some(home), Some(site)) => {
            let km = home.km_to(site);
            reasons.push(Reason::Travel {
                km_tenths: (km * 10.0).round() as u32,
            });
            (1.0 - km / FAR_KM).max(0.0)
        }
        _ => {
            reasons.push(Reason::TravelUnknown);
            UNKNOWN_TRAVEL
        }
    };
    let start = match candidate.available_from {
        Some(day) if day > need.start => {
            let late = (day - need.start) as u32;
            reasons.push(Reason::StartLate { days: late });
            (1.0 - f64::from(late) / LATE_DAYS).max(0.0)
        }
        _ => {
            reasons.push(Reason::StartFit);
            1.0
        }
    };
    if limits_checked {
        reasons.push(Reason::LimitsChecked);
    }
    let w = WEIGHTS;
    let score = w.must * share(must_met, must_of)
        + w.nice * share(nice_met, nice_of)
        + w.evidence * evidence
        + w.hours * hours
        + w.travel * travel
        + w.start * start;
    Some(Match {
        candidate: candidate.key.clone(),
        need: need.id,
        score: score.clamp(0.0, 1.0),
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
