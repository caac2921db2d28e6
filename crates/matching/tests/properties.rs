//! The engine's promises, on generated instances and on small arbitrary ones full of the
//! awkward cases (skills held or asked twice, no must-haves, no hours, limit 0): the index
//! answers as a ranking of everyone would, nobody missing a must-have is ranked above
//! someone who has them all, limits keep people out, and the answer is the same every time.

use matching::generate::instance;
use matching::{
    Candidate, CandidateKey, CandidateKind, Demands, Held, How, Limits, Match, Need, Point, Pool,
    SkillId, better, matches_for_need, needs_for_candidate, top_for_every_need,
};
use proptest::prelude::*;
use std::cmp::Ordering;

fn skill() -> impl Strategy<Value = SkillId> {
    (0u32..8).prop_map(SkillId)
}

fn how() -> impl Strategy<Value = How> {
    prop_oneof![
        Just(How::Declared),
        (0u32..9000, 0u16..4)
            .prop_map(|(minutes, companies)| How::Evidenced { minutes, companies }),
    ]
}

/// Somewhere in North Jutland, so some journeys are beyond the 40 km where travel counts.
fn point() -> impl Strategy<Value = Option<Point>> {
    proptest::option::of(
        (56.8f64..57.3, 9.5f64..10.4).prop_map(|(latitude, longitude)| Point {
            latitude,
            longitude,
        }),
    )
}

fn candidate() -> impl Strategy<Value = Candidate> {
    let limits = (proptest::option::of(0u16..30), any::<bool>(), any::<bool>()).prop_map(
        |(max_lift_kg, indoor_only, no_standing)| Limits {
            max_lift_kg,
            indoor_only,
            no_standing,
        },
    );
    (
        any::<bool>(),
        proptest::collection::vec((skill(), how()), 0..6),
        0u16..40,
        point(),
        proptest::option::of(-10i32..100),
        proptest::option::of(limits),
    )
        .prop_map(
            |(student, skills, hours_free, home, available_from, limits)| Candidate {
                key: CandidateKey {
                    kind: if student {
                        CandidateKind::Student
                    } else {
                        CandidateKind::Person
                    },
                    id: 0,
                },
                skills: skills
                    .into_iter()
                    .map(|(skill, how)| Held { skill, how })
                    .collect(),
                hours_free,
                home,
                available_from,
                limits,
            },
        )
}

fn need() -> impl Strategy<Value = Need> {
    let skills = || proptest::collection::vec(skill(), 0..4);
    let demands =
        (0u16..30, any::<bool>(), any::<bool>()).prop_map(|(lift_kg, standing, outdoors)| {
            Demands {
                lift_kg,
                standing,
                outdoors,
            }
        });
    (skills(), skills(), 0u16..40, 0i32..60, point(), demands).prop_map(
        |(must, nice, hours, start, site, demands)| Need {
            id: 0,
            must,
            nice,
            hours,
            start,
            site,
            demands,
        },
    )
}

/// Candidates and needs with distinct ids, as the records give them.
fn alliance() -> impl Strategy<Value = (Vec<Candidate>, Vec<Need>)> {
    let candidates = proptest::collection::vec(candidate(), 0..40);
    let needs = proptest::collection::vec(need(), 0..6);
    (candidates, needs).prop_map(|(mut candidates, mut needs)| {
        for (i, c) in candidates.iter_mut().enumerate() {
            c.key.id = i as i64 * 7 % 41;
        }
        for (i, n) in needs.iter_mut().enumerate() {
            n.id = i as i64 + 1;
        }
        (candidates, needs)
    })
}

