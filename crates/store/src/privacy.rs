//! A person's rights over what kommune holds on them (GDPR Art. 15 and 17): everything
//! read out in one document, and an erasure that removes what may go and strips what the
//! bookkeeping law keeps (five years for what pay and invoices rest on) of everything
//! that says who they were.

use crate::accounts::{ACCOUNT_COLUMNS, account_from_row};
use crate::people::{PERSON_SELECT, person_from_row, read_logged};
use crate::sql::assembled;
use crate::time::{TimeEntry, TimeFilter};
use crate::{Actor, Store, StoreError, now};
use domain::person::{FunctionalLimitsDraft, PersonDraft};
use serde::Serialize;
use sqlx::Row;

/// Everything kommune holds on one agency person.
#[derive(Debug, Clone, Serialize)]
pub struct Holdings {
    pub person_id: i64,
    pub created_at: String,
    pub updated_at: String,
    /// When the person was deleted (they are kept for their history), if they were.
    pub deleted_at: Option<String>,
    pub profile: PersonDraft,
    /// Functional limits (health-related); this read is logged like every other.
    pub limits: FunctionalLimitsDraft,
    /// Who read the limits, when and why, newest first.
    pub limit_reads: Vec<Read>,
    pub status_changes: Vec<StatusChange>,
    pub time_entries: Vec<TimeEntry>,
    /// Every plan that gave the person work, as planned then.
    pub planned_work: Vec<PlannedWork>,
    /// Flex Waste routes the person drove.
    pub routes_driven: Vec<RouteDriven>,
    /// Answers to planned work.
    pub replies: Vec<Reply>,
    pub accounts: Vec<AccountHeld>,
    /// Sign-in attempts with the person's account addresses, from the last day.
    pub sign_in_attempts: Vec<Attempt>,
    /// When the person's private calendar feed was made, if they have one.
    pub calendar_feed_since: Option<String>,
    /// Skills added for the Aalborg Alliance beyond the planner's codes.
    pub alliance_skills: Vec<String>,
    /// Needs of companies the person was proposed for, and how it went.
    pub alliance_introductions: Vec<AllianceIntroduction>,
    /// Who read the person's Alliance profile for a company, and when.
    pub alliance_reads: Vec<Read>,
}

