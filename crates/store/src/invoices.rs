//! Invoices: one per company per run, for the confirmed hours, the Flex Waste visits and
//! the subscriptions' monthly fees of a month, numbered without gaps per year in the
//! transaction that issues them. An issued document never changes; a credit note — a
//! document with its own number — corrects an invoice, and the hours, visits and fees it
//! billed can then be billed again.

use crate::{Actor, Store, StoreError, now};
use chrono::{Datelike, Duration, NaiveDate};
use domain::catalogue::TaskType;
use domain::contact::Locale;
use domain::invoice::{Billable, Line, Totals, Unit, totals};
use domain::money::Money;
use serde::Serialize;
use sqlx::Row;
use sqlx::any::AnyRow;
use std::collections::{BTreeMap, BTreeSet};

/// The agency's own details, printed as the seller on every invoice.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Seller {
    pub name: String,
    pub cvr: String,
    pub address: String,
    /// Danish registration and account number, `1234 5678901234`.
    pub bank_account: String,
    /// Days from issue to due date.
    pub payment_days: u32,
}

/// A calendar month to invoice.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Period {
    pub year: i32,
    pub month: u32,
}

impl Period {
    /// Parses `2026-10`.
    pub fn parse(text: &str) -> Result<Self, String> {
        let bad = || format!("{text:?} is not a month like 2026-10");
        let (y, m) = text.trim().split_once('-').ok_or_else(bad)?;
        let period = Period {
            year: y.parse().map_err(|_| bad())?,
            month: m.parse().map_err(|_| bad())?,
        };
        NaiveDate::from_ymd_opt(period.year, period.month, 1).ok_or_else(bad)?;
        Ok(period)
    }

    pub fn first_day(self) -> NaiveDate {
        NaiveDate::from_ymd_opt(self.year, self.month, 1).expect("checked when parsed")
    }

    /// The first day of the next month.
    pub fn end(self) -> NaiveDate {
        let (y, m) = if self.month == 12 {
            (self.year + 1, 1)
        } else {
            (self.year, self.month + 1)
        };
        NaiveDate::from_ymd_opt(y, m, 1).expect("a valid month")
    }

    pub fn label(self) -> String {
        format!("{:04}-{:02}", self.year, self.month)
    }
}

/// An issued invoice or credit note, as stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Invoice {
    pub id: i64,
    pub number: String,
    /// `invoice` or `credit_note`.
    pub kind: String,
    /// For a credit note: the number of the invoice it credits.
    pub credits: Option<String>,
    pub reason: Option<String>,
    pub period: String,
    pub company_id: i64,
    pub buyer_name: String,
    pub buyer_cvr: String,
    pub buyer_address: String,
    pub buyer_einvoice: Option<String>,
    pub seller: Seller,
    pub issue_date: NaiveDate,
    pub due_date: NaiveDate,
    pub lines: Vec<Line>,
    pub totals: Totals,
    pub created_at: String,
    pub created_by: String,
}

/// A Flex Waste visit not yet billed, with the company that pays for it.
struct Visit {
    company: i64,
    site_id: i64,
    site_name: String,
    day: NaiveDate,
    price_ore: i64,
}

/// A Flex Waste subscription's monthly fee not yet billed for the period.
struct Fee {
    company: i64,
    subscription_id: i64,
    site_name: String,
    fee_ore: i64,
}

/// A confirmed, uninvoiced time entry with what its line needs.
struct Work {
    entry: i64,
    company: i64,
    task_type: String,
    minutes: i64,
}

impl Store {
    /// Sets the agency's details (the seller on every invoice from now on).
    pub async fn set_seller(&self, seller: &Seller) -> Result<(), StoreError> {
        let mut tx = self.write().await?;
        sqlx::query("DELETE FROM seller").execute(&mut *tx).await?;
        sqlx::query(
            "INSERT INTO seller (id, name, cvr, address, bank_account, payment_days, updated_at) VALUES (1, $1, $2, $3, $4, $5, $6)",
        )
        .bind(seller.name.as_str())
        .bind(seller.cvr.as_str())
        .bind(seller.address.as_str())
        .bind(seller.bank_account.as_str())
        .bind(i64::from(seller.payment_days))
        .bind(now())
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(())
    }

