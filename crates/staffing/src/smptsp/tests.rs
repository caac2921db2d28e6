//! The solver on real OR-Library instances and on random ones that have a plan by construction.

use std::path::PathBuf;

use proptest::prelude::*;

use super::*;

fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/smptsp")
        .join(name)
}

fn read(name: &str) -> Instance {
    Instance::parse(&std::fs::read_to_string(fixture(name)).unwrap()).unwrap()
}

const FIXTURES: [&str; 4] = [
    "data_2_24_40_33.dat",
    "data_4_23_59_33.dat",
    "data_6_48_80_66.dat",
    "data_12_49_119_33.dat",
];

fn moves(n: u64) -> Limits {
    Limits {
        time: None,
        iterations: Some(n),
    }
}

#[test]
fn plans_for_real_instances_pass_the_checker_and_meet_the_bound() {
    for name in FIXTURES {
        let instance = read(name);
        let solution = solve(&instance, moves(200_000), 1).unwrap();
        assert_eq!(
            check(&instance, &solution.assignment),
            Ok(solution.workers_used),
            "{name}"
        );
        assert_eq!(solution.lower_bound, lower_bound(&instance));
        // The bound is the optimum on these instances, and the search stops when it meets it.
        assert_eq!(solution.workers_used, solution.lower_bound, "{name}");
        assert!(solution.iterations < 200_000, "{name}");
    }
}

#[test]
fn the_same_seed_and_iteration_limit_give_the_same_plan() {
    let instance = read("data_12_49_119_33.dat");
    // A short run stops mid-search, a long one at the bound; both must repeat exactly.
    for limit in [300, 30_000] {
        let first = solve(&instance, moves(limit), 7);
        let second = solve(&instance, moves(limit), 7);
        assert_eq!(first, second, "{limit} moves");
    }
}

#[test]
fn solve_file_reports_the_plan_as_json_and_names_a_bad_file() {
    let report = solve_file(&fixture("data_2_24_40_33.dat"), moves(50_000), 1).unwrap();
    let json = serde_json::to_value(&report).unwrap();
    assert_eq!(json["workers_used"], report.workers_used);
    assert_eq!(json["assignment"].as_array().unwrap().len(), 40);
    let err = solve_file(&fixture("missing.dat"), moves(10), 1).unwrap_err();
    assert!(err.contains("missing.dat"), "{err}");
}

#[test]
fn a_job_nobody_can_do_gives_no_plan() {
    let instance = Instance {
        jobs: vec![(0, 1), (2, 3)],
        qualified: vec![vec![0]],
    };
    assert_eq!(
        solve(&instance, moves(100), 1),
        Err(NoPlan::NoQualifiedWorker { job: 1 })
    );
}

#[test]
fn an_impossible_instance_gives_no_plan_within_the_limits() {
    // Two overlapping jobs and one worker qualified for both.
    let instance = Instance {
        jobs: vec![(0, 5), (5, 9)],
        qualified: vec![vec![0, 1]],
    };
    assert!(matches!(
        solve(&instance, moves(1_000), 1),
        Err(NoPlan::NotFound { unassigned: 1, .. })
    ));
}

#[test]
fn an_instance_whose_optimum_is_above_the_bound_still_gets_its_best_plan() {
    // Two jobs at different times (bound 1), but nobody is qualified for both: the search
    // keeps swapping workers at one worker and must return the two-worker plan it found.
    let instance = Instance {
        jobs: vec![(0, 5), (6, 9)],
        qualified: vec![vec![0], vec![1], vec![0]],
    };
    let solution = solve(&instance, moves(50_000), 3).unwrap();
    assert_eq!((solution.workers_used, solution.lower_bound), (2, 1));
    assert_eq!(solution.iterations, 50_000);
    assert_eq!(check(&instance, &solution.assignment), Ok(2));
}

/// A random instance with a known plan: each of `workers` gets a chain of disjoint jobs and is
/// qualified for them, plus random extra qualifications.
fn feasible_instance() -> impl Strategy<Value = Instance> {
    (1usize..8, any::<u64>()).prop_map(|(workers, seed)| {
        use rand::{Rng, SeedableRng};
        let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(seed);
        let mut jobs = Vec::new();
        let mut qualified = vec![Vec::new(); workers];
        for list in &mut qualified {
            let mut time = rng.random_range(0..20u32);
            for _ in 0..rng.random_range(0..6) {
                let end = time + rng.random_range(0..15);
                list.push(jobs.len());
                jobs.push((time, end));
                time = end + rng.random_range(1..10);
            }
        }
        for list in &mut qualified {
            for j in 0..jobs.len() {
                if !list.contains(&j) && rng.random_bool(0.3) {
                    list.push(j);
                }
            }
        }
        Instance { jobs, qualified }
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]
    #[test]
    fn plans_for_random_feasible_instances_pass_the_checker(instance in feasible_instance(), seed in 0u64..1000) {
        let solution = solve(&instance, moves(20_000), seed).unwrap();
        prop_assert_eq!(check(&instance, &solution.assignment), Ok(solution.workers_used));
        prop_assert!(solution.workers_used >= lower_bound(&instance));
        prop_assert!(solution.workers_used <= instance.qualified.len());
    }
}
