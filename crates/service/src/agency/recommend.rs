//! The ranked candidates for one occurrence of a task request, given the week's latest
//! plan: who could take it now, best first, each with why.

use super::Week;
use super::problem::WeekProblem;
use crate::{Result, ServiceError};
use chrono::NaiveDate;
use domain::actor::Actor;
use domain::calendar::format_instant;
use serde::Serialize;
use staffing::Assignment;
use store::Store;

/// One person considered for the task.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct CandidateView {
    pub person: i64,
    /// Whether they can take it next to what the week's plan already gives them.
    pub can_take: bool,
    /// Their best start, when they can.
    pub start: Option<String>,
    /// Why they rank where they do, in English.
    pub why: Vec<String>,
    /// The same as values (`{"code": "hours", "planned": 120, …}`), for readers who say
    /// it in their own language.
    #[schema(value_type = Vec<Object>)]
    pub merits: Vec<staffing::why::Merit>,
}

/// Ranks everyone who fits the occurrence of task `task_id` on `date`; without a date,
/// the next occurrence from `today` (the last, once all are past).
pub async fn recommend(
    store: &Store,
    task_id: i64,
    date: Option<NaiveDate>,
    today: NaiveDate,
    by: &Actor,
) -> Result<Vec<CandidateView>> {
    let task = store.task(task_id).await?;
    let date = date
        .or_else(|| task.value.request.next_date(today))
        .unwrap_or(today);
    let week = Week::of(date);
    let built = WeekProblem::build(store, &week, &crate::recorded(by)).await?;
    let Some(t) = built
        .occurrences
        .iter()
        .position(|o| o.task_id == task_id && o.date == date)
    else {
        return Err(ServiceError::Conflict(format!(
            "task {task_id} has no occurrence to plan on {date} (it is not requested or planned then)"
        )));
    };
    let mut plan = Vec::new();
    if let Some(latest) = store.latest_plan(&week.label).await? {
        let index = |id: &str| built.problem.tasks.iter().position(|x| x.id == id);
        let person = |id: &str| built.problem.people.iter().position(|x| x.id == id);
        for previous in built.previous(&latest.plan.assignments) {
            let people: Option<Vec<usize>> = previous.people.iter().map(|p| person(p)).collect();
            if let (Some(task), Some(people)) = (index(&previous.task), people) {
                plan.push(Assignment {
                    task,
                    start: previous.start,
                    people,
                });
            }
        }
    }
    // Keep only what still holds, so a changed week cannot make the ranking fail.
    plan.retain(|a| staffing::check(&built.problem, std::slice::from_ref(a)).is_ok());
    let ranked = staffing::recommend(&built.problem, &plan, t)?;
    Ok(ranked
        .into_iter()
        .map(|c| CandidateView {
            person: built.person_ids[c.person],
            can_take: c.can_take,
            start: c.start.map(|s| format_instant(built.week.instant(s))),
            why: c.why.iter().map(ToString::to_string).collect(),
            merits: c.why,
        })
        .collect())
}
