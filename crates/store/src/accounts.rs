//! Sign-in: accounts with a role, Argon2id password hashes, sessions and API tokens, and
//! a rate limit on failed attempts.
//!
//! A session token is 32 random bytes shown once, to the browser's cookie or the API
//! client; the database keeps only its SHA-256, so a copy of it signs no one in.

use crate::error::unique_violation;
use crate::read::{Columns, Value};
use crate::sql::assembled;
use crate::{Store, StoreError, timestamp};
use argon2::{Argon2, PasswordHasher, PasswordVerifier};
use chrono::{DateTime, Duration, Utc};
use domain::FieldError;
use sha2::{Digest, Sha256};
use sqlx::Row;

pub use domain::actor::Role;

/// A signed-up user.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Account {
    pub id: i64,
    pub email: String,
    pub role: Role,
    /// The worker or driver this account is.
    pub person_id: Option<i64>,
    /// The company this contact speaks for.
    pub company_id: Option<i64>,
    /// `da` or `en`: the language of the pages.
    pub language: String,
    /// Disabled accounts sign nobody in.
    pub disabled: bool,
}

/// An account to create, with its password in the clear (hashed before it is stored).
#[derive(Debug, Clone)]
pub struct NewAccount {
    pub email: String,
    pub password: String,
    pub role: Role,
    pub person_id: Option<i64>,
    pub company_id: Option<i64>,
    pub language: String,
}

/// A browser's session or an API client's token.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SessionKind {
    Browser,
    Api,
}

impl SessionKind {
    fn code(self) -> &'static str {
        match self {
            SessionKind::Browser => "browser",
            SessionKind::Api => "api",
        }
    }

    /// Browsers sign in again after a working week; API tokens last a year.
    fn lifetime(self) -> Duration {
        match self {
            SessionKind::Browser => Duration::days(7),
            SessionKind::Api => Duration::days(365),
        }
    }
}

/// A session as its holder sees it: the token (only ever shown here) and the form token.
#[derive(Debug, Clone)]
pub struct Session {
    pub token: String,
    pub csrf: String,
    pub account: Account,
    pub expires_at: DateTime<Utc>,
}

/// Why a sign-in failed. Wrong email and wrong password are one answer, so the form does
/// not tell which addresses have accounts.
#[derive(Debug, thiserror::Error)]
pub enum SignInError {
    #[error("the e-mail address or the password is wrong")]
    Wrong,
    #[error("too many failed attempts: try again in {minutes} minutes")]
    TooMany { minutes: i64 },
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// Failed attempts for one e-mail address from one client address within the window
/// that stop further tries from there.
pub const MAX_FAILED: i64 = 5;
/// Failed attempts from one client address, whatever the e-mail addresses, within the
/// window that stop further tries from there: one password sprayed over many accounts.
pub const MAX_FAILED_PER_CLIENT: i64 = 50;
/// The window, in minutes.
pub const WINDOW_MINUTES: i64 = 15;
/// Shortest password accepted.
pub const MIN_PASSWORD: usize = 10;

/// 32 random bytes as hex: session tokens, CSRF tokens.
pub fn random_token() -> String {
    let mut bytes = [0u8; 32];
    // Without the operating system's random source no token can be safe: stop here.
    getrandom::fill(&mut bytes).expect("the operating system's random source failed");
    hex(&bytes)
}

fn hex(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut text = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        text.push(char::from(DIGITS[usize::from(b >> 4)]));
        text.push(char::from(DIGITS[usize::from(b & 0xf)]));
    }
    text
}

pub(crate) fn token_hash(token: &str) -> String {
    hex(&Sha256::digest(token.as_bytes()))
}

/// An Argon2id hash with the crate's default parameters and a fresh random salt, as a PHC
/// string (`$argon2id$v=19$m=19456,t=2,p=1$…`).
pub(crate) fn hash_password(password: &str) -> Result<String, StoreError> {
    Argon2::default()
        .hash_password(password.as_bytes())
        .map(|h| h.to_string())
        .map_err(|e| StoreError::invalid("password", format!("cannot be hashed: {e}")))
}

