//! Task requests and their status history: every move records who made it and when.

use crate::page::{Filter, Value};
use crate::read::Columns;
use crate::sql::{assembled, assignments, join, mark_deleted, meta, placeholders, split};
use crate::{Actor, Page, PageRequest, Store, StoreError, Stored, now, timestamp};
use domain::problem::Errors;
use domain::task::{TaskDraft, TaskRequest, TaskStart, TaskStatus};
use sqlx::any::AnyArguments;
use sqlx::query::Query;
use sqlx::{Any, AnyConnection, Row};

const COLUMNS: &str = "company_id, site_id, task_type, title, description, lift_kg, standing, outdoors, required_skills, \
    people_needed, duration_minutes, fixed_start, window_start, window_end, recurrence, span_start, span_end";
const SELECT: &str = "id, version, created_at, updated_at, status, company_id, site_id, task_type, title, description, lift_kg, \
    standing, outdoors, required_skills, people_needed, duration_minutes, fixed_start, window_start, window_end, recurrence";

/// A stored task request and where it is in its lifecycle.
#[derive(Debug, Clone, PartialEq)]
pub struct TaskRecord {
    pub request: TaskRequest,
    pub status: TaskStatus,
}

/// Narrows a list of task requests.
#[derive(Debug, Clone, Default)]
pub struct TaskFilter {
    pub status: Option<TaskStatus>,
    pub company_id: Option<i64>,
    /// Only tasks whose occurrences reach past this instant…
    pub from: Option<chrono::DateTime<chrono::Utc>>,
    /// …and begin before this one.
    pub to: Option<chrono::DateTime<chrono::Utc>>,
}

/// One move in a task's lifecycle.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StatusChange {
    pub from: Option<TaskStatus>,
    pub to: TaskStatus,
    pub changed_by: String,
    pub note: String,
    pub changed_at: String,
}

fn bind_task<'q>(
    query: Query<'q, Any, AnyArguments>,
    t: &TaskRequest,
) -> Query<'q, Any, AnyArguments> {
    let (fixed, from, to) = match t.start {
        TaskStart::Fixed(at) => (Some(timestamp(at)), None, None),
        TaskStart::Window { earliest, latest } => {
            (None, Some(timestamp(earliest)), Some(timestamp(latest)))
        }
    };
    let (span_start, span_end) = t.span();
    query
        .bind(t.company_id)
        .bind(t.site_id)
        .bind(t.task_type.code())
        .bind(t.title.as_str())
        .bind(t.description.as_str())
        .bind(i64::from(t.demand.lift_kg))
        .bind(t.demand.standing as i64)
        .bind(t.demand.outdoors as i64)
        .bind(join(t.required_skills.iter().map(|s| s.code())))
        .bind(i64::from(t.people_needed))
        .bind(i64::from(t.duration_minutes))
        .bind(fixed)
        .bind(from)
        .bind(to)
        .bind(t.recurrence.as_ref().map(|r| r.to_string()))
        .bind(timestamp(span_start))
        .bind(timestamp(span_end))
}

/// Stored instants are UTC text; the draft wants ISO 8601 with an offset, which UTC text already is.
fn instant(row: &dyn Columns, column: &str) -> Result<Option<String>, StoreError> {
    row.get(column)
}

fn task_from_row(row: &dyn Columns) -> Result<Stored<TaskRecord>, StoreError> {
    let meta = meta(row)?;
    let draft = TaskDraft {
        company_id: Some(row.get("company_id")?),
        site_id: Some(row.get("site_id")?),
        task_type: row.get("task_type")?,
        title: row.get("title")?,
        description: row.get("description")?,
        lift_kg: Some(row.get("lift_kg")?),
        standing: row.get::<i64>("standing")? != 0,
        outdoors: row.get::<i64>("outdoors")? != 0,
        required_skills: split(&row.get::<String>("required_skills")?),
        people_needed: Some(row.get("people_needed")?),
        duration_minutes: Some(row.get("duration_minutes")?),
        fixed_start: instant(row, "fixed_start")?,
        window_start: instant(row, "window_start")?,
        window_end: instant(row, "window_end")?,
        recurrence: row.get("recurrence")?,
    };
    let request = draft
        .parse()
        .map_err(|e| StoreError::corrupt("task", meta.id, e))?;
    let status =
        TaskStatus::parse(&row.get::<String>("status")?).map_err(|e| StoreError::Corrupt {
            what: "task",
            id: meta.id,
            reason: e.0,
        })?;
    Ok(Stored {
        meta,
        value: TaskRecord { request, status },
    })
}

