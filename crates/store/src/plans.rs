//! Weekly plans: the staffing engine's answer as stored — who does which occurrence of a
//! task when, what is left and why, what a re-plan moved — and the task requests it planned.

use crate::{Actor, Store, StoreError, now, timestamp};
use chrono::{DateTime, NaiveDate, Utc};
use domain::task::TaskStatus;
use sqlx::{AnyConnection, Row};

/// The objective's terms as stored; the total as text, since it outgrows 64 bits.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct PlanObjective {
    pub total: String,
    pub work_minutes: i64,
    pub fairness: i64,
    pub continuity: i64,
    pub travel_minutes: i64,
}

/// One person on one occurrence of a task.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlannedWork {
    pub task_id: i64,
    /// The Copenhagen date of the occurrence.
    pub occurrence: NaiveDate,
    pub start: DateTime<Utc>,
    pub end: DateTime<Utc>,
    pub person_id: i64,
}

/// An occurrence nobody was found for, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LeftOver {
    pub task_id: i64,
    pub occurrence: NaiveDate,
    pub reason: String,
}

/// What a re-plan did to one occurrence: moved, dropped or added.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlanMove {
    pub task_id: i64,
    pub occurrence: NaiveDate,
    pub change: String,
}

/// A plan to store.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct NewPlan {
    /// ISO week, `2026-W49`.
    pub week: String,
    pub replan_of: Option<i64>,
    pub objective: PlanObjective,
    pub iterations: i64,
    pub assignments: Vec<PlannedWork>,
    pub unassigned: Vec<LeftOver>,
    pub moves: Vec<PlanMove>,
    /// Requests whose every occurrence this week is staffed: requested ones become planned.
    pub planned_tasks: Vec<i64>,
    /// Requests with an occurrence left unstaffed: planned ones go back to requested.
    pub unplanned_tasks: Vec<i64>,
    /// Who is told of the plan's changes, written with it; not read back with the plan
    /// (see [`Store::plan_notices`]).
    pub notices: Vec<crate::outbox::NewNotice>,
}

/// A stored plan.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredPlan {
    pub id: i64,
    pub created_at: String,
    pub created_by: String,
    pub plan: NewPlan,
}

impl Store {
    /// Stores a plan and moves its task requests along their lifecycle, in one transaction.
    pub async fn save_plan(&self, plan: &NewPlan, by: &Actor) -> Result<i64, StoreError> {
        let mut tx = self.write().await?;
        let o = &plan.objective;
        let id: i64 = sqlx::query(
            "INSERT INTO plans (week, replan_of, objective_total, work_minutes, fairness, continuity, travel_minutes, \
             iterations, created_by, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id",
        )
        .bind(plan.week.as_str())
        .bind(plan.replan_of)
        .bind(o.total.as_str())
        .bind(o.work_minutes)
        .bind(o.fairness)
        .bind(o.continuity)
        .bind(o.travel_minutes)
        .bind(plan.iterations)
        .bind(by.0.as_str())
        .bind(now())
        .fetch_one(&mut *tx)
        .await?
        .try_get("id")?;
        for a in &plan.assignments {
            sqlx::query(
                "INSERT INTO plan_assignments (plan_id, task_id, occurrence, start_at, end_at, person_id) VALUES ($1, $2, $3, $4, $5, $6)",
            )
            .bind(id)
            .bind(a.task_id)
            .bind(a.occurrence.to_string())
            .bind(timestamp(a.start))
            .bind(timestamp(a.end))
            .bind(a.person_id)
            .execute(&mut *tx)
            .await?;
        }
        for u in &plan.unassigned {
            sqlx::query("INSERT INTO plan_unassigned (plan_id, task_id, occurrence, reason) VALUES ($1, $2, $3, $4)")
                .bind(id)
                .bind(u.task_id)
                .bind(u.occurrence.to_string())
                .bind(u.reason.as_str())
                .execute(&mut *tx)
                .await?;
        }
        for m in &plan.moves {
            sqlx::query("INSERT INTO plan_moves (plan_id, task_id, occurrence, change) VALUES ($1, $2, $3, $4)")
                .bind(id)
                .bind(m.task_id)
                .bind(m.occurrence.to_string())
                .bind(m.change.as_str())
                .execute(&mut *tx)
                .await?;
        }
        crate::outbox::tell(&mut tx, id, &plan.notices, chrono::Utc::now()).await?;
        let note = format!("plan {id} for {}", plan.week);
        for task in &plan.planned_tasks {
            move_task(
                &mut tx,
                *task,
                TaskStatus::Requested,
                TaskStatus::Planned,
                by,
                &note,
            )
            .await?;
        }
        for task in &plan.unplanned_tasks {
            move_task(
                &mut tx,
                *task,
                TaskStatus::Planned,
                TaskStatus::Requested,
                by,
                &note,
            )
            .await?;
        }
        tx.commit().await?;
        Ok(id)
    }

