//! Subscriptions: a site's standing order — fractions, weekdays, a window, what is
//! expected — at a price per pickup and a monthly fee, running from a day until ended.

use super::rows::{day, fraction_codes, fractions, sharing_fraction, window};
use super::sites::{SITE_COLUMNS, WasteSite, site_from_row};
use super::{LATEST_STARTED, runs_between};
use crate::sql::{assembled, join, split};
use crate::{Actor, Refusal, Store, StoreError, timestamp};
use chrono::{Duration, NaiveDate, Utc};
use domain::money::Money;
use domain::waste::Subscription;
use sqlx::Row;
use sqlx::any::AnyRow;

/// A stored subscription with its site and price.
#[derive(Debug, Clone, PartialEq)]
pub struct StoredSubscription {
    pub id: i64,
    pub site: WasteSite,
    pub subscription: Subscription,
    pub price_per_pickup_ore: i64,
    /// The fee per month it runs on any day of, billed once a month; 0 is none.
    pub monthly_fee_ore: i64,
    pub starts_on: NaiveDate,
    /// The last day it runs, once it has been ended.
    pub ends_on: Option<NaiveDate>,
}

impl Store {
    /// Subscribes a site from `starts_on`, at a price per pickup and a monthly fee (0 is
    /// none). A site whose subscription runs on or after `starts_on` with one of the same
    /// fractions is refused: end that one first, so no pickup is planned or billed twice.
    pub async fn add_subscription(
        &self,
        site_id: i64,
        subscription: &Subscription,
        price_per_pickup_ore: i64,
        monthly_fee_ore: i64,
        starts_on: NaiveDate,
        by: &Actor,
    ) -> Result<i64, StoreError> {
        self.waste_site(site_id).await?;
        prices(price_per_pickup_ore, monthly_fee_ore)?;
        let mut tx = self.write().await?;
        self.lock(&mut tx, &format!("waste site {site_id}")).await?;
        let id = insert(
            &mut tx,
            site_id,
            subscription,
            (price_per_pickup_ore, monthly_fee_ore),
            starts_on,
            by,
        )
        .await?;
        tx.commit().await?;
        Ok(id)
    }

    /// Changes a subscription from `from` on: the one running ends the day before, and
    /// a new one with the new terms starts that day — so what ran before keeps its
    /// price on the invoices; an end agreed already carries over. Answers the new
    /// subscription's id.
    #[allow(clippy::too_many_arguments)]
    pub async fn change_subscription(
        &self,
        id: i64,
        subscription: &Subscription,
        price_per_pickup_ore: i64,
        monthly_fee_ore: i64,
        from: NaiveDate,
        by: &Actor,
    ) -> Result<i64, StoreError> {
        prices(price_per_pickup_ore, monthly_fee_ore)?;
        let mut tx = self.write().await?;
        let row = sqlx::query(
            "SELECT site_id, starts_on, ends_on FROM waste_subscriptions WHERE id = $1",
        )
        .bind(id)
        .fetch_optional(&mut *tx)
        .await?
        .ok_or(StoreError::NotFound {
            what: "subscription",
            id,
        })?;
        let site_id: i64 = row.try_get("site_id")?;
        self.lock(&mut tx, &format!("waste site {site_id}")).await?;
        let ends_on = ended_on(&row, id)?;
        if let Some(on) = ends_on
            && on < from
        {
            return Err(StoreError::Refused(Refusal::AlreadyEnded { on }));
        }
        let starts_on = day(&row, "starts_on")?;
        if from < starts_on {
            return Err(StoreError::invalid(
                "from",
                format!("is before {starts_on}, the day it starts"),
            ));
        }
        sqlx::query("UPDATE waste_subscriptions SET ends_on = $1 WHERE id = $2")
            .bind((from - Duration::days(1)).to_string())
            .bind(id)
            .execute(&mut *tx)
            .await?;
        let new = insert(
            &mut tx,
            site_id,
            subscription,
            (price_per_pickup_ore, monthly_fee_ore),
            from,
            by,
        )
        .await?;
        // An end agreed already carries over to the new terms.
        if let Some(on) = ends_on {
            sqlx::query("UPDATE waste_subscriptions SET ends_on = $1 WHERE id = $2")
                .bind(on.to_string())
                .bind(new)
                .execute(&mut *tx)
                .await?;
        }
        tx.commit().await?;
        Ok(new)
    }

