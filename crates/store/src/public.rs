//! How often a client address used the public forms and POSTs (a student's registration,
//! a candidate's answer, later the festival's): each counts against a limit per address
//! and hour. Kept in the database, so several servers count together.

use crate::{Store, StoreError, timestamp};
use chrono::{DateTime, Duration, Utc};
use sqlx::Row;

impl Store {
    /// Records one public request from `client` if fewer than `limit` came from it in the
    /// hour before `at`; answers whether it was let through. Requests older than an hour
    /// are forgotten here too.
    pub async fn admit_public(
        &self,
        client: &str,
        limit: i64,
        at: DateTime<Utc>,
    ) -> Result<bool, StoreError> {
        let since = timestamp(at - Duration::hours(1));
        let mut tx = self.write().await?;
        sqlx::query("DELETE FROM public_requests WHERE at < $1")
            .bind(&since)
            .execute(&mut *tx)
            .await?;
        // One lock per client keeps the count exact when requests come at once.
        self.lock(&mut tx, &format!("public {client}")).await?;
        let used: i64 =
            sqlx::query("SELECT COUNT(*) AS n FROM public_requests WHERE client = $1 AND at >= $2")
                .bind(client)
                .bind(&since)
                .fetch_one(&mut *tx)
                .await?
                .try_get("n")?;
        if used >= limit {
            return Ok(false);
        }
        sqlx::query("INSERT INTO public_requests (client, at) VALUES ($1, $2)")
            .bind(client)
            .bind(timestamp(at))
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok(true)
    }
}
