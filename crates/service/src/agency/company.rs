//! A company contact's own: its record and sites, the task types it may request and
//! requesting one, and its coming visits with who is coming. A contact speaks for one
//! company; anything of another's is answered as not found.

use super::Week;
use super::worker::Records;
use crate::{Result, ServiceError, recorded};
use chrono::{DateTime, NaiveDate, Utc};
use domain::actor::Actor;
use domain::calendar::local_date;
use domain::catalogue::TaskType;
use domain::task::{TaskRequest, TaskStart};
use std::collections::HashMap;
use store::agreements::AgreementFilter;
use store::companies::CompanyRecord;
use store::plans::StoredPlan;
use store::tasks::{TaskFilter, TaskRecord};
use store::time::TimeEntry;
use store::{PageRequest, Store, Stored};

/// The company the contact speaks for.
fn own(by: &Actor) -> Result<i64> {
    by.company()
        .ok_or_else(|| ServiceError::not_found("company"))
}

/// The contact's company with its sites.
pub async fn record(store: &Store, by: &Actor) -> Result<Stored<CompanyRecord>> {
    Ok(store.company(own(by)?).await?)
}

/// The task types the company has agreements for, each once, in order.
pub async fn task_types(store: &Store, by: &Actor) -> Result<Vec<TaskType>> {
    let filter = AgreementFilter {
        company_id: Some(own(by)?),
    };
    let mut types: Vec<TaskType> = store
        .agreements(&filter, PageRequest::all())
        .await?
        .items
        .into_iter()
        .map(|a| a.value.task_type)
        .collect();
    types.sort();
    types.dedup();
    Ok(types)
}

/// Requests a task for the contact's own company, its dates near `today`; the store
/// checks the site is the company's and an agreement prices the task type.
pub async fn request_task(
    store: &Store,
    by: &Actor,
    task: &TaskRequest,
    today: NaiveDate,
) -> Result<Stored<TaskRecord>> {
    if task.company_id != own(by)? {
        return Err(ServiceError::not_found("company"));
    }
    task.check_near(today).map_err(ServiceError::Invalid)?;
    Ok(store.create_task(task, &recorded(by)).await?)
}

/// Cancels one of the contact's own company's task requests (all its occurrences) while
/// it is requested or planned; another company's is not found, and one already worked
/// or done is a conflict. The history says the company did it.
pub async fn cancel_request(store: &Store, by: &Actor, task_id: i64) -> Result<Stored<TaskRecord>> {
    let task = own_request(store, by, task_id).await?;
    if !matches!(
        task.value.status,
        domain::task::TaskStatus::Requested | domain::task::TaskStatus::Planned
    ) {
        return Err(ServiceError::Conflict(format!(
            "task {task_id} is {} and can no longer be cancelled by the company",
            task.value.status
        )));
    }
    Ok(store
        .change_task_status(
            task_id,
            None,
            domain::task::TaskStatus::Cancelled,
            &recorded(by),
            "cancelled by the company",
        )
        .await?)
}

/// One of the contact's own company's task requests; another company's is not found.
pub async fn own_request(store: &Store, by: &Actor, task_id: i64) -> Result<Stored<TaskRecord>> {
    let task = store.task(task_id).await?;
    if task.value.request.company_id != own(by)? {
        return Err(ServiceError::not_found("task"));
    }
    Ok(task)
}

/// Changes one of the contact's own company's task requests while it is requested or
/// planned, by the same rules as a new one; `version` must be the one read. A planned
/// request goes back to requested, since its people were planned for what it was: the
/// next plan staffs it anew and tells whoever's work changed.
pub async fn change_request(
    store: &Store,
    by: &Actor,
    (task_id, version): (i64, i64),
    task: &TaskRequest,
    today: NaiveDate,
) -> Result<Stored<TaskRecord>> {
    let current = own_request(store, by, task_id).await?;
    if task.company_id != current.value.request.company_id {
        return Err(ServiceError::not_found("company"));
    }
    task.check_near(today).map_err(ServiceError::Invalid)?;
    let changed = store.update_task(task_id, version, task).await?;
    if changed.value.status != domain::task::TaskStatus::Planned {
        return Ok(changed);
    }
    Ok(store
        .change_task_status(
            task_id,
            None,
            domain::task::TaskStatus::Requested,
            &recorded(by),
            "changed by the company; to be planned again",
        )
        .await?)
}

