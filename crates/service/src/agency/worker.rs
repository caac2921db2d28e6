//! A worker's own: the work the week's latest plans give them, their answer to each
//! occurrence, their hours, and the private address of their calendar feed. A worker
//! sees only their own; anyone else's is answered as not found.

use super::Week;
use crate::{Result, ServiceError};
use chrono::{DateTime, Duration, NaiveDate, Utc};
use domain::actor::{Actor, Role};
use domain::contact::Locale;
use std::collections::HashMap;
use std::collections::hash_map::Entry;
use store::Store;
use store::companies::CompanyRecord;
use store::invoices::Period;
use store::plans::PlannedWork;
use store::tasks::TaskRecord;
use store::time::{Occasion, TimeEntry, TimeFilter};
use store::worker::{Reply, StoredReply};

/// How many weeks ahead, this one included, the task list and the feed look.
pub const WEEKS_AHEAD: i64 = 3;

/// The person the acting worker is, or not found.
fn me(by: &Actor) -> Result<i64> {
    by.person().ok_or_else(|| ServiceError::not_found("person"))
}

/// Refuses an occasion that is not the acting person's.
fn own(by: &Actor, occasion: &Occasion) -> Result<()> {
    if by.sees_person(occasion.person_id) {
        Ok(())
    } else {
        Err(ServiceError::not_found("planned task"))
    }
}

/// The worker's planned occurrences from `from` on, in the latest plans of this week and
/// the next [`WEEKS_AHEAD`] − 1, by start.
pub async fn planned_from(store: &Store, by: &Actor, from: NaiveDate) -> Result<Vec<PlannedWork>> {
    let person = me(by)?;
    let mut work = Vec::new();
    for weeks in 0..WEEKS_AHEAD {
        let week = Week::of(from + Duration::weeks(weeks));
        if let Some(plan) = store.latest_plan(&week.label).await? {
            work.extend(
                plan.plan
                    .assignments
                    .into_iter()
                    .filter(|a| a.person_id == person && a.occurrence >= from),
            );
        }
    }
    work.sort_by_key(|a| (a.start, a.task_id));
    Ok(work)
}

/// The occasion's work, if the week's latest plan gives it to the person.
pub async fn planned_one(
    store: &Store,
    by: &Actor,
    occasion: &Occasion,
) -> Result<Option<PlannedWork>> {
    own(by, occasion)?;
    let week = Week::of(occasion.occurrence);
    Ok(store.latest_plan(&week.label).await?.and_then(|plan| {
        plan.plan.assignments.into_iter().find(|a| {
            a.person_id == occasion.person_id
                && a.task_id == occasion.task_id
                && a.occurrence == occasion.occurrence
        })
    }))
}

/// The worker's answer to an occurrence, if they gave one.
pub async fn reply(store: &Store, by: &Actor, occasion: &Occasion) -> Result<Option<StoredReply>> {
    own(by, occasion)?;
    Ok(store.reply(occasion).await?)
}

/// Answers whether they will come; the store refuses work the latest plan does not give them.
pub async fn set_reply(
    store: &Store,
    by: &Actor,
    occasion: &Occasion,
    reply: Reply,
    at: DateTime<Utc>,
) -> Result<StoredReply> {
    own(by, occasion)?;
    Ok(store.set_reply(occasion, reply, at).await?)
}

/// The entries of the worker's own hours the filter lets through.
pub async fn hours(store: &Store, by: &Actor, filter: &TimeFilter) -> Result<Vec<TimeEntry>> {
    let filter = TimeFilter {
        person_id: Some(me(by)?),
        ..filter.clone()
    };
    Ok(store.time_entries(&filter).await?)
}

/// A new private address for the worker's calendar feed; the old one stops working.
pub async fn new_calendar_token(store: &Store, by: &Actor, at: DateTime<Utc>) -> Result<String> {
    Ok(store.new_calendar_token(me(by)?, at).await?)
}

