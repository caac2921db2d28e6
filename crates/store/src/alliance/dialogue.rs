//! The Alliance's dialogue with companies: meetings and the follow-ups agreed at them,
//! each company's candidate bank, and introductions of a candidate to a need with what
//! came of them. Reads of a candidate's profile for a company are logged here too.

use crate::accounts::{random_token, token_hash};
use crate::sql::{join, split};
use crate::{Actor, Store, StoreError, timestamp};
use chrono::{DateTime, Utc};
use sqlx::Row;
use sqlx::any::AnyRow;

/// A follow-up agreed at a meeting.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FollowUp {
    pub what: String,
    pub owner: String,
    /// `YYYY-MM-DD`.
    pub due_on: String,
    pub done_at: Option<String>,
}

/// A meeting of the Alliance with a company.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Meeting {
    pub id: i64,
    pub company_id: i64,
    /// `YYYY-MM-DD`.
    pub held_on: String,
    pub attendees: String,
    /// The needs discussed.
    pub needs: Vec<i64>,
    pub notes: String,
    pub follow_ups: Vec<FollowUp>,
}

/// Who a candidate is: an agency person or a student, by id.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct CandidateRef {
    /// `person` or `student`.
    pub kind: String,
    pub id: i64,
}

/// A candidate in a company's bank.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Banked {
    pub candidate: CandidateRef,
    pub note: String,
    pub added_at: String,
}

/// A candidate proposed for a need, and how it stands.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Introduction {
    pub id: i64,
    pub need_id: i64,
    pub candidate: CandidateRef,
    /// `proposed`, `accepted`, `declined`, `interview`, `hired`, `not_hired`.
    pub status: String,
    pub hired_hours: Option<i64>,
    pub hired_kind: Option<String>,
    /// Why not, when not hired.
    pub why: String,
    pub proposed_at: String,
    pub answered_at: Option<String>,
    pub decided_at: Option<String>,
}

const INTRODUCTION_COLUMNS: &str = "id, need_id, candidate_kind, candidate_id, status, hired_hours, hired_kind, why, proposed_at, answered_at, decided_at";

fn introduction_from_row(row: &AnyRow) -> Result<Introduction, StoreError> {
    Ok(Introduction {
        id: row.try_get("id")?,
        need_id: row.try_get("need_id")?,
        candidate: CandidateRef {
            kind: row.try_get("candidate_kind")?,
            id: row.try_get("candidate_id")?,
        },
        status: row.try_get("status")?,
        hired_hours: row.try_get("hired_hours")?,
        hired_kind: row.try_get("hired_kind")?,
        why: row.try_get("why")?,
        proposed_at: row.try_get("proposed_at")?,
        answered_at: row.try_get("answered_at")?,
        decided_at: row.try_get("decided_at")?,
    })
}

/// What came of an introduction after the candidate said yes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    Interview,
    Hired { hours: i64, kind: String },
    NotHired { why: String },
}

impl Store {
    /// Keeps a meeting with its follow-ups; answers its id.
    pub async fn add_meeting(
        &self,
        meeting: &Meeting,
        by: &Actor,
        at: DateTime<Utc>,
    ) -> Result<i64, StoreError> {
        let mut tx = self.write().await?;
        let needs: Vec<String> = meeting.needs.iter().map(i64::to_string).collect();
        let row = sqlx::query(
            "INSERT INTO alliance_meetings (company_id, held_on, attendees, needs, notes, created_at, created_by) \
             VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
        )
        .bind(meeting.company_id)
        .bind(&meeting.held_on)
        .bind(&meeting.attendees)
        .bind(join(needs.iter().map(String::as_str)))
        .bind(&meeting.notes)
        .bind(timestamp(at))
        .bind(&by.0)
        .fetch_one(&mut *tx)
        .await?;
        let id: i64 = row.try_get("id")?;
        for f in &meeting.follow_ups {
            sqlx::query(
                "INSERT INTO alliance_follow_ups (meeting_id, what, owner, due_on, done_at) VALUES ($1, $2, $3, $4, $5)",
            )
            .bind(id)
            .bind(&f.what)
            .bind(&f.owner)
            .bind(&f.due_on)
            .bind(f.done_at.as_deref())
            .execute(&mut *tx)
            .await?;
        }
        tx.commit().await?;
        Ok(id)
    }

