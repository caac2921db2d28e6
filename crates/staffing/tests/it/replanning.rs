use staffing::generate::{Size, instance};
use staffing::problem::DAY;
use staffing::replan::{Previous, replan};
use staffing::{Limits, check, solve};

#[test]
fn a_sick_day_moves_only_what_it_must() {
    let mut problem = instance(Size::S, 5);
    let plan = solve(&problem, Limits::iterations(3000), 5).unwrap();
    let previous = Previous::of_plan(&problem, &plan.assignments);
    // The busiest person calls in sick for Tuesday.
    let sick = (0..problem.people.len())
        .max_by_key(|&p| {
            plan.assignments
                .iter()
                .filter(|a| a.people.contains(&p) && a.start / DAY == 1)
                .count()
        })
        .unwrap();
    let had_to_move: Vec<usize> = plan
        .assignments
        .iter()
        .filter(|a| a.people.contains(&sick) && a.start / DAY == 1)
        .map(|a| a.task)
        .collect();
    assert!(
        !had_to_move.is_empty(),
        "the test needs someone with Tuesday work"
    );
    let original = problem.clone();
    problem.people[sick]
        .availability
        .retain(|(s, _)| s / DAY != 1);

    let before = staffing::model::Model::new(&original);
    let changed = before.with_changed_people(&problem, &[sick]);
    let fresh = staffing::model::Model::new(&problem);
    let travel = |model: &staffing::model::Model| -> Vec<i32> {
        (0..problem.people.len())
            .flat_map(|p| (0..problem.tasks.len()).map(move |t| (p, t)))
            .map(|(p, t)| model.home_to(p, t))
            .collect()
    };
    assert_eq!(
        (&changed.candidates, travel(&changed)),
        (&fresh.candidates, travel(&fresh)),
        "recompiling one person = compiling all"
    );
    assert!(
        changed.candidates.iter().any(|c| !c.contains(&sick)),
        "the sick person lost tasks"
    );
    let (again, moves) = replan(&problem, &previous, Limits::iterations(500), 5).unwrap();
    let (same, _) =
        staffing::replan::replan_with(&changed, &previous, Limits::iterations(500), 5).unwrap();
    assert_eq!(
        same, again,
        "the incrementally compiled model plans the same"
    );
    check(&problem, &again.assignments).unwrap();
    for t in &had_to_move {
        assert!(moves.iter().any(|m| m.task == *t), "task {t} had to move");
        assert!(
            !again
                .assignments
                .iter()
                .any(|a| a.task == *t && a.people.contains(&sick))
        );
    }
    let extra = moves
        .iter()
        .filter(|m| m.change != "added" && !had_to_move.contains(&m.task))
        .count();
    assert!(
        extra * 20 <= plan.assignments.len(),
        "{extra} more tasks moved than had to, of {}",
        plan.assignments.len()
    );
}
