//! The coordinator's records of hours: hours recorded after the fact, a no-show or a
//! cancellation with its reason, a correction that keeps the entry it replaces, and the
//! entries themselves.

use crate::records::agency_only;
use crate::{Result, ServiceError, recorded};
use chrono::{DateTime, Utc};
use domain::actor::Actor;
use store::Store;
use store::time::{EntryKind, Occasion, TimeEntry, TimeFilter};

/// Records the hours of a planned occurrence.
pub async fn record(
    store: &Store,
    by: &Actor,
    occasion: &Occasion,
    start: DateTime<Utc>,
    end: DateTime<Utc>,
) -> Result<TimeEntry> {
    agency_only(by, "time entry")?;
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
) -> Result<TimeEntry> {
    agency_only(by, "time entry")?;
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
pub async fn entries(store: &Store, by: &Actor, filter: &TimeFilter) -> Result<Vec<TimeEntry>> {
    agency_only(by, "time entry")?;
    Ok(store.time_entries(filter).await?)
}
