//! Time registration: a worker checks in and out of a planned occurrence of a task, or a
//! coordinator records the hours; a no-show or a cancellation is recorded with the reason
//! and who was told. The company confirms the hours, or they are confirmed automatically
//! after some days. A confirmed entry never changes: a correction is a new entry naming
//! the one it corrects, and the corrected one stops counting.

use crate::sql::assembled;
use crate::{Actor, Page, PageRequest, Refusal, Store, StoreError, now, timestamp};
use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;
use sqlx::Row;
use sqlx::any::AnyRow;

/// What an entry records.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum EntryKind {
    /// Hours worked, from a check-in to a check-out or as a coordinator recorded them.
    Worked,
    /// The worker did not come.
    NoShow,
    /// The occurrence was called off.
    Cancelled,
}

impl EntryKind {
    /// Parses `worked`, `no_show` or `cancelled`.
    pub fn parse(code: &str) -> Option<Self> {
        [Self::Worked, Self::NoShow, Self::Cancelled]
            .into_iter()
            .find(|k| k.code() == code)
    }

    pub fn code(self) -> &'static str {
        match self {
            Self::Worked => "worked",
            Self::NoShow => "no_show",
            Self::Cancelled => "cancelled",
        }
    }
}

impl EntryStatus {
    pub fn code(self) -> &'static str {
        match self {
            Self::Open => "open",
            Self::Registered => "registered",
            Self::Confirmed => "confirmed",
            Self::Corrected => "corrected",
        }
    }
}

/// Where an entry stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum EntryStatus {
    /// Checked in, not yet out.
    Open,
    /// Complete, waiting for the company's confirmation.
    Registered,
    Confirmed,
    /// Replaced by a correction; it no longer counts.
    Corrected,
}

impl TimeEntry {
    /// Whether it waits for its company's confirmation: complete (worked hours, a
    /// no-show or a cancellation), unconfirmed and not corrected. The company's pages,
    /// the coordinator's list and the automatic confirmation all ask this.
    pub fn waits_for_confirmation(&self) -> bool {
        self.status == EntryStatus::Registered
    }

    /// Whether its company (or automatic confirmation, on its behalf) may confirm it: it
    /// waits, and lies within the planned time; hours outside it are the coordinator's.
    pub fn waits_for_company(&self) -> bool {
        self.waits_for_confirmation() && !self.outside_plan
    }
}

/// One planned occurrence of a task for one person: what an entry is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Occasion {
    pub task_id: i64,
    pub occurrence: NaiveDate,
    pub person_id: i64,
}

/// A stored time entry.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TimeEntry {
    pub id: i64,
    pub task_id: i64,
    pub occurrence: NaiveDate,
    pub person_id: i64,
    pub kind: EntryKind,
    pub status: EntryStatus,
    pub started_at: Option<DateTime<Utc>>,
    pub ended_at: Option<DateTime<Utc>>,
    pub minutes: Option<i64>,
    pub reason: Option<String>,
    /// Who was told of a no-show or cancellation.
    pub told: Option<String>,
    /// The entry this one corrects.
    pub corrects: Option<i64>,
    /// The entry that corrects this one.
    pub corrected_by: Option<i64>,
    pub confirmed_at: Option<String>,
    pub confirmed_by: Option<String>,
    pub created_at: String,
    pub created_by: String,
    /// The worker registered hours outside the planned time: a coordinator confirms them
    /// before they are paid.
    pub outside_plan: bool,
}

/// Which entries to list; every field narrows.
#[derive(Debug, Clone, Default)]
pub struct TimeFilter {
    pub task_id: Option<i64>,
    pub person_id: Option<i64>,
    /// Occurrences on or after this date.
    pub from: Option<NaiveDate>,
    /// Occurrences before this date.
    pub to: Option<NaiveDate>,
}

/// The SQL condition "entry `e`'s hours are paid": hours outside the planned time only
/// once a coordinator has confirmed them. Payroll and the job-centre report agree on it.
pub(crate) const PAID: &str = "(e.outside_plan = 0 OR e.confirmed_at IS NOT NULL)";

