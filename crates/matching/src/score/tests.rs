use super::*;
use crate::{CandidateKey, CandidateKind, Demands, Limits, Point};

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
        home: Some(CENTRE),
        available_from: None,
        limits: None,
    }
}

const CENTRE: Point = Point {
    latitude: 57.05,
    longitude: 9.92,
};

fn need() -> Need {
    Need {
        id: 7,
        must: vec![SkillId(1), SkillId(2)],
        nice: vec![SkillId(3)],
        hours: 15,
        start: 0,
        site: Some(CENTRE),
        demands: Demands {
            lift_kg: 20,
            standing: false,
            outdoors: false,
        },
    }
}

fn evidenced(minutes: u32, companies: u16) -> How {
    How::Evidenced { minutes, companies }
}

#[test]
fn the_weights_sum_to_one() {
    let w = WEIGHTS;
    let sum = w.must + w.nice + w.evidence + w.hours + w.travel + w.start;
    assert!((sum - 1.0).abs() < 1e-12);
}

#[test]
fn a_match_says_what_is_met_missing_and_why() {
    let c = candidate(&[(1, evidenced(5040, 3)), (3, How::Declared)]);
    let m = score(&c, &need()).unwrap();
    assert_eq!(
        m.missing,
        [Missing {
            skill: SkillId(2),
            must: true
        }]
    );
    assert_eq!(m.met.len(), 2);
    assert_eq!(
        m.reasons,
        [
            Reason::MustHave { met: 1, of: 2 },
            Reason::NiceToHave { met: 1, of: 1 },
            Reason::Evidence {
                minutes: 5040,
                companies: 3
            },
            Reason::HoursShort {
                free: 10,
                asked: 15
            },
            Reason::Travel { km_tenths: 0 },
            Reason::StartFit,
        ]
    );
    assert!((0.0..=1.0).contains(&m.score));
}

#[test]
fn evidence_sums_minutes_and_keeps_the_most_companies_behind_one_skill() {
    let c = candidate(&[
        (1, evidenced(600, 2)),
        (2, evidenced(1200, 3)),
        (9, evidenced(9000, 7)),
    ]);
    let m = score(&c, &need()).unwrap();
    assert!(m.reasons.contains(&Reason::Evidence {
        minutes: 1800,
        companies: 3
    }));
}

#[test]
fn a_perfect_candidate_scores_one() {
    let mut c = candidate(&[
        (1, evidenced(6000, 1)),
        (2, evidenced(7000, 1)),
        (3, evidenced(99_999, 1)),
    ]);
    c.hours_free = 37;
    let m = score(&c, &need()).unwrap();
    assert!((m.score - 1.0).abs() < 1e-12, "{}", m.score);
}

#[test]
fn limits_that_do_not_allow_the_work_match_nothing() {
    let mut c = candidate(&[(1, How::Declared), (2, How::Declared)]);
    c.limits = Some(Limits {
        max_lift_kg: Some(10),
        ..Limits::default()
    });
    assert!(score(&c, &need()).is_none());
    assert!(quick(&c, &need(), &Asked::of(&need())).is_none());
    c.limits = Some(Limits {
        max_lift_kg: Some(25),
        ..Limits::default()
    });
    let m = score(&c, &need()).unwrap();
    assert_eq!(m.reasons.last(), Some(&Reason::LimitsChecked));
}

#[test]
fn evidence_outweighs_a_declaration_of_the_same_skill() {
    let c = candidate(&[(1, How::Declared), (1, evidenced(60, 1))]);
    assert_eq!(c.skills.len(), 1);
    assert!(matches!(c.skills[0].how, How::Evidenced { .. }));
}

#[test]
fn a_skill_asked_twice_counts_once_and_a_must_have_wins_over_nice() {
    let mut n = need();
    n.must = vec![SkillId(1), SkillId(1), SkillId(2)];
    n.nice = vec![SkillId(2), SkillId(3), SkillId(3)];
    let m = score(&candidate(&[(1, How::Declared)]), &n).unwrap();
    assert_eq!(m.reasons[0], Reason::MustHave { met: 1, of: 2 });
    assert_eq!(m.reasons[1], Reason::NiceToHave { met: 0, of: 1 });
    assert_eq!(m.met.len() + m.missing.len(), 3);
}

#[test]
fn no_hours_asked_or_free_is_still_a_score() {
    let mut n = need();
    let mut c = candidate(&[]);
    (n.hours, c.hours_free) = (0, 0);
    let m = score(&c, &n).unwrap();
    assert!(m.reasons.contains(&Reason::HoursFit { free: 0, asked: 0 }));
    n.hours = 5;
    let m = score(&c, &n).unwrap();
    assert!(
        m.reasons
            .contains(&Reason::HoursShort { free: 0, asked: 5 })
    );
    assert!(m.score.is_finite() && (0.0..=1.0).contains(&m.score));
}

#[test]
fn travel_and_start_fall_off_and_unknowns_count_half() {
    let mut c = candidate(&[(1, How::Declared), (2, How::Declared)]);
    let near = score(&c, &need()).unwrap().score;
    c.home = Some(Point {
        latitude: 56.157,
        longitude: 10.211,
    });
    let far = score(&c, &need()).unwrap();
    assert!(matches!(far.reasons[3], Reason::Travel { km_tenths } if km_tenths > 900));
    assert!((near - far.score - WEIGHTS.travel).abs() < 1e-12);
    c.home = None;
    let unknown = score(&c, &need()).unwrap();
    assert!(unknown.reasons.contains(&Reason::TravelUnknown));
    assert!((near - unknown.score - WEIGHTS.travel * UNKNOWN_TRAVEL).abs() < 1e-12);
    c.available_from = Some(30);
    let late = score(&c, &need()).unwrap();
    assert!(late.reasons.contains(&Reason::StartLate { days: 30 }));
    assert!((unknown.score - late.score - WEIGHTS.start / 2.0).abs() < 1e-12);
}

#[test]
fn nobody_without_an_asked_skill_scores_above_the_ceiling() {
    let mut n = need();
    // The nice-to-have is a must-have too, so no nice-to-have is left to miss.
    n.nice = vec![SkillId(1)];
    let asked = Asked::of(&n);
    let mut c = candidate(&[(40, How::Declared)]);
    c.hours_free = 40;
    let (all_musts, best) = quick(&c, &n, &asked).unwrap();
    assert!(!all_musts);
    assert_eq!(best, ceiling_without_skills(&asked));
    assert!(best > WEIGHTS.hours + WEIGHTS.travel + WEIGHTS.start);
}