/// The longest e-mail address (RFC 5321's path limit) and password a sign-in reads.
pub const MAX_EMAIL_CHARS: usize = 254;
pub const MAX_PASSWORD_CHARS: usize = 1024;

/// A hash of no one's password, made once, to check against when an address is unknown.
fn dummy_hash() -> &'static str {
    static DUMMY: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    DUMMY.get_or_init(|| hash_password(&random_token()).unwrap_or_default())
}

/// Checks a password against a stored PHC string; the string's own parameters decide the
/// algorithm and costs, so hashes made with other settings keep working.
pub(crate) fn password_matches(password: &str, stored: &str) -> bool {
    Argon2::default()
        .verify_password(password.as_bytes(), stored)
        .is_ok()
}

/// Runs an Argon2 step (a check or a new hash) off the async threads, one core at most at
/// a time (all but one of them, on a machine with more): each takes tens of milliseconds
/// of a core, and a burst of sign-ins run on the server's own threads stalled every other
/// request. `None` when the step could not run.
pub(crate) async fn argon2_apart<T: Send + 'static>(
    step: impl FnOnce() -> T + Send + 'static,
) -> Option<T> {
    static HASHING: std::sync::OnceLock<std::sync::Arc<tokio::sync::Semaphore>> =
        std::sync::OnceLock::new();
    let slots = HASHING.get_or_init(|| {
        let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
        std::sync::Arc::new(tokio::sync::Semaphore::new(cores.saturating_sub(1).max(1)))
    });
    let slot = std::sync::Arc::clone(slots).acquire_owned().await.ok()?;
    // The slot goes with the step: a client that leaves cannot free it while the hash
    // still runs.
    tokio::task::spawn_blocking(move || {
        let _slot = slot;
        step()
    })
    .await
    .ok()
}

/// Whether `password` is the one `stored` hashes, checked by [`argon2_apart`].
pub(crate) async fn password_matches_apart(password: &str, stored: &str) -> bool {
    let (password, stored) = (password.to_string(), stored.to_string());
    argon2_apart(move || password_matches(&password, &stored))
        .await
        .unwrap_or(false)
}

/// A new password's hash, made by [`argon2_apart`].
pub(crate) async fn hash_password_apart(password: &str) -> Result<String, StoreError> {
    let password = password.to_string();
    argon2_apart(move || hash_password(&password))
        .await
        .unwrap_or_else(|| Err(StoreError::invalid("password", "cannot be hashed now")))
}

/// An address as accounts are kept and compared: trimmed, in lower case.
pub fn normal_email(email: &str) -> String {
    email.trim().to_lowercase()
}

impl NewAccount {
    /// Every field that is wrong, named.
    fn check(&self) -> Vec<FieldError> {
        let mut errors = Vec::new();
        let email = normal_email(&self.email);
        let at = email.find('@');
        if !matches!(at, Some(i) if i > 0 && email[i + 1..].contains('.')) || email.contains(' ') {
            errors.push(FieldError::new(
                "email",
                format!("'{}' is not an e-mail address", self.email),
            ));
        }
        if self.password.chars().count() < MIN_PASSWORD {
            errors.push(FieldError::new(
                "password",
                format!("must be at least {MIN_PASSWORD} characters"),
            ));
        }
        errors.extend(links_fit(self.role, self.person_id, self.company_id));
        if !matches!(self.language.as_str(), "da" | "en") {
            errors.push(FieldError::new("language", "is da or en"));
        }
        errors
    }
}

