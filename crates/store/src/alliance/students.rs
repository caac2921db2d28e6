//! Students and new graduates who registered themselves on the public page. Each has a
//! personal link (only its token's SHA-256 is kept) to see, change, export or delete the
//! profile. A registration counts once its e-mail is confirmed; without consent to be
//! contacted a student is matched to nothing.

use crate::accounts::{random_token, token_hash};
use crate::sql::{join, split};
use crate::{Store, StoreError, timestamp};
use chrono::{DateTime, Utc};
use sqlx::Row;
use sqlx::any::AnyRow;

/// A student's profile as kept.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Student {
    pub id: i64,
    pub name: String,
    pub email: String,
    pub education: String,
    /// Skill codes of the competence catalogue.
    pub skills: Vec<String>,
    pub hours_free: i64,
    /// Language codes (`da`, `en`, …).
    pub languages: Vec<String>,
    pub postcode: String,
    /// May be contacted about needs that fit.
    pub consent: bool,
    pub created_at: String,
    pub confirmed_at: Option<String>,
    pub updated_at: String,
}

const COLUMNS: &str = "id, name, email, education, skills, hours_free, languages, postcode, consent, created_at, confirmed_at, updated_at";

fn from_row(row: &AnyRow) -> Result<Student, StoreError> {
    Ok(Student {
        id: row.try_get("id")?,
        name: row.try_get("name")?,
        email: row.try_get("email")?,
        education: row.try_get("education")?,
        skills: split(&row.try_get::<String, _>("skills")?),
        hours_free: row.try_get("hours_free")?,
        languages: split(&row.try_get::<String, _>("languages")?),
        postcode: row.try_get("postcode")?,
        consent: row.try_get::<i64, _>("consent")? != 0,
        created_at: row.try_get("created_at")?,
        confirmed_at: row.try_get("confirmed_at")?,
        updated_at: row.try_get("updated_at")?,
    })
}

/// A registration kept: the student's id and the token of their personal link, which
/// only this answer ever holds in the clear.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Registered {
    pub id: i64,
    pub token: String,
}

impl Store {
    /// Keeps a new, unconfirmed registration. An address already registered is a conflict.
    pub async fn register_student(
        &self,
        student: &Student,
        at: DateTime<Utc>,
    ) -> Result<Registered, StoreError> {
        let token = random_token();
        let row = sqlx::query(
            "INSERT INTO students (name, email, education, skills, hours_free, languages, postcode, consent, token_hash, created_at, updated_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $10) RETURNING id",
        )
        .bind(&student.name)
        .bind(&student.email)
        .bind(&student.education)
        .bind(join(student.skills.iter().map(String::as_str)))
        .bind(student.hours_free)
        .bind(join(student.languages.iter().map(String::as_str)))
        .bind(&student.postcode)
        .bind(i64::from(student.consent))
        .bind(token_hash(&token))
        .bind(timestamp(at))
        .fetch_one(&self.pool)
        .await
        .map_err(|e| {
            crate::error::unique_violation(e, || {
                "this e-mail address is already registered: use the link in the e-mail you got"
                    .to_string()
            })
        })?;
        Ok(Registered {
            id: row.try_get("id")?,
            token,
        })
    }

    /// The student a personal link belongs to, confirming the registration the
    /// first time the link is used.
    pub async fn student_by_token(
        &self,
        token: &str,
        at: DateTime<Utc>,
    ) -> Result<Option<Student>, StoreError> {
        let hash = token_hash(token);
        sqlx::query(
            "UPDATE students SET confirmed_at = $1 WHERE token_hash = $2 AND confirmed_at IS NULL",
        )
        .bind(timestamp(at))
        .bind(&hash)
        .execute(&self.pool)
        .await?;
        let row = sqlx::query(crate::sql::assembled(format!(
            "SELECT {COLUMNS} FROM students WHERE token_hash = $1"
        )))
        .bind(&hash)
        .fetch_optional(&self.pool)
        .await?;
        row.as_ref().map(from_row).transpose()
    }

    /// One student (confirmed or not).
    pub async fn student(&self, id: i64) -> Result<Student, StoreError> {
        let row = sqlx::query(crate::sql::assembled(format!(
            "SELECT {COLUMNS} FROM students WHERE id = $1"
        )))
        .bind(id)
        .fetch_optional(&self.pool)
        .await?
        .ok_or(StoreError::NotFound {
            what: "student",
            id,
        })?;
        from_row(&row)
    }

    /// Every confirmed student, by id.
    pub async fn students(&self) -> Result<Vec<Student>, StoreError> {
        let rows = sqlx::query(crate::sql::assembled(format!(
            "SELECT {COLUMNS} FROM students WHERE confirmed_at IS NOT NULL ORDER BY id"
        )))
        .fetch_all(&self.pool)
        .await?;
        rows.iter().map(from_row).collect()
    }

    /// Changes a student's profile (not the address or the link).
    pub async fn update_student(
        &self,
        student: &Student,
        at: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        let done = sqlx::query(
            "UPDATE students SET name = $1, education = $2, skills = $3, hours_free = $4, languages = $5, postcode = $6, consent = $7, updated_at = $8 \
             WHERE id = $9",
        )
        .bind(&student.name)
        .bind(&student.education)
        .bind(join(student.skills.iter().map(String::as_str)))
        .bind(student.hours_free)
        .bind(join(student.languages.iter().map(String::as_str)))
        .bind(&student.postcode)
        .bind(i64::from(student.consent))
        .bind(timestamp(at))
        .bind(student.id)
        .execute(&self.pool)
        .await?;
        if done.rows_affected() == 0 {
            return Err(StoreError::NotFound {
                what: "student",
                id: student.id,
            });
        }
        Ok(())
    }

    /// Deletes a student and everything the Alliance holds on them: the profile, their
    /// place in candidate banks, their introductions and the log of who read the profile.
    pub async fn erase_student(&self, id: i64) -> Result<(), StoreError> {
        let mut tx = self.write().await?;
        for sql in [
            "DELETE FROM candidate_bank WHERE candidate_kind = 'student' AND candidate_id = $1",
            "DELETE FROM introductions WHERE candidate_kind = 'student' AND candidate_id = $1",
            "DELETE FROM candidate_reads WHERE candidate_kind = 'student' AND candidate_id = $1",
        ] {
            sqlx::query(sql).bind(id).execute(&mut *tx).await?;
        }
        let done = sqlx::query("DELETE FROM students WHERE id = $1")
            .bind(id)
            .execute(&mut *tx)
            .await?;
        if done.rows_affected() == 0 {
            return Err(StoreError::NotFound {
                what: "student",
                id,
            });
        }
        tx.commit().await?;
        Ok(())
    }
}
