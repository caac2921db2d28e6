//! Pickups as drivers report them from a site: a row per fraction weighed, or one for an
//! outcome without waste; a resent submission is recognised and counted once.

use super::rows::{day, fractions, time};
use crate::sql::assembled;
use crate::{Store, StoreError, timestamp};
use chrono::{DateTime, NaiveDate, Utc};
use domain::waste::{Fraction, pickup_problems};
use sqlx::Row;
use sqlx::any::AnyRow;

pub use domain::waste::Outcome;

/// A driver's report from one site, as the phone sends it.
#[derive(Debug, Clone, PartialEq)]
pub struct PickupReport {
    /// The phone's id for this submission; the same id twice is the same report.
    pub submission: String,
    pub site_id: i64,
    pub day: NaiveDate,
    pub outcome: Outcome,
    /// Weighed grams per fraction (collected only).
    pub weighed: Vec<(Fraction, i64)>,
    pub note: Option<String>,
    pub at: DateTime<Utc>,
    pub vehicle_id: i64,
    pub driver_id: Option<i64>,
}

/// One stored pickup row: a fraction weighed at a site, or an outcome without waste.
#[derive(Debug, Clone, PartialEq)]
pub struct Pickup {
    pub id: i64,
    pub site_id: i64,
    pub cvr: String,
    pub p_number: String,
    pub day: NaiveDate,
    pub outcome: Outcome,
    pub fraction: Option<Fraction>,
    pub ewc: Option<String>,
    pub grams: i64,
    pub note: Option<String>,
    pub at: DateTime<Utc>,
    pub vehicle_id: i64,
    pub driver_id: Option<i64>,
    /// The hub or plant that received it, once the vehicle has unloaded.
    pub received_by: Option<i64>,
}

impl Store {
    /// Records a driver's report from a site: a row per fraction weighed, or one row for
    /// an outcome without waste. A submission already recorded is not recorded again;
    /// the answer says whether this one was new, and gives the rows either way.
    pub async fn record_pickup(
        &self,
        report: &PickupReport,
    ) -> Result<(Vec<Pickup>, bool), StoreError> {
        let earlier = self.pickups_of(&report.submission).await?;
        if !earlier.is_empty() {
            return Ok((earlier, false));
        }
        let site = self.waste_site(report.site_id).await?;
        checked(report)?;
        let mut tx = self.write().await?;
        insert_rows(&mut tx, report, &site, None, None).await?;
        tx.commit().await?;
        Ok((self.pickups_of(&report.submission).await?, true))
    }

    /// Records a driver's correction of the report `corrects` from the same site and
    /// day: a report of its own that names the one it corrects, which stays as it was
    /// and counts no more. The correction keeps the hub the vehicle unloaded at. Only
    /// the latest report of a stop is corrected; a resent correction counts once.
    pub async fn correct_pickup(
        &self,
        corrects: &str,
        report: &PickupReport,
    ) -> Result<(Vec<Pickup>, bool), StoreError> {
        let earlier = self.pickups_of(&report.submission).await?;
        if !earlier.is_empty() {
            return Ok((earlier, false));
        }
        let corrected = self.pickups_of(corrects).await?;
        let Some(first) = corrected.first() else {
            return Err(StoreError::NoSuch {
                what: "pickup report",
                key: corrects.to_string(),
            });
        };
        if first.site_id != report.site_id || first.day != report.day {
            return Err(StoreError::invalid(
                "corrects",
                "names a report from another stop or day",
            ));
        }
        checked(report)?;
        let site = self.waste_site(report.site_id).await?;
        let received_by = corrected.iter().find_map(|p| p.received_by);
        let mut tx = self.write().await?;
        self.lock(&mut tx, &format!("pickup {corrects}")).await?;
        let later: Option<String> =
            sqlx::query_scalar("SELECT submission FROM waste_pickups WHERE corrects = $1 LIMIT 1")
                .bind(corrects)
                .fetch_optional(&mut *tx)
                .await?;
        if later.is_some() {
            return Err(StoreError::Conflict(
                "that report is corrected already; correct the latest one".into(),
            ));
        }
        insert_rows(&mut tx, report, &site, Some(corrects), received_by).await?;
        tx.commit().await?;
        Ok((self.pickups_of(&report.submission).await?, true))
    }

