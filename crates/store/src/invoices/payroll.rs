//! A month's worked hours for the payroll: every worker's counting hours, each at the
//! wage of the agreement it was worked under.

use crate::agreements::latest_agreement;
use crate::sql::assembled;
use crate::{Store, StoreError};
use domain::invoice::Period;
use sqlx::Row;

/// One worker's hours in a month, with the wage each was worked at, for the payroll.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WorkedMonth {
    pub person_id: i64,
    pub name: String,
    pub email: String,
    /// (minutes, wage per hour in øre) per time entry.
    pub work: Vec<(i64, i64)>,
}

impl Store {
    /// Every worker's counting hours in the month (complete, not corrected; confirmed or
    /// not — every hour worked within the planned time is paid, and outside it once a
    /// coordinator has confirmed it), at the wage of the company's agreement.
    pub async fn worked_month(&self, period: Period) -> Result<Vec<WorkedMonth>, StoreError> {
        let sql = format!(
            "SELECT p.id AS person_id, p.name, p.email, e.minutes, ({}) AS wage \
             FROM time_entries e JOIN tasks t ON t.id = e.task_id JOIN people p ON p.id = e.person_id \
             WHERE e.kind = 'worked' AND e.minutes IS NOT NULL AND e.occurrence >= $1 AND e.occurrence < $2 \
             AND {} AND NOT EXISTS (SELECT 1 FROM time_entries c WHERE c.corrects = e.id) \
             ORDER BY p.id, e.occurrence, e.id",
            latest_agreement("a.wage_per_hour_ore", "t.company_id", "t.task_type"),
            crate::time::PAID
        );
        let rows = sqlx::query(assembled(sql))
            .bind(period.first_day().to_string())
            .bind(period.end().to_string())
            .fetch_all(&self.pool)
            .await?;
        let mut months: Vec<WorkedMonth> = Vec::new();
        for r in rows {
            let person_id: i64 = r.try_get("person_id")?;
            let wage: Option<i64> = r.try_get("wage")?;
            let minutes: i64 = r.try_get("minutes")?;
            let wage = wage.ok_or_else(|| {
                StoreError::Conflict(format!(
                    "person {person_id} worked a task with no agreement to pay it"
                ))
            })?;
            match months.last_mut() {
                Some(m) if m.person_id == person_id => m.work.push((minutes, wage)),
                _ => months.push(WorkedMonth {
                    person_id,
                    name: r.try_get("name")?,
                    email: r.try_get("email")?,
                    work: vec![(minutes, wage)],
                }),
            }
        }
        Ok(months)
    }
}
