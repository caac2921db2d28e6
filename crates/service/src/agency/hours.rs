//! The coordinator's records of hours: hours recorded after the fact, a no-show or a
//! cancellation with its reason, a correction that keeps the entry it replaces, the
//! entries themselves, and those waiting for their company's confirmation.

use super::worker::Records;
use crate::records::agency_only;
use crate::{Result, ServiceError, recorded};
use chrono::{DateTime, Utc};
use domain::actor::Actor;
use domain::task::TaskRequest;
use store::time::{EntryKind, Occasion, TimeEntry, TimeFilter};
use store::{Page, PageRequest, Store};

/// Records the hours of a planned occurrence.
pub async fn record(
    store: &Store,
    by: &Actor,
    occasion: &Occasion,
    start: DateTime<Utc>,
    end: DateTime<Utc>,
    now: DateTime<Utc>,
) -> Result<TimeEntry> {
    agency_only(by, "time entry")?;
    super::time::not_ahead("end", end, now)?;
    Ok(store
        .record_time(occasion, start, end, &recorded(by))
        .await?)
}

/// Records that an occurrence did not happen: `kind` is a no-show or a cancellation,
/// never worked hours (those are [`record`]ed).
pub async fn record_absence(
    store: &Store,
    by: &Actor,
    occasion: &Occasion,
    kind: EntryKind,
    reason: &str,
    told: &str,
) -> Result<TimeEntry> {
    agency_only(by, "time entry")?;
    if kind == EntryKind::Worked {
        return Err(ServiceError::invalid(
            "kind",
            "must be no_show or cancelled",
        ));
    }
    Ok(store
        .record_absence(occasion, kind, reason, told, &recorded(by))
        .await?)
}

/// Corrects an entry's hours with a new entry; the old one is kept and stops counting.
pub async fn correct(
    store: &Store,
    by: &Actor,
    id: i64,
    start: DateTime<Utc>,
    end: DateTime<Utc>,
    reason: &str,
    now: DateTime<Utc>,
) -> Result<TimeEntry> {
    agency_only(by, "time entry")?;
    super::time::not_ahead("end", end, now)?;
    Ok(store
        .correct_time(id, start, end, reason, &recorded(by))
        .await?)
}

/// One entry.
pub async fn entry(store: &Store, by: &Actor, id: i64) -> Result<TimeEntry> {
    agency_only(by, "time entry")?;
    Ok(store.time_entry(id).await?)
}

/// Every entry the filter lets through.
pub async fn entries(
    store: &Store,
    by: &Actor,
    filter: &TimeFilter,
    page: PageRequest,
) -> Result<Page<TimeEntry>> {
    agency_only(by, "time entry")?;
    Ok(store.time_entries_page(filter, page).await?)
}

/// An entry waiting for its company's confirmation, with the names it mentions; `None`
/// for a record deleted since.
#[derive(Debug, Clone)]
pub struct Waiting {
    pub entry: TimeEntry,
    pub worker: Option<String>,
    pub task: Option<TaskRequest>,
    pub company: Option<String>,
}

/// Every entry waiting for its company's confirmation, across every company, oldest
/// first, with names read once each.
pub async fn waiting(store: &Store, by: &Actor) -> Result<Vec<Waiting>> {
    agency_only(by, "time entry")?;
    let entries = store.time_entries(&TimeFilter::default()).await?;
    let mut records = Records::new(store);
    let mut out = Vec::new();
    for entry in entries
        .into_iter()
        .filter(TimeEntry::waits_for_confirmation)
    {
        let task = records.task(entry.task_id).await?.map(|t| t.request);
        let company = match &task {
            Some(request) => records
                .company(request.company_id)
                .await?
                .map(|c| c.company.name),
            None => None,
        };
        out.push(Waiting {
            worker: records.person_name(entry.person_id).await?,
            task,
            company,
            entry,
        });
    }
    Ok(out)
}
