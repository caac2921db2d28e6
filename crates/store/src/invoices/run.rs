//! The monthly invoice run: one invoice per company for what the month has not yet
//! billed, all issued in one transaction; and its preview, the same invoices unissued.

use super::billable::{Fee, Visit, Work, billable_fees, billable_visits, billable_work};
use super::document::{Document, Invoice, insert_document};
use super::seller::Seller;
use super::series::{next_number, open_series};
use crate::agreements::latest_agreement;
use crate::sql::assembled;
use crate::{Actor, Refusal, Store, StoreError};
use chrono::{Datelike, NaiveDate};
use domain::invoice::Period;
use domain::invoice::{
    AgreementPrice, BilledVisit, Line, MonthlyFee, NotBillable, Totals, WorkedMinutes,
    compose_lines, task_types, totals,
};
use domain::money::Money;
use sqlx::Row;
use std::collections::BTreeMap;

impl Store {
    /// Issues the period's invoices: one per company and service with confirmed hours
    /// (Small Jobs, the agency as seller), or Flex Waste visits or subscription fees
    /// (Flex Waste as seller) in the month not yet billed, dated `issue_date`. Everything happens in one transaction, which
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
        let seller = open_series(&mut tx, issue_date).await?;
        let flexwaste = Seller {
            name: super::seller::flexwaste_name(&mut tx).await?,
            ..seller.clone()
        };
        let work = billable_work(&mut tx, period).await?;
        let visits = billable_visits(&mut tx, period).await?;
        let fees = billable_fees(&mut tx, period).await?;
        let mut ids = Vec::new();
        for ((company, service), (work, visits, fees)) in by_company(&work, &visits, &fees) {
            let lines = lines_for(&mut tx, company, &work, &visits, &fees).await?;
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
                    seller: match service {
                        Service::SmallJobs => &seller,
                        Service::FlexWaste => &flexwaste,
                    },
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
            write_annex(&mut tx, id, &work).await?;
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

/// What one company's invoice of a run would say, before anything is issued.
#[derive(Debug, Clone, PartialEq)]
pub struct Preview {
    pub company: i64,
    pub company_name: String,
    /// Which service bills: each has its own invoice.
    pub service: Service,
    /// The seller the invoice would name: the agency, or Flex Waste.
    pub seller_name: String,
    pub lines: Vec<Line>,
    pub totals: Totals,
}

impl Store {
    /// What [`Store::run_invoices`] would issue for `period` now, company by company, with
    /// the same lines and totals; nothing is written and no number is taken. The same
    /// refusals (no agreement, sums too large) come back as they would from the run.
    pub async fn preview_invoices(&self, period: Period) -> Result<Vec<Preview>, StoreError> {
        let mut conn = self.pool.acquire().await?;
        let work = billable_work(&mut conn, period).await?;
        let visits = billable_visits(&mut conn, period).await?;
        let fees = billable_fees(&mut conn, period).await?;
        let agency = super::seller::seller(&mut conn).await?.map(|s| s.name);
        let flexwaste = super::seller::flexwaste_name(&mut conn).await?;
        let mut previews = Vec::new();
        for ((company, service), (work, visits, fees)) in by_company(&work, &visits, &fees) {
            let lines = lines_for(&mut conn, company, &work, &visits, &fees).await?;
            let totals =
                totals(&lines).map_err(|_| StoreError::Refused(Refusal::TooLarge { company }))?;
            let company_name: String =
                sqlx::query_scalar("SELECT name FROM companies WHERE id = $1")
                    .bind(company)
                    .fetch_one(&mut *conn)
                    .await?;
            previews.push(Preview {
                company,
                company_name,
                service,
                seller_name: match service {
                    Service::SmallJobs => agency.clone().unwrap_or_default(),
                    Service::FlexWaste => flexwaste.clone(),
                },
                lines,
                totals,
            });
        }
        Ok(previews)
    }
}

/// The service an invoice bills for: Small Jobs' hours, or Flex Waste's visits and
/// fees. A company using both gets one invoice from each, each naming its service as
/// the seller.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Service {
    SmallJobs,
    FlexWaste,
}

/// What a run bills, company by company and service by service.
type Billed<'a> = (Vec<&'a Work>, Vec<&'a Visit>, Vec<&'a Fee>);

