//! The company's invoices and credit notes, to download.

use super::*;
use crate::pages::{Layout, Page, PageResult, invoice_download, invoice_file, render};
use askama::Template;
use axum::extract::{Path, State};
use service::billing;
use store::Store;

/// One issued document as the invoices page lists it.
pub(super) struct InvoiceRow {
    number: String,
    /// "Invoice" or "Credit note for 2026-0001".
    kind: String,
    iso_date: String,
    date: String,
    period: String,
    total: String,
    pdf_label: String,
    xml_label: String,
}

#[derive(Template)]
#[template(path = "company/invoices.html")]
pub(super) struct Invoices {
    layout: Layout,
    invoices: Vec<InvoiceRow>,
}

pub(super) async fn invoices(State(store): State<Store>, page: Page) -> PageResult {
    let (caller, _) = contact(&page)?;
    let t = page.t;
    let mut rows: Vec<InvoiceRow> = billing::invoices(&store, &caller.actor())
        .await?
        .into_iter()
        .map(|i| InvoiceRow {
            kind: match &i.credits {
                Some(number) => t.fill("company.invoices.credit_note", &[("number", number)]),
                None => t.get("company.invoices.invoice").to_string(),
            },
            iso_date: i.issue_date.to_string(),
            date: day_text(t, i.issue_date),
            period: i.period,
            total: t.fill(
                "company.invoices.amount",
                &[(
                    "kroner",
                    &domain::money::Money::from_ore(i.totals.total_ore).kroner(),
                )],
            ),
            pdf_label: t.fill("company.invoices.pdf", &[("number", &i.number)]),
            xml_label: t.fill("company.invoices.xml", &[("number", &i.number)]),
            number: i.number,
        })
        .collect();
    // Numbers run without gaps, so the newest has the highest.
    rows.reverse();
    Ok(render(&Invoices {
        layout: page.layout(),
        invoices: rows,
    }))
}

/// `2027-0001.pdf` or `.xml`: the document as a download, if it is the company's.
pub(super) async fn download(
    State(store): State<Store>,
    page: Page,
    Path(file): Path<String>,
) -> PageResult {
    let (caller, _) = contact(&page)?;
    let (number, extension) = invoice_file(&file)?;
    let invoice = billing::invoice(&store, &caller.actor(), number).await?;
    invoice_download(&invoice, extension)
}
