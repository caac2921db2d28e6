//! Credit notes: a document with its own number that credits an invoice in full, after
//! which what the invoice billed can be billed again.

use super::document::{Document, Invoice, insert_document};
use super::series::{next_number, open_series};
use crate::{Actor, Refusal, Store, StoreError};
use chrono::{Datelike, NaiveDate};

impl Store {
    /// Credits an invoice in full with a credit note of its own number; the hours, visits
    /// and fees it billed can be billed again (after a correction, say).
    pub async fn credit_invoice(
        &self,
        number: &str,
        reason: &str,
        issue_date: NaiveDate,
        by: &Actor,
    ) -> Result<Invoice, StoreError> {
        domain::invoice::CreditReason::parse_said(reason)
            .map_err(|e| StoreError::invalid("reason", e.0))?;
        let original = self.invoice(number).await?;
        if original.kind != "invoice" {
            return Err(StoreError::Refused(Refusal::IsCreditNote));
        }
        let mut tx = self.write().await?;
        let year = issue_date.year();
        let seller = open_series(&mut tx, issue_date).await?;
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
                StoreError::Refused(Refusal::AlreadyCredited)
            }
            other => other,
        })?;
        tx.commit().await?;
        self.invoice_by_id(id).await
    }
}
