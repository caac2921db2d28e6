//! An issued document — invoice or credit note — as stored: written once with its
//! buyer, seller, lines and totals, never changed, and read back by number or id.

use super::seller::Seller;
use crate::{Actor, Refusal, Store, StoreError, now};
use chrono::{Duration, NaiveDate};
use domain::invoice::{AnnexRow, Line, Totals, Unit, totals};
use serde::Serialize;
use sqlx::Row;
use sqlx::any::AnyRow;

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
    /// The shifts an invoice bills, as written when it was issued; none on a credit note.
    pub annex: Vec<AnnexRow>,
    pub created_at: String,
    pub created_by: String,
}

impl Store {
    /// An issued document by number.
    pub async fn invoice(&self, number: &str) -> Result<Invoice, StoreError> {
        let row = sqlx::query("SELECT id FROM invoices WHERE number = $1")
            .bind(number)
            .fetch_optional(&self.pool)
            .await?;
        match row {
            Some(r) => self.invoice_by_id(r.try_get("id")?).await,
            None => Err(StoreError::NoSuch {
                what: "invoice",
                key: number.to_string(),
            }),
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

    pub(super) async fn invoice_by_id(&self, id: i64) -> Result<Invoice, StoreError> {
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
        let mut invoice = invoice_from_row(&row, lines)?;
        invoice.annex = sqlx::query(
            "SELECT day, task, worker, minutes FROM invoice_annex WHERE invoice_id = $1 ORDER BY position",
        )
        .bind(id)
        .fetch_all(&self.pool)
        .await?
        .iter()
        .map(|r| {
            let day: String = r.try_get("day")?;
            Ok(AnnexRow {
                day: domain::calendar::parse_date(&day).map_err(|e| StoreError::Corrupt {
                    what: "invoice",
                    id,
                    reason: e.0,
                })?,
                task: r.try_get("task")?,
                worker: r.try_get("worker")?,
                minutes: r.try_get("minutes")?,
            })
        })
        .collect::<Result<Vec<_>, StoreError>>()?;
        Ok(invoice)
    }
}

/// What is written for one document.
pub(super) struct Document<'a> {
    pub(super) number: &'a str,
    pub(super) kind: &'a str,
    pub(super) credits: Option<i64>,
    pub(super) reason: Option<&'a str>,
    pub(super) period: &'a str,
    pub(super) company: i64,
    pub(super) seller: &'a Seller,
    pub(super) issue_date: NaiveDate,
    pub(super) lines: &'a [Line],
}

pub(super) async fn insert_document(
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
    let t = totals(doc.lines).map_err(|_| {
        StoreError::Refused(Refusal::TooLarge {
            company: doc.company,
        })
    })?;
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
        annex: Vec::new(),
        created_at: row.try_get("created_at")?,
        created_by: row.try_get("created_by")?,
    })
}