/// A need the person was proposed for.
#[derive(Debug, Clone, Serialize)]
pub struct AllianceIntroduction {
    pub need_id: i64,
    pub status: String,
    pub proposed_at: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct Read {
    pub read_by: String,
    pub purpose: String,
    pub read_at: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct StatusChange {
    pub status: String,
    pub changed_at: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct PlannedWork {
    pub plan_id: i64,
    pub week: String,
    pub task_id: i64,
    pub occurrence: String,
    pub start: String,
    pub end: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct RouteDriven {
    pub day: String,
    pub vehicle_id: i64,
    pub starts_at: String,
    pub ends_at: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct Reply {
    pub task_id: i64,
    pub occurrence: String,
    pub reply: String,
    pub at: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct AccountHeld {
    pub email: String,
    pub role: String,
    pub language: String,
    pub disabled: bool,
    pub created_at: String,
    /// Open sessions and API tokens.
    pub sessions: i64,
}

#[derive(Debug, Clone, Serialize)]
pub struct Attempt {
    pub email: String,
    pub client: String,
    pub at: String,
    pub succeeded: bool,
}

/// What an erasure did: each kind of record removed, and each kept with the reason.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Erasure {
    pub removed: Vec<(&'static str, u64)>,
    pub kept: Vec<(&'static str, u64, &'static str)>,
}

/// The name an erased person's kept records go by.
pub fn erased_name(person_id: i64) -> String {
    format!("Slettet person {person_id}")
}

impl Store {
    /// Everything held on `person_id`, deleted or not; the limits' read is logged as `reader`'s.
    pub async fn holdings(&self, person_id: i64, reader: &Actor) -> Result<Holdings, StoreError> {
        let sql = format!("SELECT {PERSON_SELECT}, deleted_at FROM people WHERE id = $1");
        let row = sqlx::query(assembled(sql))
            .bind(person_id)
            .fetch_optional(&self.pool)
            .await?
            .ok_or(StoreError::NotFound {
                what: "person",
                id: person_id,
            })?;
        let person = person_from_row(&row)?;
        let deleted_at: Option<String> = row.try_get("deleted_at")?;
        let mut tx = self.write().await?;
        let limits =
            read_logged(&mut tx, person_id, reader, "access request (GDPR Art. 15)").await?;
        tx.commit().await?;
        let accounts = self.accounts_of(person_id).await?;
        let mut sign_in_attempts = Vec::new();
        for account in &accounts {
            let rows = sqlx::query(
                "SELECT email, client, at, succeeded FROM sign_in_attempts WHERE email = $1 ORDER BY id",
            )
            .bind(&account.email)
            .fetch_all(&self.pool)
            .await?;
            for r in rows {
                sign_in_attempts.push(Attempt {
                    email: r.try_get("email")?,
                    client: r.try_get("client")?,
                    at: r.try_get("at")?,
                    succeeded: r.try_get::<i64, _>("succeeded")? != 0,
                });
            }
        }
        Ok(Holdings {
            person_id,
            created_at: person.meta.created_at.clone(),
            updated_at: person.meta.updated_at.clone(),
            deleted_at,
            profile: PersonDraft::from(&person.value),
            limits: FunctionalLimitsDraft::from(&limits),
            limit_reads: self
                .limit_reads(person_id)
                .await?
                .into_iter()
                .map(|r| Read {
                    read_by: r.read_by,
                    purpose: r.purpose,
                    read_at: r.read_at,
                })
                .collect(),
            status_changes: self.rows_of(
                "SELECT status, changed_at FROM person_status_changes WHERE person_id = $1 ORDER BY id",
                person_id,
                |r| Ok(StatusChange { status: r.try_get("status")?, changed_at: r.try_get("changed_at")? }),
            ).await?,
            time_entries: self
                .time_entries(&TimeFilter {
                    person_id: Some(person_id),
                    ..TimeFilter::default()
                })
                .await?,
            planned_work: self.rows_of(
                "SELECT p.id, p.week, a.task_id, a.occurrence, a.start_at, a.end_at FROM plan_assignments a \
                 JOIN plans p ON p.id = a.plan_id WHERE a.person_id = $1 ORDER BY p.id, a.occurrence, a.id",
                person_id,
                |r| Ok(PlannedWork {
                    plan_id: r.try_get("id")?,
                    week: r.try_get("week")?,
                    task_id: r.try_get("task_id")?,
                    occurrence: r.try_get("occurrence")?,
                    start: r.try_get("start_at")?,
                    end: r.try_get("end_at")?,
                }),
            ).await?,
            routes_driven: self.rows_of(
                "SELECT d.pickup_on, r.vehicle_id, r.starts_at, r.ends_at FROM waste_routes r \
                 JOIN waste_day_plans d ON d.id = r.plan_id WHERE r.driver_id = $1 ORDER BY r.id",
                person_id,
                |r| Ok(RouteDriven {
                    day: r.try_get("pickup_on")?,
                    vehicle_id: r.try_get("vehicle_id")?,
                    starts_at: r.try_get("starts_at")?,
                    ends_at: r.try_get("ends_at")?,
                }),
            ).await?,
            replies: self.rows_of(
                "SELECT task_id, occurrence, reply, at FROM task_replies WHERE person_id = $1 ORDER BY occurrence, task_id",
                person_id,
                |r| Ok(Reply {
                    task_id: r.try_get("task_id")?,
                    occurrence: r.try_get("occurrence")?,
                    reply: r.try_get("reply")?,
                    at: r.try_get("at")?,
                }),
            ).await?,
            accounts,
            sign_in_attempts,
            calendar_feed_since: sqlx::query_scalar(
                "SELECT created_at FROM calendar_feeds WHERE person_id = $1",
            )
            .bind(person_id)
            .fetch_optional(&self.pool)
            .await?,
            alliance_skills: self.rows_of(
                "SELECT skill FROM person_skills WHERE person_id = $1 ORDER BY skill",
                person_id,
                |r| r.try_get("skill"),
            ).await?,
            alliance_introductions: self.rows_of(
                "SELECT need_id, status, proposed_at FROM introductions WHERE candidate_kind = 'person' AND candidate_id = $1 ORDER BY id",
                person_id,
                |r| Ok(AllianceIntroduction {
                    need_id: r.try_get("need_id")?,
                    status: r.try_get("status")?,
                    proposed_at: r.try_get("proposed_at")?,
                }),
            ).await?,
            alliance_reads: self.rows_of(
                "SELECT read_by, purpose, read_at FROM candidate_reads WHERE candidate_kind = 'person' AND candidate_id = $1 ORDER BY id DESC",
                person_id,
                |r| Ok(Read {
                    read_by: r.try_get("read_by")?,
                    purpose: r.try_get("purpose")?,
                    read_at: r.try_get("read_at")?,
                }),
            ).await?,
        })
    }

    async fn rows_of<T>(
        &self,
        sql: &'static str,
        person_id: i64,
        each: impl Fn(&sqlx::any::AnyRow) -> Result<T, sqlx::Error>,
    ) -> Result<Vec<T>, StoreError> {
        let rows = sqlx::query(sql)
            .bind(person_id)
            .fetch_all(&self.pool)
            .await?;
        Ok(rows.iter().map(each).collect::<Result<_, _>>()?)
    }

    async fn accounts_of(&self, person_id: i64) -> Result<Vec<AccountHeld>, StoreError> {
        let sql = format!(
            "SELECT {ACCOUNT_COLUMNS}, a.created_at, (SELECT COUNT(*) FROM sessions s WHERE s.account_id = a.id) AS sessions \
             FROM accounts a WHERE a.person_id = $1 ORDER BY a.id"
        );
        let rows = sqlx::query(assembled(sql))
            .bind(person_id)
            .fetch_all(&self.pool)
            .await?;
        rows.iter()
            .map(|r| {
                let account = account_from_row(r)?;
                Ok(AccountHeld {
                    email: account.email,
                    role: account.role.code().to_string(),
                    language: account.language,
                    disabled: account.disabled,
                    created_at: r.try_get("created_at")?,
                    sessions: r.try_get("sessions")?,
                })
            })
            .collect()
    }

    /// Erases a person: their limits, answers, calendar feed, accounts with their sessions
    /// and sign-in attempts go; their profile is overwritten with placeholders and marked
    /// deleted; what pay, invoices and the job-centre reports rest on (hours, plans,
    /// routes, status changes) is kept under the placeholder name, and the log of who read
    /// their limits is kept as the account of that access. All or nothing.
    pub async fn erase_person(&self, person_id: i64) -> Result<Erasure, StoreError> {
        let mut tx = self.write().await?;
        let exists: Option<i64> = sqlx::query_scalar("SELECT id FROM people WHERE id = $1")
            .bind(person_id)
            .fetch_optional(&mut *tx)
            .await?;
        if exists.is_none() {
            return Err(StoreError::NotFound {
                what: "person",
                id: person_id,
            });
        }
        let emails: Vec<String> =
            sqlx::query_scalar("SELECT email FROM accounts WHERE person_id = $1")
                .bind(person_id)
                .fetch_all(&mut *tx)
                .await?;
        let mut erasure = Erasure::default();
        let mut removed = |what: &'static str, n: u64| erasure.removed.push((what, n));
        for email in &emails {
            let n = sqlx::query("DELETE FROM sign_in_attempts WHERE email = $1")
                .bind(email)
                .execute(&mut *tx)
                .await?
                .rows_affected();
            removed("sign-in attempts", n);
        }
        // What was told to them, and the links to reset their password.
        let addresses: Vec<String> = sqlx::query_scalar(
            "SELECT email FROM people WHERE id = $1 UNION SELECT email FROM accounts WHERE person_id = $1",
        )
        .bind(person_id)
        .fetch_all(&mut *tx)
        .await?;
        let n = sqlx::query("DELETE FROM plan_notices WHERE person_id = $1")
            .bind(person_id)
            .execute(&mut *tx)
            .await?
            .rows_affected();
        removed("notices of plan changes", n);
        let mut mails = 0;
        for address in &addresses {
            mails += sqlx::query(
                "DELETE FROM outbox WHERE to_address = $1 \
                 AND id NOT IN (SELECT outbox_id FROM plan_notices WHERE outbox_id IS NOT NULL)",
            )
            .bind(address)
            .execute(&mut *tx)
            .await?
            .rows_affected();
        }
        removed("e-mail messages", mails);
        for (what, sql) in [
            (
                "password reset links",
                "DELETE FROM password_resets WHERE account_id IN (SELECT id FROM accounts WHERE person_id = $1)",
            ),
            (
                "sessions and API tokens",
                "DELETE FROM sessions WHERE account_id IN (SELECT id FROM accounts WHERE person_id = $1)",
            ),
            ("accounts", "DELETE FROM accounts WHERE person_id = $1"),
            (
                "functional limits",
                "DELETE FROM functional_limits WHERE person_id = $1",
            ),
            (
                "answers to planned work",
                "DELETE FROM task_replies WHERE person_id = $1",
            ),
            (
                "calendar feed",
                "DELETE FROM calendar_feeds WHERE person_id = $1",
            ),
            (
                "skills added for the Alliance",
                "DELETE FROM person_skills WHERE person_id = $1",
            ),
            (
                "Alliance introductions",
                "DELETE FROM introductions WHERE candidate_kind = 'person' AND candidate_id = $1",
            ),
            (
                "places in candidate banks",
                "DELETE FROM candidate_bank WHERE candidate_kind = 'person' AND candidate_id = $1",
            ),
            (
                "reads of the Alliance profile",
                "DELETE FROM candidate_reads WHERE candidate_kind = 'person' AND candidate_id = $1",
            ),
        ] {
            let n = sqlx::query(sql)
                .bind(person_id)
                .execute(&mut *tx)
                .await?
                .rows_affected();
            removed(what, n);
        }
        // Entries the person made or confirmed name their address: the placeholder instead.
        let placeholder = erased_name(person_id);
        for email in &emails {
            for sql in [
                "UPDATE time_entries SET created_by = $1 WHERE created_by = $2",
                "UPDATE time_entries SET confirmed_by = $1 WHERE confirmed_by = $2",
            ] {
                sqlx::query(sql)
                    .bind(&placeholder)
                    .bind(email)
                    .execute(&mut *tx)
                    .await?;
            }
        }
        sqlx::query(
            "UPDATE people SET name = $1, phone = '+4500000000', email = $2, preferred_language = 'da', \
             address = 'Slettet, 0000 Slettet', latitude = 0, longitude = 0, leave_outcome = NULL, \
             availability = '', absences = '', skills = '', languages = '', \
             deleted_at = COALESCE(deleted_at, $3), updated_at = $3, version = version + 1 WHERE id = $4",
        )
        .bind(&placeholder)
        .bind(format!("slettet-{person_id}@slettet.invalid"))
        .bind(now())
        .bind(person_id)
        .execute(&mut *tx)
        .await?;
        removed(
            "name, address, phone, e-mail, skills, languages, availability and absences",
            1,
        );
        for (what, sql, why) in [
            (
                "time entries",
                "SELECT COUNT(*) FROM time_entries WHERE person_id = $1",
                "pay and invoices rest on them: kept five years (bookkeeping law), under the placeholder name",
            ),
            (
                "planned work",
                "SELECT COUNT(*) FROM plan_assignments WHERE person_id = $1",
                "the plans that invoiced work was done by: kept with the time entries",
            ),
            (
                "routes driven",
                "SELECT COUNT(*) FROM waste_routes WHERE driver_id = $1",
                "the routes shops were billed for: kept with the invoices",
            ),
            (
                "status changes",
                "SELECT COUNT(*) FROM person_status_changes WHERE person_id = $1",
                "the job-centre reports of the months worked rest on them: kept five years",
            ),
            (
                "reads of the functional limits",
                "SELECT COUNT(*) FROM limit_reads WHERE person_id = $1",
                "the account of who saw health data; the limits themselves are gone",
            ),
        ] {
            let n: i64 = sqlx::query_scalar(sql)
                .bind(person_id)
                .fetch_one(&mut *tx)
                .await?;
            erasure.kept.push((what, n.max(0) as u64, why));
        }
        tx.commit().await?;
        Ok(erasure)
    }
}
