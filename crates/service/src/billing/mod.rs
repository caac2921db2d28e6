//! Billing: the monthly invoice run, credit notes, and the documents buyers receive.
//!
//! - [`documents`]: an issued invoice or credit note as Peppol UBL XML and a Danish PDF.
//!
//! Issued documents never change: a mistake is put right by a credit note, which frees
//! its hours and visits to be billed again.

pub mod documents;

use crate::{Result, ServiceError};
use chrono::NaiveDate;
use domain::actor::Actor;
use domain::calendar::parse_date;
use domain::invoice::{CreditReason, Seller};
use domain::problem::{Errors, Invalid};
use store::Store;
use store::invoices::{Invoice, Period};

/// A document ready to download: its bytes, their type and the file name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocumentFile {
    pub name: String,
    pub content_type: &'static str,
    pub bytes: Vec<u8>,
}

/// The two forms an issued document is sent in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Pdf,
    Ubl,
}

/// The issue date given (`date`), or `today` when none is.
pub fn issue_date(text: Option<&str>, today: NaiveDate) -> Result<NaiveDate> {
    match text {
        Some(t) => parse_date(t).map_err(|e| ServiceError::invalid("date", e.0)),
        None => Ok(today),
    }
}

/// What an invoice run is asked for: the month, the issue date, and whether a month
/// not yet ended may be invoiced.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RunRequest {
    pub period: Period,
    pub date: NaiveDate,
    /// Invoice the current month before it has ended (`--open-month`, `"open_month": true`).
    pub open_month: bool,
}

/// Why a month cannot be invoiced on a day, for each edge to say in its own words.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NotYet {
    NotBegun,
    /// Not ended, and no open month was asked for: a month is invoiced once, when all its
    /// hours can be confirmed.
    NotEnded,
}

impl RunRequest {
    /// Whether the month may be invoiced on `today`: once it has ended, or once it has
    /// begun when an open month is asked for.
    pub fn not_yet(&self, today: NaiveDate) -> Option<NotYet> {
        if self.period.first_day() > today {
            Some(NotYet::NotBegun)
        } else if !self.open_month && self.period.end() > today {
            Some(NotYet::NotEnded)
        } else {
            None
        }
    }

    /// Refuses, by field, a month [`Self::not_yet`] refuses and an issue date before the
    /// month begins.
    pub fn check(&self, today: NaiveDate) -> Result<()> {
        let mut errors = Errors::new();
        let label = self.period.label();
        match self.not_yet(today) {
            Some(NotYet::NotBegun) => errors.push("period", format!("{label} has not begun")),
            Some(NotYet::NotEnded) => errors.push(
                "period",
                format!(
                    "{label} has not ended; to invoice it now, ask for an open month \
                     (--open-month, or \"open_month\": true)"
                ),
            ),
            None => {}
        }
        if self.date < self.period.first_day() {
            errors.push(
                "date",
                format!(
                    "must not be before {label} begins ({})",
                    self.period.first_day()
                ),
            );
        }
        errors.done().map_err(ServiceError::Invalid)
    }
}

/// Issues the month's invoices for `period` (`2026-10`) dated `date` (today when none):
/// one per company with confirmed, unbilled hours or unbilled Flex Waste visits. A month
/// already invoiced issues nothing.
pub async fn run(
    store: &Store,
    period: &str,
    date: Option<&str>,
    open_month: bool,
    today: NaiveDate,
    by: &Actor,
) -> Result<Vec<Invoice>> {
    let request = requested(period, date, open_month, today)?;
    run_period(store, &request, today, by).await
}

/// The run asked for in text, `2026-10` and an optional issue date (today when none),
/// every bad field named.
pub fn requested(
    period: &str,
    date: Option<&str>,
    open_month: bool,
    today: NaiveDate,
) -> Result<RunRequest> {
    let mut errors = Errors::new();
    let period = errors.check("period", Period::parse(period).map_err(Invalid));
    let date = match issue_date(date, today) {
        Ok(date) => Some(date),
        Err(ServiceError::Invalid(found)) => {
            found.into_iter().for_each(|e| errors.add(e));
            None
        }
        Err(other) => return Err(other),
    };
    let (period, date) = errors
        .finish(|| Some((period?, date?)))
        .map_err(ServiceError::Invalid)?;
    Ok(RunRequest {
        period,
        date,
        open_month,
    })
}