    pub async fn seller(&self) -> Result<Option<Seller>, StoreError> {
        let mut conn = self.pool.acquire().await?;
        seller(&mut conn).await
    }

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

    /// Credits an invoice in full with a credit note of its own number; the hours, visits
    /// and fees it billed can be billed again (after a correction, say).
    pub async fn credit_invoice(
        &self,
        number: &str,
        reason: &str,
        issue_date: NaiveDate,
        by: &Actor,
    ) -> Result<Invoice, StoreError> {
        if reason.trim().is_empty() {
            return Err(StoreError::invalid(
                "reason",
                "must say why the invoice is credited",
            ));
        }
        let original = self.invoice(number).await?;
        if original.kind != "invoice" {
            return Err(StoreError::Conflict(format!(
                "{number} is a credit note; only invoices are credited"
            )));
        }
        let mut tx = self.write().await?;
        let year = issue_date.year();
        let seller = open_series(&mut tx, year).await?;
        let credit_number = next_number(&mut tx, year).await?;
        let id = insert_document(
            &mut tx,
            &Document {
                number: &credit_number,
                kind: "credit_note",
                credits: Some(original.id),
                reason: Some(reason.trim()),
                period: &original.period,
                company: original.company_id,
                seller: &seller,
                issue_date,
                lines: &original.lines,
            },
            by,
        )
        .await
        .map_err(|e| match e {
            StoreError::Database(sqlx::Error::Database(db)) if db.is_unique_violation() => {
                StoreError::Conflict(format!("{number} is already credited"))
            }
            other => other,
        })?;
        tx.commit().await?;
        self.invoice_by_id(id).await
    }

    /// An issued document by number.
    pub async fn invoice(&self, number: &str) -> Result<Invoice, StoreError> {
        let row = sqlx::query("SELECT id FROM invoices WHERE number = $1")
            .bind(number)
            .fetch_optional(&self.pool)
            .await?;
        match row {
            Some(r) => self.invoice_by_id(r.try_get("id")?).await,
            None => Err(StoreError::invalid(
                "number",
                format!("there is no invoice {number}"),
            )),
        }
    }

    /// Every issued document, oldest first.
    pub async fn invoices(&self) -> Result<Vec<Invoice>, StoreError> {
        let rows = sqlx::query("SELECT id FROM invoices ORDER BY id")
            .fetch_all(&self.pool)
            .await?;
        let mut all = Vec::with_capacity(rows.len());
        for r in rows {
            all.push(self.invoice_by_id(r.try_get("id")?).await?);
        }
        Ok(all)
    }

    async fn invoice_by_id(&self, id: i64) -> Result<Invoice, StoreError> {
        let row = sqlx::query(
            "SELECT i.*, c.number AS credits_number FROM invoices i LEFT JOIN invoices c ON c.id = i.credits WHERE i.id = $1",
        )
        .bind(id)
        .fetch_optional(&self.pool)
        .await?
        .ok_or(StoreError::NotFound { what: "invoice", id })?;
        let lines = sqlx::query(
            "SELECT description, unit, quantity, unit_price_ore, net_ore FROM invoice_lines WHERE invoice_id = $1 ORDER BY position",
        )
        .bind(id)
        .fetch_all(&self.pool)
        .await?
        .iter()
        .map(|r| {
            let unit: String = r.try_get("unit")?;
            Ok(Line {
                description: r.try_get("description")?,
                unit: Unit::parse(&unit).map_err(|reason| StoreError::Corrupt {
                    what: "invoice",
                    id,
                    reason,
                })?,
                quantity: r.try_get("quantity")?,
                unit_price_ore: r.try_get("unit_price_ore")?,
                net_ore: r.try_get("net_ore")?,
            })
        })
        .collect::<Result<Vec<_>, StoreError>>()?;
        invoice_from_row(&row, lines)
    }
}