/// One coming occurrence of the company's task requests.
#[derive(Debug, Clone)]
pub struct Visit {
    pub task: Stored<TaskRecord>,
    pub occurrence: TaskStart,
    pub date: NaiveDate,
    /// Who the week's latest plan sends, in the plan's order: a name (`None` for someone
    /// deleted since), and when they come.
    pub people: Vec<(Option<String>, DateTime<Utc>, DateTime<Utc>)>,
}

/// The company's coming visits from `from` on, soonest first, at most `most`; and
/// whether there were more.
pub async fn coming(
    store: &Store,
    by: &Actor,
    from: DateTime<Utc>,
    most: usize,
) -> Result<(Vec<Visit>, bool)> {
    let filter = TaskFilter {
        company_id: Some(own(by)?),
        from: Some(from),
        ..Default::default()
    };
    let tasks = store.tasks(&filter, PageRequest::all()).await?.items;
    let mut starts: Vec<(DateTime<Utc>, usize, TaskStart)> = Vec::new();
    for (i, task) in tasks.iter().enumerate() {
        for occurrence in task.value.request.occurrences() {
            if occurrence.earliest() >= from {
                starts.push((occurrence.earliest(), i, occurrence));
            }
        }
    }
    starts.sort_by_key(|(at, i, _)| (*at, *i));
    let more = starts.len() > most;
    starts.truncate(most);
    let mut plans: HashMap<String, Option<StoredPlan>> = HashMap::new();
    let mut records = Records::new(store);
    let mut visits = Vec::with_capacity(starts.len());
    for (at, i, occurrence) in starts {
        let task = &tasks[i];
        let date = local_date(at);
        let week = Week::of(date).label;
        if !plans.contains_key(&week) {
            plans.insert(week.clone(), store.latest_plan(&week).await?);
        }
        let assigned: Vec<(i64, DateTime<Utc>, DateTime<Utc>)> = plans[&week]
            .iter()
            .flat_map(|p| p.plan.assignments.iter())
            .filter(|a| a.task_id == task.meta.id && a.occurrence == date)
            .map(|a| (a.person_id, a.start, a.end))
            .collect();
        let mut people = Vec::with_capacity(assigned.len());
        for (person, start, end) in assigned {
            people.push((records.person_name(person).await?, start, end));
        }
        visits.push(Visit {
            task: task.clone(),
            occurrence,
            date,
            people,
        });
    }
    Ok((visits, more))
}

/// How far back a company sees the hours it has confirmed, in days.
pub const CONFIRMED_DAYS: i64 = 30;

/// A time entry on one of the company's tasks, with the task's title and the worker's
/// name (`None` for someone deleted since).
#[derive(Debug, Clone)]
pub struct HoursEntry {
    pub entry: TimeEntry,
    pub task: String,
    pub worker: Option<String>,
}

/// The entries on the company's tasks that still count and are unconfirmed, or were
/// confirmed at or after `confirmed_since`, by occurrence date: what its contact has to
/// confirm and has lately confirmed.
pub async fn hours(
    store: &Store,
    by: &Actor,
    confirmed_since: DateTime<Utc>,
) -> Result<Vec<HoursEntry>> {
    let entries = store
        .company_time_entries(own(by)?, confirmed_since)
        .await?;
    let mut records = Records::new(store);
    let mut out = Vec::with_capacity(entries.len());
    for entry in entries {
        let task = records
            .task(entry.task_id)
            .await?
            .ok_or_else(|| ServiceError::not_found("task"))?;
        out.push(HoursEntry {
            task: task.request.title,
            worker: records.person_name(entry.person_id).await?,
            entry,
        });
    }
    Ok(out)
}