pub(crate) fn account_from_row(row: &dyn Columns) -> Result<Account, StoreError> {
    let id: i64 = row.get("id")?;
    let role: String = row.get("role")?;
    Ok(Account {
        id,
        email: row.get("email")?,
        role: Role::parse(&role).ok_or_else(|| StoreError::Corrupt {
            what: "account",
            id,
            reason: format!("role {role}"),
        })?,
        person_id: row.get("person_id")?,
        company_id: row.get("company_id")?,
        language: row.get("language")?,
        disabled: row.get::<Option<String>>("disabled_at")?.is_some(),
    })
}

/// A live session read with its account's columns.
fn session_from_row(token: &str, row: &dyn Columns) -> Result<Session, StoreError> {
    let expires: String = row.get("expires_at")?;
    let account = account_from_row(row)?;
    Ok(Session {
        token: token.to_string(),
        csrf: row.get("csrf")?,
        expires_at: DateTime::parse_from_rfc3339(&expires)
            .map(|t| t.with_timezone(&Utc))
            .map_err(|e| StoreError::Corrupt {
                what: "session of account",
                id: account.id,
                reason: e.to_string(),
            })?,
        account,
    })
}

/// Whether an account of `role` names what it stands for, and nothing else: a worker or
/// driver their person, a company contact the company.
pub(crate) fn links_fit(
    role: Role,
    person_id: Option<i64>,
    company_id: Option<i64>,
) -> Vec<FieldError> {
    let mut errors = Vec::new();
    let needs_person = matches!(role, Role::Worker | Role::Driver);
    if needs_person != person_id.is_some() {
        let why = if needs_person {
            "a worker's or driver's account names their person"
        } else {
            "only workers and drivers are people"
        };
        errors.push(FieldError::new("person_id", why));
    }
    if (role == Role::Company) != company_id.is_some() {
        let why = if role == Role::Company {
            "a company contact's account names the company"
        } else {
            "only company contacts belong to a company"
        };
        errors.push(FieldError::new("company_id", why));
    }
    errors
}

pub(crate) const ACCOUNT_COLUMNS: &str =
    "a.id, a.email, a.role, a.person_id, a.company_id, a.language, a.disabled_at";

/// The one SQL condition "account `a` may be signed in with": not disabled, and the
/// person or company it stands for not deleted.
pub(crate) const USABLE: &str = "a.disabled_at IS NULL \
     AND (a.person_id IS NULL OR EXISTS (SELECT 1 FROM people p WHERE p.id = a.person_id AND p.deleted_at IS NULL)) \
     AND (a.company_id IS NULL OR EXISTS (SELECT 1 FROM companies c WHERE c.id = a.company_id AND c.deleted_at IS NULL))";

impl Store {
    /// Creates an account; the address must be free and the links fit the role.
    pub async fn create_account(&self, new: &NewAccount) -> Result<Account, StoreError> {
        let errors = new.check();
        if !errors.is_empty() {
            return Err(StoreError::Invalid(errors));
        }
        let email = normal_email(&new.email);
        let hash = hash_password_apart(&new.password).await?;
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO accounts (email, password_hash, role, person_id, company_id, language, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
        )
        .bind(&email)
        .bind(hash)
        .bind(new.role.code())
        .bind(new.person_id)
        .bind(new.company_id)
        .bind(&new.language)
        .bind(timestamp(Utc::now()))
        .fetch_one(&self.pool)
        .await
        .map_err(|e| unique_violation(e, || format!("there is already an account for {email}")))?;
        self.account(id).await
    }

    pub async fn account(&self, id: i64) -> Result<Account, StoreError> {
        let sql = format!("SELECT {ACCOUNT_COLUMNS} FROM accounts a WHERE a.id = $1");
        let row = sqlx::query(assembled(sql))
            .bind(id)
            .fetch_optional(&self.pool)
            .await?;
        account_from_row(&row.ok_or(StoreError::NotFound {
            what: "account",
            id,
        })?)
    }