/// Issues the invoices `request` asks for, once it is checked; nothing is written before.
pub async fn run_period(
    store: &Store,
    request: &RunRequest,
    today: NaiveDate,
    by: &Actor,
) -> Result<Vec<Invoice>> {
    crate::records::agency_only(by, "invoice run")?;
    request.check(today)?;
    let issued = store
        .run_invoices(request.period, request.date, &crate::recorded(by))
        .await?;
    crate::observe::report(crate::observe::Event::InvoiceRun(issued.len()));
    Ok(issued)
}

/// What a run as `request` asks would issue now, company by company; checked as the run
/// is, and nothing is written.
pub async fn preview(
    store: &Store,
    request: &RunRequest,
    today: NaiveDate,
    by: &Actor,
) -> Result<Vec<store::invoices::Preview>> {
    crate::records::agency_only(by, "invoice run")?;
    request.check(today)?;
    Ok(store.preview_invoices(request.period).await?)
}

/// Every issued document the acting person may see: a company contact their own
/// company's, a coordinator all.
pub async fn invoices(store: &Store, by: &Actor) -> Result<Vec<Invoice>> {
    let all = store.invoices().await?;
    Ok(all
        .into_iter()
        .filter(|i| by.sees_company(i.company_id))
        .collect())
}

/// One issued document the acting person may see; another company's is not found.
pub async fn invoice(store: &Store, by: &Actor, number: &str) -> Result<Invoice> {
    let invoice = store.invoice(number).await?;
    if by.sees_company(invoice.company_id) {
        Ok(invoice)
    } else {
        Err(ServiceError::not_found("invoice"))
    }
}

/// Credits an invoice in full with a credit note of its own number, dated `date`. Only
/// the agency credits.
pub async fn credit(
    store: &Store,
    number: &str,
    reason: &CreditReason,
    date: NaiveDate,
    by: &Actor,
) -> Result<Invoice> {
    crate::records::agency_only(by, "invoice")?;
    Ok(store
        .credit_invoice(number, reason.as_str(), date, &crate::recorded(by))
        .await?)
}

/// An issued document as the file a buyer receives.
pub fn file(invoice: &Invoice, format: Format) -> Result<DocumentFile> {
    Ok(match format {
        Format::Pdf => DocumentFile {
            name: documents::file_name(invoice, "pdf"),
            content_type: "application/pdf",
            bytes: documents::pdf(invoice).map_err(|e| ServiceError::Internal(e.to_string()))?,
        },
        Format::Ubl => DocumentFile {
            name: documents::file_name(invoice, "xml"),
            content_type: "application/xml",
            bytes: documents::ubl(invoice).into_bytes(),
        },
    })
}

/// The document `number` the acting person may see, as a file.
pub async fn document(
    store: &Store,
    by: &Actor,
    number: &str,
    format: Format,
) -> Result<DocumentFile> {
    file(&invoice(store, by, number).await?, format)
}

/// The longest payment term an invoice may give, in days.
pub const MAX_PAYMENT_DAYS: u32 = 365;

/// Sets the agency's details printed on every invoice from now on; issued invoices keep
/// the details they were issued with. A blank name or address, or a payment term over
/// [`MAX_PAYMENT_DAYS`], is refused by field.
pub async fn set_seller(store: &Store, by: &Actor, seller: &Seller) -> Result<()> {
    crate::records::agency_only(by, "seller")?;
    let mut fields = Errors::new();
    for (field, value) in [("name", &seller.name), ("address", &seller.address)] {
        if value.trim().is_empty() {
            fields.push(field, "cannot be empty: it is printed on every invoice");
        }
    }
    if seller.payment_days > MAX_PAYMENT_DAYS {
        fields.push(
            "payment_days",
            format!("{} is more than a year", seller.payment_days),
        );
    }
    fields.done().map_err(ServiceError::Invalid)?;
    Ok(store.set_seller(seller).await?)
}

/// The longest seller name Flex Waste's invoices print, in characters.
pub const MAX_SELLER_NAME_CHARS: usize = 200;

/// Sets the seller Flex Waste's invoices name ("Flex Waste — Aalborg Kommune"); its
/// other details are the agency's. A blank name, or one over
/// [`MAX_SELLER_NAME_CHARS`], is refused.
pub async fn set_flexwaste_name(store: &Store, by: &Actor, name: &str) -> Result<()> {
    crate::records::agency_only(by, "seller")?;
    let name = domain::contact::required_text(name, MAX_SELLER_NAME_CHARS)
        .map_err(|e| ServiceError::invalid("name", e.0))?;
    Ok(store.set_flexwaste_name(&name).await?)
}
