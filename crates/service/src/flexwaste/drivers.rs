//! A driver for each route: the people who may drive today as the week's plan sees
//! them, and the staffing engine choosing among them.

use super::LIFT_KG;
use super::clock::DayClock;
use super::day::{DayProblem, skill_for};
use crate::Result;
use crate::agency::Week;
use crate::agency::problem::{WeekProblem, block, booked_work};
use chrono::{DateTime, Utc};
use domain::calendar::started_minutes;
use domain::catalogue::Skill;
use routing::Limits;
use staffing::problem::{Place, Task};
use staffing::replan::Previous;
use store::plans::PlannedWork;
use store::waste::{DayPlan, Route as StoredRoute};
use store::{Actor, Store};

/// The people who may drive today, as the week's plan sees them (availability, absences,
/// limits, weekly cap, committed work and the routes of the week's other days blocked),
/// less the time the week's latest plan gives them otherwise.
pub(super) struct DriverPool {
    week: Week,
    built: WeekProblem,
    /// The drivers of the routes being replaced: (vehicle id, person id).
    earlier: Vec<(i64, i64)>,
}

impl DriverPool {
    pub(super) async fn load(
        store: &Store,
        clock: &DayClock,
        previous: Option<&DayPlan>,
        now: DateTime<Utc>,
        by: &Actor,
    ) -> Result<Self> {
        let week = Week::of(clock.day);
        // The routes of the week's other days are blocked by the build already, and so is
        // committed work; today's are the ones being drawn again.
        let mut built = WeekProblem::build_beside(store, &week, Some(clock.day), by).await?;
        // The rest of the latest plan is not blocked, since a week's re-plan may move it —
        // but a route cannot wait for that.
        let mut busy: Vec<PlannedWork> = store
            .latest_plan(&week.label)
            .await?
            .map(|p| p.plan.assignments)
            .unwrap_or_default()
            .into_iter()
            .filter(|a| !built.committed_work.contains(a))
            .collect();
        // A driver already out on a route being replaced has worked since it began.
        let replaced = previous.iter().flat_map(|p| &p.routes);
        busy.extend(replaced.clone().filter_map(|r| {
            let end = r.ends_at.min(now);
            (r.starts_at < end).then_some(PlannedWork {
                task_id: 0,
                occurrence: clock.day,
                start: r.starts_at,
                end,
                person_id: r.driver_id?,
            })
        }));
        let booked = booked_work(&week, &busy);
        for (person, id) in built.problem.people.iter_mut().zip(&built.person_ids) {
            if let Some(intervals) = booked.get(id) {
                block(person, intervals);
            }
        }
        built.problem.tasks.clear();
        let earlier = replaced
            .filter_map(|r| Some((r.vehicle_id, r.driver_id?)))
            .collect();
        Ok(Self {
            week,
            built,
            earlier,
        })
    }

    pub(super) fn has_skill(&self, skill: Skill) -> bool {
        let code = skill.code();
        self.built
            .problem
            .people
            .iter()
            .any(|p| p.skills.iter().any(|s| s == code))
    }

    /// A driver (person id) for each route, or why none: each route is a task at the
    /// depot from its start to its end, needing the vehicle's skill and counting towards
    /// the weekly cap.
    pub(super) fn assign(
        &self,
        day: &DayProblem,
        routes: &[StoredRoute],
        limits: Limits,
        seed: u64,
    ) -> Result<Vec<Result<i64, String>>> {
        if routes.is_empty() {
            return Ok(Vec::new());
        }
        let week = &self.week;
        let mut problem = self.built.problem.clone();
        let vehicle = |id: i64| day.vehicles.iter().find(|v| v.id == id);
        problem.tasks = routes
            .iter()
            .map(|r| {
                let start = week.minutes(r.starts_at);
                let minutes = started_minutes(week.instant(start), r.ends_at);
                Task {
                    id: format!("vehicle-{}", r.vehicle_id),
                    company: 0,
                    place: Place(day.depot.latitude, day.depot.longitude),
                    earliest_start: start,
                    latest_start: start,
                    duration: minutes.clamp(1, 24 * 60) as i32,
                    skills: vehicle(r.vehicle_id)
                        .map(|v| vec![skill_for(v).code().to_string()])
                        .unwrap_or_default(),
                    lift_kg: LIFT_KG,
                    outdoors: true,
                    people_needed: 1,
                }
            })
            .collect();
        let limits = staffing::Limits {
            // The drivers' problem is small: a tenth of the routes' time is plenty.
            time: limits.time.map(|t| t / 10),
            iterations: limits.iterations,
        };
        // The same driver on the same vehicle as before, if they still fit.
        let earlier: Vec<Previous> = problem
            .tasks
            .iter()
            .zip(routes)
            .filter_map(|(task, r)| {
                let (_, person) = self.earlier.iter().find(|(v, _)| *v == r.vehicle_id)?;
                Some(Previous {
                    task: task.id.clone(),
                    start: task.earliest_start,
                    people: vec![person.to_string()],
                })
            })
            .collect();
        let plan = if earlier.is_empty() {
            staffing::solve(&problem, limits, seed)?
        } else {
            staffing::replan::replan(&problem, &earlier, limits, seed)?.0
        };
        let mut drivers: Vec<Result<i64, String>> =
            vec![Err("no driver found".to_string()); routes.len()];
        for u in &plan.unassigned {
            drivers[u.task] = Err(u.reason.to_string());
        }
        for a in &plan.assignments {
            if let Some(&p) = a.people.first() {
                drivers[a.task] = Ok(self.built.person_ids[p]);
            }
        }
        Ok(drivers)
    }
}
