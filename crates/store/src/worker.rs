//! What a worker tells the agency and what they subscribe to: their answer to a planned
//! occurrence of a task (coming or not), and the private token of their calendar feed.
//!
//! A feed token is 32 random bytes shown once, when it is made; like session tokens only
//! its SHA-256 is kept, so the address cannot be shown again — a new one replaces it.

use crate::accounts::{random_token, token_hash};
use crate::time::{Occasion, planned};
use crate::{Store, StoreError, timestamp};
use chrono::{DateTime, NaiveDate, Utc};
use sqlx::Row;
use sqlx::any::AnyRow;

/// A worker's answer to a planned occurrence.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reply {
    /// They will come.
    Yes,
    /// They cannot come.
    No,
}

impl Reply {
    /// `yes` or `no`, as stored and as the pages' buttons send it.
    pub fn code(self) -> &'static str {
        match self {
            Reply::Yes => "yes",
            Reply::No => "no",
        }
    }

    /// Reads `yes` or `no`.
    pub fn parse(code: &str) -> Option<Reply> {
        match code.trim() {
            "yes" => Some(Reply::Yes),
            "no" => Some(Reply::No),
            _ => None,
        }
    }
}

/// The current answer for one occasion, and when it was given.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredReply {
    pub occasion: Occasion,
    pub reply: Reply,
    pub at: DateTime<Utc>,
}

/// A person's calendar feed as stored: when its current token was made.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CalendarFeed {
    pub person_id: i64,
    pub created_at: DateTime<Utc>,
}

impl Store {
    /// Records a worker's answer for an occasion the week's latest plan gives them,
    /// replacing any earlier answer. Refused when the plan does not name them.
    pub async fn set_reply(
        &self,
        occasion: &Occasion,
        reply: Reply,
        at: DateTime<Utc>,
    ) -> Result<StoredReply, StoreError> {
        let mut tx = self.write().await?;
        planned(&mut tx, occasion).await?;
        sqlx::query(
            "INSERT INTO task_replies (task_id, occurrence, person_id, reply, at) VALUES ($1, $2, $3, $4, $5) \
             ON CONFLICT (task_id, occurrence, person_id) DO UPDATE SET reply = excluded.reply, at = excluded.at",
        )
        .bind(occasion.task_id)
        .bind(occasion.occurrence.to_string())
        .bind(occasion.person_id)
        .bind(reply.code())
        .bind(timestamp(at))
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(StoredReply {
            occasion: *occasion,
            reply,
            // As stored: to the second.
            at: instant(&timestamp(at), "reply for task", occasion.task_id)?,
        })
    }

    /// The current answer for an occasion, if one was given.
    pub async fn reply(&self, occasion: &Occasion) -> Result<Option<StoredReply>, StoreError> {
        let row = sqlx::query(
            "SELECT task_id, occurrence, person_id, reply, at FROM task_replies \
             WHERE task_id = $1 AND occurrence = $2 AND person_id = $3",
        )
        .bind(occasion.task_id)
        .bind(occasion.occurrence.to_string())
        .bind(occasion.person_id)
        .fetch_optional(&self.pool)
        .await?;
        row.as_ref().map(reply_from_row).transpose()
    }

    /// A person's answers for occurrences from `from` (inclusive) to `to` (exclusive), by
    /// date and task.
    pub async fn replies(
        &self,
        person_id: i64,
        from: NaiveDate,
        to: NaiveDate,
    ) -> Result<Vec<StoredReply>, StoreError> {
        let rows = sqlx::query(
            "SELECT task_id, occurrence, person_id, reply, at FROM task_replies \
             WHERE person_id = $1 AND occurrence >= $2 AND occurrence < $3 ORDER BY occurrence, task_id",
        )
        .bind(person_id)
        .bind(from.to_string())
        .bind(to.to_string())
        .fetch_all(&self.pool)
        .await?;
        rows.iter().map(reply_from_row).collect()
    }

    /// Everyone's answers to work on days from `from` up to (not including) `to`: what
    /// the coordinator's board shows beside each planned person.
    pub async fn replies_between(
        &self,
        from: NaiveDate,
        to: NaiveDate,
    ) -> Result<Vec<StoredReply>, StoreError> {
        let rows = sqlx::query(
            "SELECT task_id, occurrence, person_id, reply, at FROM task_replies \
             WHERE occurrence >= $1 AND occurrence < $2 ORDER BY occurrence, task_id, person_id",
        )
        .bind(from.to_string())
        .bind(to.to_string())
        .fetch_all(&self.pool)
        .await?;
        rows.iter().map(reply_from_row).collect()
    }

    /// Makes a new calendar feed token for a person and returns it; any earlier token
    /// stops working at once.
    pub async fn new_calendar_token(
        &self,
        person_id: i64,
        at: DateTime<Utc>,
    ) -> Result<String, StoreError> {
        let token = random_token();
        let mut tx = self.write().await?;
        let known: Option<i64> = sqlx::query_scalar("SELECT id FROM people WHERE id = $1")
            .bind(person_id)
            .fetch_optional(&mut *tx)
            .await?;
        if known.is_none() {
            return Err(StoreError::NotFound {
                what: "person",
                id: person_id,
            });
        }
        sqlx::query(
            "INSERT INTO calendar_feeds (person_id, token_hash, created_at) VALUES ($1, $2, $3) \
             ON CONFLICT (person_id) DO UPDATE SET token_hash = excluded.token_hash, created_at = excluded.created_at",
        )
        .bind(person_id)
        .bind(token_hash(&token))
        .bind(timestamp(at))
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(token)
    }

    /// The person whose current feed token this is; an unknown or replaced token is `None`.
    pub async fn calendar_person(&self, token: &str) -> Result<Option<i64>, StoreError> {
        Ok(
            sqlx::query_scalar("SELECT person_id FROM calendar_feeds WHERE token_hash = $1")
                .bind(token_hash(token))
                .fetch_optional(&self.pool)
                .await?,
        )
    }

    /// A person's feed, if they have made one.
    pub async fn calendar_feed(&self, person_id: i64) -> Result<Option<CalendarFeed>, StoreError> {
        let row =
            sqlx::query("SELECT person_id, created_at FROM calendar_feeds WHERE person_id = $1")
                .bind(person_id)
                .fetch_optional(&self.pool)
                .await?;
        let Some(row) = row else { return Ok(None) };
        let created: String = row.try_get("created_at")?;
        Ok(Some(CalendarFeed {
            person_id,
            created_at: instant(&created, "calendar feed of person", person_id)?,
        }))
    }
}

fn instant(text: &str, what: &'static str, id: i64) -> Result<DateTime<Utc>, StoreError> {
    domain::calendar::parse_instant(text).map_err(|e| StoreError::Corrupt {
        what,
        id,
        reason: e.0,
    })
}

fn reply_from_row(row: &AnyRow) -> Result<StoredReply, StoreError> {
    let task_id: i64 = row.try_get("task_id")?;
    let corrupt = |reason: String| StoreError::Corrupt {
        what: "reply for task",
        id: task_id,
        reason,
    };
    let occurrence: String = row.try_get("occurrence")?;
    let code: String = row.try_get("reply")?;
    let at: String = row.try_get("at")?;
    Ok(StoredReply {
        occasion: Occasion {
            task_id,
            occurrence: domain::calendar::parse_date(&occurrence).map_err(|e| corrupt(e.0))?,
            person_id: row.try_get("person_id")?,
        },
        reply: Reply::parse(&code).ok_or_else(|| corrupt(format!("reply {code:?}")))?,
        at: instant(&at, "reply for task", task_id)?,
    })
}
