//! The agency's week: plan and re-plan it, a sick call, a task's candidates.
//!
//! - [`problem`]: the week's problem built from people, their limits and the task requests.
//! - [`recommend`]: the ranked candidates for one occurrence of a task, each with why.
//! - [`view`]: a stored plan as the pages, the API and the command line show it.
//! - [`board`]: what the coordinator's week board reads.
//! - [`schedule`]: the week by person: availability, absences, work, hours against cap.
//! - [`attendance`]: each planned person's answer and check-in: on time, late, missing.
//! - [`time`]: checking in and out, and a company confirming its hours.
//! - [`company`]: a company contact's own: its sites, requesting a task, who is coming.
//! - [`worker`]: a worker's own planned work, answers, hours and calendar feed.
//! - [`hours`]: the coordinator's records of hours: after the fact, absences, corrections.
//! - [`notify`]: who to tell of a plan's changes, and what.
//! - [`figures`]: paid hours per month and planned hours per person, for the charts.
//!
//! Only active people are planned; every task request with an occurrence in the week that
//! is requested or planned takes part; work already confirmed or done is carried over
//! from the latest plan and blocks its people's time, as do the Flex Waste routes they
//! drive that week (each day's latest plan); both count towards their weekly cap. A
//! request becomes planned when every occurrence in the week has its people, and goes
//! back to requested when a re-plan leaves one without.

pub mod attendance;
pub mod board;
pub mod company;
pub mod figures;
pub mod hours;
pub mod notify;
pub mod problem;
pub mod recommend;
pub mod schedule;
pub mod time;
pub mod view;

/// The planner's reasons as values, for the pages to say in their language.
pub use staffing::why;
pub mod worker;

use crate::{Result, ServiceError};
use domain::actor::Actor;
use domain::problem::Errors;
/// The week, as the domain keeps it; here because every use-case of the agency speaks of it.
pub use domain::week::Week;
use problem::WeekProblem;
use serde::Deserialize;
use staffing::replan::Previous;
use store::Store;
use store::plans::{LeftOver, NewPlan, PlanMove, PlanObjective, PlannedWork};
pub use view::PlanView;

/// How to plan: the search's limits and seed, and whether to re-plan the week's latest plan.
#[derive(Debug, Clone, Copy)]
pub struct Options {
    pub limits: staffing::Limits,
    pub seed: u64,
    pub replan: bool,
    /// Tell the people and companies whose work after this moment changed, by e-mail;
    /// none tells nobody (the demo's history, a plan nobody acts on).
    pub tell_from: Option<chrono::DateTime<chrono::Utc>>,
}

/// What to plan, as a person or a client asks for it.
#[derive(Debug, Default, Deserialize, utoipa::ToSchema)]
#[serde(default)]
pub struct PlanRequest {
    /// The ISO week.
    #[schema(example = "2026-W49")]
    pub week: String,
    /// Re-plan the week's latest plan, moving as little as possible.
    pub replan: bool,
    /// Seconds the search may take, 0–60; default 5.
    #[schema(example = 5)]
    pub time_limit_seconds: Option<f64>,
    /// Stop after this many iterations instead (the same seed and iterations give the same plan).
    pub iterations: Option<u64>,
    pub seed: Option<u64>,
}

impl PlanRequest {
    /// The week and how to plan it, or every bad field.
    pub fn check(&self) -> Result<(Week, Options)> {
        let mut errors = Errors::new();
        let week = errors.check("week", Week::parse(&self.week));
        let seconds = self.time_limit_seconds.unwrap_or(5.0);
        if !(0.0..=60.0).contains(&seconds) {
            errors.push("time_limit_seconds", "must be between 0 and 60");
        }
        let week = errors.finish(|| week).map_err(ServiceError::Invalid)?;
        let limits = staffing::Limits {
            time: Some(std::time::Duration::from_secs_f64(seconds)),
            iterations: self.iterations,
        };
        let options = Options {
            limits,
            seed: self.seed.unwrap_or(1),
            replan: self.replan,
            tell_from: None,
        };
        Ok((week, options))
    }
}

