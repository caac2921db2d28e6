//! The week's staffing problem, built from the records: active people with their
//! availability, absences and functional limits (read through the logged path), and
//! every occurrence of a requested or planned task in the week. Work already committed
//! this week (confirmed or done, as the latest plan gave it out) stays out of the
//! problem but counts: it is booked against the person's cap and blocks their time. So
//! do the Flex Waste routes a person drives this week, from each day's latest plan.

use super::Week;
use chrono::{DateTime, Datelike, Duration, NaiveDate, Utc};
use domain::calendar::local_date;
use domain::person::{Person, PersonStatus};
use domain::task::TaskStatus;
use staffing::problem::{Limits, Place, Problem, Task, Travel};
use staffing::replan::Previous;
use std::collections::{BTreeMap, BTreeSet};
use store::companies::CompanyRecord;
use store::plans::PlannedWork;
use store::tasks::TaskFilter;
use store::{Actor, PageRequest, Store, StoreError};

/// One occurrence of a task request in the week: the engine's task number `i` is `occurrences[i]`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Occurrence {
    pub task_id: i64,
    pub date: NaiveDate,
}

/// The problem and how its indices map back to records.
pub struct WeekProblem {
    pub week: Week,
    pub problem: Problem,
    pub occurrences: Vec<Occurrence>,
    /// The record id of each engine person.
    pub person_ids: Vec<i64>,
    /// Committed work from the latest plan, which a new plan carries over unchanged.
    pub committed_work: Vec<PlannedWork>,
    /// The Flex Waste routes driven this week (task id 0), from each day's latest plan:
    /// blocked and booked like committed work, but no part of the week's plan.
    pub routes: Vec<PlannedWork>,
}

impl WeekProblem {
    /// The week's problem, every driver's routes blocked.
    pub async fn build(store: &Store, week: &Week, by: &Actor) -> Result<Self, StoreError> {
        Self::build_beside(store, week, None, by).await
    }

    /// The week's problem with the routes of every day but `replanned` blocked: that
    /// day's routes are being drawn again.
    pub(crate) async fn build_beside(
        store: &Store,
        week: &Week,
        replanned: Option<NaiveDate>,
        by: &Actor,
    ) -> Result<Self, StoreError> {
        let everyone = store
            .people_with_limits(by, &format!("planning {}", week.label))
            .await?;
        let (from, to) = week.bounds();
        let worked_for = store.companies_worked_for(from).await?;
        let filter = TaskFilter {
            from: Some(from),
            to: Some(to),
            ..Default::default()
        };
        let requests = store.tasks(&filter, PageRequest::all()).await?.items;
        let committed: BTreeSet<i64> = requests
            .iter()
            .filter(|r| COMMITTED.contains(&r.value.status))
            .map(|r| r.meta.id)
            .collect();
        let latest = store.latest_plan(&week.label).await?;
        let committed_work: Vec<PlannedWork> = latest
            .map(|p| p.plan.assignments)
            .unwrap_or_default()
            .into_iter()
            .filter(|a| committed.contains(&a.task_id))
            .collect();
        let routes = route_work(store, week, replanned).await?;
        let booked = booked_work(week, committed_work.iter().chain(&routes));
        let mut sites: BTreeMap<i64, (domain::place::Coordinates, i64)> = BTreeMap::new();
        let mut companies: BTreeMap<i64, CompanyRecord> = BTreeMap::new();
        for r in &requests {
            let company_id = r.value.request.company_id;
            if let std::collections::btree_map::Entry::Vacant(e) = companies.entry(company_id) {
                e.insert(store.company(company_id).await?.value);
            }
        }
        for (id, c) in &companies {
            for (site, site_id) in c.company.sites.iter().zip(&c.site_ids) {
                sites.insert(*site_id, (site.address.coordinates, *id));
            }
        }
        let mut problem = Problem {
            travel: Travel::default(),
            people: Vec::new(),
            tasks: Vec::new(),
        };
        let mut person_ids = Vec::new();
        for (stored, limits) in everyone
            .iter()
            .filter(|(p, _)| p.value.status == PersonStatus::Active)
        {
            let before: Vec<u32> = worked_for
                .iter()
                .filter(|(p, _)| *p == stored.meta.id)
                .map(|(_, c)| *c as u32)
                .collect();
            let busy = booked.get(&stored.meta.id).map_or(&[][..], Vec::as_slice);
            problem.people.push(person(
                week,
                stored.meta.id,
                &stored.value,
                limits,
                before,
                busy,
            ));
            person_ids.push(stored.meta.id);
        }
        let mut occurrences = Vec::new();
        for r in requests
            .iter()
            .filter(|r| matches!(r.value.status, TaskStatus::Requested | TaskStatus::Planned))
        {
            let request = &r.value.request;
            let Some((place, _)) = sites.get(&request.site_id) else {
                continue;
            };
            for start in request.occurrences_between(from, to) {
                let date = local_date(start.earliest());
                problem.tasks.push(Task {
                    id: format!("{}@{date}", r.meta.id),
                    company: request.company_id as u32,
                    place: Place(place.latitude, place.longitude),
                    earliest_start: week.minutes(start.earliest()),
                    latest_start: week.minutes(start.latest()),
                    duration: i32::from(request.duration_minutes),
                    skills: request
                        .required_skills
                        .iter()
                        .map(|s| s.code().to_string())
                        .collect(),
                    lift_kg: request.demand.lift_kg,
                    outdoors: request.demand.outdoors,
                    people_needed: request.people_needed,
                });
                occurrences.push(Occurrence {
                    task_id: r.meta.id,
                    date,
                });
            }
        }
        Ok(Self {
            week: week.clone(),
            problem,
            occurrences,
            person_ids,
            committed_work,
            routes,
        })
    }

