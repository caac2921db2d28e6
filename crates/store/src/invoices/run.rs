//! The monthly invoice run: one invoice per company for what the month has not yet
//! billed, all issued in one transaction.

use super::billable::{Fee, Visit, Work, billable_fees, billable_visits, billable_work};
use super::document::{Document, Invoice, insert_document};
use super::period::Period;
use super::series::{next_number, open_series};
use crate::{Actor, Store, StoreError};
use chrono::{Datelike, NaiveDate};
use domain::catalogue::TaskType;
use domain::contact::Locale;
use domain::invoice::{Billable, Line};
use domain::money::Money;
use sqlx::Row;
use std::collections::BTreeMap;

impl Store {
    /// Issues the period's invoices: one per company with confirmed hours, Flex Waste
    /// visits or subscription fees in the month not yet billed, dated `issue_date`. Everything happens in one transaction, which
    /// also takes the year's number series first, so runs at the same time wait for each
    /// other: no gap, no duplicate, and a run that dies leaves no half invoice. A period
    /// already invoiced issues nothing new.
    pub async fn run_invoices(
        &self,
        period: Period,
        issue_date: NaiveDate,
        by: &Actor,
    ) -> Result<Vec<Invoice>, StoreError> {
        let mut tx = self.write().await?;
        let year = issue_date.year();
        let seller = open_series(&mut tx, year).await?;
        let work = billable_work(&mut tx, period).await?;
        let visits = billable_visits(&mut tx, period).await?;
        let fees = billable_fees(&mut tx, period).await?;
        type Billed<'a> = (Vec<&'a Work>, Vec<&'a Visit>, Vec<&'a Fee>);
        let mut by_company: BTreeMap<i64, Billed> = BTreeMap::new();
        for w in &work {
            by_company.entry(w.company).or_default().0.push(w);
        }
        for v in &visits {
            by_company.entry(v.company).or_default().1.push(v);
        }
        for f in &fees {
            by_company.entry(f.company).or_default().2.push(f);
        }
        let mut ids = Vec::new();
        for (company, (work, visits, fees)) in by_company {
            let mut lines = lines_for(&mut tx, company, &work).await?;
            lines.extend(visit_lines(&visits));
            lines.extend(fees.iter().map(|f| {
                Line::month(
                    format!("Abonnement, Flex Waste — {}", f.site_name),
                    Money::from_ore(f.fee_ore),
                )
            }));
            let number = next_number(&mut tx, year).await?;
            let id = insert_document(
                &mut tx,
                &Document {
                    number: &number,
                    kind: "invoice",
                    credits: None,
                    reason: None,
                    period: &period.label(),
                    company,
                    seller: &seller,
                    issue_date,
                    lines: &lines,
                },
                by,
            )
            .await?;
            for w in &work {
                sqlx::query(
                    "INSERT INTO invoice_entries (invoice_id, time_entry_id) VALUES ($1, $2)",
                )
                .bind(id)
                .bind(w.entry)
                .execute(&mut *tx)
                .await?;
            }
            for v in &visits {
                sqlx::query(
                    "INSERT INTO invoice_visits (invoice_id, site_id, pickup_on, price_ore) VALUES ($1, $2, $3, $4)",
                )
                .bind(id)
                .bind(v.site_id)
                .bind(v.day.to_string())
                .bind(v.price_ore)
                .execute(&mut *tx)
                .await?;
            }
            for f in &fees {
                sqlx::query(
                    "INSERT INTO invoice_fees (invoice_id, subscription_id, period) VALUES ($1, $2, $3)",
                )
                .bind(id)
                .bind(f.subscription_id)
                .bind(period.label())
                .execute(&mut *tx)
                .await?;
            }
            ids.push(id);
        }
        tx.commit().await?;
        let mut issued = Vec::with_capacity(ids.len());
        for id in ids {
            issued.push(self.invoice_by_id(id).await?);
        }
        Ok(issued)
    }
}

/// One line per site and price: the visits at that price, after the hours' lines.
fn visit_lines(visits: &[&Visit]) -> Vec<Line> {
    let mut by_site: BTreeMap<(&str, i64, i64), i64> = BTreeMap::new();
    for v in visits {
        *by_site
            .entry((v.site_name.as_str(), v.site_id, v.price_ore))
            .or_default() += 1;
    }
    by_site
        .into_iter()
        .map(|((name, _, price), count)| {
            Line::visits(
                format!("Afhentning af affald — {name}"),
                count,
                Money::from_ore(price),
            )
        })
        .collect()
}

/// One line per task type, priced by the company's agreement for it (the latest, even
/// if since ended: the work was done under it).
async fn lines_for(
    conn: &mut sqlx::AnyConnection,
    company: i64,
    work: &[&Work],
) -> Result<Vec<Line>, StoreError> {
    let mut by_type: BTreeMap<&str, Vec<i64>> = BTreeMap::new();
    for w in work {
        by_type.entry(&w.task_type).or_default().push(w.minutes);
    }
    let mut lines = Vec::new();
    for (task_type, minutes) in by_type {
        let row = sqlx::query(
            "SELECT price_per_hour_ore, min_billable_minutes FROM agreements WHERE company_id = $1 AND task_type = $2 ORDER BY id DESC LIMIT 1",
        )
        .bind(company)
        .bind(task_type)
        .fetch_optional(&mut *conn)
        .await?
        .ok_or_else(|| StoreError::Conflict(format!("company {company} has no agreement for {task_type}")))?;
        let description = TaskType::parse(task_type)
            .map(|t| t.label(Locale::Da).to_string())
            .unwrap_or_else(|_| task_type.to_string());
        let min: i64 = row.try_get("min_billable_minutes")?;
        lines.push(
            Billable {
                description,
                price_per_hour: Money::from_ore(row.try_get("price_per_hour_ore")?),
                min_billable_minutes: u16::try_from(min).unwrap_or(0),
                minutes,
            }
            .line(),
        );
    }
    Ok(lines)
}
