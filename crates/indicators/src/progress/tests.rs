//! Worked examples for every status and edge, each computed by hand from the formulas in
//! the module's documentation.

use super::*;

fn s() -> Settings {
    Settings::default()
}

fn status(points: &[(i32, f64)], d: Direction, t: Option<Target>, limit: Option<f64>) -> Status {
    assess(points, d, t, None, limit, &s()).status
}

#[test]
fn without_a_target_the_yearly_growth_decides() {
    // 100 → 110.4 over 5 years: 2.0 %/year up, substantial.
    assert_eq!(
        status(&[(2015, 100.0), (2020, 110.408)], Direction::Up, None, None),
        Status::SubstantialProgress
    );
    // 100 → 104.06 over 4 years: 1.0 %/year, moderate.
    assert_eq!(
        status(&[(2016, 100.0), (2020, 104.06)], Direction::Up, None, None),
        Status::ModerateProgress
    );
    // 0.2 %/year: limited.
    assert_eq!(
        status(&[(2015, 100.0), (2016, 100.2)], Direction::Up, None, None),
        Status::LimitedProgress
    );
    // Falling when up is better: deterioration; the same fall when down is better: substantial.
    let falling = [(2015, 100.0), (2017, 90.0)];
    assert_eq!(
        status(&falling, Direction::Up, None, None),
        Status::Deterioration
    );
    assert_eq!(
        status(&falling, Direction::Down, None, None),
        Status::SubstantialProgress
    );
}

#[test]
fn fewer_than_two_years_is_not_available() {
    let one = assess(&[(2020, 5.0)], Direction::Up, None, None, None, &s());
    assert_eq!(
        (one.status, one.why),
        (Status::NotAvailable, Why::TooFew { years: 1 })
    );
    assert_eq!(status(&[], Direction::Up, None, None), Status::NotAvailable);
    // Every value before the base year: nothing to judge from it.
    let early = assess(
        &[(2010, 5.0), (2012, 6.0)],
        Direction::Up,
        None,
        Some(2015),
        None,
        &s(),
    );
    assert_eq!(early.status, Status::NotAvailable);
}

#[test]
fn a_base_year_without_data_moves_to_the_next_year_with_data() {
    let a = assess(
        &[(2014, 50.0), (2017, 100.0), (2019, 121.0)],
        Direction::Up,
        None,
        None,
        None,
        &s(),
    );
    assert_eq!(a.base, Some((2017, 100.0)));
    assert!((a.progress.unwrap() - 0.1).abs() < 1e-9, "{a:?}");
}

#[test]
fn a_zero_base_counts_as_a_thousandth_and_signs_must_agree() {
    let a = assess(
        &[(2015, 0.0), (2016, 1.0)],
        Direction::Up,
        None,
        None,
        None,
        &s(),
    );
    assert_eq!(a.status, Status::SubstantialProgress);
    assert!((a.progress.unwrap() - 999.0).abs() < 1e-6);
    let b = assess(
        &[(2015, -5.0), (2016, 5.0)],
        Direction::Up,
        None,
        None,
        None,
        &s(),
    );
    assert_eq!((b.status, b.why), (Status::NotAvailable, Why::SignsDiffer));
    // Both negative: the sign of the values flips the growth as Open SDG does.
    let c = assess(
        &[(2015, -10.0), (2016, -5.0)],
        Direction::Up,
        None,
        None,
        None,
        &s(),
    );
    assert_eq!(c.status, Status::SubstantialProgress);
}

#[test]
fn a_limit_shrinks_the_thresholds_near_it() {
    // 90 % → 90.9 % a year later: 1 %/year. Without a limit: moderate. Near a limit of 100 %
    // the thresholds shrink by 1 − 0.9^4.44 = 0.374: high becomes 0.56 %, so substantial.
    let points = [(2015, 90.0), (2016, 90.9)];
    assert_eq!(
        status(&points, Direction::Up, None, None),
        Status::ModerateProgress
    );
    assert_eq!(
        status(&points, Direction::Up, None, Some(100.0)),
        Status::SubstantialProgress
    );
    // Far from it (base twice the limit or more), the thresholds stay.
    assert_eq!(
        status(
            &[(2015, 300.0), (2016, 303.0)],
            Direction::Up,
            None,
            Some(100.0)
        ),
        Status::ModerateProgress
    );
}

