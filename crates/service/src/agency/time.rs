//! Time registration: a worker checks in and out of the work the week's plan gives them,
//! the company confirms the hours of its own tasks, and complete hours confirm themselves
//! after some days. Whose entry is whose is decided here
//! once, so the API and the pages give the same answer.

use crate::{CheckInRefusal, Result, ServiceError};
use chrono::{DateTime, NaiveDate, Utc};
use domain::actor::{Actor, Role};
use domain::calendar::local_date;
use domain::task::TaskStatus;
use store::Store;
use store::time::{EntryStatus, TimeFilter};
use store::time::{Occasion, TimeEntry};

/// Checks in to an occurrence the week's latest plan gives the person: a worker or driver
/// only for themselves (another's is answered as not found), a coordinator for anyone.
pub async fn check_in(
    store: &Store,
    by: &Actor,
    occasion: &Occasion,
    at: DateTime<Utc>,
    now: DateTime<Utc>,
) -> Result<TimeEntry> {
    if !by.sees_person(occasion.person_id) {
        return Err(ServiceError::not_found("planned task"));
    }
    not_ahead("at", at, now)?;
    let status = store.task(occasion.task_id).await?.value.status;
    let entries = counting_entries(store, occasion).await?;
    let on_any_day = by.role == Role::Coordinator;
    may_check_in(status, &entries, occasion.occurrence, at, on_any_day)
        .map_err(ServiceError::CheckIn)?;
    Ok(store.check_in(occasion, at, &crate::recorded(by)).await?)
}

/// Whether the work allows a check-in at `at`: not once it is called off (cancelled or
/// a no-show), not once hours or an absence are recorded for it, and, for a worker or a
/// driver (`on_any_day` false), only on its own day. An open check-in is the store's to
/// refuse. The worker's page offers the button by the same rule.
pub fn may_check_in(
    status: TaskStatus,
    entries: &[TimeEntry],
    occurrence: NaiveDate,
    at: DateTime<Utc>,
    on_any_day: bool,
) -> Result<(), CheckInRefusal> {
    if matches!(status, TaskStatus::Cancelled | TaskStatus::NoShow) {
        return Err(CheckInRefusal::CalledOff);
    }
    if entries.iter().any(|e| e.status != EntryStatus::Open) {
        return Err(CheckInRefusal::AlreadyRecorded);
    }
    if !on_any_day && !on_the_day(occurrence, at) {
        return Err(CheckInRefusal::NotOnTheDay);
    }
    Ok(())
}

/// An occasion's time entries that still count (not corrected), oldest first.
pub(crate) async fn counting_entries(store: &Store, occasion: &Occasion) -> Result<Vec<TimeEntry>> {
    let filter = TimeFilter {
        task_id: Some(occasion.task_id),
        person_id: Some(occasion.person_id),
        from: Some(occasion.occurrence),
        to: occasion.occurrence.succ_opt(),
    };
    Ok(store
        .time_entries(&filter)
        .await?
        .into_iter()
        .filter(|e| e.status != EntryStatus::Corrected)
        .collect())
}

/// Whether `at` falls on the occurrence's own day in Copenhagen: the only day a worker
/// or driver checks in (the coordinator registers hours on any day).
pub fn on_the_day(occurrence: NaiveDate, at: DateTime<Utc>) -> bool {
    local_date(at) == occurrence
}

/// How far ahead of the clock a check-in or check-out may be: a phone's clock a little
/// fast is no registration of hours not yet worked.
pub const AHEAD_SECONDS: i64 = 60;

/// Refuses a moment later than `now` (give or take [`AHEAD_SECONDS`]): hours are
/// registered as they are worked, never in advance.
pub(crate) fn not_ahead(field: &str, at: DateTime<Utc>, now: DateTime<Utc>) -> Result<()> {
    if at > now + chrono::Duration::seconds(AHEAD_SECONDS) {
        return Err(ServiceError::invalid(
            field,
            "is in the future: hours are registered as they are worked",
        ));
    }
    Ok(())
}

/// Checks out of an open entry: the person's own, or anyone's for a coordinator. Hours a
/// worker or driver registers outside the task's planned time wait for a coordinator
/// (see [`domain::task::TaskRequest::keeps_to_plan`]).
pub async fn check_out(
    store: &Store,
    by: &Actor,
    entry_id: i64,
    at: DateTime<Utc>,
    now: DateTime<Utc>,
) -> Result<TimeEntry> {
    let entry = store.time_entry(entry_id).await?;
    if !by.sees_person(entry.person_id) {
        return Err(ServiceError::not_found("time entry"));
    }
    not_ahead("at", at, now)?;
    let outside_plan = match (by.role, entry.started_at) {
        (Role::Coordinator, _) | (_, None) => false,
        (_, Some(start)) => {
            let task = store.task(entry.task_id).await?.value.request;
            !task.keeps_to_plan(entry.occurrence, start, at)
        }
    };
    Ok(store.check_out(entry_id, at, outside_plan).await?)
}