/// Checks a plan request, plans (or re-plans) the week and stores the plan, telling
/// whoever's work after `now` changed: what the API and the week board's buttons do.
pub async fn plan_requested(
    store: &Store,
    request: &PlanRequest,
    by: &Actor,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<PlanView> {
    let (week, mut options) = request.check()?;
    options.tell_from = Some(now);
    plan_week(store, &week, &options, by).await
}

/// A stored plan as shown.
pub async fn plan(store: &Store, id: i64) -> Result<PlanView> {
    Ok(PlanView::from(&store.plan(id).await?))
}

/// Plans a week (or re-plans its latest plan), stores the plan, and returns it as stored.
pub async fn plan_week(
    store: &Store,
    week: &Week,
    options: &Options,
    by: &Actor,
) -> Result<PlanView> {
    crate::records::agency_only(by, "week plan")?;
    let recorded = crate::recorded(by);
    let by = &recorded;
    let previous = if options.replan {
        let latest = store.latest_plan(&week.label).await?;
        Some(latest.ok_or_else(|| ServiceError::NothingToReplan {
            week: week.label.clone(),
        })?)
    } else {
        None
    };
    let built = WeekProblem::build(store, week, by).await?;
    let earlier: Option<Vec<Previous>> = previous
        .as_ref()
        .map(|before| built.previous(&before.plan.assignments));
    let (limits, seed) = (options.limits, options.seed);
    let (built, solved) = crate::engines::run(move || {
        let solved = match earlier {
            None => staffing::solve(&built.problem, limits, seed).map(|plan| (plan, Vec::new())),
            Some(earlier) => staffing::replan::replan(&built.problem, &earlier, limits, seed),
        };
        (built, solved)
    })
    .await?;
    let (plan, moves) = solved?;
    let built = &built;
    let mut new = NewPlan {
        week: week.label.clone(),
        replan_of: previous.as_ref().map(|p| p.id),
        objective: PlanObjective {
            total: plan.objective.total.to_string(),
            work_minutes: plan.objective.work_minutes,
            fairness: plan.objective.fairness,
            continuity: plan.objective.continuity,
            travel_minutes: plan.objective.travel_minutes,
        },
        iterations: plan.iterations as i64,
        assignments: plan
            .assignments
            .iter()
            .flat_map(|a| {
                let occurrence = &built.occurrences[a.task];
                let (start, end) = built.times(a.task, a.start);
                a.people.iter().map(move |&p| PlannedWork {
                    task_id: occurrence.task_id,
                    occurrence: occurrence.date,
                    start,
                    end,
                    person_id: built.person_ids[p],
                })
            })
            .chain(built.committed_work.iter().cloned())
            .collect(),
        unassigned: plan
            .unassigned
            .iter()
            .map(|u| LeftOver {
                task_id: built.occurrences[u.task].task_id,
                occurrence: built.occurrences[u.task].date,
                reason: serde_json::to_string(&u.reason).unwrap_or_else(|_| u.reason.to_string()),
            })
            .collect(),
        moves: moves
            .iter()
            .map(|m| PlanMove {
                task_id: built.occurrences[m.task].task_id,
                occurrence: built.occurrences[m.task].date,
                change: m.change.into(),
            })
            .collect(),
        planned_tasks: built.fully_staffed(&plan, true),
        unplanned_tasks: built.fully_staffed(&plan, false),
        notices: Vec::new(),
    };
    if let Some(from) = options.tell_from {
        let replaced = match previous {
            Some(before) => Some(before),
            None => store.latest_plan(&week.label).await?,
        };
        let before = replaced
            .as_ref()
            .map(|p| p.plan.assignments.as_slice())
            .unwrap_or_default();
        new.notices = notify::notices(store, before, &new.assignments, from).await?;
    }
    let id = store.save_plan(&new, by).await?;
    Ok(PlanView::from(&store.plan(id).await?))
}

/// Reports `person` sick on `date` and re-plans the week of that date if it has a plan,
/// so their work goes to others; before any plan there is nothing to move, and the
/// absence waits for the first plan. Returns the re-plan, if one was made. Only the
/// agency reports a sick call; someone who is not a person here is not found.
pub async fn report_sick(
    store: &Store,
    person: i64,
    date: chrono::NaiveDate,
    options: &Options,
    by: &Actor,
) -> Result<Option<PlanView>> {
    crate::records::agency_only(by, "person")?;
    let week = &Week::of(date);
    mark_sick(store, person, date).await?;
    if store.latest_plan(&week.label).await?.is_none() {
        return Ok(None);
    }
    let options = Options {
        replan: true,
        ..*options
    };
    Ok(Some(plan_week(store, week, &options, by).await?))
}

/// Adds a sick day to the person's absences through the ordinary versioned update; a
/// save that lost a race with another edit reads the person again and retries.
async fn mark_sick(store: &Store, person: i64, date: chrono::NaiveDate) -> Result<()> {
    for _ in 0..3 {
        let stored = store.person(person).await?;
        if stored.value.absences.on(date).is_some() {
            return Ok(());
        }
        let mut changed = stored.value.clone();
        changed.absences =
            domain::calendar::Absences::parse(&format!("{}, {date} sick", stored.value.absences))
                .map_err(|e| ServiceError::Internal(e.0))?;
        match store
            .update_person(person, stored.meta.version, &changed)
            .await
        {
            Ok(_) => return Ok(()),
            Err(store::StoreError::Conflict(_)) => continue,
            Err(e) => return Err(e.into()),
        }
    }
    Err(ServiceError::Conflict(format!(
        "person {person} kept changing; report the sick day again"
    )))
}
