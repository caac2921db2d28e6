//! Workers, and their functional limits. Limits are health-related (GDPR art. 9):
//! they are read only through [`Store::read_limits`] and its kin, which log every read.

use crate::error::unique_violation;
use crate::page::{Filter, Value};
use crate::read::Columns;
use crate::sql::{assembled, assignments, join, mark_deleted, meta, placeholders, split};
use crate::{Actor, Page, PageRequest, Store, StoreError, Stored, now};
use domain::calendar::ClockTime;
use domain::person::{
    EmploymentForm, FunctionalLimits, FunctionalLimitsDraft, Person, PersonDraft,
};
use sqlx::any::{AnyArguments, AnyRow};
use sqlx::query::Query;
use sqlx::{Any, AnyConnection, Row};

const COLUMNS: &str = "name, phone, email, preferred_language, address, latitude, longitude, status, leave_outcome, \
    employment_form, flex_approved_minutes, weekly_target_minutes, weekly_cap_minutes, availability, absences, skills, languages";
pub(crate) const PERSON_SELECT: &str = "id, version, created_at, updated_at, name, phone, email, preferred_language, address, latitude, longitude, \
    status, leave_outcome, employment_form, flex_approved_minutes, weekly_target_minutes, weekly_cap_minutes, availability, absences, skills, languages";

/// Narrows a list of people.
#[derive(Debug, Clone, Default)]
pub struct PeopleFilter {
    /// A status code: referred, in_course, active, paused or left.
    pub status: Option<String>,
}

/// One logged read of a person's functional limits.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LimitRead {
    pub read_by: String,
    pub purpose: String,
    pub read_at: String,
}

/// How an import changed the people table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ImportCount {
    pub created: usize,
    pub updated: usize,
}

fn bind_person<'q>(
    query: Query<'q, Any, AnyArguments>,
    p: &Person,
) -> Query<'q, Any, AnyArguments> {
    let flex = match p.employment {
        EmploymentForm::FlexJob { approved } => Some(approved.minutes() as i64),
        _ => None,
    };
    query
        .bind(p.name.as_str())
        .bind(p.phone.as_str())
        .bind(p.email.as_str())
        .bind(p.preferred_language.code())
        .bind(p.home.line.as_str())
        .bind(p.home.coordinates.latitude)
        .bind(p.home.coordinates.longitude)
        .bind(p.status.code())
        .bind(p.status.outcome().map(|o| o.code()))
        .bind(p.employment.code())
        .bind(flex)
        .bind(p.weekly_target.minutes() as i64)
        .bind(p.weekly_cap.minutes() as i64)
        .bind(p.availability.to_string())
        .bind(p.absences.to_string())
        .bind(join(p.skills.iter().map(|s| s.code())))
        .bind(join(p.languages.iter().map(|l| l.as_str())))
}

fn hours(minutes: Option<i64>) -> Option<f64> {
    minutes.map(|m| m as f64 / 60.0)
}

pub(crate) fn person_from_row(row: &dyn Columns) -> Result<Stored<Person>, StoreError> {
    let meta = meta(row)?;
    let draft = PersonDraft {
        name: row.get("name")?,
        phone: row.get("phone")?,
        email: row.get("email")?,
        preferred_language: row.get("preferred_language")?,
        address: row.get("address")?,
        latitude: Some(row.get("latitude")?),
        longitude: Some(row.get("longitude")?),
        status: row.get("status")?,
        leave_outcome: row.get("leave_outcome")?,
        employment_form: row.get("employment_form")?,
        flex_approved_hours: hours(row.get("flex_approved_minutes")?),
        weekly_target_hours: hours(Some(row.get("weekly_target_minutes")?)),
        weekly_cap_hours: hours(Some(row.get("weekly_cap_minutes")?)),
        availability: row.get("availability")?,
        absences: row.get("absences")?,
        skills: split(&row.get::<String>("skills")?),
        languages: split(&row.get::<String>("languages")?),
    };
    let value = draft
        .parse()
        .map_err(|e| StoreError::corrupt("person", meta.id, e))?;
    Ok(Stored { meta, value })
}