/// The longest stretch one entry may record.
const LONGEST_MINUTES: i64 = 16 * 60;

const SELECT: &str = "e.id, e.task_id, e.occurrence, e.person_id, e.kind, e.started_at, e.ended_at, e.minutes, \
    e.reason, e.told, e.corrects, c.id AS corrected_by, e.confirmed_at, e.confirmed_by, e.created_at, e.created_by, e.outside_plan";
const FROM: &str = "time_entries e LEFT JOIN time_entries c ON c.corrects = e.id";

impl Store {
    /// The worker arrives: an open entry from `at`. Refused when the person is not planned
    /// for that occurrence or already has an open entry.
    pub async fn check_in(
        &self,
        occasion: &Occasion,
        at: DateTime<Utc>,
        by: &Actor,
    ) -> Result<TimeEntry, StoreError> {
        let mut tx = self.write().await?;
        planned(&mut tx, occasion).await?;
        let open = sqlx::query("SELECT id FROM time_entries WHERE person_id = $1 AND kind = 'worked' AND ended_at IS NULL AND started_at IS NOT NULL")
            .bind(occasion.person_id)
            .fetch_optional(&mut *tx)
            .await?;
        if let Some(row) = open {
            let id: i64 = row.try_get("id")?;
            return Err(StoreError::Conflict(format!(
                "person {} is still checked in (time entry {id}); check out first",
                occasion.person_id
            )));
        }
        let arrived = NewEntry {
            kind: EntryKind::Worked,
            times: Some((at, None)),
            reason: None,
            told: None,
            corrects: None,
        };
        let id = insert(&mut tx, occasion, arrived, by).await?;
        tx.commit().await?;
        self.time_entry(id).await
    }

    /// The worker leaves: the open entry closes at `at`; `outside_plan` marks hours that
    /// wait for a coordinator.
    pub async fn check_out(
        &self,
        id: i64,
        at: DateTime<Utc>,
        outside_plan: bool,
    ) -> Result<TimeEntry, StoreError> {
        let entry = self.time_entry(id).await?;
        if entry.status != EntryStatus::Open {
            return Err(StoreError::Conflict(format!(
                "time entry {id} is not checked in"
            )));
        }
        let started = entry.started_at.expect("an open entry has a start");
        let minutes = worked_minutes(started, at, "at")?;
        let mut tx = self.write().await?;
        refuse_overlap(&mut tx, entry.person_id, started, Some(at), &[id]).await?;
        let done = sqlx::query(
            "UPDATE time_entries SET ended_at = $1, minutes = $2, outside_plan = $3 WHERE id = $4 AND ended_at IS NULL",
        )
        .bind(timestamp(at))
        .bind(minutes)
        .bind(i64::from(outside_plan))
        .bind(id)
        .execute(&mut *tx)
        .await?;
        if done.rows_affected() != 1 {
            return Err(StoreError::Conflict(format!(
                "time entry {id} was checked out meanwhile"
            )));
        }
        tx.commit().await?;
        self.time_entry(id).await
    }

    /// A coordinator records the hours of a planned occurrence.
    pub async fn record_time(
        &self,
        occasion: &Occasion,
        start: DateTime<Utc>,
        end: DateTime<Utc>,
        by: &Actor,
    ) -> Result<TimeEntry, StoreError> {
        worked_minutes(start, end, "end")?;
        let mut tx = self.write().await?;
        planned(&mut tx, occasion).await?;
        let worked = NewEntry {
            kind: EntryKind::Worked,
            times: Some((start, Some(end))),
            reason: None,
            told: None,
            corrects: None,
        };
        let id = insert(&mut tx, occasion, worked, by).await?;
        tx.commit().await?;
        self.time_entry(id).await
    }

