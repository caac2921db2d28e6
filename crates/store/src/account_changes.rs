//! What happens to an account after it is made: disabled and enabled, given another role,
//! its API tokens revoked, its password changed. Each change that takes a right away ends
//! the sessions that carried it.

use crate::accounts::{
    ACCOUNT_COLUMNS, Account, MIN_PASSWORD, Role, account_from_row, hash_password, links_fit,
    normal_email, password_matches, token_hash,
};
use crate::sql::assembled;
use crate::{Store, StoreError, now};
use sqlx::Row;

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
        if !password_matches(current, &hash) {
            return Err(StoreError::invalid("current", "is not your password"));
        }
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
        let new_hash = hash_password(new)?;
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
