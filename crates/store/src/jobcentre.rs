//! What the job centre asks for each month: per person, the hours worked with their
//! dates, starts and stops, and every status change — read here, shaped and filtered by
//! the dated rules in `reports::jobcentre`.

use crate::invoices::Period;
use crate::sql::assembled;
use crate::{Store, StoreError};
use chrono::{DateTime, NaiveDate, Utc};
use sqlx::Row;

/// One stretch of work that counts (complete, not corrected).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Worked {
    pub date: NaiveDate,
    pub start: DateTime<Utc>,
    pub end: DateTime<Utc>,
    pub minutes: i64,
}

/// One person's month for the job centre.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PersonMonth {
    pub person_id: i64,
    pub name: String,
    /// `small_job`, `flex_job` or `other`.
    pub employment_form: String,
    pub worked: Vec<Worked>,
    /// (status, when) for every change in the month.
    pub status_changes: Vec<(String, String)>,
}

impl Store {
    /// Everyone who worked or changed status in the month, by id.
    pub async fn jobcentre_month(&self, period: Period) -> Result<Vec<PersonMonth>, StoreError> {
        let (from, to) = (period.first_day().to_string(), period.end().to_string());
        let people = sqlx::query(
            "SELECT p.id, p.name, p.employment_form FROM people p WHERE \
             EXISTS (SELECT 1 FROM time_entries e WHERE e.person_id = p.id AND e.kind = 'worked' \
                     AND e.occurrence >= $1 AND e.occurrence < $2) \
             OR EXISTS (SELECT 1 FROM person_status_changes c WHERE c.person_id = p.id \
                     AND c.changed_at >= $1 AND c.changed_at < $2) ORDER BY p.id",
        )
        .bind(&from)
        .bind(&to)
        .fetch_all(&self.pool)
        .await?;
        let mut months = Vec::with_capacity(people.len());
        for p in people {
            let person_id: i64 = p.try_get("id")?;
            let sql = format!(
                "SELECT e.occurrence, e.started_at, e.ended_at, e.minutes FROM time_entries e \
                 WHERE e.person_id = $1 AND e.kind = 'worked' AND e.minutes IS NOT NULL \
                 AND e.occurrence >= $2 AND e.occurrence < $3 AND {} \
                 AND NOT EXISTS (SELECT 1 FROM time_entries c WHERE c.corrects = e.id) \
                 ORDER BY e.started_at, e.id",
                crate::time::PAID
            );
            let worked = sqlx::query(assembled(sql))
                .bind(person_id)
                .bind(&from)
                .bind(&to)
                .fetch_all(&self.pool)
                .await?
                .iter()
                .map(|r| worked_from_row(person_id, r))
                .collect::<Result<Vec<_>, _>>()?;
            let status_changes = sqlx::query(
                "SELECT status, changed_at FROM person_status_changes WHERE person_id = $1 \
                 AND changed_at >= $2 AND changed_at < $3 ORDER BY id",
            )
            .bind(person_id)
            .bind(&from)
            .bind(&to)
            .fetch_all(&self.pool)
            .await?
            .iter()
            .map(|r| Ok((r.try_get("status")?, r.try_get("changed_at")?)))
            .collect::<Result<Vec<_>, sqlx::Error>>()?;
            months.push(PersonMonth {
                person_id,
                name: p.try_get("name")?,
                employment_form: p.try_get("employment_form")?,
                worked,
                status_changes,
            });
        }
        Ok(months)
    }
}

fn worked_from_row(person_id: i64, r: &sqlx::any::AnyRow) -> Result<Worked, StoreError> {
    let corrupt = |what: String| StoreError::Corrupt {
        what: "time entry of person",
        id: person_id,
        reason: what,
    };
    let instant = |column: &str| -> Result<DateTime<Utc>, StoreError> {
        let text: String = r.try_get(column)?;
        domain::calendar::parse_instant(&text).map_err(|e| corrupt(format!("{column}: {}", e.0)))
    };
    let date: String = r.try_get("occurrence")?;
    Ok(Worked {
        date: date
            .parse()
            .map_err(|_| corrupt(format!("occurrence {date:?}")))?,
        start: instant("started_at")?,
        end: instant("ended_at")?,
        minutes: r.try_get("minutes")?,
    })
}
