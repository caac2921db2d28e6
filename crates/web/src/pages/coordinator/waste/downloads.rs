//! Flex Waste's files from the month page: the month's CO2 and economics, the year's
//! annual waste report (per P-number, waste code and receiving plant), and each shop's
//! recycling statement for the year — the same files the command line writes.

use crate::pages::coordinator::records::coordinator;
use crate::pages::{Page, PageError, PageResult, download};
use axum::extract::{Path, State};
use reports::waste::DEFAULT_FACTORS;
use service::files::exports;
use store::Store;
use store::invoices::Period;

/// A shop with pickups in the year, and its statement's file name.
pub(super) struct Statement {
    pub company: String,
    pub file: String,
}

/// The files of `period`'s month and year, as the month page links them.
pub(super) struct Files {
    pub month: String,
    pub report: String,
    pub statements: Vec<Statement>,
}

/// The month's files, and a statement for every shop with a pickup in its year.
pub(super) async fn files(store: &Store, page: &Page, period: Period) -> Result<Files, PageError> {
    let by = coordinator(page)?.actor();
    let year = period.year;
    Ok(Files {
        month: format!("flexwaste-{}.csv", period.label()),
        report: format!("waste-report-{year}.csv"),
        statements: exports::shops_collected(store, &by, year)
            .await?
            .into_iter()
            .map(|(company, cvr)| Statement {
                company,
                file: format!("statement-{cvr}-{year}.csv"),
            })
            .collect(),
    })
}

/// `GET /waste/files/{file}`: `flexwaste-2026-11.csv`, `waste-report-2026.csv` or
/// `statement-{cvr}-2026.csv`; any other name is no file.
pub(super) async fn file(
    State(store): State<Store>,
    page: Page,
    Path(file): Path<String>,
) -> PageResult {
    let by = coordinator(&page)?.actor();
    let stem = file.strip_suffix(".csv").ok_or(PageError::NotFound)?;
    let year = |text: &str| text.parse::<i32>().map_err(|_| PageError::NotFound);
    let bytes = if let Some(month) = stem.strip_prefix("flexwaste-") {
        let period = Period::parse(month).map_err(|_| PageError::NotFound)?;
        exports::waste_month(&store, &by, period, DEFAULT_FACTORS).await?
    } else if let Some(y) = stem.strip_prefix("waste-report-") {
        exports::waste_report(&store, &by, year(y)?).await?
    } else if let Some(rest) = stem.strip_prefix("statement-") {
        let (cvr, y) = rest.rsplit_once('-').ok_or(PageError::NotFound)?;
        exports::recycling_statement(&store, &by, cvr, year(y)?).await?
    } else {
        return Err(PageError::NotFound);
    };
    Ok(download("text/csv; charset=utf-8", &file, bytes))
}