/// An occasion's time entries that still count (not corrected), oldest first.
pub async fn occasion_entries(
    store: &Store,
    by: &Actor,
    occasion: &Occasion,
) -> Result<Vec<TimeEntry>> {
    own(by, occasion)?;
    super::time::counting_entries(store, occasion).await
}

/// Whose calendar feed a token opens, as the worker it acts for, with the language
/// their feed is written in; `None` for a token that opens nothing.
pub async fn feed_owner(store: &Store, token: &str) -> Result<Option<(Actor, Locale)>> {
    let Some(person) = store.calendar_person(token).await? else {
        return Ok(None);
    };
    let Some(found) = store::live(store.person(person).await)? else {
        return Ok(None);
    };
    let actor = Actor {
        name: format!("calendar feed of person {person}"),
        role: Role::Worker,
        person_id: Some(person),
        company_id: None,
    };
    Ok(Some((actor, found.value.preferred_language)))
}

/// The worker's answers to occurrences from `from` up to, not including, `to`.
pub async fn replies(
    store: &Store,
    by: &Actor,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<Vec<StoredReply>> {
    Ok(store.replies(me(by)?, from, to).await?)
}

/// The tasks, companies and people a page's work and entries name, each read once
/// however many occurrences name it; one that was deleted since is `None`.
pub struct Records<'a> {
    store: &'a Store,
    tasks: HashMap<i64, Option<TaskRecord>>,
    companies: HashMap<i64, Option<CompanyRecord>>,
    people: HashMap<i64, Option<String>>,
}

impl<'a> Records<'a> {
    pub fn new(store: &'a Store) -> Self {
        Self {
            store,
            tasks: HashMap::new(),
            companies: HashMap::new(),
            people: HashMap::new(),
        }
    }

    /// A person's name.
    pub async fn person_name(&mut self, id: i64) -> Result<Option<String>> {
        if let Entry::Vacant(slot) = self.people.entry(id) {
            let found = store::live(self.store.person(id).await)?;
            slot.insert(found.map(|p| p.value.name));
        }
        Ok(self.people[&id].clone())
    }

    pub async fn task(&mut self, id: i64) -> Result<Option<TaskRecord>> {
        if let Entry::Vacant(slot) = self.tasks.entry(id) {
            let found = store::live(self.store.task(id).await)?.map(|t| t.value);
            slot.insert(found);
        }
        Ok(self.tasks[&id].clone())
    }

    pub async fn company(&mut self, id: i64) -> Result<Option<CompanyRecord>> {
        if let Entry::Vacant(slot) = self.companies.entry(id) {
            let found = store::live(self.store.company(id).await)?.map(|c| c.value);
            slot.insert(found);
        }
        Ok(self.companies[&id].clone())
    }

    /// A piece of work's task and its company, or `None` when either is gone.
    pub async fn work(
        &mut self,
        work: &PlannedWork,
    ) -> Result<Option<(TaskRecord, CompanyRecord)>> {
        let Some(task) = self.task(work.task_id).await? else {
            return Ok(None);
        };
        let company = self.company(task.request.company_id).await?;
        Ok(company.map(|c| (task, c)))
    }
}

/// The worker's pay for the month, summed as the payroll export sums it (nothing when
/// they worked nothing that month).
pub async fn pay(store: &Store, by: &Actor, period: Period) -> Result<domain::payroll::Pay> {
    let person = me(by)?;
    let work = store
        .worked_month(period)
        .await?
        .into_iter()
        .find(|m| m.person_id == person)
        .map(|m| m.work)
        .unwrap_or_default();
    domain::payroll::pay(&work).map_err(|_| ServiceError::TooLarge { what: "pay" })
}

/// When the worker's calendar address was made, if they have one.
pub async fn calendar_made(store: &Store, by: &Actor) -> Result<Option<DateTime<Utc>>> {
    Ok(store.calendar_feed(me(by)?).await?.map(|f| f.created_at))
}
