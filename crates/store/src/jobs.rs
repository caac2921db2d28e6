//! Work that runs in the background from a table of jobs: each is due from its time, one
//! server takes it (on PostgreSQL with `FOR UPDATE SKIP LOCKED`, so with several servers
//! each job runs once), runs it and marks it done or failed. A recurring job is followed
//! by its next run; only one of each recurring kind is ever due or running.

use crate::sql::assembled;
use crate::{Backend, Store, StoreError, timestamp};
use chrono::{DateTime, Duration, Utc};
use sqlx::Row;

/// A job taken to run.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Job {
    pub id: i64,
    pub kind: String,
    /// What the job needs, as JSON; `{}` for most.
    pub payload: String,
    /// For a recurring job, how long after this run the next is due.
    pub every_seconds: Option<i64>,
}

/// A job's row as kept, for the coordinator's view and the tests.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JobRecord {
    pub id: i64,
    pub kind: String,
    pub run_at: String,
    pub status: String,
    pub taken_by: Option<String>,
    /// When a server took it to run.
    pub taken_at: Option<String>,
    pub finished_at: Option<String>,
    pub error: Option<String>,
}

/// A job running this long is taken to have lost its server, and may be taken again.
pub const STALE_MINUTES: i64 = 10;

/// The most of a job's error kept.
const ERROR_CHARS: usize = 500;

impl Store {
    /// Adds a one-off job of `kind`, due at `run_at`.
    pub async fn schedule_job(
        &self,
        kind: &str,
        payload: &str,
        run_at: DateTime<Utc>,
    ) -> Result<i64, StoreError> {
        let mut tx = self.write().await?;
        let id = sqlx::query(
            "INSERT INTO jobs (kind, payload, run_at) VALUES ($1, $2, $3) RETURNING id",
        )
        .bind(kind)
        .bind(payload)
        .bind(timestamp(run_at))
        .fetch_one(&mut *tx)
        .await?
        .try_get("id")?;
        tx.commit().await?;
        Ok(id)
    }

    /// Makes sure a recurring job of `kind` is due or running: if none is, one is added,
    /// due at `first`. Several servers may ask at once; one job results.
    pub async fn keep_recurring(
        &self,
        kind: &str,
        every: Duration,
        first: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        let mut tx = self.write().await?;
        recur(&mut tx, kind, every.num_seconds().max(1), first).await?;
        tx.commit().await?;
        Ok(())
    }

    /// Takes the job due longest, for `worker`, marking it running; none when nothing
    /// is due at `now`. A job left running by a lost server counts as due.
    pub async fn take_job(
        &self,
        worker: &str,
        now: DateTime<Utc>,
    ) -> Result<Option<Job>, StoreError> {
        let lock = match self.backend() {
            Backend::Postgres => " FOR UPDATE SKIP LOCKED",
            // The write transaction holds SQLite's only write lock already.
            Backend::Sqlite => "",
        };
        let sql = format!(
            "UPDATE jobs SET status = 'running', taken_by = $1, taken_at = $2 WHERE id = \
             (SELECT id FROM jobs WHERE (status = 'due' AND run_at <= $2) \
              OR (status = 'running' AND taken_at < $3) ORDER BY run_at, id LIMIT 1{lock}) \
             RETURNING id, kind, payload, every_seconds"
        );
        let mut tx = self.write().await?;
        let row = sqlx::query(assembled(sql))
            .bind(worker)
            .bind(timestamp(now))
            .bind(timestamp(now - Duration::minutes(STALE_MINUTES)))
            .fetch_optional(&mut *tx)
            .await?;
        tx.commit().await?;
        row.map(|row| {
            Ok(Job {
                id: row.try_get("id")?,
                kind: row.try_get("kind")?,
                payload: row.try_get("payload")?,
                every_seconds: row.try_get("every_seconds")?,
            })
        })
        .transpose()
    }