    /// When engine task `t` starting at minute `start` begins and ends.
    pub fn times(&self, t: usize, start: i32) -> (DateTime<Utc>, DateTime<Utc>) {
        let begin = self.week.instant(start);
        (
            begin,
            begin + Duration::minutes(self.problem.tasks[t].duration.into()),
        )
    }

    /// A stored plan's assignments as the engine's previous plan, by engine ids.
    pub fn previous(&self, assignments: &[PlannedWork]) -> Vec<Previous> {
        let mut grouped: BTreeMap<(i64, NaiveDate), (i32, Vec<String>)> = BTreeMap::new();
        for a in assignments {
            let entry = grouped
                .entry((a.task_id, a.occurrence))
                .or_insert((self.week.minutes(a.start), Vec::new()));
            entry.1.push(a.person_id.to_string());
        }
        grouped
            .into_iter()
            .map(|((task, date), (start, people))| Previous {
                task: format!("{task}@{date}"),
                start,
                people,
            })
            .collect()
    }

    /// Task requests whose every occurrence this week is staffed (`staffed`), or that
    /// have one left without people (`!staffed`).
    pub fn fully_staffed(&self, plan: &staffing::Plan, staffed: bool) -> Vec<i64> {
        let open: BTreeSet<i64> = plan
            .unassigned
            .iter()
            .map(|u| self.occurrences[u.task].task_id)
            .collect();
        let all: BTreeSet<i64> = self.occurrences.iter().map(|o| o.task_id).collect();
        all.into_iter()
            .filter(|t| open.contains(t) != staffed)
            .collect()
    }
}

/// Task statuses whose work is settled: a re-plan leaves them alone.
const COMMITTED: [TaskStatus; 4] = [
    TaskStatus::Confirmed,
    TaskStatus::Done,
    TaskStatus::Approved,
    TaskStatus::Invoiced,
];

/// The routes of the week's days but `except`, from each day's latest plan, as work of
/// their drivers (task id 0: a route is no task request).
pub(crate) async fn route_work(
    store: &Store,
    week: &Week,
    except: Option<NaiveDate>,
) -> Result<Vec<PlannedWork>, StoreError> {
    let mut work = Vec::new();
    for offset in 0..7 {
        let day = week.monday + Duration::days(offset);
        if Some(day) == except {
            continue;
        }
        if let Some(plan) = store.day_plan(day).await? {
            work.extend(plan.routes.iter().filter_map(|r| {
                Some(PlannedWork {
                    task_id: 0,
                    occurrence: day,
                    start: r.starts_at,
                    end: r.ends_at,
                    person_id: r.driver_id?,
                })
            }));
        }
    }
    Ok(work)
}

