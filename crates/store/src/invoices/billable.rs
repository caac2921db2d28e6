//! What a month has that is not yet billed by an invoice that stands: confirmed hours,
//! Flex Waste visits and subscriptions' monthly fees, each with the company that pays.

use crate::StoreError;
use crate::sql::assembled;
use chrono::NaiveDate;
use domain::invoice::Period;
use sqlx::Row;
use std::collections::{BTreeMap, BTreeSet};

/// A Flex Waste visit not yet billed, with the company that pays for it.
pub(super) struct Visit {
    pub(super) company: i64,
    pub(super) site_id: i64,
    pub(super) site_name: String,
    pub(super) day: NaiveDate,
    pub(super) price_ore: i64,
}

/// A Flex Waste subscription's monthly fee not yet billed for the period.
pub(super) struct Fee {
    pub(super) company: i64,
    pub(super) subscription_id: i64,
    pub(super) site_name: String,
    pub(super) fee_ore: i64,
}

/// A confirmed, uninvoiced time entry with what its line needs.
pub(super) struct Work {
    pub(super) entry: i64,
    pub(super) company: i64,
    pub(super) task_type: String,
    pub(super) minutes: i64,
    /// For the annex: the shift's date, its task's title and who worked it.
    pub(super) day: String,
    pub(super) task: String,
    pub(super) worker: String,
}

/// Confirmed worked hours of the month that count (not corrected) of shifts no invoice
/// that stands (one not credited) has billed: a correction of billed hours waits until
/// that invoice is credited, so a shift is billed once.
pub(super) async fn billable_work(
    conn: &mut sqlx::AnyConnection,
    period: Period,
) -> Result<Vec<Work>, StoreError> {
    let rows = sqlx::query(
        "SELECT e.id, e.minutes, e.occurrence, t.company_id, t.task_type, t.title, p.name AS worker \
         FROM time_entries e JOIN tasks t ON t.id = e.task_id JOIN people p ON p.id = e.person_id \
         WHERE e.kind = 'worked' AND e.confirmed_at IS NOT NULL AND e.minutes IS NOT NULL \
         AND e.occurrence >= $1 AND e.occurrence < $2 \
         AND NOT EXISTS (SELECT 1 FROM time_entries c WHERE c.corrects = e.id) \
         AND NOT EXISTS (SELECT 1 FROM invoice_entries ie JOIN invoices i ON i.id = ie.invoice_id \
             JOIN time_entries b ON b.id = ie.time_entry_id \
             WHERE b.task_id = e.task_id AND b.occurrence = e.occurrence AND b.person_id = e.person_id \
             AND NOT EXISTS (SELECT 1 FROM invoices cn WHERE cn.credits = i.id)) \
         ORDER BY t.company_id, t.task_type, e.occurrence, e.id",
    )
    .bind(period.first_day().to_string())
    .bind(period.end().to_string())
    .fetch_all(&mut *conn)
    .await?;
    rows.iter()
        .map(|r| {
            Ok(Work {
                entry: r.try_get("id")?,
                company: r.try_get("company_id")?,
                task_type: r.try_get("task_type")?,
                minutes: r.try_get("minutes")?,
                day: r.try_get("occurrence")?,
                task: r.try_get("title")?,
                worker: r.try_get("worker")?,
            })
        })
        .collect::<Result<_, sqlx::Error>>()
        .map_err(StoreError::from)
}

/// The month's billed Flex Waste visits (see [`crate::waste_month`]) that cost something
/// and are not billed by an invoice that stands (one not credited), with the company
/// that owns the site.
pub(super) async fn billable_visits(
    conn: &mut sqlx::AnyConnection,
    period: Period,
) -> Result<Vec<Visit>, StoreError> {
    let last_day = period.end().pred_opt().expect("a month has a last day");
    let visits = crate::waste_month::billed_visits(conn, period.first_day(), last_day).await?;
    if visits.is_empty() {
        return Ok(Vec::new());
    }
    let billed: BTreeSet<(i64, String)> = sqlx::query(
        "SELECT iv.site_id, iv.pickup_on FROM invoice_visits iv JOIN invoices i ON i.id = iv.invoice_id \
         WHERE iv.pickup_on >= $1 AND iv.pickup_on < $2 \
         AND NOT EXISTS (SELECT 1 FROM invoices cn WHERE cn.credits = i.id)",
    )
    .bind(period.first_day().to_string())
    .bind(period.end().to_string())
    .fetch_all(&mut *conn)
    .await?
    .iter()
    .map(|r| Ok((r.try_get("site_id")?, r.try_get("pickup_on")?)))
    .collect::<Result<_, sqlx::Error>>()?;
    let sites: BTreeMap<i64, (i64, String)> = sqlx::query("SELECT id, company_id, name FROM sites")
        .fetch_all(&mut *conn)
        .await?
        .iter()
        .map(|r| {
            Ok((
                r.try_get("id")?,
                (r.try_get("company_id")?, r.try_get("name")?),
            ))
        })
        .collect::<Result<_, sqlx::Error>>()?;
    let mut unbilled = Vec::new();
    for v in visits {
        if v.price_ore == 0 || billed.contains(&(v.site_id, v.day.to_string())) {
            continue;
        }
        let (company, site_name) = sites.get(&v.site_id).cloned().ok_or_else(|| {
            StoreError::Conflict(format!(
                "a visit names site {} that does not exist",
                v.site_id
            ))
        })?;
        unbilled.push(Visit {
            company,
            site_id: v.site_id,
            site_name,
            day: v.day,
            price_ore: v.price_ore,
        });
    }
    Ok(unbilled)
}

/// The subscriptions with a monthly fee that run on any day of the month, of companies not
/// deleted, whose fee for the month is not billed by an invoice that stands (one not
/// credited); by company, site and subscription.
pub(super) async fn billable_fees(
    conn: &mut sqlx::AnyConnection,
    period: Period,
) -> Result<Vec<Fee>, StoreError> {
    let last_day = period.end().pred_opt().expect("a month has a last day");
    let sql = format!(
        "SELECT w.id, w.monthly_fee_ore, s.company_id, s.name FROM waste_subscriptions w \
         JOIN sites s ON s.id = w.site_id JOIN companies c ON c.id = s.company_id \
         WHERE c.deleted_at IS NULL AND w.monthly_fee_ore > 0 AND {} \
         AND NOT EXISTS (SELECT 1 FROM invoice_fees f JOIN invoices i ON i.id = f.invoice_id \
             WHERE f.subscription_id = w.id AND f.period = $3 \
             AND NOT EXISTS (SELECT 1 FROM invoices cn WHERE cn.credits = i.id)) \
         ORDER BY s.company_id, s.position, s.id, w.id",
        crate::waste::runs_between("$1", "$2")
    );
    let rows = sqlx::query(assembled(sql))
        .bind(period.first_day().to_string())
        .bind(last_day.to_string())
        .bind(period.label())
        .fetch_all(&mut *conn)
        .await?;
    rows.iter()
        .map(|r| {
            Ok(Fee {
                company: r.try_get("company_id")?,
                subscription_id: r.try_get("id")?,
                site_name: r.try_get("name")?,
                fee_ore: r.try_get("monthly_fee_ore")?,
            })
        })
        .collect::<Result<_, sqlx::Error>>()
        .map_err(StoreError::from)
}
