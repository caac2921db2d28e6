//! What happens to an account after it is made: disabled and enabled, given another role,
//! its API tokens revoked, its password changed or reset from a link sent by e-mail. Each
//! change that takes a right away ends the sessions that carried it.

use crate::accounts::{
    ACCOUNT_COLUMNS, Account, MIN_PASSWORD, Role, account_from_row, hash_password_apart, links_fit,
    normal_email, password_matches_apart, random_token, token_hash,
};
use crate::outbox::{Mail, queue};
use crate::sql::assembled;
use crate::{Store, StoreError, now, timestamp};
use chrono::{DateTime, Duration, Utc};
use sqlx::Row;

/// How long a password reset link works.
pub const RESET_HOURS: i64 = 2;

/// The most reset links one account is sent in an hour: more would let anyone fill a
/// mailbox from the public form.
pub const MAX_RESETS_PER_HOUR: i64 = 3;

/// Which of an account's sessions end.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Ending<'a> {
    All,
    ApiTokens,
    AllBut(&'a str),
}

impl Store {
    /// The account with `email`, spelt in any case.
    pub async fn account_by_email(&self, email: &str) -> Result<Account, StoreError> {
        let wanted = normal_email(email);
        let sql = format!("SELECT {ACCOUNT_COLUMNS} FROM accounts a WHERE a.email = $1");
        let row = sqlx::query(assembled(sql))
            .bind(&wanted)
            .fetch_optional(&self.pool)
            .await?
            .ok_or(StoreError::NoSuch {
                what: "account",
                key: wanted,
            })?;
        account_from_row(&row)
    }

    /// Disables an account (its sessions and tokens end) or enables it again.
    pub async fn set_account_disabled(
        &self,
        email: &str,
        disabled: bool,
    ) -> Result<Account, StoreError> {
        let account = self.account_by_email(email).await?;
        let mut tx = self.write().await?;
        sqlx::query("UPDATE accounts SET disabled_at = $1 WHERE id = $2")
            .bind(disabled.then(now))
            .bind(account.id)
            .execute(&mut *tx)
            .await?;
        if disabled {
            end_sessions(&mut tx, account.id, Ending::All).await?;
        }
        tx.commit().await?;
        self.account(account.id).await
    }

    /// Gives an account another role, with the person or company that role names; its
    /// sessions end, so no page stays open with the rights it had.
    pub async fn set_account_role(
        &self,
        email: &str,
        role: Role,
        person_id: Option<i64>,
        company_id: Option<i64>,
    ) -> Result<Account, StoreError> {
        let errors = links_fit(role, person_id, company_id);
        if !errors.is_empty() {
            return Err(StoreError::Invalid(errors));
        }
        if let Some(id) = person_id {
            self.person(id).await?;
        }
        if let Some(id) = company_id {
            self.company(id).await?;
        }
        let account = self.account_by_email(email).await?;
        let mut tx = self.write().await?;
        sqlx::query("UPDATE accounts SET role = $1, person_id = $2, company_id = $3 WHERE id = $4")
            .bind(role.code())
            .bind(person_id)
            .bind(company_id)
            .bind(account.id)
            .execute(&mut *tx)
            .await?;
        end_sessions(&mut tx, account.id, Ending::All).await?;
        tx.commit().await?;
        self.account(account.id).await
    }

    /// Ends every API token of an account; its browser sessions stay. Returns how many.
    pub async fn revoke_tokens(&self, email: &str) -> Result<u64, StoreError> {
        let account = self.account_by_email(email).await?;
        let mut tx = self.write().await?;
        let ended = end_sessions(&mut tx, account.id, Ending::ApiTokens).await?;
        tx.commit().await?;
        Ok(ended)
    }

    /// Changes the password of the account signed in with `session_token`, if `current`
    /// is its password; every other session and token of the account ends.
    pub async fn change_password(
        &self,
        account_id: i64,
        session_token: &str,
        current: &str,
        new: &str,
    ) -> Result<(), StoreError> {
        let hash: String = sqlx::query("SELECT password_hash FROM accounts WHERE id = $1")
            .bind(account_id)
            .fetch_optional(&self.pool)
            .await?
            .ok_or(StoreError::NotFound {
                what: "account",
                id: account_id,
            })?
            .try_get("password_hash")?;
        if !password_matches_apart(current, &hash).await {
            return Err(StoreError::invalid("current", "is not your password"));
        }
        let new_hash = new_password_hash(new).await?;
        let mut tx = self.write().await?;
        sqlx::query("UPDATE accounts SET password_hash = $1 WHERE id = $2")
            .bind(new_hash)
            .bind(account_id)
            .execute(&mut *tx)
            .await?;
        end_sessions(&mut tx, account_id, Ending::AllBut(session_token)).await?;
        tx.commit().await?;
        Ok(())
    }

