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
        let problems = pickup_problems(report.outcome, &report.weighed, report.note.as_deref());
        if let Some(first) = problems.first() {
            return Err(StoreError::Invalid(vec![first.field_error()]));
        }
        let rows: Vec<(Option<Fraction>, i64)> = match report.outcome {
            Outcome::Collected => report.weighed.iter().map(|(f, g)| (Some(*f), *g)).collect(),
            _ => vec![(None, 0)],
        };
        let mut tx = self.write().await?;
        for (fraction, grams) in &rows {
            // A resend racing the first one meets the unique index and is dropped here.
            sqlx::query(
                "INSERT INTO waste_pickups (submission, site_id, cvr, p_number, pickup_on, outcome, fraction, ewc, grams, note, at, \
                 vehicle_id, driver_id) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) \
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
            .execute(&mut *tx)
            .await?;
        }
        tx.commit().await?;
        Ok((self.pickups_of(&report.submission).await?, true))
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

    /// Every pickup row from `from` to `to` (both included), by day and id.
    pub async fn pickups(&self, from: NaiveDate, to: NaiveDate) -> Result<Vec<Pickup>, StoreError> {
        let rows = sqlx::query(assembled(format!(
            "SELECT {PICKUP_COLUMNS} FROM waste_pickups WHERE pickup_on >= $1 AND pickup_on <= $2 ORDER BY pickup_on, id"
        )))
        .bind(from.to_string())
        .bind(to.to_string())
        .fetch_all(&self.pool)
        .await?;
        rows.iter().map(pickup_from_row).collect()
    }
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
