//! The citizens' newsletter: subscribers with double opt-in, and which month's digest
//! went to whom, queued in the same transaction as the mail so nobody gets one twice.

use crate::accounts::{random_token, token_hash};
use crate::outbox::Mail;
use crate::sql::{join, split};
use crate::{Store, StoreError, timestamp};
use chrono::{DateTime, Utc};
use sqlx::Row;
use sqlx::any::AnyRow;

/// A subscriber as kept.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Subscriber {
    pub id: i64,
    pub email: String,
    pub lang: String,
    pub themes: Vec<String>,
    /// Kept as is: every mail carries it in its unsubscribe link.
    pub unsubscribe_token: String,
    pub created_at: String,
    pub confirmed_at: Option<String>,
}

const COLUMNS: &str = "id, email, lang, themes, unsubscribe_token, created_at, confirmed_at";

fn from_row(r: &AnyRow) -> Result<Subscriber, StoreError> {
    Ok(Subscriber {
        id: r.try_get("id")?,
        email: r.try_get("email")?,
        lang: r.try_get("lang")?,
        themes: split(&r.try_get::<String, _>("themes")?),
        unsubscribe_token: r.try_get("unsubscribe_token")?,
        created_at: r.try_get("created_at")?,
        confirmed_at: r.try_get("confirmed_at")?,
    })
}

/// What subscribing did: a new subscriber (with the confirmation token to mail), or the
/// address was there already.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Subscribed {
    New { id: i64, confirm_token: String },
    Known(Subscriber),
}

impl Store {
    /// Subscribes `email` unconfirmed, or answers the subscriber it already is. An
    /// unconfirmed subscriber asking again gets a fresh confirmation token.
    pub async fn subscribe(
        &self,
        email: &str,
        lang: &str,
        themes: &[String],
        at: DateTime<Utc>,
    ) -> Result<Subscribed, StoreError> {
        let mut tx = self.write().await?;
        let known = sqlx::query(crate::sql::assembled(format!(
            "SELECT {COLUMNS} FROM subscribers WHERE email = $1"
        )))
        .bind(email)
        .fetch_optional(&mut *tx)
        .await?;
        let confirm_token = random_token();
        let answer = match known.as_ref().map(from_row).transpose()? {
            Some(s) if s.confirmed_at.is_some() => Subscribed::Known(s),
            Some(s) => {
                sqlx::query("UPDATE subscribers SET confirm_hash = $1, lang = $2, themes = $3 WHERE id = $4")
                    .bind(token_hash(&confirm_token))
                    .bind(lang)
                    .bind(join(themes.iter().map(String::as_str)))
                    .bind(s.id)
                    .execute(&mut *tx)
                    .await?;
                Subscribed::New {
                    id: s.id,
                    confirm_token,
                }
            }
            None => {
                let id: i64 = sqlx::query(
                    "INSERT INTO subscribers (email, lang, themes, confirm_hash, unsubscribe_token, created_at) \
                     VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
                )
                .bind(email)
                .bind(lang)
                .bind(join(themes.iter().map(String::as_str)))
                .bind(token_hash(&confirm_token))
                .bind(random_token())
                .bind(timestamp(at))
                .fetch_one(&mut *tx)
                .await?
                .try_get("id")?;
                Subscribed::New { id, confirm_token }
            }
        };
        tx.commit().await?;
        Ok(answer)
    }

    /// Confirms the subscriber whose confirmation token this is; the token works once.
    pub async fn confirm_subscriber(
        &self,
        token: &str,
        at: DateTime<Utc>,
    ) -> Result<Option<Subscriber>, StoreError> {
        let mut tx = self.write().await?;
        let row = sqlx::query(crate::sql::assembled(format!(
            "UPDATE subscribers SET confirmed_at = $1, confirm_hash = NULL WHERE confirm_hash = $2 RETURNING {COLUMNS}"
        )))
        .bind(timestamp(at))
        .bind(token_hash(token))
        .fetch_optional(&mut *tx)
        .await?;
        tx.commit().await?;
        row.as_ref().map(from_row).transpose()
    }