fn limits_from_row(person_id: i64, row: &AnyRow) -> Result<FunctionalLimits, StoreError> {
    let draft = FunctionalLimitsDraft {
        max_lift_kg: row.try_get("max_lift_kg")?,
        max_stretch_minutes: row.try_get("max_stretch_minutes")?,
        indoor_only: row.try_get::<i64, _>("indoor_only")? != 0,
        not_before: row.try_get("not_before")?,
        needs_colleague: row.try_get::<i64, _>("needs_colleague")? != 0,
        max_travel_minutes: row.try_get("max_travel_minutes")?,
    };
    draft
        .parse()
        .map_err(|e| StoreError::corrupt("functional limits of person", person_id, e))
}

fn email_taken(p: &Person) -> impl FnOnce() -> String + '_ {
    move || format!("another person already has the e-mail address {}", p.email)
}

impl Store {
    /// Stores a new person.
    pub async fn create_person(&self, person: &Person) -> Result<Stored<Person>, StoreError> {
        let mut tx = self.write().await?;
        let id = insert_person(&mut tx, person).await?;
        tx.commit().await?;
        self.person(id).await
    }

    /// A live person by id.
    pub async fn person(&self, id: i64) -> Result<Stored<Person>, StoreError> {
        let sql =
            format!("SELECT {PERSON_SELECT} FROM people WHERE id = $1 AND deleted_at IS NULL");
        self.read_optional(&sql, &[Value::Int(id)], person_from_row)
            .await?
            .ok_or(StoreError::NotFound { what: "person", id })
    }

    /// A page of live people, oldest first.
    pub async fn people(
        &self,
        filter: &PeopleFilter,
        page: PageRequest,
    ) -> Result<Page<Stored<Person>>, StoreError> {
        let mut where_ = Filter::live();
        if let Some(status) = &filter.status {
            where_.compare("status", "=", Value::Text(status.clone()));
        }
        let (items, total) = where_
            .page(self, "people", PERSON_SELECT, page, person_from_row)
            .await?;
        Ok(Page {
            items,
            total,
            page: page.page,
            per_page: page.per_page,
        })
    }

    /// Replaces a person's record if it is still at `version`.
    pub async fn update_person(
        &self,
        id: i64,
        version: i64,
        person: &Person,
    ) -> Result<Stored<Person>, StoreError> {
        let sql = format!(
            "UPDATE people SET {}, version = version + 1, updated_at = $18 \
             WHERE id = $19 AND version = $20 AND deleted_at IS NULL",
            assignments(COLUMNS)
        );
        let mut tx = self.write().await?;
        let done = bind_person(sqlx::query(assembled(sql)), person)
            .bind(now())
            .bind(id)
            .bind(version)
            .execute(&mut *tx)
            .await
            .map_err(|e| unique_violation(e, email_taken(person)))?;
        if done.rows_affected() == 0 {
            drop(tx);
            return Err(self.stale("people", "person", id, version).await);
        }
        record_status(&mut tx, id).await?;
        tx.commit().await?;
        self.person(id).await
    }

    /// Marks a person deleted and erases their functional limits: health data is not
    /// kept for someone the agency no longer works with. Their history (tasks, hours) stays.
    pub async fn delete_person(&self, id: i64) -> Result<(), StoreError> {
        let mut tx = self.write().await?;
        if !mark_deleted(&mut tx, "people", id, "").await? {
            return Err(StoreError::NotFound { what: "person", id });
        }
        sqlx::query("DELETE FROM functional_limits WHERE person_id = $1")
            .bind(id)
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok(())
    }

    /// A person's functional limits, logging who read them and why. No row means no limits recorded.
    pub async fn read_limits(
        &self,
        person_id: i64,
        reader: &Actor,
        purpose: &str,
    ) -> Result<FunctionalLimits, StoreError> {
        self.person(person_id).await?;
        let mut tx = self.write().await?;
        let limits = read_logged(&mut tx, person_id, reader, purpose).await?;
        tx.commit().await?;
        Ok(limits)
    }

    /// The version of a person's functional limits, 0 before any are recorded. It says
    /// nothing about the limits, so reading it is not logged.
    pub async fn limits_version(&self, person_id: i64) -> Result<i64, StoreError> {
        self.person(person_id).await?;
        limits_version(&mut *self.pool.acquire().await?, person_id).await
    }

    /// Sets a person's functional limits if they are still at `version` (the one read);
    /// returns the new version.
    pub async fn set_limits(
        &self,
        person_id: i64,
        version: i64,
        limits: &FunctionalLimits,
        by: &Actor,
    ) -> Result<i64, StoreError> {
        self.person(person_id).await?;
        let mut tx = self.write().await?;
        let current = limits_version(&mut tx, person_id).await?;
        if current != version {
            return Err(StoreError::Conflict(format!(
                "the functional limits of person {person_id} were changed by someone else: you sent version {version}, they are now at version {current}; reload and try again"
            )));
        }
        upsert_limits(&mut tx, person_id, limits, by).await?;
        tx.commit().await?;
        Ok(current + 1)
    }