/// Takes the year's series for the transaction and reads the seller every document
/// names; refuses when the agency's details are not set.
async fn open_series(conn: &mut sqlx::AnyConnection, year: i32) -> Result<Seller, StoreError> {
    take_series(conn, year).await?;
    seller(conn).await?.ok_or_else(|| {
        StoreError::Conflict("the agency's own details (seller) are not set; set them first".into())
    })
}

/// Creates the year's series if new and locks its row for the rest of the transaction,
/// before anything is read: a second run waits here until the first has committed.
async fn take_series(conn: &mut sqlx::AnyConnection, year: i32) -> Result<(), StoreError> {
    sqlx::query(
        "INSERT INTO invoice_series (year, last) VALUES ($1, 0) ON CONFLICT (year) DO NOTHING",
    )
    .bind(i64::from(year))
    .execute(&mut *conn)
    .await?;
    sqlx::query("UPDATE invoice_series SET last = last WHERE year = $1")
        .bind(i64::from(year))
        .execute(&mut *conn)
        .await?;
    Ok(())
}

/// The next number of the year's series, `2026-0001`.
async fn next_number(conn: &mut sqlx::AnyConnection, year: i32) -> Result<String, StoreError> {
    let row =
        sqlx::query("UPDATE invoice_series SET last = last + 1 WHERE year = $1 RETURNING last")
            .bind(i64::from(year))
            .fetch_one(&mut *conn)
            .await?;
    let last: i64 = row.try_get("last")?;
    Ok(format!("{year:04}-{last:04}"))
}

async fn seller(conn: &mut sqlx::AnyConnection) -> Result<Option<Seller>, StoreError> {
    let row = sqlx::query(
        "SELECT name, cvr, address, bank_account, payment_days FROM seller WHERE id = 1",
    )
    .fetch_optional(&mut *conn)
    .await?;
    row.map(|r| {
        let days: i64 = r.try_get("payment_days")?;
        Ok(Seller {
            name: r.try_get("name")?,
            cvr: r.try_get("cvr")?,
            address: r.try_get("address")?,
            bank_account: r.try_get("bank_account")?,
            payment_days: u32::try_from(days).unwrap_or(0),
        })
    })
    .transpose()
}

/// Confirmed worked hours of the month that count (not corrected) and are not billed by
/// an invoice that stands (one not credited).
async fn billable_work(
    conn: &mut sqlx::AnyConnection,
    period: Period,
) -> Result<Vec<Work>, StoreError> {
    let rows = sqlx::query(
        "SELECT e.id, e.minutes, t.company_id, t.task_type FROM time_entries e JOIN tasks t ON t.id = e.task_id \
         WHERE e.kind = 'worked' AND e.confirmed_at IS NOT NULL AND e.minutes IS NOT NULL \
         AND e.occurrence >= $1 AND e.occurrence < $2 \
         AND NOT EXISTS (SELECT 1 FROM time_entries c WHERE c.corrects = e.id) \
         AND NOT EXISTS (SELECT 1 FROM invoice_entries ie JOIN invoices i ON i.id = ie.invoice_id \
             WHERE ie.time_entry_id = e.id AND NOT EXISTS (SELECT 1 FROM invoices cn WHERE cn.credits = i.id)) \
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
            })
        })
        .collect::<Result<_, sqlx::Error>>()
        .map_err(StoreError::from)
}

