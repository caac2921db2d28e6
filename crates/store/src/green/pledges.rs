//! "Making us greener": pledges of actions by citizens and households.

use crate::{Store, StoreError, timestamp};
use chrono::{DateTime, Utc};
use sqlx::Row;
use sqlx::any::AnyRow;

/// A pledge as kept.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Pledge {
    pub id: i64,
    /// The action's code in `config/greener-actions.json`.
    pub action: String,
    pub name: String,
    pub email: String,
    /// How many people the pledge is for (a household), 1–20.
    pub household: i64,
    pub community_id: Option<i64>,
    pub lang: String,
    pub made_at: String,
    /// The day a follow-up found it kept.
    pub confirmed_on: Option<String>,
    pub follow_up_id: Option<i64>,
}

const COLUMNS: &str =
    "id, action, name, email, household, community_id, lang, made_at, confirmed_on, follow_up_id";

fn pledge_of(r: &AnyRow) -> Result<Pledge, StoreError> {
    Ok(Pledge {
        id: r.try_get("id")?,
        action: r.try_get("action")?,
        name: r.try_get("name")?,
        email: r.try_get("email")?,
        household: r.try_get("household")?,
        community_id: r.try_get("community_id")?,
        lang: r.try_get("lang")?,
        made_at: r.try_get("made_at")?,
        confirmed_on: r.try_get("confirmed_on")?,
        follow_up_id: r.try_get("follow_up_id")?,
    })
}

impl Store {
    /// Keeps a pledge; answers its id.
    pub async fn add_pledge(&self, p: &Pledge, at: DateTime<Utc>) -> Result<i64, StoreError> {
        let mut tx = self.write().await?;
        let id: i64 = sqlx::query(
            "INSERT INTO green_pledges (action, name, email, household, community_id, lang, made_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
        )
        .bind(&p.action)
        .bind(&p.name)
        .bind(&p.email)
        .bind(p.household)
        .bind(p.community_id)
        .bind(&p.lang)
        .bind(timestamp(at))
        .fetch_one(&mut *tx)
        .await?
        .try_get("id")?;
        tx.commit().await?;
        Ok(id)
    }

    /// Every pledge, the latest first.
    pub async fn pledges(&self) -> Result<Vec<Pledge>, StoreError> {
        let rows = sqlx::query(crate::sql::assembled(format!(
            "SELECT {COLUMNS} FROM green_pledges ORDER BY made_at DESC, id DESC"
        )))
        .fetch_all(&self.pool)
        .await?;
        rows.iter().map(pledge_of).collect()
    }

    /// The pledges made from `email`.
    pub async fn pledges_of(&self, email: &str) -> Result<Vec<Pledge>, StoreError> {
        let rows = sqlx::query(crate::sql::assembled(format!(
            "SELECT {COLUMNS} FROM green_pledges WHERE email = $1 ORDER BY id"
        )))
        .bind(email)
        .fetch_all(&self.pool)
        .await?;
        rows.iter().map(pledge_of).collect()
    }

    /// Erases a pledger (GDPR Art. 17): their pledges lose name and address; the action,
    /// household and dates stay, as the campaign's counts need them. Answers how many.
    pub async fn erase_pledger(&self, email: &str) -> Result<usize, StoreError> {
        let mut tx = self.write().await?;
        let ids: Vec<i64> = sqlx::query("SELECT id FROM green_pledges WHERE email = $1")
            .bind(email)
            .fetch_all(&mut *tx)
            .await?
            .iter()
            .map(|r| r.try_get("id"))
            .collect::<Result<_, _>>()?;
        for id in &ids {
            sqlx::query("UPDATE green_pledges SET name = '', email = $1 WHERE id = $2")
                .bind(format!("erased-{id}"))
                .bind(id)
                .execute(&mut *tx)
                .await?;
        }
        tx.commit().await?;
        Ok(ids.len())
    }
}
