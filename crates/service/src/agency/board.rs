//! What the coordinator's week board reads: the week's task requests with its latest
//! plan, one task with the plan of the week it is shown in, and a person's day before a
//! sick call — each with the names of the people and companies they mention.

use super::Week;
use crate::Result;
use crate::records::agency_only;
use chrono::NaiveDate;
use domain::actor::Actor;
use domain::person::Person;
use std::collections::BTreeMap;
use store::companies::CompanyRecord;
use store::people::PeopleFilter;
use store::plans::StoredPlan;
use store::tasks::{TaskFilter, TaskRecord};
use store::{PageRequest, Store, Stored};

/// Names by id; someone deleted since a plan was made is named by id.
#[derive(Debug, Clone, Default)]
pub struct Names(BTreeMap<i64, String>);

impl Names {
    pub fn of(&self, id: i64) -> String {
        self.0.get(&id).cloned().unwrap_or_else(|| format!("#{id}"))
    }

    async fn people(store: &Store) -> Result<Self> {
        Ok(Self::of_people(&roster(store).await?))
    }

    fn of_people(people: &[Stored<Person>]) -> Self {
        Self(
            people
                .iter()
                .map(|p| (p.meta.id, p.value.name.clone()))
                .collect(),
        )
    }
}

/// Every person on the books, whatever their status: a plan may name any of them.
async fn roster(store: &Store) -> Result<Vec<Stored<Person>>> {
    Ok(store
        .people(&PeopleFilter::default(), PageRequest::all())
        .await?
        .items)
}

/// A week on the board.
#[derive(Debug)]
pub struct WeekBoard {
    /// Every task request with a start in the week.
    pub requests: Vec<Stored<TaskRecord>>,
    pub latest: Option<StoredPlan>,
    /// Each planned person's answer and check-in, by (task, occurrence, person).
    pub attendance: BTreeMap<(i64, NaiveDate, i64), super::attendance::Attendance>,
    pub people: Names,
    pub companies: Names,
    /// The people themselves, for a schedule by person.
    pub roster: Vec<Stored<Person>>,
    /// Who the latest plan's changes were told to.
    pub notices: Vec<store::outbox::Notice>,
}

/// The week's task requests, its latest plan with each planned person's attendance as of
/// `now`, and the names they mention.
pub async fn week(
    store: &Store,
    by: &Actor,
    week: &Week,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<WeekBoard> {
    agency_only(by, "week")?;
    let (from, to) = week.bounds();
    let filter = TaskFilter {
        from: Some(from),
        to: Some(to),
        ..Default::default()
    };
    let requests = store.tasks(&filter, PageRequest::all()).await?.items;
    let mut companies = BTreeMap::new();
    for r in &requests {
        let id = r.value.request.company_id;
        if let std::collections::btree_map::Entry::Vacant(entry) = companies.entry(id)
            && let Some(company) = store::live(store.company(id).await)?
        {
            entry.insert(company.value.company.name);
        }
    }
    let latest = store.latest_plan(&week.label).await?;
    let sunday = week.monday + chrono::Duration::days(7);
    let replies = store.replies_between(week.monday, sunday).await?;
    let entries = store
        .time_entries(&store::time::TimeFilter {
            from: Some(week.monday),
            to: Some(sunday),
            ..Default::default()
        })
        .await?;
    let planned = latest
        .as_ref()
        .map(|p| p.plan.assignments.as_slice())
        .unwrap_or_default();
    let roster = roster(store).await?;
    let notices = match &latest {
        Some(plan) => store.plan_notices(plan.id).await?,
        None => Vec::new(),
    };
    Ok(WeekBoard {
        notices,
        attendance: super::attendance::attendance(planned, &replies, &entries, now),
        latest,
        people: Names::of_people(&roster),
        roster,
        companies: Names(companies),
        requests,
    })
}

/// One task on the board, in the week it is shown in.
#[derive(Debug)]
pub struct TaskBoard {
    pub task: Stored<TaskRecord>,
    pub company: Stored<CompanyRecord>,
    pub week: Week,
    pub latest: Option<StoredPlan>,
    pub people: Names,
}

/// A task with the latest plan of `week`, or, when none is asked for, of the week of its
/// next occurrence from `today` (its last, once all are past).
pub async fn task(
    store: &Store,
    by: &Actor,
    id: i64,
    week: Option<Week>,
    today: NaiveDate,
) -> Result<TaskBoard> {
    agency_only(by, "task")?;
    let task = store.task(id).await?;
    let week = week.unwrap_or_else(|| usual_week(&task.value, today));
    Ok(TaskBoard {
        company: store.company(task.value.request.company_id).await?,
        latest: store.latest_plan(&week.label).await?,
        people: Names::people(store).await?,
        week,
        task,
    })
}

fn usual_week(record: &TaskRecord, today: NaiveDate) -> Week {
    Week::of(record.request.next_date(today).unwrap_or(today))
}

/// One piece of planned work on a day, as a sick call shows what it gives away.
#[derive(Debug, Clone)]
pub struct DayWork {
    pub start: chrono::DateTime<chrono::Utc>,
    pub end: chrono::DateTime<chrono::Utc>,
    pub title: String,
}

/// A person's name and their work on `date` in the week's latest plan: what a sick
/// call would hand to others. `None` when there is no such person.
pub async fn sick_day(
    store: &Store,
    by: &Actor,
    person: i64,
    date: NaiveDate,
) -> Result<Option<(String, Vec<DayWork>)>> {
    agency_only(by, "person")?;
    let Some(found) = store::live(store.person(person).await)? else {
        return Ok(None);
    };
    let mut work = Vec::new();
    if let Some(latest) = store.latest_plan(&Week::of(date).label).await? {
        for a in latest
            .plan
            .assignments
            .iter()
            .filter(|a| a.person_id == person && a.occurrence == date)
        {
            let title = store.task(a.task_id).await.map_or_else(
                |_| format!("#{}", a.task_id),
                |task| task.value.request.title,
            );
            work.push(DayWork {
                start: a.start,
                end: a.end,
                title,
            });
        }
    }
    Ok(Some((found.value.name, work)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_name_not_known_is_shown_by_id() {
        let names = Names(BTreeMap::from([(1, "Ada".to_string())]));
        assert_eq!(names.of(1), "Ada");
        assert_eq!(names.of(2), "#2");
    }
}
