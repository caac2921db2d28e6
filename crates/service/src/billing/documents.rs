//! An issued invoice or credit note as the files a buyer receives: Peppol UBL XML and a
//! Danish PDF. The API serves them and `kommune invoice show` writes them, from this one
//! conversion of the stored document.

use reports::document::{Document, Kind, Party};
use store::invoices::Invoice;

/// The stored document as both writers take it: exactly what was issued.
pub fn document(invoice: &Invoice) -> Document {
    let kind = match &invoice.credits {
        Some(credited) => Kind::CreditNote {
            invoice_number: credited.clone(),
            reason: invoice.reason.clone().unwrap_or_default(),
        },
        None => Kind::Invoice {
            due_date: invoice.due_date,
        },
    };
    Document {
        kind,
        number: invoice.number.clone(),
        issue_date: invoice.issue_date,
        buyer_reference: invoice.period.clone(),
        seller: Party {
            name: invoice.seller.name.clone(),
            cvr: invoice.seller.cvr.clone(),
            address: invoice.seller.address.clone(),
            einvoice: None,
        },
        buyer: Party {
            name: invoice.buyer_name.clone(),
            cvr: invoice.buyer_cvr.clone(),
            address: invoice.buyer_address.clone(),
            einvoice: invoice.buyer_einvoice.clone(),
        },
        bank_account: invoice.seller.bank_account.clone(),
        payment_days: invoice.seller.payment_days,
        lines: invoice.lines.clone(),
        totals: invoice.totals,
        annex: invoice.annex.clone(),
    }
}

/// The Peppol BIS Billing 3.0 UBL XML.
pub fn ubl(invoice: &Invoice) -> String {
    reports::ubl::to_xml(&document(invoice))
}

/// The PDF.
pub fn pdf(invoice: &Invoice) -> Result<Vec<u8>, reports::pdf::PdfError> {
    reports::pdf::to_pdf(&document(invoice))
}

/// The file name a download gets: `faktura-2026-0001.pdf`, `kreditnota-2026-0009.xml`.
pub fn file_name(invoice: &Invoice, extension: &str) -> String {
    let what = if invoice.credits.is_some() {
        "kreditnota"
    } else {
        "faktura"
    };
    format!("{what}-{}.{extension}", invoice.number)
}
