//! Invoice runs and the issued documents: the run form issues a month's invoices like
//! `POST /api/invoices/run`; each document downloads as the PDF and the Peppol UBL the
//! buyer receives; an invoice is corrected only by a credit note, never changed.

use super::{coordinator, last_month, money, month, see_other, to_list};
use crate::access::Caller;
use crate::pages::{
    FieldError, Layout, Page, PageResult, invoice_download, invoice_file, names, refusal_said,
    render,
};
use crate::state::AppState;
use askama::Template;
use axum::Router;
use axum::extract::rejection::FormRejection;
use axum::extract::{Form, Path, Query, State};
use axum::http::StatusCode;
use axum::response::IntoResponse;
use axum::routing::get;
use domain::invoice::CreditReason;
use domain::problem::BriefProblem;
use serde::Deserialize;
use service::ServiceError;
use service::billing;
use std::collections::BTreeMap;
use store::invoices::{Invoice, Period};
use store::{Store, StoreError};

/// The invoice routes.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/invoices", get(show))
        .route("/invoices/run", to_list("/invoices").post(run))
        .route("/invoices/{file}", get(file))
        .route(
            "/invoices/{number}/credit",
            to_list("/invoices").post(credit),
        )
}

/// One issued document in the list.
struct Row {
    number: String,
    kind: String,
    company_id: i64,
    company: String,
    period: String,
    date: String,
    total: String,
    /// Whether it is an invoice not yet credited: only those get the credit form.
    creditable: bool,
    /// The credit note that credits it.
    credited_by: Option<String>,
}

fn rows(all: &[Invoice], page: &Page) -> Vec<Row> {
    let t = page.t;
    let mut rows: Vec<Row> = all
        .iter()
        .map(|i| {
            let credited_by = all
                .iter()
                .find(|c| c.credits.as_deref() == Some(i.number.as_str()))
                .map(|c| c.number.clone());
            Row {
                number: i.number.clone(),
                kind: match &i.credits {
                    Some(of) => t.fill("coordinator.kind_credit_note", &[("number", of)]),
                    None => t.get("coordinator.kind_invoice").to_string(),
                },
                company_id: i.company_id,
                company: i.buyer_name.clone(),
                period: i.period.clone(),
                date: i.issue_date.to_string(),
                total: money(i.totals.total_ore, t),
                creditable: i.credits.is_none() && credited_by.is_none(),
                credited_by,
            }
        })
        .collect();
    // The newest first: that is what a run has just added.
    rows.reverse();
    rows
}

#[derive(Template)]
#[template(path = "coordinator/invoices.html")]
struct Invoices {
    layout: Layout,
    csrf: String,
    /// The longest credit reason kept, for the fields' `maxlength`.
    reason_max: usize,
    period: String,
    errors: Vec<FieldError>,
    notice: Option<String>,
    rows: Vec<Row>,
}

impl Invoices {
    fn has_error(&self, field: &str) -> bool {
        names(&self.errors, field)
    }
}

/// The page with the run form as sent (or prefilled with last month) and its errors.
async fn page_with(
    store: &Store,
    page: &Page,
    caller: &Caller,
    period: String,
    errors: Vec<FieldError>,
    notice: Option<String>,
    status: StatusCode,
) -> PageResult {
    let all = billing::invoices(store, &caller.actor()).await?;
    let body = Invoices {
        layout: page.layout(),
        csrf: caller.csrf.clone(),
        reason_max: CreditReason::MAX_CHARS,
        period,
        errors,
        notice,
        rows: rows(&all, page),
    };
    Ok((status, render(&body)).into_response())
}

async fn show(
    State(store): State<Store>,
    page: Page,
    Query(query): Query<BTreeMap<String, String>>,
) -> PageResult {
    let caller = coordinator(&page)?;
    let t = page.t;
    // Only what the redirect after a form puts here is shown, checked, never echoed as given.
    let issued = query.get("issued").and_then(|n| n.parse::<usize>().ok());
    let period = query.get("period").and_then(|p| Period::parse(p).ok());
    let mut notice = match (issued, period) {
        (Some(0), Some(p)) => Some(t.fill("coordinator.run_none", &[("period", &p.label())])),
        (Some(1), Some(p)) => Some(t.fill("coordinator.run_done_one", &[("period", &p.label())])),
        (Some(n), Some(p)) => Some(t.fill(
            "coordinator.run_done",
            &[("count", &n.to_string()), ("period", &p.label())],
        )),
        _ => None,
    };
    if let Some(number) = query.get("credit")
        && let Ok(note) = billing::invoice(&store, &caller.actor(), number).await
        && let Some(of) = &note.credits
    {
        notice = Some(t.fill(
            "coordinator.credit_done",
            &[("credit", &note.number), ("number", of)],
        ));
    }
    page_with(
        &store,
        &page,
        caller,
        last_month(page.today()),
        Vec::new(),
        notice,
        StatusCode::OK,
    )
    .await
}

/// The run form, sent to the preview and from it to the run.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(super) struct RunForm {
    pub(super) period: String,
    /// Ticked to invoice the current month before it has ended.
    pub(super) open_month: Option<String>,
}