    /// A password reset link's token for the enabled account with `email`, and a message
    /// carrying it queued for that address (`message` words it, given the token): none,
    /// and nothing queued, when there is no such account — the page says the same either
    /// way, so it tells nobody which addresses have accounts.
    pub async fn open_password_reset(
        &self,
        email: &str,
        at: DateTime<Utc>,
        message: impl FnOnce(&Account, &str) -> String,
    ) -> Result<Option<Account>, StoreError> {
        let Ok(account) = self.account_by_email(email).await else {
            return Ok(None);
        };
        if account.disabled || self.recent_resets(account.id, at).await? >= MAX_RESETS_PER_HOUR {
            return Ok(None);
        }
        let token = random_token();
        let mail = Mail {
            to: account.email.clone(),
            language: account.language.clone(),
            message: message(&account, &token),
        };
        let mut tx = self.write().await?;
        sqlx::query(
            "INSERT INTO password_resets (token_hash, account_id, created_at, expires_at) VALUES ($1, $2, $3, $4)",
        )
        .bind(token_hash(&token))
        .bind(account.id)
        .bind(timestamp(at))
        .bind(timestamp(at + Duration::hours(RESET_HOURS)))
        .execute(&mut *tx)
        .await?;
        queue(&mut tx, &mail, at).await?;
        tx.commit().await?;
        Ok(Some(account))
    }

    async fn recent_resets(&self, account_id: i64, at: DateTime<Utc>) -> Result<i64, StoreError> {
        Ok(sqlx::query_scalar(
            "SELECT COUNT(*) FROM password_resets WHERE account_id = $1 AND created_at > $2",
        )
        .bind(account_id)
        .bind(timestamp(at - Duration::hours(1)))
        .fetch_one(&self.pool)
        .await?)
    }

    /// Whether `token` is a reset link that still works at `at`.
    pub async fn reset_is_open(&self, token: &str, at: DateTime<Utc>) -> Result<bool, StoreError> {
        let found = sqlx::query(
            "SELECT 1 AS open FROM password_resets WHERE token_hash = $1 AND used_at IS NULL AND expires_at > $2",
        )
        .bind(token_hash(token))
        .bind(timestamp(at))
        .fetch_optional(&self.pool)
        .await?;
        Ok(found.is_some())
    }

    /// Sets a new password from reset link `token`, once, before it expires: the link is
    /// used up and every session and token of the account ends.
    pub async fn reset_password(
        &self,
        token: &str,
        new: &str,
        at: DateTime<Utc>,
    ) -> Result<Account, StoreError> {
        let new_hash = new_password_hash(new).await?;
        let mut tx = self.write().await?;
        let used = sqlx::query(
            "UPDATE password_resets SET used_at = $1 WHERE token_hash = $2 AND used_at IS NULL \
             AND expires_at > $1 RETURNING account_id",
        )
        .bind(timestamp(at))
        .bind(token_hash(token))
        .fetch_optional(&mut *tx)
        .await?
        .ok_or_else(|| StoreError::invalid("token", "is not a reset link that still works"))?;
        let account_id: i64 = used.try_get("account_id")?;
        sqlx::query("UPDATE accounts SET password_hash = $1 WHERE id = $2 AND disabled_at IS NULL")
            .bind(new_hash)
            .bind(account_id)
            .execute(&mut *tx)
            .await?;
        end_sessions(&mut tx, account_id, Ending::All).await?;
        tx.commit().await?;
        self.account(account_id).await
    }
}

impl Store {
    /// Removes what has ended by `at`: sessions and API tokens past their time, sign-in
    /// attempts older than a day, and reset links past theirs. Returns how many rows went.
    pub async fn purge_expired(&self, at: DateTime<Utc>) -> Result<u64, StoreError> {
        let mut tx = self.write().await?;
        let mut gone = 0;
        for (sql, before) in [
            ("DELETE FROM sessions WHERE expires_at < $1", at),
            (
                "DELETE FROM sign_in_attempts WHERE at < $1",
                at - Duration::days(1),
            ),
            ("DELETE FROM password_resets WHERE expires_at < $1", at),
        ] {
            gone += sqlx::query(sql)
                .bind(timestamp(before))
                .execute(&mut *tx)
                .await?
                .rows_affected();
        }
        tx.commit().await?;
        Ok(gone)
    }
}

/// The hash of a new password, once it is long enough and not too long.
async fn new_password_hash(new: &str) -> Result<String, StoreError> {
    if new.chars().count() < MIN_PASSWORD {
        return Err(StoreError::invalid(
            "new",
            format!("must be at least {MIN_PASSWORD} characters"),
        ));
    }
    if new.chars().count() > crate::accounts::MAX_PASSWORD_CHARS {
        return Err(StoreError::invalid(
            "new",
            format!(
                "must be at most {} characters",
                crate::accounts::MAX_PASSWORD_CHARS
            ),
        ));
    }
    hash_password_apart(new).await
}

async fn end_sessions(
    conn: &mut sqlx::AnyConnection,
    account_id: i64,
    which: Ending<'_>,
) -> Result<u64, StoreError> {
    let done = match which {
        Ending::All => {
            sqlx::query("DELETE FROM sessions WHERE account_id = $1")
                .bind(account_id)
                .execute(&mut *conn)
                .await?
        }
        Ending::ApiTokens => {
            sqlx::query("DELETE FROM sessions WHERE account_id = $1 AND kind = 'api'")
                .bind(account_id)
                .execute(&mut *conn)
                .await?
        }
        Ending::AllBut(token) => {
            sqlx::query("DELETE FROM sessions WHERE account_id = $1 AND token_hash <> $2")
                .bind(account_id)
                .bind(token_hash(token))
                .execute(&mut *conn)
                .await?
        }
    };
    Ok(done.rows_affected())
}
