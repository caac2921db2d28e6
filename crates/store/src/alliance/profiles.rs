//! Skills of the agency's people beyond the twelve codes the planner reads: any code of
//! the competence catalogue (a local skill, an ESCO skill), for the Alliance's matching.

use crate::{Actor, Store, StoreError, timestamp};
use chrono::{DateTime, Utc};
use sqlx::Row;

impl Store {
    /// Every added skill of every person, by person then skill.
    pub async fn person_skills(&self) -> Result<Vec<(i64, String)>, StoreError> {
        let rows =
            sqlx::query("SELECT person_id, skill FROM person_skills ORDER BY person_id, skill")
                .fetch_all(&self.pool)
                .await?;
        rows.iter()
            .map(|r| Ok((r.try_get("person_id")?, r.try_get("skill")?)))
            .collect()
    }

    /// Adds a skill to a live person; one they have is left as it is.
    pub async fn add_person_skill(
        &self,
        person_id: i64,
        skill: &str,
        by: &Actor,
        at: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        self.person(person_id).await?;
        let mut tx = self.write().await?;
        sqlx::query("DELETE FROM person_skills WHERE person_id = $1 AND skill = $2")
            .bind(person_id)
            .bind(skill)
            .execute(&mut *tx)
            .await?;
        sqlx::query(
            "INSERT INTO person_skills (person_id, skill, added_at, added_by) VALUES ($1, $2, $3, $4)",
        )
        .bind(person_id)
        .bind(skill)
        .bind(timestamp(at))
        .bind(&by.0)
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// Takes an added skill from a person.
    pub async fn remove_person_skill(&self, person_id: i64, skill: &str) -> Result<(), StoreError> {
        sqlx::query("DELETE FROM person_skills WHERE person_id = $1 AND skill = $2")
            .bind(person_id)
            .bind(skill)
            .execute(&self.pool)
            .await?;
        Ok(())
    }
}