    /// The subscriber an unsubscribe token belongs to.
    pub async fn subscriber_by_unsubscribe(
        &self,
        token: &str,
    ) -> Result<Option<Subscriber>, StoreError> {
        self.subscriber_where("unsubscribe_token", token).await
    }

    /// A subscriber by address (as kept: lower case).
    pub async fn subscriber_by_email(&self, email: &str) -> Result<Option<Subscriber>, StoreError> {
        self.subscriber_where("email", email).await
    }

    /// The subscriber whose `column` (one of the unique text columns) is `value`.
    async fn subscriber_where(
        &self,
        column: &'static str,
        value: &str,
    ) -> Result<Option<Subscriber>, StoreError> {
        let row = sqlx::query(crate::sql::assembled(format!(
            "SELECT {COLUMNS} FROM subscribers WHERE {column} = $1"
        )))
        .bind(value)
        .fetch_optional(&self.pool)
        .await?;
        row.as_ref().map(from_row).transpose()
    }

    /// A subscriber by id.
    pub async fn subscriber(&self, id: i64) -> Result<Option<Subscriber>, StoreError> {
        let row = sqlx::query(crate::sql::assembled(format!(
            "SELECT {COLUMNS} FROM subscribers WHERE id = $1"
        )))
        .bind(id)
        .fetch_optional(&self.pool)
        .await?;
        row.as_ref().map(from_row).transpose()
    }

    /// Every confirmed subscriber, oldest first.
    pub async fn confirmed_subscribers(&self) -> Result<Vec<Subscriber>, StoreError> {
        let rows = sqlx::query(crate::sql::assembled(format!(
            "SELECT {COLUMNS} FROM subscribers WHERE confirmed_at IS NOT NULL ORDER BY id"
        )))
        .fetch_all(&self.pool)
        .await?;
        rows.iter().map(from_row).collect()
    }

    /// Deletes a subscriber and the record of what was sent to them: whether there was one.
    pub async fn erase_subscriber(&self, id: i64) -> Result<bool, StoreError> {
        let mut tx = self.write().await?;
        sqlx::query("DELETE FROM newsletter_sends WHERE subscriber_id = $1")
            .bind(id)
            .execute(&mut *tx)
            .await?;
        let gone = sqlx::query("DELETE FROM subscribers WHERE id = $1")
            .bind(id)
            .execute(&mut *tx)
            .await?
            .rows_affected();
        tx.commit().await?;
        Ok(gone == 1)
    }

    /// Queues `month`'s digest to a subscriber unless it went already: whether it was
    /// queued now.
    pub async fn queue_digest(
        &self,
        subscriber_id: i64,
        month: &str,
        mail: &Mail,
        at: DateTime<Utc>,
    ) -> Result<bool, StoreError> {
        let mut tx = self.write().await?;
        let fresh = sqlx::query(
            "INSERT INTO newsletter_sends (subscriber_id, month, queued_at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING",
        )
        .bind(subscriber_id)
        .bind(month)
        .bind(timestamp(at))
        .execute(&mut *tx)
        .await?
        .rows_affected()
            == 1;
        if fresh {
            crate::outbox::queue(&mut tx, mail, at).await?;
        }
        tx.commit().await?;
        Ok(fresh)
    }

    /// The months whose digest went to a subscriber.
    pub async fn digests_sent(&self, subscriber_id: i64) -> Result<Vec<String>, StoreError> {
        let rows = sqlx::query(
            "SELECT month FROM newsletter_sends WHERE subscriber_id = $1 ORDER BY month",
        )
        .bind(subscriber_id)
        .fetch_all(&self.pool)
        .await?;
        rows.iter().map(|r| Ok(r.try_get("month")?)).collect()
    }
}