/// The month's billed Flex Waste visits (see [`crate::waste_month`]) that cost something
/// and are not billed by an invoice that stands (one not credited), with the company
/// that owns the site.
async fn billable_visits(
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
async fn billable_fees(
    conn: &mut sqlx::AnyConnection,
    period: Period,
) -> Result<Vec<Fee>, StoreError> {
    let last_day = period.end().pred_opt().expect("a month has a last day");
    let rows = sqlx::query(
        "SELECT w.id, w.monthly_fee_ore, s.company_id, s.name FROM waste_subscriptions w \
         JOIN sites s ON s.id = w.site_id JOIN companies c ON c.id = s.company_id \
         WHERE c.deleted_at IS NULL AND w.monthly_fee_ore > 0 AND w.starts_on <= $1 \
         AND (w.ends_on IS NULL OR w.ends_on >= $2) \
         AND NOT EXISTS (SELECT 1 FROM invoice_fees f JOIN invoices i ON i.id = f.invoice_id \
             WHERE f.subscription_id = w.id AND f.period = $3 \
             AND NOT EXISTS (SELECT 1 FROM invoices cn WHERE cn.credits = i.id)) \
         ORDER BY s.company_id, s.position, s.id, w.id",
    )
    .bind(last_day.to_string())
    .bind(period.first_day().to_string())
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

/// What is written for one document.
struct Document<'a> {
    number: &'a str,
    kind: &'a str,
    credits: Option<i64>,
    reason: Option<&'a str>,
    period: &'a str,
    company: i64,
    seller: &'a Seller,
    issue_date: NaiveDate,
    lines: &'a [Line],
}

async fn insert_document(
    conn: &mut sqlx::AnyConnection,
    doc: &Document<'_>,
    by: &Actor,
) -> Result<i64, StoreError> {
    let buyer = sqlx::query("SELECT name, cvr, einvoice_address FROM companies WHERE id = $1")
        .bind(doc.company)
        .fetch_one(&mut *conn)
        .await?;
    let address: Option<String> =
        sqlx::query("SELECT address FROM sites WHERE company_id = $1 ORDER BY position LIMIT 1")
            .bind(doc.company)
            .fetch_optional(&mut *conn)
            .await?
            .map(|r| r.try_get("address"))
            .transpose()?;
    let t = totals(doc.lines);
    let due = doc.issue_date + Duration::days(i64::from(doc.seller.payment_days));
    let buyer_name: String = buyer.try_get("name")?;
    let buyer_cvr: String = buyer.try_get("cvr")?;
    let buyer_einvoice: Option<String> = buyer.try_get("einvoice_address")?;
    let id: i64 = sqlx::query(
        "INSERT INTO invoices (number, kind, credits, reason, period, company_id, buyer_name, buyer_cvr, buyer_address, \
         buyer_einvoice, seller_name, seller_cvr, seller_address, seller_bank_account, issue_date, due_date, net_ore, vat_ore, \
         total_ore, created_at, created_by) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, \
         $18, $19, $20, $21) RETURNING id",
    )
    .bind(doc.number)
    .bind(doc.kind)
    .bind(doc.credits)
    .bind(doc.reason)
    .bind(doc.period)
    .bind(doc.company)
    .bind(buyer_name)
    .bind(buyer_cvr)
    .bind(address.unwrap_or_default())
    .bind(buyer_einvoice)
    .bind(doc.seller.name.as_str())
    .bind(doc.seller.cvr.as_str())
    .bind(doc.seller.address.as_str())
    .bind(doc.seller.bank_account.as_str())
    .bind(doc.issue_date.to_string())
    .bind(due.to_string())
    .bind(t.net_ore)
    .bind(t.vat_ore)
    .bind(t.total_ore)
    .bind(now())
    .bind(by.0.as_str())
    .fetch_one(&mut *conn)
    .await?
    .try_get("id")?;
    for (position, line) in doc.lines.iter().enumerate() {
        sqlx::query(
            "INSERT INTO invoice_lines (invoice_id, position, description, unit, quantity, unit_price_ore, net_ore) VALUES ($1, $2, $3, $4, $5, $6, $7)",
        )
        .bind(id)
        .bind(position as i64)
        .bind(line.description.as_str())
        .bind(line.unit.as_str())
        .bind(line.quantity)
        .bind(line.unit_price_ore)
        .bind(line.net_ore)
        .execute(&mut *conn)
        .await?;
    }
    Ok(id)
}

fn invoice_from_row(row: &AnyRow, lines: Vec<Line>) -> Result<Invoice, StoreError> {
    let id: i64 = row.try_get("id")?;
    let date = |column: &str| -> Result<NaiveDate, StoreError> {
        let text: String = row.try_get(column)?;
        text.parse().map_err(|_| StoreError::Corrupt {
            what: "invoice",
            id,
            reason: format!("{column} {text:?}"),
        })
    };
    let days: i64 = (date("due_date")? - date("issue_date")?).num_days();
    Ok(Invoice {
        id,
        number: row.try_get("number")?,
        kind: row.try_get("kind")?,
        credits: row.try_get("credits_number")?,
        reason: row.try_get("reason")?,
        period: row.try_get("period")?,
        company_id: row.try_get("company_id")?,
        buyer_name: row.try_get("buyer_name")?,
        buyer_cvr: row.try_get("buyer_cvr")?,
        buyer_address: row.try_get("buyer_address")?,
        buyer_einvoice: row.try_get("buyer_einvoice")?,
        seller: Seller {
            name: row.try_get("seller_name")?,
            cvr: row.try_get("seller_cvr")?,
            address: row.try_get("seller_address")?,
            bank_account: row.try_get("seller_bank_account")?,
            payment_days: u32::try_from(days).unwrap_or(0),
        },
        issue_date: date("issue_date")?,
        due_date: date("due_date")?,
        totals: Totals {
            net_ore: row.try_get("net_ore")?,
            vat_ore: row.try_get("vat_ore")?,
            total_ore: row.try_get("total_ore")?,
        },
        lines,
        created_at: row.try_get("created_at")?,
        created_by: row.try_get("created_by")?,
    })
}

/// One worker's hours in a month, with the wage each was worked at, for the payroll.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WorkedMonth {
    pub person_id: i64,
    pub name: String,
    pub email: String,
    /// (minutes, wage per hour in øre) per time entry.
    pub work: Vec<(i64, i64)>,
}