    /// A company's meetings, newest first, each with its follow-ups.
    pub async fn meetings(&self, company_id: i64) -> Result<Vec<Meeting>, StoreError> {
        let rows = sqlx::query(
            "SELECT id, company_id, held_on, attendees, needs, notes FROM alliance_meetings WHERE company_id = $1 ORDER BY held_on DESC, id DESC",
        )
        .bind(company_id)
        .fetch_all(&self.pool)
        .await?;
        let mut meetings = Vec::with_capacity(rows.len());
        for row in &rows {
            let id: i64 = row.try_get("id")?;
            let follow_ups = sqlx::query(
                "SELECT what, owner, due_on, done_at FROM alliance_follow_ups WHERE meeting_id = $1 ORDER BY due_on, id",
            )
            .bind(id)
            .fetch_all(&self.pool)
            .await?
            .iter()
            .map(|r| {
                Ok(FollowUp {
                    what: r.try_get("what")?,
                    owner: r.try_get("owner")?,
                    due_on: r.try_get("due_on")?,
                    done_at: r.try_get("done_at")?,
                })
            })
            .collect::<Result<_, StoreError>>()?;
            meetings.push(Meeting {
                id,
                company_id: row.try_get("company_id")?,
                held_on: row.try_get("held_on")?,
                attendees: row.try_get("attendees")?,
                needs: split(&row.try_get::<String, _>("needs")?)
                    .iter()
                    .filter_map(|n| n.parse().ok())
                    .collect(),
                notes: row.try_get("notes")?,
                follow_ups,
            });
        }
        Ok(meetings)
    }

    /// Puts a candidate in a company's bank, or changes the note of one there.
    pub async fn bank_candidate(
        &self,
        company_id: i64,
        candidate: &CandidateRef,
        note: &str,
        by: &Actor,
        at: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        let mut tx = self.write().await?;
        sqlx::query(
            "DELETE FROM candidate_bank WHERE company_id = $1 AND candidate_kind = $2 AND candidate_id = $3",
        )
        .bind(company_id)
        .bind(&candidate.kind)
        .bind(candidate.id)
        .execute(&mut *tx)
        .await?;
        sqlx::query(
            "INSERT INTO candidate_bank (company_id, candidate_kind, candidate_id, note, added_at, added_by) VALUES ($1, $2, $3, $4, $5, $6)",
        )
        .bind(company_id)
        .bind(&candidate.kind)
        .bind(candidate.id)
        .bind(note)
        .bind(timestamp(at))
        .bind(&by.0)
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// A company's candidate bank, newest first.
    pub async fn candidate_bank(&self, company_id: i64) -> Result<Vec<Banked>, StoreError> {
        let rows = sqlx::query(
            "SELECT candidate_kind, candidate_id, note, added_at FROM candidate_bank WHERE company_id = $1 ORDER BY added_at DESC, candidate_kind, candidate_id",
        )
        .bind(company_id)
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|r| {
                Ok(Banked {
                    candidate: CandidateRef {
                        kind: r.try_get("candidate_kind")?,
                        id: r.try_get("candidate_id")?,
                    },
                    note: r.try_get("note")?,
                    added_at: r.try_get("added_at")?,
                })
            })
            .collect()
    }

    /// Proposes a candidate for a need; answers the introduction's id and the token of the
    /// candidate's answer link. A candidate proposed for the need before is a conflict.
    pub async fn propose(
        &self,
        need_id: i64,
        candidate: &CandidateRef,
        by: &Actor,
        at: DateTime<Utc>,
    ) -> Result<(i64, String), StoreError> {
        let token = random_token();
        let row = sqlx::query(
            "INSERT INTO introductions (need_id, candidate_kind, candidate_id, status, token_hash, why, proposed_at, proposed_by) \
             VALUES ($1, $2, $3, 'proposed', $4, '', $5, $6) RETURNING id",
        )
        .bind(need_id)
        .bind(&candidate.kind)
        .bind(candidate.id)
        .bind(token_hash(&token))
        .bind(timestamp(at))
        .bind(&by.0)
        .fetch_one(&self.pool)
        .await
        .map_err(|e| {
            crate::error::unique_violation(e, || {
                format!(
                    "{} {} was proposed for need {need_id} before",
                    candidate.kind, candidate.id
                )
            })
        })?;
        Ok((row.try_get("id")?, token))
    }

    /// One introduction.
    pub async fn introduction(&self, id: i64) -> Result<Introduction, StoreError> {
        let row = sqlx::query(crate::sql::assembled(format!(
            "SELECT {INTRODUCTION_COLUMNS} FROM introductions WHERE id = $1"
        )))
        .bind(id)
        .fetch_optional(&self.pool)
        .await?
        .ok_or(StoreError::NotFound {
            what: "introduction",
            id,
        })?;
        introduction_from_row(&row)
    }