    /// A no-show or a cancellation, with the reason and who was told.
    pub async fn record_absence(
        &self,
        occasion: &Occasion,
        kind: EntryKind,
        reason: &str,
        told: &str,
        by: &Actor,
    ) -> Result<TimeEntry, StoreError> {
        let mut errors = domain::problem::Errors::new();
        if kind == EntryKind::Worked {
            errors.push("kind", "must be no_show or cancelled");
        }
        if reason.trim().is_empty() {
            errors.push("reason", "must say why");
        }
        if told.trim().is_empty() {
            errors.push("told", "must say who was told");
        }
        errors.done().map_err(StoreError::Invalid)?;
        let mut tx = self.write().await?;
        planned(&mut tx, occasion).await?;
        let absent = NewEntry {
            kind,
            times: None,
            reason: Some(reason.trim()),
            told: Some(told.trim()),
            corrects: None,
        };
        let id = insert(&mut tx, occasion, absent, by).await?;
        tx.commit().await?;
        self.time_entry(id).await
    }

    /// The company confirms a complete entry.
    pub async fn confirm_time(&self, id: i64, by: &Actor) -> Result<TimeEntry, StoreError> {
        let entry = self.time_entry(id).await?;
        if !entry.waits_for_confirmation() {
            return Err(StoreError::Refused(Refusal::NotWaiting(entry.status)));
        }
        let mut tx = self.write().await?;
        let confirmed = sqlx::query("UPDATE time_entries SET confirmed_at = $1, confirmed_by = $2 WHERE id = $3 AND confirmed_at IS NULL")
            .bind(now())
            .bind(by.0.as_str())
            .bind(id)
            .execute(&mut *tx)
            .await?;
        if confirmed.rows_affected() == 0 {
            // Confirmed by someone else since it was read.
            return Err(StoreError::Refused(Refusal::NotWaiting(
                EntryStatus::Confirmed,
            )));
        }
        tx.commit().await?;
        self.time_entry(id).await
    }

    /// Confirms, in one transaction, every entry that waits for its company (see
    /// [`TimeEntry::waits_for_company`], the one rule) and that `due` picks, noting
    /// `by` as who confirmed; returns their ids.
    pub async fn confirm_due(
        &self,
        at: DateTime<Utc>,
        by: &Actor,
        due: impl Fn(&TimeEntry) -> bool,
    ) -> Result<Vec<i64>, StoreError> {
        let mut tx = self.write().await?;
        // Only narrows the rows read; which of them wait is the row mapping's to say.
        let sql = format!("SELECT {SELECT} FROM {FROM} WHERE e.confirmed_at IS NULL ORDER BY e.id");
        let rows = sqlx::query(assembled(sql)).fetch_all(&mut *tx).await?;
        let mut ids = Vec::new();
        for row in &rows {
            let entry = entry_from_row(row)?;
            if entry.waits_for_company() && due(&entry) {
                ids.push(entry.id);
            }
        }
        for id in &ids {
            sqlx::query(
                "UPDATE time_entries SET confirmed_at = $1, confirmed_by = $2 WHERE id = $3",
            )
            .bind(timestamp(at))
            .bind(by.0.as_str())
            .bind(id)
            .execute(&mut *tx)
            .await?;
        }
        tx.commit().await?;
        Ok(ids)
    }

    /// Corrects a complete entry with new times: a new entry that names it; the old one
    /// is kept unchanged and stops counting.
    pub async fn correct_time(
        &self,
        id: i64,
        start: DateTime<Utc>,
        end: DateTime<Utc>,
        reason: &str,
        by: &Actor,
    ) -> Result<TimeEntry, StoreError> {
        if reason.trim().is_empty() {
            return Err(StoreError::invalid(
                "reason",
                "must say why the hours change",
            ));
        }
        worked_minutes(start, end, "end")?;
        let old = self.time_entry(id).await?;
        if matches!(old.status, EntryStatus::Open | EntryStatus::Corrected) {
            return Err(StoreError::Conflict(format!(
                "time entry {id} is {}; correct a complete entry, or its latest correction",
                status_word(old.status)
            )));
        }
        let occasion = Occasion {
            task_id: old.task_id,
            occurrence: old.occurrence,
            person_id: old.person_id,
        };
        let mut tx = self.write().await?;
        let correction = NewEntry {
            kind: EntryKind::Worked,
            times: Some((start, Some(end))),
            reason: Some(reason.trim()),
            told: None,
            corrects: Some(id),
        };
        let new = insert(&mut tx, &occasion, correction, by).await?;
        tx.commit().await?;
        self.time_entry(new).await
    }