/// The run the form asks for on `today`, or why not, in the reader's words: the
/// service's own rule (a month that has not ended, say) said through the catalogue.
pub(super) fn requested(
    form: &RunForm,
    t: crate::pages::i18n::Tr,
    today: chrono::NaiveDate,
) -> Result<billing::RunRequest, String> {
    let period = month(&form.period, "period", t).map_err(|e| e.reason)?;
    let request = billing::RunRequest {
        period,
        date: today,
        open_month: form.open_month.is_some(),
    };
    match request.not_yet(today) {
        None => Ok(request),
        Some(not_yet) => {
            let key = match not_yet {
                billing::NotYet::NotBegun => "coordinator.period_not_begun",
                billing::NotYet::NotEnded => "coordinator.period_not_ended",
            };
            Err(t.fill(key, &[("period", &period.label())]))
        }
    }
}

async fn run(
    State(store): State<Store>,
    page: Page,
    form: Result<Form<RunForm>, FormRejection>,
) -> PageResult {
    let caller = coordinator(&page)?;
    let t = page.t;
    let form = form.map(|f| f.0).unwrap_or_default();
    let text = form.period.clone();
    let again = |message: String, status| {
        let errors = vec![FieldError::new("period", message)];
        page_with(&store, &page, caller, text.clone(), errors, None, status)
    };
    let today = page.today();
    let request = match requested(&form, t, today) {
        Ok(request) => request,
        Err(message) => return again(message, StatusCode::UNPROCESSABLE_ENTITY).await,
    };
    let period = request.period;
    match billing::run_period(&store, &request, today, &caller.actor()).await {
        Ok(issued) => Ok(see_other(&format!(
            "/invoices?issued={}&period={}",
            issued.len(),
            period.label()
        ))),
        // The records' reason (no seller details yet, say) is what the coordinator can act on.
        Err(ServiceError::Store(refusal @ (StoreError::Refused(_) | StoreError::Conflict(_)))) => {
            let reason = refusal_said(t, &refusal);
            let message = t.fill("coordinator.run_refused", &[("reason", &reason)]);
            again(message, StatusCode::CONFLICT).await
        }
        Err(e) => Err(e.into()),
    }
}

/// `2027-0001.pdf` or `2027-0001.xml`: the document as the buyer receives it.
async fn file(State(store): State<Store>, page: Page, Path(file): Path<String>) -> PageResult {
    let caller = coordinator(&page)?;
    let (number, extension) = invoice_file(&file)?;
    let invoice = billing::invoice(&store, &caller.actor(), number).await?;
    invoice_download(&invoice, extension)
}

#[derive(Template)]
#[template(path = "coordinator/credit.html")]
struct Credit {
    layout: Layout,
    csrf: String,
    reason_max: usize,
    title: String,
    number: String,
    company: String,
    total: String,
    reason: String,
    errors: Vec<FieldError>,
}

impl Credit {
    fn has_error(&self, field: &str) -> bool {
        names(&self.errors, field)
    }
}

/// The credit form.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct CreditForm {
    reason: String,
}

async fn credit(
    State(store): State<Store>,
    page: Page,
    Path(number): Path<String>,
    form: Result<Form<CreditForm>, FormRejection>,
) -> PageResult {
    let caller = coordinator(&page)?;
    let t = page.t;
    let invoice = billing::invoice(&store, &caller.actor(), &number).await?;
    let reason = form.map(|f| f.0.reason).unwrap_or_default();
    // The form on its own page, for a missing reason or a refusal: the list has one
    // reason field per invoice, and an error needs one field to point at.
    let again = |message: String, status: StatusCode| {
        let body = Credit {
            layout: page.layout(),
            csrf: caller.csrf.clone(),
            reason_max: CreditReason::MAX_CHARS,
            title: t.fill("coordinator.credit_title", &[("number", &invoice.number)]),
            number: invoice.number.clone(),
            company: invoice.buyer_name.clone(),
            total: money(invoice.totals.total_ore, t),
            reason: reason.clone(),
            errors: vec![FieldError::new("reason", message)],
        };
        Ok((status, render(&body)).into_response())
    };
    let checked = match CreditReason::parse(&reason) {
        Ok(checked) => checked,
        Err(BriefProblem::Missing) => {
            let message = t.get("coordinator.credit_reason_missing").to_string();
            return again(message, StatusCode::UNPROCESSABLE_ENTITY);
        }
        Err(BriefProblem::TooLong) => {
            let most = CreditReason::MAX_CHARS.to_string();
            let message = t.fill("coordinator.credit_reason_long", &[("max", &most)]);
            return again(message, StatusCode::UNPROCESSABLE_ENTITY);
        }
        Err(BriefProblem::ControlCharacter) => {
            let message = t.get("common.control_characters_text").to_string();
            return again(message, StatusCode::UNPROCESSABLE_ENTITY);
        }
    };
    let today = page.today();
    match billing::credit(&store, &number, &checked, today, &caller.actor()).await {
        Ok(note) => Ok(see_other(&format!("/invoices?credit={}", note.number))),
        Err(ServiceError::Store(refusal @ (StoreError::Refused(_) | StoreError::Conflict(_)))) => {
            let why = refusal_said(t, &refusal);
            let message = t.fill("coordinator.credit_refused", &[("reason", &why)]);
            again(message, StatusCode::CONFLICT)
        }
        Err(e) => Err(e.into()),
    }
}