fn by_company<'a>(
    work: &'a [Work],
    visits: &'a [Visit],
    fees: &'a [Fee],
) -> BTreeMap<(i64, Service), Billed<'a>> {
    let mut billed: BTreeMap<(i64, Service), Billed> = BTreeMap::new();
    for w in work {
        billed
            .entry((w.company, Service::SmallJobs))
            .or_default()
            .0
            .push(w);
    }
    for v in visits {
        billed
            .entry((v.company, Service::FlexWaste))
            .or_default()
            .1
            .push(v);
    }
    for f in fees {
        billed
            .entry((f.company, Service::FlexWaste))
            .or_default()
            .2
            .push(f);
    }
    billed
}

/// The company's lines, composed by the domain from its work, priced by its agreements
/// (the latest for each task type, even if since ended: the work was done under it), its
/// visits and its fees; lines whose sums cannot be reckoned exactly are refused here,
/// before the invoice takes a number.
async fn lines_for(
    conn: &mut sqlx::AnyConnection,
    company: i64,
    work: &[&Work],
    visits: &[&Visit],
    fees: &[&Fee],
) -> Result<Vec<Line>, StoreError> {
    let work: Vec<WorkedMinutes> = work
        .iter()
        .map(|w| WorkedMinutes {
            task_type: w.task_type.clone(),
            minutes: w.minutes,
        })
        .collect();
    let mut prices = BTreeMap::new();
    for task_type in task_types(&work) {
        let sql = latest_agreement("a.price_per_hour_ore, a.min_billable_minutes", "$1", "$2");
        let found = sqlx::query(assembled(sql))
            .bind(company)
            .bind(task_type)
            .fetch_optional(&mut *conn)
            .await?;
        if let Some(row) = found {
            let min: i64 = row.try_get("min_billable_minutes")?;
            let price = AgreementPrice {
                price_per_hour: Money::from_ore(row.try_get("price_per_hour_ore")?),
                min_billable_minutes: u16::try_from(min).unwrap_or(0),
            };
            prices.insert(task_type.to_string(), price);
        }
    }
    let visits: Vec<BilledVisit> = visits
        .iter()
        .map(|v| BilledVisit {
            site_id: v.site_id,
            site_name: v.site_name.clone(),
            price_ore: v.price_ore,
        })
        .collect();
    let fees: Vec<MonthlyFee> = fees
        .iter()
        .map(|f| MonthlyFee {
            site_name: f.site_name.clone(),
            fee_ore: f.fee_ore,
        })
        .collect();
    let (lines, _) = compose_lines(&work, &prices, &visits, &fees).map_err(|e| match e {
        NotBillable::NoAgreement(task_type) => {
            StoreError::Refused(Refusal::NoAgreement { company, task_type })
        }
        NotBillable::TooLarge(_) => StoreError::Refused(Refusal::TooLarge { company }),
    })?;
    Ok(lines)
}

/// The invoice's annex: its shifts by date, task and worker, as they are now.
async fn write_annex(
    tx: &mut sqlx::AnyConnection,
    invoice: i64,
    work: &[&Work],
) -> Result<(), StoreError> {
    let mut shifts: Vec<&&Work> = work.iter().collect();
    shifts.sort_by(|a, b| (&a.day, &a.task, &a.worker).cmp(&(&b.day, &b.task, &b.worker)));
    for (position, w) in shifts.iter().enumerate() {
        sqlx::query(
            "INSERT INTO invoice_annex (invoice_id, position, day, task, worker, minutes) VALUES ($1, $2, $3, $4, $5, $6)",
        )
        .bind(invoice)
        .bind(i64::try_from(position).unwrap_or(i64::MAX))
        .bind(&w.day)
        .bind(&w.task)
        .bind(&w.worker)
        .bind(w.minutes)
        .execute(&mut *tx)
        .await?;
    }
    Ok(())
}
