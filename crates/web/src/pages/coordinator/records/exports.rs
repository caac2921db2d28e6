//! The month's files for others: the payroll and the job centre's report, exactly the
//! files `kommune export payroll|jobcentre --period …` writes — the same store reads
//! shaped by the same `reports` writers, under the job-centre rules shipped with kommune.

use super::{coordinator, last_month, month};
use crate::pages::{FieldError, Layout, Page, PageResult, download, names, render};
use crate::state::AppState;
use askama::Template;
use axum::Router;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use std::collections::BTreeMap;
use store::Store;
use store::invoices::Period;

/// The export routes.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/exports", get(show))
        .route("/exports/payroll.csv", get(payroll))
        .route("/exports/jobcentre.csv", get(jobcentre))
}

#[derive(Template)]
#[template(path = "coordinator/exports.html")]
struct Exports {
    layout: Layout,
    /// What the payroll file holds, with the holiday pay rate.
    payroll_intro: String,
    payroll: String,
    jobcentre: String,
    errors: Vec<FieldError>,
}

impl Exports {
    fn has_error(&self, field: &str) -> bool {
        names(&self.errors, field)
    }
}

/// The two forms, each with its month as sent; a month that did not do is named.
fn forms(page: &Page, payroll: String, jobcentre: String, errors: Vec<FieldError>) -> Response {
    let status = if errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    let body = Exports {
        layout: page.layout(),
        payroll_intro: page.t.fill(
            "coordinator.payroll_intro",
            &[("rate", &crate::pages::holiday_pay_rate(page.t))],
        ),
        payroll,
        jobcentre,
        errors,
    };
    (status, render(&body)).into_response()
}

async fn show(page: Page) -> PageResult {
    coordinator(&page)?;
    Ok(forms(
        &page,
        last_month(page.today()),
        last_month(page.today()),
        Vec::new(),
    ))
}

/// A CSV file to save, named after what and which month it is.
fn csv(what: &str, period: Period, bytes: Vec<u8>) -> Response {
    download(
        "text/csv; charset=utf-8",
        &format!("{what}-{}.csv", period.label()),
        bytes,
    )
}

async fn payroll(
    State(store): State<Store>,
    page: Page,
    Query(query): Query<BTreeMap<String, String>>,
) -> PageResult {
    let by = coordinator(&page)?.actor();
    let text = query.get("period").cloned().unwrap_or_default();
    let period = match month(&text, "payroll-period", page.t) {
        Ok(period) => period,
        Err(e) => return Ok(forms(&page, text, last_month(page.today()), vec![e])),
    };
    let bytes = service::files::exports::payroll(&store, &by, period).await?;
    Ok(csv("payroll", period, bytes))
}

async fn jobcentre(
    State(store): State<Store>,
    page: Page,
    Query(query): Query<BTreeMap<String, String>>,
) -> PageResult {
    let by = coordinator(&page)?.actor();
    let t = page.t;
    let text = query.get("period").cloned().unwrap_or_default();
    let period = match month(&text, "jobcentre-period", t) {
        Ok(period) => period,
        Err(e) => return Ok(forms(&page, last_month(page.today()), text, vec![e])),
    };
    let file = service::files::exports::jobcentre_under(&store, &by, period, None).await?;
    // A month before the first rule took effect has no rule to be reported under.
    let Some(bytes) = file else {
        let error = FieldError::new(
            "jobcentre-period",
            t.fill(
                "coordinator.jobcentre_no_rule",
                &[("period", &period.label())],
            ),
        );
        return Ok(forms(&page, last_month(page.today()), text, vec![error]));
    };
    Ok(csv("jobcenter", period, bytes))
}
