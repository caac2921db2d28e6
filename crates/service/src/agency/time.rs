//! Time registration: a worker checks in and out of the work the week's plan gives them,
//! the company confirms the hours of its own tasks, and complete hours confirm themselves
//! after some days. Whose entry is whose is decided here
//! once, so the API and the pages give the same answer.

use crate::{Result, ServiceError};
use chrono::{DateTime, NaiveDate, Utc};
use domain::actor::{Actor, Role};
use domain::calendar::local_date;
use store::Store;
use store::time::{Occasion, TimeEntry};

/// Checks in to an occurrence the week's latest plan gives the person: a worker or driver
/// only for themselves (another's is answered as not found), a coordinator for anyone.
pub async fn check_in(
    store: &Store,
    by: &Actor,
    occasion: &Occasion,
    at: DateTime<Utc>,
) -> Result<TimeEntry> {
    if !by.sees_person(occasion.person_id) {
        return Err(ServiceError::not_found("planned task"));
    }
    if by.role != Role::Coordinator && !on_the_day(occasion.occurrence, at) {
        return Err(ServiceError::NotOnTheDay);
    }
    Ok(store.check_in(occasion, at, &crate::recorded(by)).await?)
}

/// Whether `at` falls on the occurrence's own day in Copenhagen: the only day a worker
/// or driver checks in (the coordinator registers hours on any day).
pub fn on_the_day(occurrence: NaiveDate, at: DateTime<Utc>) -> bool {
    local_date(at) == occurrence
}

/// Checks out of an open entry: the person's own, or anyone's for a coordinator.
pub async fn check_out(
    store: &Store,
    by: &Actor,
    entry_id: i64,
    at: DateTime<Utc>,
) -> Result<TimeEntry> {
    if !by.sees_person(store.time_entry(entry_id).await?.person_id) {
        return Err(ServiceError::not_found("time entry"));
    }
    Ok(store.check_out(entry_id, at).await?)
}

/// Confirms a registered entry's hours: a company contact only on its own company's
/// tasks (another's is answered as not found), a coordinator on any. An entry no longer
/// waiting (confirmed or corrected since) is a conflict.
pub async fn confirm(store: &Store, by: &Actor, entry_id: i64) -> Result<TimeEntry> {
    let entry = store.time_entry(entry_id).await?;
    let company = store.task(entry.task_id).await?.value.request.company_id;
    if !by.sees_company(company) {
        return Err(ServiceError::not_found("time entry"));
    }
    Ok(store.confirm_time(entry_id, &crate::recorded(by)).await?)
}

/// The most days automatic confirmation may wait after the work ended.
pub const MAX_AUTO_CONFIRM_DAYS: u32 = 365;

/// Confirms every complete entry that ended at least `after_days` days before `now` and
/// is still unconfirmed (0–[`MAX_AUTO_CONFIRM_DAYS`]); returns their ids.
pub async fn auto_confirm(
    store: &Store,
    by: &Actor,
    after_days: u32,
    now: DateTime<Utc>,
) -> Result<Vec<i64>> {
    if after_days > MAX_AUTO_CONFIRM_DAYS {
        return Err(ServiceError::invalid(
            "after_days",
            format!("must be at most {MAX_AUTO_CONFIRM_DAYS}"),
        ));
    }
    Ok(store
        .auto_confirm(now, after_days, &crate::recorded(by))
        .await?)
}
