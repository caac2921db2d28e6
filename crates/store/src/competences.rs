//! The Alliance's competence catalogue beside ESCO: the agency's Danish names for ESCO
//! skills and occupations, and its local skills (the twelve codes people and tasks hold
//! came first), each mapped to an ESCO skill or standing alone.

use crate::{Actor, Store, StoreError, timestamp};
use chrono::Utc;
use sqlx::Row;

/// A Danish name the agency gave an ESCO concept.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DanishName {
    /// `skill` or `occupation`.
    pub kind: String,
    /// The UUID ending the concept's ESCO URI.
    pub esco_id: String,
    pub name_da: String,
}

/// A skill of the agency's own.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LocalSkill {
    pub id: i64,
    /// As people and tasks hold it: `forklift`, `truckcertifikat_b`.
    pub code: String,
    pub name_da: String,
    pub name_en: String,
    /// The ESCO skill it maps to, if any.
    pub esco_id: Option<String>,
}

impl Store {
    /// Every Danish name given, by kind and id.
    pub async fn danish_names(&self) -> Result<Vec<DanishName>, StoreError> {
        let rows = sqlx::query(
            "SELECT kind, esco_id, name_da FROM competence_names ORDER BY kind, esco_id",
        )
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|r| {
                Ok(DanishName {
                    kind: r.try_get("kind")?,
                    esco_id: r.try_get("esco_id")?,
                    name_da: r.try_get("name_da")?,
                })
            })
            .collect()
    }

    /// Gives an ESCO concept a Danish name, replacing one given before. The caller has
    /// checked the concept exists and the name is one.
    pub async fn set_danish_name(&self, name: &DanishName, by: &Actor) -> Result<(), StoreError> {
        let mut tx = self.write().await?;
        sqlx::query("DELETE FROM competence_names WHERE kind = $1 AND esco_id = $2")
            .bind(&name.kind)
            .bind(&name.esco_id)
            .execute(&mut *tx)
            .await?;
        sqlx::query(
            "INSERT INTO competence_names (kind, esco_id, name_da, updated_at, updated_by) VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(&name.kind)
        .bind(&name.esco_id)
        .bind(&name.name_da)
        .bind(timestamp(Utc::now()))
        .bind(&by.0)
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// Every local skill, by code.
    pub async fn local_skills(&self) -> Result<Vec<LocalSkill>, StoreError> {
        let rows = sqlx::query(
            "SELECT id, code, name_da, name_en, esco_id FROM local_skills ORDER BY code",
        )
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|r| {
                Ok(LocalSkill {
                    id: r.try_get("id")?,
                    code: r.try_get("code")?,
                    name_da: r.try_get("name_da")?,
                    name_en: r.try_get("name_en")?,
                    esco_id: r.try_get("esco_id")?,
                })
            })
            .collect()
    }

    /// Adds a local skill; a code already used is a conflict.
    pub async fn add_local_skill(&self, skill: &LocalSkill, by: &Actor) -> Result<i64, StoreError> {
        sqlx::query_scalar(
            "INSERT INTO local_skills (code, name_da, name_en, esco_id, created_at, created_by) \
             VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
        )
        .bind(&skill.code)
        .bind(&skill.name_da)
        .bind(&skill.name_en)
        .bind(skill.esco_id.as_deref())
        .bind(timestamp(Utc::now()))
        .bind(&by.0)
        .fetch_one(&self.pool)
        .await
        .map_err(|e| {
            crate::error::unique_violation(e, || {
                format!("there is already a local skill {}", skill.code)
            })
        })
    }
}