    /// Every logged read of a person's limits, newest first.
    pub async fn limit_reads(&self, person_id: i64) -> Result<Vec<LimitRead>, StoreError> {
        let rows = sqlx::query("SELECT read_by, purpose, read_at FROM limit_reads WHERE person_id = $1 ORDER BY id DESC")
            .bind(person_id)
            .fetch_all(&self.pool)
            .await?;
        rows.iter()
            .map(|r| {
                Ok(LimitRead {
                    read_by: r.try_get("read_by")?,
                    purpose: r.try_get("purpose")?,
                    read_at: r.try_get("read_at")?,
                })
            })
            .collect()
    }

    /// Every live person with their limits, for an export; each limit read is logged.
    pub async fn people_with_limits(
        &self,
        reader: &Actor,
        purpose: &str,
    ) -> Result<Vec<(Stored<Person>, FunctionalLimits)>, StoreError> {
        let people = self
            .people(&PeopleFilter::default(), PageRequest::all())
            .await?
            .items;
        let mut tx = self.write().await?;
        let mut out = Vec::with_capacity(people.len());
        for person in people {
            let limits = read_logged(&mut tx, person.meta.id, reader, purpose).await?;
            out.push((person, limits));
        }
        tx.commit().await?;
        Ok(out)
    }

    /// Imports people in one transaction: a person whose e-mail is known is updated,
    /// anyone else is added. Any failure leaves the table as it was.
    pub async fn import_people(
        &self,
        people: &[(Person, FunctionalLimits)],
        by: &Actor,
    ) -> Result<ImportCount, StoreError> {
        let mut tx = self.write().await?;
        let mut count = ImportCount::default();
        for (person, limits) in people {
            let existing: Option<i64> =
                sqlx::query_scalar("SELECT id FROM people WHERE email = $1 AND deleted_at IS NULL")
                    .bind(person.email.as_str())
                    .fetch_optional(&mut *tx)
                    .await?;
            let id = match existing {
                Some(id) => {
                    let sql = format!(
                        "UPDATE people SET {}, version = version + 1, updated_at = $18 WHERE id = $19",
                        assignments(COLUMNS)
                    );
                    bind_person(sqlx::query(assembled(sql)), person)
                        .bind(now())
                        .bind(id)
                        .execute(&mut *tx)
                        .await?;
                    record_status(&mut tx, id).await?;
                    count.updated += 1;
                    id
                }
                None => {
                    count.created += 1;
                    insert_person(&mut tx, person).await?
                }
            };
            upsert_limits(&mut tx, id, limits, by).await?;
        }
        tx.commit().await?;
        Ok(count)
    }
}

pub(crate) async fn insert_person(
    conn: &mut AnyConnection,
    person: &Person,
) -> Result<i64, StoreError> {
    let sql = format!(
        "INSERT INTO people ({COLUMNS}, created_at, updated_at) VALUES ({}, $18, $18) RETURNING id",
        placeholders(1, 17)
    );
    let row = bind_person(sqlx::query(assembled(sql)), person)
        .bind(now())
        .fetch_one(&mut *conn)
        .await
        .map_err(|e| unique_violation(e, email_taken(person)))?;
    let id = row.try_get("id")?;
    record_status(conn, id).await?;
    Ok(id)
}

/// Adds the person's current status to their history, unless it is the latest there.
pub(crate) async fn record_status(conn: &mut AnyConnection, id: i64) -> Result<(), StoreError> {
    sqlx::query(
        "INSERT INTO person_status_changes (person_id, status, changed_at) SELECT p.id, p.status, $2 FROM people p \
         WHERE p.id = $1 AND NOT EXISTS (SELECT 1 FROM person_status_changes c WHERE c.person_id = p.id \
         AND c.status = p.status AND c.id = (SELECT MAX(l.id) FROM person_status_changes l WHERE l.person_id = p.id))",
    )
    .bind(id)
    .bind(now())
    .execute(&mut *conn)
    .await?;
    Ok(())
}