/// Whether the ranking is in the engine's order, every must-have met first.
fn in_order(ranked: &[Match]) -> bool {
    ranked
        .windows(2)
        .all(|w| better(&w[0], &w[1]) == Ordering::Less)
        && ranked.is_sorted_by_key(|m| !m.all_musts())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    #[test]
    fn the_index_answers_as_a_ranking_of_everyone(
        (candidates, needs) in alliance(), limit in 0usize..12,
    ) {
        let pool = Pool::new(candidates);
        for need in &needs {
            prop_assert_eq!(matches_for_need(need, &pool, limit), pool.rank_all(need, limit));
        }
    }

    #[test]
    fn the_index_answers_as_a_ranking_of_everyone_at_scale(
        seed in 0u64..10_000, people in 0usize..150, skills in 1u32..40, limit in 0usize..15,
    ) {
        let (candidates, needs) = instance(seed, people, 8, skills);
        let pool = Pool::new(candidates);
        for need in &needs {
            prop_assert_eq!(matches_for_need(need, &pool, limit), pool.rank_all(need, limit));
        }
    }

    #[test]
    fn nobody_missing_a_must_have_is_above_someone_with_them_all((candidates, needs) in alliance()) {
        let everyone = candidates.len();
        let pool = Pool::new(candidates.clone());
        for need in &needs {
            prop_assert!(in_order(&matches_for_need(need, &pool, everyone)));
        }
        for c in &candidates {
            let (fits, openings) = needs_for_candidate(c, &needs, needs.len());
            prop_assert!(in_order(&fits));
            prop_assert!(openings.len() <= 5);
            prop_assert!(openings.windows(2).all(|w| (w[1].needs, w[0].skill) < (w[0].needs, w[1].skill)));
        }
    }

    #[test]
    fn limits_that_refuse_the_work_keep_a_person_out((candidates, needs) in alliance()) {
        let allowed = |c: &Candidate, n: &Need| c.limits.is_none_or(|l| l.allow(&n.demands));
        let pool = Pool::new(candidates.clone());
        for need in &needs {
            let mut matched: Vec<_> = matches_for_need(need, &pool, candidates.len())
                .into_iter()
                .map(|m| m.candidate)
                .collect();
            let mut expected: Vec<_> =
                candidates.iter().filter(|c| allowed(c, need)).map(|c| c.key.clone()).collect();
            matched.sort();
            expected.sort();
            prop_assert_eq!(matched, expected);
        }
        for c in &candidates {
            let (fits, _) = needs_for_candidate(c, &needs, needs.len());
            let expected: Vec<i64> = needs.iter().filter(|n| allowed(c, n)).map(|n| n.id).collect();
            let mut got: Vec<i64> = fits.iter().map(|m| m.need).collect();
            got.sort_unstable();
            prop_assert_eq!(got, expected);
        }
    }

    #[test]
    fn the_same_input_gives_the_same_answer_in_any_order(
        (candidates, needs) in alliance(), limit in 0usize..12,
    ) {
        let pool = Pool::new(candidates.clone());
        let mut reversed = candidates.clone();
        reversed.reverse();
        for c in &mut reversed {
            c.skills.reverse();
        }
        let again = Pool::new(reversed);
        let alone: Vec<_> = needs.iter().map(|n| matches_for_need(n, &pool, limit)).collect();
        prop_assert_eq!(&top_for_every_need(&needs, &pool, limit), &alone);
        prop_assert_eq!(&top_for_every_need(&needs, &again, limit), &alone);
        for c in &candidates {
            prop_assert_eq!(needs_for_candidate(c, &needs, limit), needs_for_candidate(c, &needs, limit));
        }
    }

    #[test]
    fn scores_stay_between_zero_and_one((candidates, needs) in alliance()) {
        let pool = Pool::new(candidates);
        for need in &needs {
            for m in pool.rank_all(need, usize::MAX) {
                prop_assert!((0.0..=1.0).contains(&m.score));
            }
        }
    }
}

#[test]
fn every_need_at_once_is_each_need_alone_at_scale() {
    let (candidates, needs) = instance(11, 2_000, 200, 60);
    let pool = Pool::new(candidates);
    let alone: Vec<_> = needs
        .iter()
        .map(|n| matches_for_need(n, &pool, 10))
        .collect();
    assert_eq!(top_for_every_need(&needs, &pool, 10), alone);
}

#[test]
fn the_same_seed_gives_the_same_answer() {
    let run = || {
        let (candidates, needs) = instance(7, 500, 50, 30);
        let pool = Pool::new(candidates.clone());
        let (fits, openings) = needs_for_candidate(&candidates[0], &needs, 10);
        (top_for_every_need(&needs, &pool, 10), fits, openings)
    };
    assert_eq!(run(), run());
}

#[test]
fn nothing_in_gives_nothing_out() {
    let (candidates, needs) = instance(5, 20, 5, 10);
    let empty = Pool::new(Vec::new());
    assert!(matches_for_need(&needs[0], &empty, 10).is_empty());
    assert!(top_for_every_need(&[], &empty, 10).is_empty());
    let pool = Pool::new(candidates.clone());
    assert!(matches_for_need(&needs[0], &pool, 0).is_empty());
    assert!(
        top_for_every_need(&needs, &pool, 0)
            .iter()
            .all(Vec::is_empty)
    );
    assert_eq!(
        needs_for_candidate(&candidates[0], &[], 10),
        (vec![], vec![])
    );
    assert!(needs_for_candidate(&candidates[0], &needs, 0).0.is_empty());
}

#[test]
fn one_more_skill_opens_the_needs_it_is_the_only_one_missing_from() {
    let (candidates, needs) = instance(3, 1, 200, 20);
    let (_, openings) = needs_for_candidate(&candidates[0], &needs, 10);
    assert!(!openings.is_empty());
    let fitting = |c: &Candidate| {
        needs_for_candidate(c, &needs, needs.len())
            .0
            .iter()
            .filter(|m| m.all_musts())
            .count()
    };
    let before = fitting(&candidates[0]);
    for o in &openings {
        let mut wiser = candidates[0].clone();
        wiser.skills.push(Held {
            skill: o.skill,
            how: How::Declared,
        });
        assert_eq!(fitting(&wiser) - before, o.needs as usize, "{o:?}");
    }
}