impl Store {
    /// Every worker's counting hours in the month (complete, not corrected; confirmed or
    /// not — every hour worked is paid), at the wage of the company's agreement.
    pub async fn worked_month(&self, period: Period) -> Result<Vec<WorkedMonth>, StoreError> {
        let rows = sqlx::query(
            "SELECT p.id AS person_id, p.name, p.email, e.minutes, \
             (SELECT a.wage_per_hour_ore FROM agreements a WHERE a.company_id = t.company_id AND a.task_type = t.task_type \
              ORDER BY a.id DESC LIMIT 1) AS wage \
             FROM time_entries e JOIN tasks t ON t.id = e.task_id JOIN people p ON p.id = e.person_id \
             WHERE e.kind = 'worked' AND e.minutes IS NOT NULL AND e.occurrence >= $1 AND e.occurrence < $2 \
             AND NOT EXISTS (SELECT 1 FROM time_entries c WHERE c.corrects = e.id) \
             ORDER BY p.id, e.occurrence, e.id",
        )
        .bind(period.first_day().to_string())
        .bind(period.end().to_string())
        .fetch_all(&self.pool)
        .await?;
        let mut months: Vec<WorkedMonth> = Vec::new();
        for r in rows {
            let person_id: i64 = r.try_get("person_id")?;
            let wage: Option<i64> = r.try_get("wage")?;
            let minutes: i64 = r.try_get("minutes")?;
            let wage = wage.ok_or_else(|| {
                StoreError::Conflict(format!(
                    "person {person_id} worked a task with no agreement to pay it"
                ))
            })?;
            match months.last_mut() {
                Some(m) if m.person_id == person_id => m.work.push((minutes, wage)),
                _ => months.push(WorkedMonth {
                    person_id,
                    name: r.try_get("name")?,
                    email: r.try_get("email")?,
                    work: vec![(minutes, wage)],
                }),
            }
        }
        Ok(months)
    }
}