pub(crate) async fn read_logged(
    conn: &mut AnyConnection,
    person_id: i64,
    reader: &Actor,
    purpose: &str,
) -> Result<FunctionalLimits, StoreError> {
    sqlx::query(
        "INSERT INTO limit_reads (person_id, read_by, purpose, read_at) VALUES ($1, $2, $3, $4)",
    )
    .bind(person_id)
    .bind(reader.0.as_str())
    .bind(purpose)
    .bind(now())
    .execute(&mut *conn)
    .await?;
    let row = sqlx::query(
        "SELECT max_lift_kg, max_stretch_minutes, indoor_only, not_before, needs_colleague, max_travel_minutes \
         FROM functional_limits WHERE person_id = $1",
    )
    .bind(person_id)
    .fetch_optional(&mut *conn)
    .await?;
    match row {
        Some(row) => limits_from_row(person_id, &row),
        None => Ok(FunctionalLimits::default()),
    }
}

async fn limits_version(conn: &mut AnyConnection, person_id: i64) -> Result<i64, StoreError> {
    let version: Option<i64> =
        sqlx::query_scalar("SELECT version FROM functional_limits WHERE person_id = $1")
            .bind(person_id)
            .fetch_optional(&mut *conn)
            .await?;
    Ok(version.unwrap_or(0))
}

/// Inserts or replaces a person's limits, one version on.
pub(crate) async fn upsert_limits(
    conn: &mut AnyConnection,
    person_id: i64,
    l: &FunctionalLimits,
    by: &Actor,
) -> Result<(), StoreError> {
    sqlx::query(
        "INSERT INTO functional_limits (person_id, max_lift_kg, max_stretch_minutes, indoor_only, not_before, needs_colleague, \
         max_travel_minutes, updated_by, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) \
         ON CONFLICT (person_id) DO UPDATE SET max_lift_kg = excluded.max_lift_kg, max_stretch_minutes = excluded.max_stretch_minutes, \
         indoor_only = excluded.indoor_only, not_before = excluded.not_before, needs_colleague = excluded.needs_colleague, \
         max_travel_minutes = excluded.max_travel_minutes, updated_by = excluded.updated_by, updated_at = excluded.updated_at, \
         version = functional_limits.version + 1",
    )
    .bind(person_id)
    .bind(l.max_lift_kg.map(i64::from))
    .bind(l.max_stretch_minutes.map(i64::from))
    .bind(l.indoor_only as i64)
    .bind(l.not_before.map(|t: ClockTime| t.to_string()))
    .bind(l.needs_colleague as i64)
    .bind(l.max_travel_minutes.map(i64::from))
    .bind(by.0.as_str())
    .bind(now())
    .execute(&mut *conn)
    .await?;
    Ok(())
}

impl Store {
    /// Every live person's functional limits at once (people without any recorded are
    /// left out), logged as one read naming how many
    /// people it covered: a match run checks them all, and a log row per person per run
    /// would bury the reads that matter.
    pub async fn limits_of_everyone(
        &self,
        reader: &Actor,
        purpose: &str,
    ) -> Result<Vec<(i64, FunctionalLimits)>, StoreError> {
        let mut tx = self.write().await?;
        let rows = sqlx::query(
            "SELECT l.person_id, l.max_lift_kg, l.max_stretch_minutes, l.indoor_only, l.not_before, l.needs_colleague, l.max_travel_minutes \
             FROM functional_limits l JOIN people p ON p.id = l.person_id WHERE p.deleted_at IS NULL ORDER BY l.person_id",
        )
        .fetch_all(&mut *tx)
        .await?;
        sqlx::query(
            "INSERT INTO limit_runs (read_by, purpose, people, read_at) VALUES ($1, $2, $3, $4)",
        )
        .bind(reader.0.as_str())
        .bind(purpose)
        .bind(rows.len() as i64)
        .bind(now())
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        rows.iter()
            .map(|row| {
                let id: i64 = row.try_get("person_id")?;
                Ok((id, limits_from_row(id, row)?))
            })
            .collect()
    }

    /// Every run that read everyone's limits at once, newest first: (reader, purpose,
    /// people covered, when).
    pub async fn limit_runs(&self) -> Result<Vec<(String, String, i64, String)>, StoreError> {
        let rows = sqlx::query(
            "SELECT read_by, purpose, people, read_at FROM limit_runs ORDER BY id DESC",
        )
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|r| {
                Ok((
                    r.try_get("read_by")?,
                    r.try_get("purpose")?,
                    r.try_get("people")?,
                    r.try_get("read_at")?,
                ))
            })
            .collect()
    }
}
