//! What the operator asks of the database: whether it is ready (reachable, every
//! migration applied), how the connection pool is used, and a consistent backup of an
//! SQLite database while the server runs.

use crate::connect::{Backend, POSTGRES_MIGRATIONS, SQLITE_MIGRATIONS};
use crate::{Store, StoreError};
use sqlx::Row;
use std::path::Path;

/// The connection pool now.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PoolUse {
    pub open: u32,
    pub idle: u32,
    pub max: u32,
}

impl Store {
    /// Whether the database answers and has every migration this build knows applied;
    /// the reason when it is not ready.
    pub async fn ready(&self) -> Result<(), String> {
        let migrator = match self.backend() {
            Backend::Sqlite => &SQLITE_MIGRATIONS,
            Backend::Postgres => &POSTGRES_MIGRATIONS,
        };
        let known: i64 = migrator.iter().map(|m| m.version).max().unwrap_or(0);
        let applied: i64 = sqlx::query(
            "SELECT COALESCE(MAX(version), 0) AS version FROM _sqlx_migrations WHERE success",
        )
        .fetch_one(&self.pool)
        .await
        .and_then(|r| r.try_get("version"))
        .map_err(|e| format!("the database does not answer: {e}"))?;
        if applied < known {
            return Err(format!(
                "migration {known} is not applied (the database is at {applied})"
            ));
        }
        Ok(())
    }

    /// The pool's connections: open, idle, and the most it opens.
    pub fn pool_use(&self) -> PoolUse {
        PoolUse {
            open: self.pool.size(),
            idle: u32::try_from(self.pool.num_idle()).unwrap_or(u32::MAX),
            max: self.pool.options().get_max_connections(),
        }
    }

    /// Writes a consistent copy of an SQLite database to `to` while others go on
    /// writing (`VACUUM INTO`: one read transaction, so the copy is one moment's
    /// database). Refuses a file that exists, and PostgreSQL, whose tool is `pg_dump`.
    pub async fn backup_to(&self, to: &Path) -> Result<(), StoreError> {
        if self.backend() == Backend::Postgres {
            return Err(StoreError::Url(
                "a PostgreSQL database is backed up with pg_dump (docs/operations.md), not by kommune"
                    .into(),
            ));
        }
        if to.exists() {
            return Err(StoreError::Conflict(format!(
                "{} exists: a backup never overwrites a file",
                to.display()
            )));
        }
        let path = to
            .to_str()
            .ok_or_else(|| StoreError::Url(format!("{} is not UTF-8", to.display())))?;
        sqlx::query("VACUUM INTO $1")
            .bind(path)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    /// SQLite's own check of a database file: `ok`, or what is wrong.
    pub async fn integrity(&self) -> Result<String, StoreError> {
        if self.backend() == Backend::Postgres {
            return Ok("ok".into());
        }
        let rows = sqlx::query("PRAGMA integrity_check")
            .fetch_all(&self.pool)
            .await?;
        let said: Vec<String> = rows
            .iter()
            .map(|r| r.try_get::<String, _>(0))
            .collect::<Result<_, _>>()?;
        Ok(said.join("; "))
    }
}