    pub async fn time_entry(&self, id: i64) -> Result<TimeEntry, StoreError> {
        let sql = format!("SELECT {SELECT} FROM {FROM} WHERE e.id = $1");
        let row = sqlx::query(assembled(sql))
            .bind(id)
            .fetch_optional(&self.pool)
            .await?;
        entry_from_row(&row.ok_or(StoreError::NotFound {
            what: "time entry",
            id,
        })?)
    }

    /// The entries on a company's tasks that still count (not corrected) and are either
    /// unconfirmed or were confirmed at or after `confirmed_since`, by occurrence date then
    /// id: what its contact has to confirm and has lately confirmed.
    pub async fn company_time_entries(
        &self,
        company_id: i64,
        confirmed_since: DateTime<Utc>,
    ) -> Result<Vec<TimeEntry>, StoreError> {
        let sql = format!(
            "SELECT {SELECT} FROM {FROM} JOIN tasks t ON t.id = e.task_id \
             WHERE t.company_id = $1 AND c.id IS NULL AND (e.confirmed_at IS NULL OR e.confirmed_at >= $2) \
             ORDER BY e.occurrence, e.id"
        );
        let rows = sqlx::query(assembled(sql))
            .bind(company_id)
            .bind(timestamp(confirmed_since))
            .fetch_all(&self.pool)
            .await?;
        rows.iter().map(entry_from_row).collect()
    }

    /// Entries by occurrence date, then id.
    pub async fn time_entries(&self, filter: &TimeFilter) -> Result<Vec<TimeEntry>, StoreError> {
        Ok(self
            .time_entries_page(filter, PageRequest::all())
            .await?
            .items)
    }

    /// One page of the entries by occurrence date, then id, and how many match in all.
    pub async fn time_entries_page(
        &self,
        filter: &TimeFilter,
        page: PageRequest,
    ) -> Result<Page<TimeEntry>, StoreError> {
        let (where_, ints, texts) = time_conditions(filter);
        let bound = |sql: String| {
            let mut query = sqlx::query(assembled(sql));
            for v in &ints {
                query = query.bind(*v);
            }
            for t in &texts {
                query = query.bind(t.clone());
            }
            query
        };
        let total: i64 = bound(format!("SELECT COUNT(*) AS n FROM {FROM} {where_}"))
            .fetch_one(&self.pool)
            .await?
            .try_get("n")?;
        let n = ints.len() + texts.len();
        let rows = bound(format!(
            "SELECT {SELECT} FROM {FROM} {where_} ORDER BY e.occurrence, e.id LIMIT ${} OFFSET ${}",
            n + 1,
            n + 2
        ))
        .bind(page.per_page)
        .bind(page.offset())
        .fetch_all(&self.pool)
        .await?;
        Ok(Page {
            items: rows.iter().map(entry_from_row).collect::<Result<_, _>>()?,
            total,
            page: page.page,
            per_page: page.per_page,
        })
    }
}

/// The WHERE clause of a filter with its whole-number and text values, bound in that
/// order.
fn time_conditions(filter: &TimeFilter) -> (String, Vec<i64>, Vec<String>) {
    let mut conditions = Vec::new();
    let mut ints = Vec::new();
    let mut texts = Vec::new();
    for (column, value) in [
        ("e.task_id", filter.task_id),
        ("e.person_id", filter.person_id),
    ] {
        if let Some(v) = value {
            ints.push(v);
            conditions.push(format!("{column} = ${}", ints.len()));
        }
    }
    for (op, value) in [(">=", filter.from), ("<", filter.to)] {
        if let Some(d) = value {
            texts.push(d.to_string());
            conditions.push(format!("e.occurrence {op} ${}", ints.len() + texts.len()));
        }
    }
    let where_ = if conditions.is_empty() {
        String::new()
    } else {
        format!("WHERE {}", conditions.join(" AND "))
    };
    (where_, ints, texts)
}

