use staffing::generate::{Size, instance};
use staffing::problem::{DAY, Limits as PersonLimits, Person, Place, Problem, Task, Travel};
use staffing::{Assignment, Limits, check, evaluate, recommend, solve};

const HERE: Place = Place(57.048, 9.919);

pub fn person(id: &str, availability: Vec<(i32, i32)>, cap: i32, target: i32) -> Person {
    Person {
        id: id.into(),
        home: HERE,
        availability,
        cap_minutes: cap,
        target_minutes: target,
        booked_minutes: 0,
        skills: vec!["cleaning".into()],
        limits: PersonLimits::default(),
        companies_before: vec![],
    }
}

pub fn task(id: &str, start: i32, duration: i32) -> Task {
    Task {
        id: id.into(),
        company: 1,
        place: HERE,
        earliest_start: start,
        latest_start: start,
        duration,
        skills: vec![],
        lift_kg: 0,
        outdoors: false,
        people_needed: 1,
    }
}

fn monday(h: i32) -> i32 {
    h * 60
}

#[test]
fn fairness_gives_the_hours_to_the_person_with_fewer() {
    // Two people, one two-hour task: the one with no hours yet should get it.
    let mut busy = person("busy", vec![(0, DAY)], 600, 600);
    busy.booked_minutes = 480;
    let idle = person("idle", vec![(0, DAY)], 600, 600);
    let problem = Problem {
        travel: Travel::default(),
        people: vec![busy, idle],
        tasks: vec![task("t", monday(9), 120)],
    };
    let plan = solve(&problem, Limits::iterations(50), 1).unwrap();
    assert_eq!(
        plan.assignments,
        [Assignment {
            task: 0,
            start: monday(9),
            people: vec![1]
        }]
    );
}

#[test]
fn work_comes_before_fairness() {
    // One person could do one long task or two short ones that overlap the long one:
    // the long one is more work, so it wins even though both plans are fair.
    let p = person("p", vec![(0, DAY)], 600, 600);
    let tasks = vec![
        task("long", monday(9), 240),
        task("a", monday(9), 60),
        task("b", monday(11), 60),
    ];
    let problem = Problem {
        travel: Travel::default(),
        people: vec![p],
        tasks,
    };
    let plan = solve(&problem, Limits::iterations(200), 3).unwrap();
    assert_eq!(plan.objective.work_minutes, 240);
    assert_eq!(plan.unassigned.len(), 2);
}

#[test]
fn the_cap_and_travel_are_respected_and_reasons_given() {
    let far = Place(57.10, 9.80); // about 10 km away: ~50 minutes at 15 km/h
    let mut there = task("there", monday(10) + 5, 60);
    there.place = far;
    let mut forklift = task("forklift", monday(13), 60);
    forklift.skills = vec!["forklift".into()];
    let tasks = vec![
        task("here", monday(9), 60),
        there,
        forklift,
        task("late", monday(15), 60),
    ];
    let p = person("p", vec![(0, DAY)], 120, 120);
    let problem = Problem {
        travel: Travel::default(),
        people: vec![p],
        tasks,
    };
    let plan = solve(&problem, Limits::iterations(300), 1).unwrap();
    check(&problem, &plan.assignments).unwrap();
    let forklift = plan
        .unassigned
        .iter()
        .find(|u| problem.tasks[u.task].id == "forklift")
        .unwrap();
    assert!(
        matches!(&forklift.reason, staffing::why::Unstaffed::SkillUnavailable { skill, .. } if skill == "forklift"),
        "{:?}",
        forklift.reason
    );
    assert!(
        forklift
            .reason
            .to_string()
            .contains("no one with the skill forklift"),
        "{}",
        forklift.reason
    );
    assert_eq!(plan.objective.work_minutes, 120, "two hours: the cap");
    assert!(
        plan.assignments
            .iter()
            .all(|a| problem.tasks[a.task].id != "there"),
        "no time to travel to it"
    );
    assert!(
        plan.unassigned
            .iter()
            .any(|u| u.reason.to_string().contains("weekly cap")),
        "{:?}",
        plan.unassigned
    );
}