/// Confirms a registered entry's hours: a company contact only on its own company's
/// tasks (another's is answered as not found) and within the planned time, a
/// coordinator any. An entry no longer
/// waiting (confirmed or corrected since) is a conflict.
pub async fn confirm(store: &Store, by: &Actor, entry_id: i64) -> Result<TimeEntry> {
    let entry = store.time_entry(entry_id).await?;
    let company = store.task(entry.task_id).await?.value.request.company_id;
    if !by.sees_company(company) {
        return Err(ServiceError::not_found("time entry"));
    }
    if entry.waits_for_confirmation() && !entry.waits_for_company() && by.role != Role::Coordinator
    {
        return Err(store::StoreError::Refused(store::Refusal::ForCoordinator).into());
    }
    Ok(store.confirm_time(entry_id, &crate::recorded(by)).await?)
}

/// How many whole days (24 hours each) an entry has waited since its work ended (since
/// it was recorded, for a no-show or a cancellation): what automatic confirmation
/// compares with its `after_days`, and what the coordinator's list shows.
pub fn days_waited(entry: &TimeEntry, now: DateTime<Utc>) -> i64 {
    let since = entry
        .ended_at
        .or_else(|| domain::calendar::parse_instant(&entry.created_at).ok());
    since.map_or(0, |at| (now - at).num_days().max(0))
}

/// The days automatic confirmation waits when the agency has not said otherwise.
pub const DEFAULT_AUTO_CONFIRM_DAYS: u32 = 3;

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
    let noted = store::Actor(format!(
        "{} (automatically after {after_days} days)",
        by.name
    ));
    let due = |entry: &TimeEntry| days_waited(entry, now) >= i64::from(after_days);
    Ok(store.confirm_due(now, &noted, due).await?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use domain::calendar::parse_instant;
    use store::time::{EntryKind, EntryStatus};

    fn entry(kind: EntryKind, ended: Option<&str>, created: &str) -> TimeEntry {
        TimeEntry {
            id: 1,
            task_id: 1,
            occurrence: NaiveDate::from_ymd_opt(2026, 12, 1).unwrap(),
            person_id: 1,
            kind,
            status: EntryStatus::Registered,
            started_at: None,
            ended_at: ended.map(|t| parse_instant(t).unwrap()),
            minutes: None,
            reason: None,
            told: None,
            corrects: None,
            corrected_by: None,
            confirmed_at: None,
            confirmed_by: None,
            created_at: created.into(),
            created_by: "test".into(),
            outside_plan: false,
        }
    }

    #[test]
    fn a_check_in_needs_work_that_is_on_today_and_not_yet_recorded() {
        let at = |t: &str| parse_instant(t).unwrap();
        let tuesday = NaiveDate::from_ymd_opt(2026, 12, 1).unwrap();
        let morning = at("2026-12-01T08:55:00+01:00");
        let may = |status, entries: &[TimeEntry], when, any_day| {
            may_check_in(status, entries, tuesday, when, any_day)
        };
        assert_eq!(may(TaskStatus::Planned, &[], morning, false), Ok(()));
        let monday = at("2026-11-30T08:55:00+01:00");
        assert_eq!(
            may(TaskStatus::Planned, &[], monday, false),
            Err(CheckInRefusal::NotOnTheDay)
        );
        // The agency registers on any day, but never twice, nor for work called off.
        assert_eq!(may(TaskStatus::Planned, &[], monday, true), Ok(()));
        for off in [TaskStatus::Cancelled, TaskStatus::NoShow] {
            assert_eq!(may(off, &[], morning, true), Err(CheckInRefusal::CalledOff));
        }
        let worked = entry(
            EntryKind::Worked,
            Some("2026-12-01T11:00:00+01:00"),
            "2026-12-01T11:00:00+01:00",
        );
        assert_eq!(
            may(TaskStatus::Planned, &[worked], morning, true),
            Err(CheckInRefusal::AlreadyRecorded)
        );
    }

    #[test]
    fn an_entry_waits_whole_days_from_the_end_of_its_work() {
        let worked = entry(
            EntryKind::Worked,
            Some("2026-12-01T17:00:00+01:00"),
            "2026-12-01T17:05:00+01:00",
        );
        let at = |t: &str| parse_instant(t).unwrap();
        // The next morning is less than a day, as automatic confirmation counts it.
        assert_eq!(days_waited(&worked, at("2026-12-02T09:00:00+01:00")), 0);
        assert_eq!(days_waited(&worked, at("2026-12-02T17:00:00+01:00")), 1);
        assert_eq!(days_waited(&worked, at("2026-12-05T08:00:00+01:00")), 3);
        // A no-show has no end: it has waited since it was recorded.
        let absent = entry(EntryKind::NoShow, None, "2026-12-01T10:00:00Z");
        assert_eq!(days_waited(&absent, at("2026-12-03T10:00:00Z")), 2);
    }
}