pub(crate) fn status_word(status: EntryStatus) -> &'static str {
    match status {
        EntryStatus::Open => "still checked in",
        EntryStatus::Registered => "registered",
        EntryStatus::Confirmed => "confirmed",
        EntryStatus::Corrected => "already corrected",
    }
}

/// Minutes from `start` to `end`; refuses an end not after the start, or a stretch over
/// 16 hours, naming `field`.
fn worked_minutes(
    start: DateTime<Utc>,
    end: DateTime<Utc>,
    field: &str,
) -> Result<i64, StoreError> {
    let minutes = (end - start).num_minutes();
    if end <= start {
        return Err(StoreError::invalid(field, "must be after the start"));
    }
    if minutes > LONGEST_MINUTES {
        return Err(StoreError::invalid(
            field,
            format!("{minutes} minutes is more than 16 hours"),
        ));
    }
    Ok(minutes)
}

/// Refuses an occasion the week's latest plan does not give to the person: hours or an
/// answer about work nobody asked them to do would only confuse whoever plans and pays.
pub(crate) async fn planned(
    conn: &mut sqlx::AnyConnection,
    occasion: &Occasion,
) -> Result<(), StoreError> {
    let label = domain::week::Week::of(occasion.occurrence).label;
    let found = sqlx::query(
        "SELECT 1 AS found FROM plan_assignments a WHERE a.task_id = $1 AND a.occurrence = $2 AND a.person_id = $3 \
         AND a.plan_id = (SELECT MAX(p.id) FROM plans p WHERE p.week = $4)",
    )
    .bind(occasion.task_id)
    .bind(occasion.occurrence.to_string())
    .bind(occasion.person_id)
    .bind(label.as_str())
    .fetch_optional(&mut *conn)
    .await?;
    if found.is_none() {
        return Err(StoreError::Conflict(format!(
            "person {} is not planned for task {} on {} in the latest plan of {label}",
            occasion.person_id, occasion.task_id, occasion.occurrence
        )));
    }
    Ok(())
}

/// What a new entry says: its kind, times, why and who was told, and the entry it
/// corrects (replaces), if any.
struct NewEntry<'a> {
    kind: EntryKind,
    times: Option<(DateTime<Utc>, Option<DateTime<Utc>>)>,
    reason: Option<&'a str>,
    told: Option<&'a str>,
    corrects: Option<i64>,
}

async fn insert(
    conn: &mut sqlx::AnyConnection,
    occasion: &Occasion,
    entry: NewEntry<'_>,
    by: &Actor,
) -> Result<i64, StoreError> {
    let NewEntry {
        kind,
        times,
        reason,
        told,
        corrects,
    } = entry;
    let (start, end) = times.map_or((None, None), |(s, e)| (Some(s), e));
    let minutes = start.zip(end).map(|(s, e)| (e - s).num_minutes());
    let row = sqlx::query(
        "INSERT INTO time_entries (task_id, occurrence, person_id, kind, started_at, ended_at, minutes, reason, told, \
         corrects, created_at, created_by) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING id",
    )
    .bind(occasion.task_id)
    .bind(occasion.occurrence.to_string())
    .bind(occasion.person_id)
    .bind(kind.code())
    .bind(start.map(timestamp))
    .bind(end.map(timestamp))
    .bind(minutes)
    .bind(reason)
    .bind(told)
    .bind(corrects)
    .bind(now())
    .bind(by.0.as_str())
    .fetch_one(&mut *conn)
    .await
    .map_err(|e| match e {
        // `time_entries_one_shift`: the shift has its first entry already.
        sqlx::Error::Database(db) if db.is_unique_violation() && corrects.is_none() => {
            StoreError::Refused(Refusal::AlreadyRecorded)
        }
        // `time_entries_corrects`: another correction came first.
        sqlx::Error::Database(db) if db.is_unique_violation() => StoreError::Conflict(format!(
            "time entry {} was corrected meanwhile",
            corrects.unwrap_or_default()
        )),
        other => other.into(),
    })?;
    let id = row.try_get("id")?;
    // After the insert, so a shift recorded twice is named as such first.
    if let Some(start) = start {
        let skip: Vec<i64> = [Some(id), corrects].into_iter().flatten().collect();
        refuse_overlap(conn, occasion.person_id, start, end, &skip).await?;
    }
    Ok(id)
}