    /// Marks `job` done (or failed, with its error) at `now`; a recurring job's next run
    /// becomes due `every_seconds` later.
    pub async fn finish_job(
        &self,
        job: &Job,
        now: DateTime<Utc>,
        outcome: Result<(), String>,
    ) -> Result<(), StoreError> {
        let (status, error) = match &outcome {
            Ok(()) => ("done", None),
            Err(e) => (
                "failed",
                Some(e.chars().take(ERROR_CHARS).collect::<String>()),
            ),
        };
        let mut tx = self.write().await?;
        sqlx::query("UPDATE jobs SET status = $1, finished_at = $2, error = $3 WHERE id = $4")
            .bind(status)
            .bind(timestamp(now))
            .bind(error)
            .bind(job.id)
            .execute(&mut *tx)
            .await?;
        if let Some(every) = job.every_seconds {
            recur(&mut tx, &job.kind, every, now + Duration::seconds(every)).await?;
        }
        tx.commit().await?;
        Ok(())
    }

    /// Whether a job of `kind` with exactly `payload` is due or running: a page waiting
    /// for its work says so.
    pub async fn job_pending(&self, kind: &str, payload: &str) -> Result<bool, StoreError> {
        let found = sqlx::query(
            "SELECT 1 AS pending FROM jobs WHERE kind = $1 AND payload = $2 AND status IN ('due', 'running')",
        )
        .bind(kind)
        .bind(payload)
        .fetch_optional(&self.pool)
        .await?;
        Ok(found.is_some())
    }

    /// The latest jobs of `kind`, newest first, at most `limit`.
    pub async fn jobs_of(&self, kind: &str, limit: i64) -> Result<Vec<JobRecord>, StoreError> {
        let rows = sqlx::query(crate::sql::assembled(format!(
            "SELECT {JOB_COLUMNS} FROM jobs WHERE kind = $1 ORDER BY id DESC LIMIT $2"
        )))
        .bind(kind)
        .bind(limit)
        .fetch_all(&self.pool)
        .await?;
        rows.iter().map(job_from_row).collect()
    }

    /// The latest job of `kind` with `payload` (a day's planning, say), if there was one:
    /// how a page tells it is waiting, running, or failed.
    pub async fn latest_job(
        &self,
        kind: &str,
        payload: &str,
    ) -> Result<Option<JobRecord>, StoreError> {
        let row = sqlx::query(crate::sql::assembled(format!(
            "SELECT {JOB_COLUMNS} FROM jobs WHERE kind = $1 AND payload = $2 ORDER BY id DESC LIMIT 1"
        )))
        .bind(kind)
        .bind(payload)
        .fetch_optional(&self.pool)
        .await?;
        row.as_ref().map(job_from_row).transpose()
    }
}

const JOB_COLUMNS: &str = "id, kind, run_at, status, taken_by, taken_at, finished_at, error";

fn job_from_row(row: &sqlx::any::AnyRow) -> Result<JobRecord, StoreError> {
    Ok(JobRecord {
        id: row.try_get("id")?,
        kind: row.try_get("kind")?,
        run_at: row.try_get("run_at")?,
        status: row.try_get("status")?,
        taken_by: row.try_get("taken_by")?,
        taken_at: row.try_get("taken_at")?,
        finished_at: row.try_get("finished_at")?,
        error: row.try_get("error")?,
    })
}

/// Adds the next run of a recurring job unless one is already due or running (the
/// partial unique index `jobs_one_recurring` says which).
async fn recur(
    tx: &mut sqlx::AnyConnection,
    kind: &str,
    every_seconds: i64,
    at: DateTime<Utc>,
) -> Result<(), StoreError> {
    sqlx::query(
        "INSERT INTO jobs (kind, payload, run_at, every_seconds) VALUES ($1, '{}', $2, $3) ON CONFLICT DO NOTHING",
    )
    .bind(kind)
    .bind(timestamp(at))
    .bind(every_seconds)
    .execute(&mut *tx)
    .await?;
    Ok(())
}
