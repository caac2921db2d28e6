//! What kommune's own records prove about a person's skills: the confirmed hours they
//! worked on each kind of task, and at which company. No other system holds this.

use crate::sql::split;
use crate::{Store, StoreError};
use sqlx::Row;

/// Confirmed minutes one person worked on one task: its type, the skills it asked, and
/// the company it was for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Worked {
    pub person_id: i64,
    pub task_type: String,
    pub required_skills: Vec<String>,
    pub company_id: i64,
    pub minutes: i64,
}

impl Store {
    /// The confirmed hours worked, per person and task: only the rows that stand (not
    /// corrected by a later one) and that a company or coordinator confirmed.
    pub async fn worked_evidence(&self) -> Result<Vec<Worked>, StoreError> {
        let rows = sqlx::query(
            "SELECT e.person_id, t.task_type, t.required_skills, t.company_id, CAST(SUM(e.minutes) AS BIGINT) AS minutes \
             FROM time_entries e LEFT JOIN time_entries c ON c.corrects = e.id JOIN tasks t ON t.id = e.task_id \
             WHERE e.kind = 'worked' AND c.id IS NULL AND e.confirmed_at IS NOT NULL AND e.minutes IS NOT NULL \
             GROUP BY e.person_id, t.id, t.task_type, t.required_skills, t.company_id \
             ORDER BY e.person_id, t.id",
        )
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|r| {
                Ok(Worked {
                    person_id: r.try_get("person_id")?,
                    task_type: r.try_get("task_type")?,
                    required_skills: split(&r.try_get::<String, _>("required_skills")?),
                    company_id: r.try_get("company_id")?,
                    minutes: r.try_get("minutes")?,
                })
            })
            .collect()
    }
}
