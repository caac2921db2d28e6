//! The engine's promises on generated instances: the index answers as a ranking of
//! everyone would, nobody missing a must-have is ranked above someone who has them all,
//! limits keep people out, and the answer is the same every time.

use matching::generate::instance;
use matching::{Pool, matches_for_need, needs_for_candidate, top_for_every_need};
use proptest::prelude::*;

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn the_index_answers_as_a_ranking_of_everyone(seed in 0u64..10_000, people in 0usize..120, skills in 1u32..40, limit in 0usize..15) {
        let (candidates, needs) = instance(seed, people, 8, skills);
        let pool = Pool::new(candidates);
        for need in &needs {
            prop_assert_eq!(matches_for_need(need, &pool, limit), pool.rank_all(need, limit));
        }
    }

    #[test]
    fn nobody_missing_a_must_have_is_above_someone_with_them_all(seed in 0u64..10_000) {
        let (candidates, needs) = instance(seed, 80, 6, 12);
        let pool = Pool::new(candidates);
        for need in &needs {
            let ranked = matches_for_need(need, &pool, 80);
            let first_partial = ranked.iter().position(|m| !m.all_musts()).unwrap_or(ranked.len());
            prop_assert!(ranked[first_partial..].iter().all(|m| !m.all_musts()));
            prop_assert!(ranked.windows(2).all(|w| w[0].all_musts() != w[1].all_musts() || w[0].score >= w[1].score));
        }
    }

    #[test]
    fn limits_that_refuse_the_work_keep_a_person_out(seed in 0u64..10_000) {
        let (candidates, needs) = instance(seed, 60, 6, 10);
        let pool = Pool::new(candidates);
        for need in &needs {
            for m in matches_for_need(need, &pool, 60) {
                let c = pool.candidates().iter().find(|c| c.key == m.candidate).unwrap();
                prop_assert!(c.limits.is_none_or(|l| l.allow(&need.demands)));
            }
        }
    }

    #[test]
    fn every_need_at_once_is_each_need_alone(seed in 0u64..10_000) {
        let (candidates, needs) = instance(seed, 100, 20, 15);
        let pool = Pool::new(candidates);
        let alone: Vec<_> = needs.iter().map(|n| matches_for_need(n, &pool, 5)).collect();
        prop_assert_eq!(top_for_every_need(&needs, &pool, 5), alone);
    }
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
fn one_more_skill_opens_the_needs_it_is_the_only_one_missing_from() {
    let (candidates, needs) = instance(3, 1, 200, 8);
    let (_, openings) = needs_for_candidate(&candidates[0], &needs, 10);
    for o in &openings {
        let mut wiser = candidates[0].clone();
        wiser.skills.push(matching::Held {
            skill: o.skill,
            how: matching::How::Declared,
        });
        let before = needs_for_candidate(&candidates[0], &needs, 200)
            .0
            .iter()
            .filter(|m| m.all_musts())
            .count();
        let after = needs_for_candidate(&wiser, &needs, 200)
            .0
            .iter()
            .filter(|m| m.all_musts())
            .count();
        assert_eq!(after - before, o.needs as usize, "{o:?}");
    }
    assert!(openings.windows(2).all(|w| w[0].needs >= w[1].needs));
}