/// Per person: the week's minutes (from, to) already given to them in `work`.
pub(crate) fn booked_work<'a>(
    week: &Week,
    work: impl IntoIterator<Item = &'a PlannedWork>,
) -> BTreeMap<i64, Vec<(i32, i32)>> {
    let mut booked: BTreeMap<i64, Vec<(i32, i32)>> = BTreeMap::new();
    for a in work {
        booked
            .entry(a.person_id)
            .or_default()
            .push((week.minutes(a.start), week.minutes(a.end)));
    }
    booked
}

/// `windows` with the `busy` intervals cut out; both sorted or not, the result is sorted.
pub(crate) fn without(windows: &[(i32, i32)], busy: &[(i32, i32)]) -> Vec<(i32, i32)> {
    let mut free: Vec<(i32, i32)> = windows.to_vec();
    for &(from, to) in busy {
        free = free
            .into_iter()
            .flat_map(|(a, b)| {
                if to <= a || from >= b {
                    vec![(a, b)]
                } else {
                    [(a, from), (to, b)]
                        .into_iter()
                        .filter(|(x, y)| x < y)
                        .collect()
                }
            })
            .collect();
    }
    free.sort_unstable();
    free
}

/// Takes the `busy` intervals out of a person's availability and books them against
/// their weekly cap.
pub(crate) fn block(person: &mut staffing::problem::Person, busy: &[(i32, i32)]) {
    person.availability = without(&person.availability, busy);
    person.booked_minutes += busy.iter().map(|(from, to)| to - from).sum::<i32>();
}

/// A person as the engine sees them this week, less what is `busy` already. Ids are
/// record ids as text.
fn person(
    week: &Week,
    id: i64,
    p: &Person,
    limits: &domain::person::FunctionalLimits,
    before: Vec<u32>,
    busy: &[(i32, i32)],
) -> staffing::problem::Person {
    let mut availability = Vec::new();
    for day in 0..7 {
        let date = week.monday + Duration::days(day);
        if p.absences.on(date).is_some() {
            continue;
        }
        for window in p.availability.on(date.weekday()) {
            let base = day as i32 * 24 * 60;
            availability.push((
                base + i32::from(window.start_minutes()),
                base + i32::from(window.end_minutes()),
            ));
        }
    }
    let mut person = staffing::problem::Person {
        id: id.to_string(),
        home: Place(p.home.coordinates.latitude, p.home.coordinates.longitude),
        availability,
        cap_minutes: p.weekly_cap.minutes() as i32,
        target_minutes: p.weekly_target.minutes() as i32,
        booked_minutes: 0,
        skills: p.skills.iter().map(|s| s.code().to_string()).collect(),
        limits: Limits {
            max_lift_kg: limits.max_lift_kg,
            max_stretch_minutes: limits.max_stretch_minutes.map(i32::from),
            indoor_only: limits.indoor_only,
            not_before: limits.not_before.map(|t| i32::from(t.minutes())),
            needs_colleague: limits.needs_colleague,
            max_travel_minutes: limits.max_travel_minutes.map(i32::from),
        },
        companies_before: before,
    };
    block(&mut person, busy);
    person
}

#[cfg(test)]
mod tests {
    use super::without;

    #[test]
    fn busy_time_is_cut_out_of_the_windows() {
        let windows = [(540, 780), (1980, 2220)];
        assert_eq!(
            without(&windows, &[(600, 660), (2100, 2300)]),
            vec![(540, 600), (660, 780), (1980, 2100)]
        );
        assert_eq!(without(&windows, &[(500, 800)]), vec![(1980, 2220)]);
        assert_eq!(without(&windows, &[(0, 10)]), windows.to_vec());
    }
}