/// Refuses hours from `start` to `end` (still open when `None`) that overlap another
/// counting entry of the person's — any task — other than those in `skip` (itself, the
/// one it replaces): one person works one shift at a time, so no minute is paid or billed
/// twice.
async fn refuse_overlap(
    conn: &mut sqlx::AnyConnection,
    person: i64,
    start: DateTime<Utc>,
    end: Option<DateTime<Utc>>,
    skip: &[i64],
) -> Result<(), StoreError> {
    let rows = sqlx::query(
        "SELECT e.id, e.started_at, e.ended_at FROM time_entries e WHERE e.person_id = $1 \
         AND e.kind = 'worked' AND e.started_at IS NOT NULL \
         AND NOT EXISTS (SELECT 1 FROM time_entries c WHERE c.corrects = e.id)",
    )
    .bind(person)
    .fetch_all(&mut *conn)
    .await?;
    for row in &rows {
        let id: i64 = row.try_get("id")?;
        if skip.contains(&id) {
            continue;
        }
        let instant = |column: &str| -> Result<Option<DateTime<Utc>>, StoreError> {
            let text: Option<String> = row.try_get(column)?;
            text.map(|t| {
                domain::calendar::parse_instant(&t).map_err(|e| StoreError::Corrupt {
                    what: "time entry",
                    id,
                    reason: e.0,
                })
            })
            .transpose()
        };
        let other_start = instant("started_at")?.unwrap_or(start);
        let other_end = instant("ended_at")?;
        // Half-open stretches: one may end the minute the next begins.
        let before = end.is_some_and(|end| end <= other_start);
        let after = other_end.is_some_and(|other_end| other_end <= start);
        if !before && !after {
            return Err(StoreError::Refused(Refusal::Overlaps { entry: id }));
        }
    }
    Ok(())
}

fn entry_from_row(row: &AnyRow) -> Result<TimeEntry, StoreError> {
    let id: i64 = row.try_get("id")?;
    let corrupt = |reason: String| StoreError::Corrupt {
        what: "time entry",
        id,
        reason,
    };
    let instant = |column: &str| -> Result<Option<DateTime<Utc>>, StoreError> {
        let text: Option<String> = row.try_get(column)?;
        text.map(|t| {
            domain::calendar::parse_instant(&t).map_err(|e| corrupt(format!("{column}: {}", e.0)))
        })
        .transpose()
    };
    let kind_code: String = row.try_get("kind")?;
    let kind =
        EntryKind::parse(&kind_code).ok_or_else(|| corrupt(format!("kind {kind_code:?}")))?;
    let occurrence: String = row.try_get("occurrence")?;
    let started_at = instant("started_at")?;
    let ended_at = instant("ended_at")?;
    let corrected_by: Option<i64> = row.try_get("corrected_by")?;
    let confirmed_at: Option<String> = row.try_get("confirmed_at")?;
    let status = if corrected_by.is_some() {
        EntryStatus::Corrected
    } else if kind == EntryKind::Worked && ended_at.is_none() {
        EntryStatus::Open
    } else if confirmed_at.is_some() {
        EntryStatus::Confirmed
    } else {
        EntryStatus::Registered
    };
    Ok(TimeEntry {
        id,
        task_id: row.try_get("task_id")?,
        occurrence: occurrence
            .parse()
            .map_err(|_| corrupt(format!("occurrence {occurrence:?}")))?,
        person_id: row.try_get("person_id")?,
        kind,
        status,
        started_at,
        ended_at,
        minutes: row.try_get("minutes")?,
        reason: row.try_get("reason")?,
        told: row.try_get("told")?,
        corrects: row.try_get("corrects")?,
        corrected_by,
        confirmed_at,
        confirmed_by: row.try_get("confirmed_by")?,
        created_at: row.try_get("created_at")?,
        created_by: row.try_get("created_by")?,
        outside_plan: row.try_get::<i64, _>("outside_plan")? != 0,
    })
}