    /// Every account, by e-mail address.
    pub async fn accounts(&self) -> Result<Vec<Account>, StoreError> {
        let sql = format!("SELECT {ACCOUNT_COLUMNS} FROM accounts a ORDER BY a.email");
        let rows = sqlx::query(assembled(sql)).fetch_all(&self.pool).await?;
        rows.iter().map(|row| account_from_row(row)).collect()
    }

    /// Checks an address and password from `client` (the asker's network address, "" when
    /// there is none, as on the command line) and opens a session. After [`MAX_FAILED`]
    /// failures for the address from that client, or [`MAX_FAILED_PER_CLIENT`] from the
    /// client in all, within [`WINDOW_MINUTES`], it refuses without looking at the password.
    pub async fn sign_in(
        &self,
        email: &str,
        password: &str,
        client: &str,
        kind: SessionKind,
        at: DateTime<Utc>,
    ) -> Result<Session, SignInError> {
        // Nothing longer than an address or a password can be is stored or hashed.
        if email.chars().count() > MAX_EMAIL_CHARS || password.chars().count() > MAX_PASSWORD_CHARS
        {
            return Err(SignInError::Wrong);
        }
        let email = normal_email(email);
        let attempt = self.reserve_attempt(&email, client, at).await?;
        let row = sqlx::query(assembled(format!(
            "SELECT {ACCOUNT_COLUMNS}, a.password_hash FROM accounts a WHERE a.email = $1 AND {USABLE}"
        )))
        .bind(&email)
        .fetch_optional(&self.pool)
        .await
        .map_err(StoreError::from)?;
        let account = match &row {
            Some(row) => {
                let hash: String = row.try_get("password_hash").map_err(StoreError::from)?;
                password_matches_apart(password, &hash)
                    .await
                    .then(|| account_from_row(row))
                    .transpose()?
            }
            // An unknown address costs the same hashing, so timing tells nothing.
            None => {
                password_matches_apart(password, dummy_hash()).await;
                None
            }
        };
        let Some(account) = account else {
            return Err(SignInError::Wrong);
        };
        sqlx::query("UPDATE sign_in_attempts SET succeeded = 1 WHERE id = $1")
            .bind(attempt)
            .execute(&self.pool)
            .await
            .map_err(StoreError::from)?;
        Ok(self.open_session(account, kind, at).await?)
    }

