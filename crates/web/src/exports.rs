//! A month's payroll and job-centre files from the store, the same bytes whether the
//! coordinator downloads them from a page or runs `kommune export payroll|jobcentre`.

use reports::jobcentre::{PersonMonth, Rule};
use reports::payroll::PayrollRow;
use store::invoices::Period;
use store::{Store, StoreError};

/// Why a file could not be written.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("writing the {what} file: {reason}")]
    Write { what: &'static str, reason: String },
}

/// The payroll CSV for `period`: per worker, hours, wage, holiday pay and total.
pub async fn payroll(store: &Store, period: Period) -> Result<Vec<u8>, ExportError> {
    let rows: Vec<PayrollRow> = store
        .worked_month(period)
        .await?
        .into_iter()
        .map(|m| PayrollRow {
            period: period.label(),
            person_id: m.person_id,
            name: m.name,
            email: m.email,
            pay: domain::payroll::pay(&m.work),
        })
        .collect();
    let mut bytes = Vec::new();
    reports::payroll::write_payroll(&mut bytes, &rows).map_err(|e| ExportError::Write {
        what: "payroll",
        reason: e.to_string(),
    })?;
    Ok(bytes)
}

/// The job-centre CSV for `period` under `rule` (the dated rule valid on its first day).
pub async fn jobcentre(store: &Store, period: Period, rule: &Rule) -> Result<Vec<u8>, ExportError> {
    let months: Vec<PersonMonth> = store
        .jobcentre_month(period)
        .await?
        .into_iter()
        .map(|m| PersonMonth {
            person_id: m.person_id,
            name: m.name,
            employment_form: m.employment_form,
            worked: m
                .worked
                .into_iter()
                .map(|w| (w.date, w.start, w.end, w.minutes))
                .collect(),
            status_changes: m.status_changes,
        })
        .collect();
    let mut bytes = Vec::new();
    reports::jobcentre::write_jobcentre(&mut bytes, &period.label(), rule, &months).map_err(
        |e| ExportError::Write {
            what: "job-centre",
            reason: e.to_string(),
        },
    )?;
    Ok(bytes)
}