pub(crate) async fn record_change(
    conn: &mut AnyConnection,
    task_id: i64,
    from: Option<TaskStatus>,
    to: TaskStatus,
    by: &Actor,
    note: &str,
) -> Result<(), StoreError> {
    sqlx::query("INSERT INTO task_status_changes (task_id, from_status, to_status, changed_by, note, changed_at) VALUES ($1, $2, $3, $4, $5, $6)")
        .bind(task_id)
        .bind(from.map(|s| s.code()))
        .bind(to.code())
        .bind(by.0.as_str())
        .bind(note)
        .bind(now())
        .execute(&mut *conn)
        .await?;
    Ok(())
}

pub(crate) async fn insert_task(
    conn: &mut AnyConnection,
    task: &TaskRequest,
    status: TaskStatus,
    by: &Actor,
    note: &str,
) -> Result<i64, StoreError> {
    let sql = format!(
        "INSERT INTO tasks ({COLUMNS}, status, created_at, updated_at) VALUES ({}, $18, $19, $19) RETURNING id",
        placeholders(1, 17)
    );
    let row = bind_task(sqlx::query(assembled(sql)), task)
        .bind(status.code())
        .bind(now())
        .fetch_one(&mut *conn)
        .await?;
    let id: i64 = row.try_get("id")?;
    record_change(conn, id, None, status, by, note).await?;
    Ok(id)
}

impl Store {
    /// Stores a new task request as `requested`, after checking that its site belongs to
    /// its company and that the company has an agreement for the task type.
    pub async fn create_task(
        &self,
        task: &TaskRequest,
        by: &Actor,
    ) -> Result<Stored<TaskRecord>, StoreError> {
        self.check_task_refs(task).await?;
        let mut tx = self.write().await?;
        let id = insert_task(&mut tx, task, TaskStatus::Requested, by, "requested").await?;
        tx.commit().await?;
        self.task(id).await
    }

    /// A live task request by id.
    pub async fn task(&self, id: i64) -> Result<Stored<TaskRecord>, StoreError> {
        let sql = format!("SELECT {SELECT} FROM tasks WHERE id = $1 AND deleted_at IS NULL");
        let row = sqlx::query(assembled(sql))
            .bind(id)
            .fetch_optional(&self.pool)
            .await?;
        task_from_row(&row.ok_or(StoreError::NotFound { what: "task", id })?)
    }

    /// A page of live task requests, oldest first.
    pub async fn tasks(
        &self,
        filter: &TaskFilter,
        page: PageRequest,
    ) -> Result<Page<Stored<TaskRecord>>, StoreError> {
        let mut where_ = Filter::live();
        if let Some(status) = filter.status {
            where_.compare("status", "=", Value::Text(status.code().into()));
        }
        if let Some(company) = filter.company_id {
            where_.compare("company_id", "=", Value::Int(company));
        }
        if let Some(from) = filter.from {
            where_.compare("span_end", ">", Value::Text(timestamp(from)));
        }
        if let Some(to) = filter.to {
            where_.compare("span_start", "<", Value::Text(timestamp(to)));
        }
        if filter.from.is_none() && filter.to.is_none() {
            let (items, total) = where_
                .page(self, "tasks", SELECT, page, task_from_row)
                .await?;
            return Ok(Page {
                items,
                total,
                page: page.page,
                per_page: page.per_page,
            });
        }
        // The span columns find the candidates; the occurrences decide, so a Tue/Thu
        // series does not show up in a weekend it only spans.
        let (candidates, _) = where_
            .page(self, "tasks", SELECT, PageRequest::all(), task_from_row)
            .await?;
        let matching: Vec<_> = candidates
            .into_iter()
            .filter(|task| task.value.request.occurs_between(filter.from, filter.to))
            .collect();
        let total = matching.len() as i64;
        let skip = usize::try_from(page.offset()).unwrap_or(usize::MAX);
        let take = usize::try_from(page.per_page).unwrap_or(usize::MAX);
        let items = matching.into_iter().skip(skip).take(take).collect();
        Ok(Page {
            items,
            total,
            page: page.page,
            per_page: page.per_page,
        })
    }

    /// Replaces a task request's content if it is still at `version` and not yet confirmed.
    pub async fn update_task(
        &self,
        id: i64,
        version: i64,
        task: &TaskRequest,
    ) -> Result<Stored<TaskRecord>, StoreError> {
        let current = self.task(id).await?;
        if !current.value.status.editable() {
            return Err(StoreError::Conflict(format!(
                "task {id} is {} and can no longer be changed",
                current.value.status
            )));
        }
        self.check_task_refs(task).await?;
        let sql = format!(
            "UPDATE tasks SET {}, version = version + 1, updated_at = $18 WHERE id = $19 AND version = $20 AND deleted_at IS NULL \
             AND status IN ('requested', 'planned')",
            assignments(COLUMNS)
        );
        let done = bind_task(sqlx::query(assembled(sql)), task)
            .bind(now())
            .bind(id)
            .bind(version)
            .execute(&self.pool)
            .await?;
        if done.rows_affected() == 0 {
            return Err(self.stale("tasks", "task", id, version).await);
        }
        self.task(id).await
    }