#[test]
fn the_checker_catches_every_broken_rule() {
    let mut problem = Problem {
        travel: Travel::default(),
        people: vec![person("p", vec![(monday(9), monday(12))], 120, 120)],
        tasks: vec![
            task("a", monday(9), 60),
            task("b", monday(9) + 30, 60),
            task("c", monday(13), 60),
        ],
    };
    problem.tasks[2].skills = vec!["forklift".into()];
    let broken = [
        Assignment {
            task: 0,
            start: monday(9),
            people: vec![0],
        },
        Assignment {
            task: 1,
            start: monday(9) + 30,
            people: vec![0],
        },
        Assignment {
            task: 2,
            start: monday(13),
            people: vec![0],
        },
    ];
    let violations = check(&problem, &broken).unwrap_err();
    let text = violations.join("\n");
    assert!(text.contains("cannot get from task a to task b"), "{text}");
    assert!(text.contains("over the cap"), "{text}");
    assert!(text.contains("lacks the skill forklift"), "{text}");
    assert!(text.contains("not available"), "{text}");
    let twice = [Assignment {
        task: 0,
        start: monday(9),
        people: vec![0, 0],
    }];
    assert!(check(&problem, &twice).is_err());
}

#[test]
fn generated_plans_hold_every_rule_and_their_books_balance() {
    let problem = instance(Size::S, 7);
    let plan = solve(&problem, Limits::iterations(3000), 7).unwrap();
    check(&problem, &plan.assignments).unwrap();
    assert_eq!(
        plan.objective,
        evaluate(&problem, &plan.assignments),
        "incremental terms equal a fresh count"
    );
    assert!(plan.objective.work_minutes > 0);
    assert_eq!(
        plan.assignments.len() + plan.unassigned.len(),
        problem.tasks.len()
    );
    assert!(
        plan.unassigned
            .iter()
            .all(|u| !u.reason.to_string().is_empty())
    );
    let first = solve(&problem, Limits::iterations(0), 7).unwrap();
    assert!(
        plan.objective.total >= first.objective.total,
        "search never loses ground"
    );
}

#[test]
fn the_same_seed_and_iterations_give_the_same_plan() {
    let problem = instance(Size::S, 3);
    let a = solve(&problem, Limits::iterations(2000), 11).unwrap();
    let b = solve(&problem, Limits::iterations(2000), 11).unwrap();
    assert_eq!(a, b);
    assert_eq!(
        instance(Size::S, 3),
        problem,
        "the generator is deterministic too"
    );
}

#[test]
fn recommendations_rank_who_can_take_it_first() {
    let mut full = person("full", vec![(0, DAY)], 60, 600);
    full.booked_minutes = 60;
    let mut returning = person("returning", vec![(0, DAY)], 600, 600);
    returning.companies_before = vec![1];
    let new = person("new", vec![(0, DAY)], 600, 600);
    let problem = Problem {
        travel: Travel::default(),
        people: vec![full, returning, new],
        tasks: vec![task("t", monday(9), 60)],
    };
    let ranked = recommend(&problem, &[], 0).unwrap();
    let order: Vec<&str> = ranked
        .iter()
        .map(|c| problem.people[c.person].id.as_str())
        .collect();
    assert_eq!(order, ["returning", "new", "full"]);
    assert!(!ranked[2].can_take);
    assert!(
        ranked[2].why.contains(&staffing::why::Merit::OverCap),
        "{:?}",
        ranked[2].why
    );
    assert!(ranked[0].why.contains(&staffing::why::Merit::Returning));
}

#[test]
fn bad_problems_are_refused_not_planned() {
    let problem = Problem {
        travel: Travel::default(),
        people: vec![person("p", vec![(600, 500)], 60, 60)],
        tasks: vec![task("t", 0, 60)],
    };
    assert!(solve(&problem, Limits::iterations(1), 1).is_err());
}