#[test]
fn a_target_value_is_judged_by_the_growth_it_needs() {
    let target = Some(Target::Value {
        value: 50.0,
        year: 2040,
    });
    // 30 % in 2015 to 50 % in 2040 needs 2.065 %/year.
    // 30 → 31.5 in 2018: 1.639 %/year, ratio 0.79: moderate.
    assert_eq!(
        status(&[(2015, 30.0), (2018, 31.5)], Direction::Up, target, None),
        Status::ModerateProgress
    );
    // 30 → 32 in 2018: 2.174 %/year, ratio 1.05: substantial.
    assert_eq!(
        status(&[(2015, 30.0), (2018, 32.0)], Direction::Up, target, None),
        Status::SubstantialProgress
    );
    // 30 → 30.3: ratio 0.16: limited; 30 → 29: deterioration.
    assert_eq!(
        status(&[(2015, 30.0), (2018, 30.3)], Direction::Up, target, None),
        Status::LimitedProgress
    );
    assert_eq!(
        status(&[(2015, 30.0), (2018, 29.0)], Direction::Up, target, None),
        Status::Deterioration
    );
    // Reached already: achieved, whatever the growth.
    let met = assess(
        &[(2015, 30.0), (2018, 55.0)],
        Direction::Up,
        target,
        None,
        None,
        &s(),
    );
    assert_eq!(met.status, Status::TargetAchieved);
    assert!(matches!(met.why, Why::Met { since: 2015, .. }));
}

#[test]
fn a_target_of_zero_counts_as_a_thousandth() {
    let target = Some(Target::Value {
        value: 0.0,
        year: 2030,
    });
    let a = assess(
        &[(2015, 10.0), (2020, 5.0)],
        Direction::Down,
        target,
        None,
        None,
        &s(),
    );
    assert_eq!(a.status, Status::LimitedProgress, "{a:?}");
    let Why::AgainstTarget { needed, .. } = a.why else {
        panic!("{a:?}")
    };
    assert!((needed - ((0.001f64 / 10.0).powf(1.0 / 15.0) - 1.0)).abs() < 1e-12);
}

#[test]
fn a_yearly_rate_is_judged_by_the_share_of_it_observed() {
    let target = Some(Target::Rate {
        rate_per_year: -2.0,
    });
    // CO2 1000 → 956.7 over 4 years: −1.1 %/year against −2 %: ratio 0.55, limited.
    let a = assess(
        &[(2018, 1000.0), (2022, 956.7)],
        Direction::Down,
        target,
        None,
        None,
        &s(),
    );
    assert_eq!(a.status, Status::LimitedProgress, "{a:?}");
    let Why::AgainstTarget {
        since,
        observed,
        needed,
    } = a.why
    else {
        panic!("{a:?}")
    };
    assert_eq!(since, 2018);
    assert!((observed + 0.011).abs() < 1e-3 && (needed + 0.02).abs() < 1e-12);
    // −1.5 %/year: 0.75, moderate; −1.95 %: 0.975, substantial; −2.5 %: met; rising: deterioration.
    let at = |last: f64| {
        status(
            &[(2018, 1000.0), (2019, last)],
            Direction::Down,
            target,
            None,
        )
    };
    assert_eq!(at(985.0), Status::ModerateProgress);
    assert_eq!(at(980.5), Status::SubstantialProgress);
    assert_eq!(at(975.0), Status::TargetAchieved);
    assert_eq!(at(1010.0), Status::Deterioration);
}

#[test]
fn the_trajectory_runs_from_the_base_at_the_rate_the_target_needs() {
    let target = Some(Target::Rate {
        rate_per_year: -2.0,
    });
    let a = assess(
        &[(2018, 1000.0), (2022, 956.7)],
        Direction::Down,
        target,
        None,
        None,
        &s(),
    );
    let path = trajectory(&a, target, 2020);
    assert_eq!(path.len(), 3);
    assert!((path[2].1 - 960.4).abs() < 1e-9);
    let value = Some(Target::Value {
        value: 50.0,
        year: 2040,
    });
    let b = assess(
        &[(2015, 30.0), (2018, 31.5)],
        Direction::Up,
        value,
        None,
        None,
        &s(),
    );
    let path = trajectory(&b, value, 2020);
    assert_eq!(path.last().unwrap().0, 2040);
    assert!((path.last().unwrap().1 - 50.0).abs() < 1e-9);
}

#[test]
fn the_thresholds_are_settings() {
    let strict = Settings {
        ratio: Thresholds {
            high: 1.0,
            med: 0.9,
            low: 0.5,
        },
        ..Settings::default()
    };
    let target = Some(Target::Rate {
        rate_per_year: -2.0,
    });
    let a = assess(
        &[(2018, 1000.0), (2019, 985.0)],
        Direction::Down,
        target,
        None,
        None,
        &strict,
    );
    assert_eq!(a.status, Status::LimitedProgress);
}