    /// The introduction a candidate's answer link belongs to.
    pub async fn introduction_by_token(
        &self,
        token: &str,
    ) -> Result<Option<Introduction>, StoreError> {
        let row = sqlx::query(crate::sql::assembled(format!(
            "SELECT {INTRODUCTION_COLUMNS} FROM introductions WHERE token_hash = $1"
        )))
        .bind(token_hash(token))
        .fetch_optional(&self.pool)
        .await?;
        row.as_ref().map(introduction_from_row).transpose()
    }

    /// Every introduction, oldest first: to a need, of a candidate, or all.
    pub async fn introductions(
        &self,
        need_id: Option<i64>,
        candidate: Option<&CandidateRef>,
    ) -> Result<Vec<Introduction>, StoreError> {
        let mut clauses = vec!["1 = 1"];
        if need_id.is_some() {
            clauses.push("need_id = $1");
        }
        if candidate.is_some() {
            clauses.push(if need_id.is_some() {
                "candidate_kind = $2 AND candidate_id = $3"
            } else {
                "candidate_kind = $1 AND candidate_id = $2"
            });
        }
        let mut query = sqlx::query(crate::sql::assembled(format!(
            "SELECT {INTRODUCTION_COLUMNS} FROM introductions WHERE {} ORDER BY id",
            clauses.join(" AND ")
        )));
        if let Some(need) = need_id {
            query = query.bind(need);
        }
        if let Some(c) = candidate {
            query = query.bind(c.kind.clone()).bind(c.id);
        }
        let rows = query.fetch_all(&self.pool).await?;
        rows.iter().map(introduction_from_row).collect()
    }

    /// The candidate's answer: only a proposed introduction takes one.
    pub async fn answer_introduction(
        &self,
        id: i64,
        yes: bool,
        at: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        let done = sqlx::query(
            "UPDATE introductions SET status = $1, answered_at = $2 WHERE id = $3 AND status = 'proposed'",
        )
        .bind(if yes { "accepted" } else { "declined" })
        .bind(timestamp(at))
        .bind(id)
        .execute(&self.pool)
        .await?;
        if done.rows_affected() == 0 {
            return Err(StoreError::Conflict(format!(
                "introduction {id} was answered before"
            )));
        }
        Ok(())
    }

    /// Records what came of an introduction the candidate accepted: an interview (from
    /// accepted), then hired or not (from accepted or interview).
    pub async fn decide_introduction(
        &self,
        id: i64,
        outcome: &Outcome,
        by: &Actor,
        at: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        let (status, from, hours, kind, why): (&str, &str, Option<i64>, Option<&str>, &str) =
            match outcome {
                Outcome::Interview => ("interview", "'accepted'", None, None, ""),
                Outcome::Hired { hours, kind } => (
                    "hired",
                    "'accepted', 'interview'",
                    Some(*hours),
                    Some(kind),
                    "",
                ),
                Outcome::NotHired { why } => {
                    ("not_hired", "'accepted', 'interview'", None, None, why)
                }
            };
        let done = sqlx::query(crate::sql::assembled(format!(
            "UPDATE introductions SET status = $1, hired_hours = $2, hired_kind = $3, why = $4, decided_at = $5, decided_by = $6 \
             WHERE id = $7 AND status IN ({from})"
        )))
        .bind(status)
        .bind(hours)
        .bind(kind)
        .bind(why)
        .bind(timestamp(at))
        .bind(&by.0)
        .bind(id)
        .execute(&self.pool)
        .await?;
        if done.rows_affected() == 0 {
            return Err(StoreError::Conflict(format!(
                "introduction {id} is not waiting for that: the candidate must have said yes, and a decision is made once"
            )));
        }
        Ok(())
    }

    /// Logs that `reader` read a candidate's profile, and why.
    pub async fn log_candidate_read(
        &self,
        candidate: &CandidateRef,
        reader: &Actor,
        purpose: &str,
        at: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        sqlx::query(
            "INSERT INTO candidate_reads (candidate_kind, candidate_id, read_by, purpose, read_at) VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(&candidate.kind)
        .bind(candidate.id)
        .bind(&reader.0)
        .bind(purpose)
        .bind(timestamp(at))
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    /// Who read a candidate's profile, newest first: (reader, purpose, when).
    pub async fn candidate_reads(
        &self,
        candidate: &CandidateRef,
    ) -> Result<Vec<(String, String, String)>, StoreError> {
        let rows = sqlx::query(
            "SELECT read_by, purpose, read_at FROM candidate_reads WHERE candidate_kind = $1 AND candidate_id = $2 ORDER BY id DESC",
        )
        .bind(&candidate.kind)
        .bind(candidate.id)
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|r| {
                Ok((
                    r.try_get("read_by")?,
                    r.try_get("purpose")?,
                    r.try_get("read_at")?,
                ))
            })
            .collect()
    }
}