    /// Counts the recent failures for the address from the client, and from the client
    /// in all, and records this attempt as one, in one step, before any password is
    /// checked: tries sent at the same time wait for each other here, so no more than
    /// [`MAX_FAILED`] passwords are ever checked per address, client and window. The
    /// attempt becomes a success once the password matches.
    async fn reserve_attempt(
        &self,
        email: &str,
        client: &str,
        at: DateTime<Utc>,
    ) -> Result<i64, SignInError> {
        let since = timestamp(at - Duration::minutes(WINDOW_MINUTES));
        let mut tx = self.write().await?;
        // Attempts older than a day count for nothing; ended sessions open nothing.
        sqlx::query("DELETE FROM sign_in_attempts WHERE at < $1")
            .bind(timestamp(at - Duration::days(1)))
            .execute(&mut *tx)
            .await
            .map_err(StoreError::from)?;
        sqlx::query("DELETE FROM sessions WHERE expires_at < $1")
            .bind(timestamp(at))
            .execute(&mut *tx)
            .await
            .map_err(StoreError::from)?;
        // Both counts are the client's: one lock per client keeps them exact.
        self.lock(&mut tx, &format!("sign-in {client}")).await?;
        let (pair, all): (i64, i64) = {
            let row = sqlx::query(
                "SELECT COALESCE(SUM(CASE WHEN email = $1 THEN 1 ELSE 0 END), 0) AS pair, COUNT(*) AS all_ \
                 FROM sign_in_attempts WHERE client = $2 AND at > $3 AND succeeded = 0",
            )
            .bind(email)
            .bind(client)
            .bind(&since)
            .fetch_one(&mut *tx)
            .await
            .map_err(StoreError::from)?;
            (
                row.try_get("pair").map_err(StoreError::from)?,
                row.try_get("all_").map_err(StoreError::from)?,
            )
        };
        if pair >= MAX_FAILED || all >= MAX_FAILED_PER_CLIENT {
            return Err(SignInError::TooMany {
                minutes: WINDOW_MINUTES,
            });
        }
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO sign_in_attempts (email, client, at, succeeded) VALUES ($1, $2, $3, 0) RETURNING id",
        )
        .bind(email)
        .bind(client)
        .bind(timestamp(at))
        .fetch_one(&mut *tx)
        .await
        .map_err(StoreError::from)?;
        tx.commit().await.map_err(StoreError::from)?;
        Ok(id)
    }

    /// A new session or API token for an account, without a password: for the demo and
    /// for `kommune account token`.
    pub async fn open_session(
        &self,
        account: Account,
        kind: SessionKind,
        at: DateTime<Utc>,
    ) -> Result<Session, StoreError> {
        let token = random_token();
        let csrf = random_token();
        let expires_at = at + kind.lifetime();
        sqlx::query(
            "INSERT INTO sessions (token_hash, account_id, kind, csrf, created_at, expires_at) VALUES ($1, $2, $3, $4, $5, $6)",
        )
        .bind(token_hash(&token))
        .bind(account.id)
        .bind(kind.code())
        .bind(&csrf)
        .bind(timestamp(at))
        .bind(timestamp(expires_at))
        .execute(&self.pool)
        .await?;
        Ok(Session {
            token,
            csrf,
            account,
            expires_at,
        })
    }

    /// The live session a token opens, if any.
    pub async fn session(
        &self,
        token: &str,
        at: DateTime<Utc>,
    ) -> Result<Option<Session>, StoreError> {
        let sql = format!(
            "SELECT {ACCOUNT_COLUMNS}, s.csrf, s.expires_at FROM sessions s JOIN accounts a ON a.id = s.account_id \
             WHERE s.token_hash = $1 AND s.expires_at > $2 AND {USABLE}"
        );
        self.read_optional(
            &sql,
            &[Value::Text(token_hash(token)), Value::Text(timestamp(at))],
            |row| session_from_row(token, row),
        )
        .await
    }

    /// Ends a session; an unknown token is already ended.
    pub async fn sign_out(&self, token: &str) -> Result<(), StoreError> {
        sqlx::query("DELETE FROM sessions WHERE token_hash = $1")
            .bind(token_hash(token))
            .execute(&self.pool)
            .await?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn passwords_hash_and_verify() {
        let hash = hash_password("correct horse battery").unwrap();
        assert!(
            hash.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"),
            "{hash}"
        );
        assert!(password_matches("correct horse battery", &hash));
        assert!(!password_matches("correct horse batterY", &hash));
        assert!(!password_matches("correct horse battery", "not a hash"));
    }

    /// A hash argon2 0.5 made (what databases from before the upgrade to 0.6 hold) still
    /// lets its owner in.
    #[test]
    fn hashes_from_argon2_0_5_still_verify() {
        let old = "$argon2id$v=19$m=19456,t=2,p=1$siOyWEAaaIbmQHX0pMhnmQ$9xV9d59g1TqFeBOMBmrlokBpsG7B554kUd5o051+A7Q";
        assert!(password_matches("correct horse battery", old));
        assert!(!password_matches("correct horse battery!", old));
    }

    #[test]
    fn tokens_are_random_hex_and_hashed() {
        let (a, b) = (random_token(), random_token());
        assert_eq!(a.len(), 64);
        assert!(a.bytes().all(|c| c.is_ascii_hexdigit()));
        assert_ne!(a, b);
        // SHA-256 of "abc", the FIPS 180-2 test vector.
        assert_eq!(
            token_hash("abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }
}