    /// Marks a task request deleted, unless work on it is done: that history is kept.
    pub async fn delete_task(&self, id: i64) -> Result<(), StoreError> {
        let mut tx = self.write().await?;
        if !mark_deleted(
            &mut tx,
            "tasks",
            id,
            "AND status NOT IN ('done', 'approved', 'invoiced')",
        )
        .await?
        {
            drop(tx);
            let current = self.task(id).await?;
            return Err(StoreError::Conflict(format!(
                "task {id} is {}; its history is kept",
                current.value.status
            )));
        }
        tx.commit().await?;
        Ok(())
    }

    /// Moves a task along its lifecycle, recording who did it. `version`, when given,
    /// must match the stored one.
    pub async fn change_task_status(
        &self,
        id: i64,
        version: Option<i64>,
        to: TaskStatus,
        by: &Actor,
        note: &str,
    ) -> Result<Stored<TaskRecord>, StoreError> {
        let current = self.task(id).await?;
        let expected = version.unwrap_or(current.meta.version);
        let from = current.value.status;
        from.move_to(to).map_err(|e| StoreError::Conflict(e.0))?;
        let mut tx = self.write().await?;
        let done = sqlx::query("UPDATE tasks SET status = $1, version = version + 1, updated_at = $2 WHERE id = $3 AND version = $4 AND status = $5 AND deleted_at IS NULL")
            .bind(to.code())
            .bind(now())
            .bind(id)
            .bind(expected)
            .bind(from.code())
            .execute(&mut *tx)
            .await?;
        if done.rows_affected() == 0 {
            drop(tx);
            return Err(self.stale("tasks", "task", id, expected).await);
        }
        record_change(&mut tx, id, Some(from), to, by, note).await?;
        tx.commit().await?;
        self.task(id).await
    }

    /// A task's lifecycle so far, oldest move first.
    pub async fn task_history(&self, id: i64) -> Result<Vec<StatusChange>, StoreError> {
        self.task(id).await?;
        let rows = sqlx::query("SELECT from_status, to_status, changed_by, note, changed_at FROM task_status_changes WHERE task_id = $1 ORDER BY id")
            .bind(id)
            .fetch_all(&self.pool)
            .await?;
        let status = |text: String| {
            TaskStatus::parse(&text).map_err(|e| StoreError::Corrupt {
                what: "task",
                id,
                reason: e.0,
            })
        };
        rows.iter()
            .map(|r| {
                Ok(StatusChange {
                    from: r
                        .try_get::<Option<String>, _>("from_status")?
                        .map(status)
                        .transpose()?,
                    to: status(r.try_get("to_status")?)?,
                    changed_by: r.try_get("changed_by")?,
                    note: r.try_get("note")?,
                    changed_at: r.try_get("changed_at")?,
                })
            })
            .collect()
    }

    /// Adds task requests with given statuses in one transaction; any failure adds none.
    /// A bad reference is reported as `tasks[i].field`, `i` counting the input from 0.
    pub async fn import_tasks(
        &self,
        tasks: &[(TaskRequest, TaskStatus)],
        by: &Actor,
    ) -> Result<usize, StoreError> {
        let mut errors = Errors::new();
        for (i, (task, _)) in tasks.iter().enumerate() {
            match self.check_task_refs(task).await {
                Ok(()) => {}
                Err(StoreError::Invalid(found)) => {
                    errors.extend_nested(&format!("tasks[{i}]"), found)
                }
                Err(other) => return Err(other),
            }
        }
        errors.done().map_err(StoreError::Invalid)?;
        let mut tx = self.write().await?;
        for (task, status) in tasks {
            insert_task(&mut tx, task, *status, by, "imported").await?;
        }
        tx.commit().await?;
        Ok(tasks.len())
    }

    async fn check_task_refs(&self, task: &TaskRequest) -> Result<(), StoreError> {
        self.require_company(task.company_id).await?;
        let company = self.company(task.company_id).await?;
        if !company.value.site_ids.contains(&task.site_id) {
            return Err(StoreError::invalid(
                "site_id",
                format!(
                    "site {} is not a site of company {}",
                    task.site_id, task.company_id
                ),
            ));
        }
        let agreed: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM agreements WHERE company_id = $1 AND task_type = $2 AND deleted_at IS NULL")
            .bind(task.company_id)
            .bind(task.task_type.code())
            .fetch_one(&self.pool)
            .await?;
        if agreed == 0 {
            return Err(StoreError::invalid(
                "task_type",
                format!(
                    "company {} has no agreement for {}; add one first",
                    task.company_id, task.task_type
                ),
            ));
        }
        Ok(())
    }
}