    /// Ends a subscription: `last_day` is the last day it runs (the day before it starts
    /// ends it before it ever ran). An ended subscription stays as it ended — a site
    /// subscribes again instead — so a later subscription never comes to overlap it.
    pub async fn end_subscription(
        &self,
        id: i64,
        last_day: NaiveDate,
    ) -> Result<StoredSubscription, StoreError> {
        let mut tx = self.write().await?;
        let row = sqlx::query("SELECT starts_on, ends_on FROM waste_subscriptions WHERE id = $1")
            .bind(id)
            .fetch_optional(&mut *tx)
            .await?
            .ok_or(StoreError::NotFound {
                what: "subscription",
                id,
            })?;
        if let Some(on) = ended_on(&row, id)? {
            return Err(StoreError::Refused(Refusal::AlreadyEnded { on }));
        }
        let starts_on = day(&row, "starts_on")?;
        if last_day < starts_on - Duration::days(1) {
            return Err(StoreError::invalid(
                "ends_on",
                format!("is before {starts_on}, the day it starts"),
            ));
        }
        sqlx::query("UPDATE waste_subscriptions SET ends_on = $1 WHERE id = $2")
            .bind(last_day.to_string())
            .bind(id)
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        self.subscriptions()
            .await?
            .into_iter()
            .find(|s| s.id == id)
            .ok_or(StoreError::NotFound {
                what: "subscription",
                id,
            })
    }

    /// Every subscription with its site and price, by site and in the order added; a
    /// deleted company's are left out.
    pub async fn subscriptions(&self) -> Result<Vec<StoredSubscription>, StoreError> {
        let sql = format!(
            "SELECT {SUBSCRIPTION_COLUMNS}, {SITE_COLUMNS} FROM waste_subscriptions w JOIN sites s ON s.id = w.site_id \
             JOIN companies c ON c.id = s.company_id WHERE c.deleted_at IS NULL ORDER BY s.id, w.id"
        );
        let rows = sqlx::query(assembled(sql)).fetch_all(&self.pool).await?;
        rows.iter().map(subscription_from_row).collect()
    }

    /// The subscription running at a site on `day`, if any: of several, the one started
    /// last — the one whose price a visit that day is billed at.
    pub async fn running_subscription(
        &self,
        site_id: i64,
        day: NaiveDate,
    ) -> Result<Option<StoredSubscription>, StoreError> {
        let sql = format!(
            "SELECT {SUBSCRIPTION_COLUMNS}, {SITE_COLUMNS} FROM waste_subscriptions w JOIN sites s ON s.id = w.site_id \
             JOIN companies c ON c.id = s.company_id WHERE c.deleted_at IS NULL AND w.site_id = $1 AND {} \
             ORDER BY {LATEST_STARTED} LIMIT 1",
            runs_between("$2", "$2")
        );
        let row = sqlx::query(assembled(sql))
            .bind(site_id)
            .bind(day.to_string())
            .fetch_optional(&self.pool)
            .await?;
        row.as_ref().map(subscription_from_row).transpose()
    }
}

/// Both prices within their range, or the first that is not, named.
fn prices(price_per_pickup_ore: i64, monthly_fee_ore: i64) -> Result<(), StoreError> {
    for (field, ore) in [
        ("price_per_pickup_ore", price_per_pickup_ore),
        ("monthly_fee_ore", monthly_fee_ore),
    ] {
        Money::price_ore(ore).map_err(|e| StoreError::invalid(field, e.0))?;
    }
    Ok(())
}

