//! The Aalborg Alliance's records: companies' competence needs, students who registered
//! themselves, the dialogue with companies, and introductions of candidates to needs.
//!
//! - this module: needs and their skills.
//! - [`students`]: students and graduates, their personal links and consent.
//! - [`dialogue`]: meetings and follow-ups, candidate banks, introductions.
//! - [`evidence`]: what the time records prove: skills worked, hours confirmed, companies.
//! - [`profiles`]: skills of the agency's people beyond the planner's twelve codes.
//!
//! Skills are codes of the competence catalogue: a local skill's code, or `esco:` and an
//! ESCO skill's id. The service checks every value before it reaches these functions.

pub mod dialogue;
pub mod evidence;
pub mod profiles;
pub mod students;

use crate::sql::{assembled, placeholders};
use crate::{Actor, Store, StoreError, timestamp};
use chrono::{DateTime, Utc};
use sqlx::Row;
use sqlx::any::AnyRow;

/// A skill a need asks for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Asked {
    pub skill: String,
    /// A must-have; otherwise nice to have.
    pub must: bool,
}

/// A company's competence need as kept.
#[derive(Debug, Clone, PartialEq)]
pub struct Need {
    pub id: i64,
    pub company_id: i64,
    pub site_id: Option<i64>,
    /// The ESCO occupation's id, when the role is one.
    pub occupation: Option<String>,
    pub title: String,
    pub description: String,
    pub hours_per_week: i64,
    /// `YYYY-MM-DD`.
    pub start_on: String,
    /// `ordinary`, `flex`, `student`, `internship` or `small_job`.
    pub kind: String,
    pub positions: i64,
    pub lift_kg: i64,
    pub standing: bool,
    pub outdoors: bool,
    /// `open`, `filled` or `withdrawn`.
    pub status: String,
    pub skills: Vec<Asked>,
    pub created_at: String,
    pub updated_at: String,
}

const NEED_COLUMNS: &str = "id, company_id, site_id, occupation, title, description, hours_per_week, start_on, kind, positions, lift_kg, standing, outdoors, status, created_at, updated_at";

fn need_from_row(row: &AnyRow) -> Result<Need, StoreError> {
    Ok(Need {
        id: row.try_get("id")?,
        company_id: row.try_get("company_id")?,
        site_id: row.try_get("site_id")?,
        occupation: row.try_get("occupation")?,
        title: row.try_get("title")?,
        description: row.try_get("description")?,
        hours_per_week: row.try_get("hours_per_week")?,
        start_on: row.try_get("start_on")?,
        kind: row.try_get("kind")?,
        positions: row.try_get("positions")?,
        lift_kg: row.try_get("lift_kg")?,
        standing: row.try_get::<i64, _>("standing")? != 0,
        outdoors: row.try_get::<i64, _>("outdoors")? != 0,
        status: row.try_get("status")?,
        skills: Vec::new(),
        created_at: row.try_get("created_at")?,
        updated_at: row.try_get("updated_at")?,
    })
}

/// Which needs a list holds.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct NeedFilter {
    pub company_id: Option<i64>,
    pub status: Option<String>,
}

impl Store {
    /// Keeps a new need with its skills; answers its id.
    pub async fn create_need(
        &self,
        need: &Need,
        by: &Actor,
        at: DateTime<Utc>,
    ) -> Result<i64, StoreError> {
        let mut tx = self.write().await?;
        let row = sqlx::query(
            "INSERT INTO alliance_needs (company_id, site_id, occupation, title, description, hours_per_week, start_on, kind, positions, lift_kg, standing, outdoors, status, created_at, created_by, updated_at, updated_by) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $14, $15) RETURNING id",
        )
        .bind(need.company_id)
        .bind(need.site_id)
        .bind(need.occupation.as_deref())
        .bind(&need.title)
        .bind(&need.description)
        .bind(need.hours_per_week)
        .bind(&need.start_on)
        .bind(&need.kind)
        .bind(need.positions)
        .bind(need.lift_kg)
        .bind(i64::from(need.standing))
        .bind(i64::from(need.outdoors))
        .bind(&need.status)
        .bind(timestamp(at))
        .bind(&by.0)
        .fetch_one(&mut *tx)
        .await?;
        let id: i64 = row.try_get("id")?;
        for asked in &need.skills {
            sqlx::query(
                "INSERT INTO alliance_need_skills (need_id, skill, must) VALUES ($1, $2, $3)",
            )
            .bind(id)
            .bind(&asked.skill)
            .bind(i64::from(asked.must))
            .execute(&mut *tx)
            .await?;
        }
        tx.commit().await?;
        Ok(id)
    }

