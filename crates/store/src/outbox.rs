//! E-mail waiting to be sent, and who a plan's changes were told to. A message is written
//! with the change it tells of and sent later by the mail job, which marks it sent before
//! handing it to the server: nobody gets a message twice.

use crate::{Store, StoreError, timestamp};
use chrono::{DateTime, Utc};
use sqlx::Row;

/// A message to send: the address, the recipient's language, and the message as a
/// structured value (JSON) that the sender words in that language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mail {
    pub to: String,
    pub language: String,
    pub message: String,
}

/// A person or company with a change in a plan, and the message that tells them; none
/// when they have no e-mail address.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct NewNotice {
    pub person_id: Option<i64>,
    pub company_id: Option<i64>,
    pub mail: Option<Mail>,
}

/// Who a stored plan's changes were told to, and how that went.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Notice {
    pub person_id: Option<i64>,
    pub company_id: Option<i64>,
    /// The address told; none when there was none to tell.
    pub to: Option<String>,
    pub sent_at: Option<String>,
    pub failed: Option<String>,
}

/// A message in the outbox.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Outgoing {
    pub id: i64,
    pub mail: Mail,
    pub created_at: String,
    pub sent_at: Option<String>,
    pub failed: Option<String>,
}

/// The most of a server's answer kept with a failed message.
const ERROR_CHARS: usize = 500;

/// The most messages one pass of the mail job takes.
pub const MAIL_BATCH: i64 = 100;

impl Store {
    /// Puts `mail` in the outbox; the mail job sends it.
    pub async fn queue_mail(&self, mail: &Mail, at: DateTime<Utc>) -> Result<i64, StoreError> {
        let mut tx = self.write().await?;
        let id = queue(&mut tx, mail, at).await?;
        tx.commit().await?;
        Ok(id)
    }

    /// The oldest messages not yet sent, at most [`MAIL_BATCH`].
    pub async fn unsent_mail(&self) -> Result<Vec<Outgoing>, StoreError> {
        let rows = sqlx::query(
            "SELECT id, to_address, language, message, created_at, sent_at, failed FROM outbox \
             WHERE sent_at IS NULL ORDER BY id LIMIT $1",
        )
        .bind(MAIL_BATCH)
        .fetch_all(&self.pool)
        .await?;
        rows.iter().map(outgoing).collect()
    }

    /// Every message to `address`, oldest first: what a person was told.
    pub async fn mail_to(&self, address: &str) -> Result<Vec<Outgoing>, StoreError> {
        let rows = sqlx::query(
            "SELECT id, to_address, language, message, created_at, sent_at, failed FROM outbox \
             WHERE to_address = $1 ORDER BY id",
        )
        .bind(address)
        .fetch_all(&self.pool)
        .await?;
        rows.iter().map(outgoing).collect()
    }

    /// Marks message `id` sent at `at`, before it is handed to the server; false when
    /// another sender already has, so only one ever hands it over.
    pub async fn mark_sending(&self, id: i64, at: DateTime<Utc>) -> Result<bool, StoreError> {
        let mut tx = self.write().await?;
        let done = sqlx::query("UPDATE outbox SET sent_at = $1 WHERE id = $2 AND sent_at IS NULL")
            .bind(timestamp(at))
            .bind(id)
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok(done.rows_affected() == 1)
    }

    /// Keeps what the server said when handing message `id` over failed.
    pub async fn mark_failed(&self, id: i64, error: &str) -> Result<(), StoreError> {
        let mut tx = self.write().await?;
        sqlx::query("UPDATE outbox SET failed = $1 WHERE id = $2")
            .bind(error.chars().take(ERROR_CHARS).collect::<String>())
            .bind(id)
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok(())
    }

    /// Who plan `plan_id`'s changes were told to, in the order they were written.
    pub async fn plan_notices(&self, plan_id: i64) -> Result<Vec<Notice>, StoreError> {
        let rows = sqlx::query(
            "SELECT n.person_id, n.company_id, o.to_address, o.sent_at, o.failed FROM plan_notices n \
             LEFT JOIN outbox o ON o.id = n.outbox_id WHERE n.plan_id = $1 ORDER BY n.id",
        )
        .bind(plan_id)
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|row| {
                Ok(Notice {
                    person_id: row.try_get("person_id")?,
                    company_id: row.try_get("company_id")?,
                    to: row.try_get("to_address")?,
                    sent_at: row.try_get("sent_at")?,
                    failed: row.try_get("failed")?,
                })
            })
            .collect()
    }
}

/// Puts `mail` in the outbox inside `tx`: with the change it tells of.
pub(crate) async fn queue(
    tx: &mut sqlx::AnyConnection,
    mail: &Mail,
    at: DateTime<Utc>,
) -> Result<i64, StoreError> {
    Ok(sqlx::query(
        "INSERT INTO outbox (to_address, language, message, created_at) VALUES ($1, $2, $3, $4) RETURNING id",
    )
    .bind(&mail.to)
    .bind(&mail.language)
    .bind(&mail.message)
    .bind(timestamp(at))
    .fetch_one(&mut *tx)
    .await?
    .try_get("id")?)
}

/// Writes plan `plan_id`'s notices, each message into the outbox, inside `tx`.
pub(crate) async fn tell(
    tx: &mut sqlx::AnyConnection,
    plan_id: i64,
    notices: &[NewNotice],
    at: DateTime<Utc>,
) -> Result<(), StoreError> {
    for notice in notices {
        let outbox_id = match &notice.mail {
            Some(mail) => Some(queue(tx, mail, at).await?),
            None => None,
        };
        sqlx::query(
            "INSERT INTO plan_notices (plan_id, person_id, company_id, outbox_id) VALUES ($1, $2, $3, $4)",
        )
        .bind(plan_id)
        .bind(notice.person_id)
        .bind(notice.company_id)
        .bind(outbox_id)
        .execute(&mut *tx)
        .await?;
    }
    Ok(())
}

fn outgoing(row: &sqlx::any::AnyRow) -> Result<Outgoing, StoreError> {
    Ok(Outgoing {
        id: row.try_get("id")?,
        mail: Mail {
            to: row.try_get("to_address")?,
            language: row.try_get("language")?,
            message: row.try_get("message")?,
        },
        created_at: row.try_get("created_at")?,
        sent_at: row.try_get("sent_at")?,
        failed: row.try_get("failed")?,
    })
}