    /// The submissions of `day` that a later report corrects, with when they were
    /// corrected: the log of a day's corrections.
    pub async fn pickup_corrections(
        &self,
        day: NaiveDate,
    ) -> Result<Vec<(i64, DateTime<Utc>)>, StoreError> {
        let rows = sqlx::query(
            "SELECT DISTINCT site_id, at FROM waste_pickups WHERE pickup_on = $1 AND corrects IS NOT NULL ORDER BY at",
        )
        .bind(day.to_string())
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|r| Ok((r.try_get("site_id")?, time(r, "at")?)))
            .collect()
    }

    /// The submission id of the report from `site_id` on `day` that counts, if any.
    pub async fn standing_submission(
        &self,
        site_id: i64,
        day: NaiveDate,
    ) -> Result<Option<String>, StoreError> {
        Ok(sqlx::query_scalar(assembled(format!(
            "SELECT p.submission FROM waste_pickups p WHERE p.site_id = $1 AND p.pickup_on = $2 AND {STANDING} \
             ORDER BY p.id DESC LIMIT 1"
        )))
        .bind(site_id)
        .bind(day.to_string())
        .fetch_optional(&self.pool)
        .await?)
    }

    async fn pickups_of(&self, submission: &str) -> Result<Vec<Pickup>, StoreError> {
        let rows = sqlx::query(assembled(format!(
            "SELECT {PICKUP_COLUMNS} FROM waste_pickups WHERE submission = $1 ORDER BY id"
        )))
        .bind(submission)
        .fetch_all(&self.pool)
        .await?;
        rows.iter().map(pickup_from_row).collect()
    }

    /// Every pickup row that counts from `from` to `to` (both included), by day and id:
    /// a corrected report is left out, its correction counts.
    pub async fn pickups(&self, from: NaiveDate, to: NaiveDate) -> Result<Vec<Pickup>, StoreError> {
        let rows = sqlx::query(assembled(format!(
            "SELECT {PICKUP_COLUMNS} FROM waste_pickups p WHERE pickup_on >= $1 AND pickup_on <= $2 AND {STANDING} \
             ORDER BY pickup_on, id"
        )))
        .bind(from.to_string())
        .bind(to.to_string())
        .fetch_all(&self.pool)
        .await?;
        rows.iter().map(pickup_from_row).collect()
    }
}

/// "Pickup row `p` counts": no later report corrects its submission.
pub(crate) const STANDING: &str =
    "NOT EXISTS (SELECT 1 FROM waste_pickups c WHERE c.corrects = p.submission)";

/// A report's fields agree with its outcome, or the first that does not is named.
fn checked(report: &PickupReport) -> Result<(), StoreError> {
    let problems = pickup_problems(report.outcome, &report.weighed, report.note.as_deref());
    match problems.first() {
        Some(first) => Err(StoreError::Invalid(vec![first.field_error()])),
        None => Ok(()),
    }
}

/// Writes a report's rows: one per fraction weighed, or one for an outcome without waste.
async fn insert_rows(
    tx: &mut sqlx::Transaction<'static, sqlx::Any>,
    report: &PickupReport,
    site: &super::WasteSite,
    corrects: Option<&str>,
    received_by: Option<i64>,
) -> Result<(), StoreError> {
    let rows: Vec<(Option<Fraction>, i64)> = match report.outcome {
        Outcome::Collected => report.weighed.iter().map(|(f, g)| (Some(*f), *g)).collect(),
        _ => vec![(None, 0)],
    };
    for (fraction, grams) in &rows {
        // A resend racing the first one meets the unique index and is dropped here.
        sqlx::query(
            "INSERT INTO waste_pickups (submission, site_id, cvr, p_number, pickup_on, outcome, fraction, ewc, grams, note, at, \
             vehicle_id, driver_id, corrects, received_by) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15) \
             ON CONFLICT (submission, fraction) DO NOTHING",
        )
        .bind(&report.submission)
        .bind(site.site_id)
        .bind(&site.cvr)
        .bind(&site.p_number)
        .bind(report.day.to_string())
        .bind(report.outcome.code())
        .bind(fraction.map_or("", |f| f.code()))
        .bind(fraction.and_then(|f| f.ewc()))
        .bind(grams)
        .bind(report.note.as_deref())
        .bind(timestamp(report.at))
        .bind(report.vehicle_id)
        .bind(report.driver_id)
        .bind(corrects)
        .bind(received_by)
        .execute(&mut **tx)
        .await?;
    }
    Ok(())
}

const PICKUP_COLUMNS: &str = "id, site_id, cvr, p_number, pickup_on, outcome, fraction, ewc, grams, note, at, vehicle_id, \
     driver_id, received_by";

fn pickup_from_row(r: &AnyRow) -> Result<Pickup, StoreError> {
    let outcome: String = r.try_get("outcome")?;
    let fraction: String = r.try_get("fraction")?;
    Ok(Pickup {
        id: r.try_get("id")?,
        site_id: r.try_get("site_id")?,
        cvr: r.try_get("cvr")?,
        p_number: r.try_get("p_number")?,
        day: day(r, "pickup_on")?,
        outcome: Outcome::parse(&outcome).ok_or_else(|| StoreError::Corrupt {
            what: "pickup",
            id: 0,
            reason: format!("outcome {outcome}"),
        })?,
        fraction: if fraction.is_empty() {
            None
        } else {
            Some(fractions(&fraction)?[0])
        },
        ewc: r.try_get("ewc")?,
        grams: r.try_get("grams")?,
        note: r.try_get("note")?,
        at: time(r, "at")?,
        vehicle_id: r.try_get("vehicle_id")?,
        driver_id: r.try_get("driver_id")?,
        received_by: r.try_get("received_by")?,
    })
}