    /// One need with its skills.
    pub async fn need(&self, id: i64) -> Result<Need, StoreError> {
        let row = sqlx::query(assembled(format!(
            "SELECT {NEED_COLUMNS} FROM alliance_needs WHERE id = $1"
        )))
        .bind(id)
        .fetch_optional(&self.pool)
        .await?
        .ok_or_else(|| StoreError::NotFound { what: "need", id })?;
        let mut need = need_from_row(&row)?;
        need.skills = self
            .asked(&[id])
            .await?
            .into_iter()
            .map(|(_, a)| a)
            .collect();
        Ok(need)
    }

    /// The needs a filter holds, newest first, each with its skills; and how many there
    /// are in all.
    pub async fn needs(
        &self,
        filter: &NeedFilter,
        page: crate::PageRequest,
    ) -> Result<crate::Page<Need>, StoreError> {
        let mut clauses = vec!["1 = 1".to_string()];
        let mut n = 0;
        if filter.company_id.is_some() {
            n += 1;
            clauses.push(format!("company_id = ${n}"));
        }
        if filter.status.is_some() {
            n += 1;
            clauses.push(format!("status = ${n}"));
        }
        let condition = clauses.join(" AND ");
        let count_sql = assembled(format!(
            "SELECT COUNT(*) AS n FROM alliance_needs WHERE {condition}"
        ));
        let list_sql = assembled(format!(
            "SELECT {NEED_COLUMNS} FROM alliance_needs WHERE {condition} ORDER BY id DESC LIMIT ${} OFFSET ${}",
            n + 1,
            n + 2
        ));
        let mut count = sqlx::query(count_sql);
        let mut list = sqlx::query(list_sql);
        if let Some(company) = filter.company_id {
            count = count.bind(company);
            list = list.bind(company);
        }
        if let Some(status) = &filter.status {
            count = count.bind(status.clone());
            list = list.bind(status.clone());
        }
        let total: i64 = count.fetch_one(&self.pool).await?.try_get("n")?;
        let rows = list
            .bind(page.per_page)
            .bind(page.offset())
            .fetch_all(&self.pool)
            .await?;
        let mut items: Vec<Need> = rows.iter().map(need_from_row).collect::<Result<_, _>>()?;
        let ids: Vec<i64> = items.iter().map(|n| n.id).collect();
        let mut asked = self.asked(&ids).await?;
        for need in &mut items {
            need.skills = asked
                .iter()
                .filter(|(id, _)| *id == need.id)
                .map(|(_, a)| a.clone())
                .collect();
        }
        asked.clear();
        Ok(crate::Page {
            items,
            total,
            page: page.page,
            per_page: page.per_page,
        })
    }

    /// The skills asked by the given needs, as (need, skill) in skill order.
    async fn asked(&self, ids: &[i64]) -> Result<Vec<(i64, Asked)>, StoreError> {
        let mut out = Vec::new();
        // A few hundred ids a statement stays within every database's parameter limit.
        for chunk in ids.chunks(500) {
            let sql = assembled(format!(
                "SELECT need_id, skill, must FROM alliance_need_skills WHERE need_id IN ({}) ORDER BY need_id, must DESC, skill",
                placeholders(1, chunk.len())
            ));
            let mut query = sqlx::query(sql);
            for id in chunk {
                query = query.bind(*id);
            }
            for row in query.fetch_all(&self.pool).await? {
                out.push((
                    row.try_get("need_id")?,
                    Asked {
                        skill: row.try_get("skill")?,
                        must: row.try_get::<i64, _>("must")? != 0,
                    },
                ));
            }
        }
        Ok(out)
    }

    /// Sets a need's status (`open`, `filled`, `withdrawn`).
    pub async fn set_need_status(
        &self,
        id: i64,
        status: &str,
        by: &Actor,
        at: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        let done = sqlx::query(
            "UPDATE alliance_needs SET status = $1, updated_at = $2, updated_by = $3 WHERE id = $4",
        )
        .bind(status)
        .bind(timestamp(at))
        .bind(&by.0)
        .bind(id)
        .execute(&self.pool)
        .await?;
        if done.rows_affected() == 0 {
            return Err(StoreError::NotFound { what: "need", id });
        }
        Ok(())
    }
}