/// The last day a subscription row runs, once ended.
fn ended_on(row: &AnyRow, id: i64) -> Result<Option<NaiveDate>, StoreError> {
    row.try_get::<Option<String>, _>("ends_on")?
        .map(|ended| {
            ended.parse().map_err(|e| StoreError::Corrupt {
                what: "subscription",
                id,
                reason: format!("ends_on: {e}"),
            })
        })
        .transpose()
}

/// Inserts a subscription in `tx` (the site locked), refusing one that shares a fraction
/// with a subscription running on or after `starts_on`.
async fn insert(
    tx: &mut sqlx::Transaction<'static, sqlx::Any>,
    site_id: i64,
    subscription: &Subscription,
    (price_per_pickup_ore, monthly_fee_ore): (i64, i64),
    starts_on: NaiveDate,
    by: &Actor,
) -> Result<i64, StoreError> {
    let weekdays = join(subscription.weekdays.iter().map(|d| weekday_code(*d)));
    let running = sqlx::query(
        "SELECT id, fractions FROM waste_subscriptions WHERE site_id = $1 \
         AND (ends_on IS NULL OR ends_on >= $2) ORDER BY id",
    )
    .bind(site_id)
    .bind(starts_on.to_string())
    .fetch_all(&mut **tx)
    .await?;
    if let Some(subscription) = sharing_fraction(&running, &subscription.fractions)? {
        return Err(StoreError::Refused(Refusal::AlreadySubscribed {
            subscription,
        }));
    }
    Ok(sqlx::query_scalar(
        "INSERT INTO waste_subscriptions (site_id, fractions, weekdays, time_window, expected_kg, expected_litres, \
         price_per_pickup_ore, monthly_fee_ore, starts_on, created_at, created_by) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) \
         RETURNING id",
    )
    .bind(site_id)
    .bind(fraction_codes(&subscription.fractions))
    .bind(weekdays)
    .bind(subscription.window.to_string())
    .bind(i64::from(subscription.expected_kg))
    .bind(i64::from(subscription.expected_litres))
    .bind(price_per_pickup_ore)
    .bind(monthly_fee_ore)
    .bind(starts_on.to_string())
    .bind(timestamp(Utc::now()))
    .bind(&by.0)
    .fetch_one(&mut **tx)
    .await?)
}

const SUBSCRIPTION_COLUMNS: &str = "w.id, w.fractions, w.weekdays, w.time_window, w.expected_kg, w.expected_litres, \
     w.price_per_pickup_ore, w.monthly_fee_ore, w.starts_on, w.ends_on";

fn subscription_from_row(row: &AnyRow) -> Result<StoredSubscription, StoreError> {
    let weekdays = split(&row.try_get::<String, _>("weekdays")?)
        .iter()
        .map(|d| domain::calendar::parse_weekday(d))
        .collect::<Result<Vec<_>, _>>()
        .map_err(|e| StoreError::Corrupt {
            what: "flex waste weekdays",
            id: 0,
            reason: e.0,
        })?;
    let ends_on: Option<String> = row.try_get("ends_on")?;
    Ok(StoredSubscription {
        id: row.try_get("id")?,
        site: site_from_row(row)?,
        subscription: Subscription {
            fractions: fractions(&row.try_get::<String, _>("fractions")?)?,
            weekdays,
            window: window(&row.try_get::<String, _>("time_window")?)?,
            expected_kg: row.try_get::<i64, _>("expected_kg")? as u32,
            expected_litres: row.try_get::<i64, _>("expected_litres")? as u32,
        },
        price_per_pickup_ore: row.try_get("price_per_pickup_ore")?,
        monthly_fee_ore: row.try_get("monthly_fee_ore")?,
        starts_on: day(row, "starts_on")?,
        ends_on: match ends_on {
            Some(_) => Some(day(row, "ends_on")?),
            None => None,
        },
    })
}

/// `Mon` … `Sun`, as stored.
pub(super) fn weekday_code(day: chrono::Weekday) -> &'static str {
    use chrono::Weekday::*;
    match day {
        Mon => "Mon",
        Tue => "Tue",
        Wed => "Wed",
        Thu => "Thu",
        Fri => "Fri",
        Sat => "Sat",
        Sun => "Sun",
    }
}