    /// A stored plan by id.
    pub async fn plan(&self, id: i64) -> Result<StoredPlan, StoreError> {
        let row = sqlx::query(
            "SELECT id, week, replan_of, objective_total, work_minutes, fairness, continuity, travel_minutes, iterations, \
             created_by, created_at FROM plans WHERE id = $1",
        )
        .bind(id)
        .fetch_optional(&self.pool)
        .await?
        .ok_or(StoreError::NotFound { what: "plan", id })?;
        let date = |text: String| {
            domain::calendar::parse_date(&text).map_err(|e| StoreError::Corrupt {
                what: "plan",
                id,
                reason: e.0,
            })
        };
        let instant = |text: String| {
            domain::calendar::parse_instant(&text).map_err(|e| StoreError::Corrupt {
                what: "plan",
                id,
                reason: e.0,
            })
        };
        let mut assignments = Vec::new();
        for r in sqlx::query("SELECT task_id, occurrence, start_at, end_at, person_id FROM plan_assignments WHERE plan_id = $1 ORDER BY start_at, task_id, person_id")
            .bind(id)
            .fetch_all(&self.pool)
            .await?
        {
            assignments.push(PlannedWork {
                task_id: r.try_get("task_id")?,
                occurrence: date(r.try_get("occurrence")?)?,
                start: instant(r.try_get("start_at")?)?,
                end: instant(r.try_get("end_at")?)?,
                person_id: r.try_get("person_id")?,
            });
        }
        let mut unassigned = Vec::new();
        for r in sqlx::query("SELECT task_id, occurrence, reason FROM plan_unassigned WHERE plan_id = $1 ORDER BY occurrence, task_id")
            .bind(id)
            .fetch_all(&self.pool)
            .await?
        {
            unassigned.push(LeftOver {
                task_id: r.try_get("task_id")?,
                occurrence: date(r.try_get("occurrence")?)?,
                reason: r.try_get("reason")?,
            });
        }
        let mut moves = Vec::new();
        for r in sqlx::query("SELECT task_id, occurrence, change FROM plan_moves WHERE plan_id = $1 ORDER BY occurrence, task_id")
            .bind(id)
            .fetch_all(&self.pool)
            .await?
        {
            moves.push(PlanMove {
                task_id: r.try_get("task_id")?,
                occurrence: date(r.try_get("occurrence")?)?,
                change: r.try_get("change")?,
            });
        }
        Ok(StoredPlan {
            id,
            created_at: row.try_get("created_at")?,
            created_by: row.try_get("created_by")?,
            plan: NewPlan {
                week: row.try_get("week")?,
                replan_of: row.try_get("replan_of")?,
                objective: PlanObjective {
                    total: row.try_get("objective_total")?,
                    work_minutes: row.try_get("work_minutes")?,
                    fairness: row.try_get("fairness")?,
                    continuity: row.try_get("continuity")?,
                    travel_minutes: row.try_get("travel_minutes")?,
                },
                iterations: row.try_get("iterations")?,
                assignments,
                unassigned,
                moves,
                planned_tasks: Vec::new(),
                unplanned_tasks: Vec::new(),
                notices: Vec::new(),
            },
        })
    }

    /// The newest plan for an ISO week, if any.
    pub async fn latest_plan(&self, week: &str) -> Result<Option<StoredPlan>, StoreError> {
        let id: Option<i64> = sqlx::query_scalar("SELECT MAX(id) FROM plans WHERE week = $1")
            .bind(week)
            .fetch_one(&self.pool)
            .await?;
        match id {
            Some(id) => Ok(Some(self.plan(id).await?)),
            None => Ok(None),
        }
    }

    /// Which companies each person was planned with for work starting before `before`:
    /// (person, company) pairs. A week's own plans do not count, or re-planning a week
    /// would reward keeping whatever its first plan did.
    pub async fn companies_worked_for(
        &self,
        before: DateTime<Utc>,
    ) -> Result<Vec<(i64, i64)>, StoreError> {
        let rows = sqlx::query(
            "SELECT DISTINCT a.person_id, t.company_id FROM plan_assignments a JOIN tasks t ON t.id = a.task_id \
             WHERE a.start_at < $1 ORDER BY a.person_id, t.company_id",
        )
        .bind(crate::timestamp(before))
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|r| Ok((r.try_get("person_id")?, r.try_get("company_id")?)))
            .collect()
    }
}

/// Moves a live task from one status to another, if it is in the first; records the move.
async fn move_task(
    conn: &mut AnyConnection,
    id: i64,
    from: TaskStatus,
    to: TaskStatus,
    by: &Actor,
    note: &str,
) -> Result<(), StoreError> {
    let done = sqlx::query("UPDATE tasks SET status = $1, version = version + 1, updated_at = $2 WHERE id = $3 AND status = $4 AND deleted_at IS NULL")
        .bind(to.code())
        .bind(now())
        .bind(id)
        .bind(from.code())
        .execute(&mut *conn)
        .await?;
    if done.rows_affected() > 0 {
        crate::tasks::record_change(conn, id, Some(from), to, by, note).await?;
    }
    Ok(())
}
