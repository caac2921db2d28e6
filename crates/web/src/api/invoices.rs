//! `/api/invoices`: monthly invoice runs, issued documents, credit notes — the same as
//! `kommune invoice …`.

use crate::access::Caller;
use crate::documents;
use crate::extract::JsonBody;
use crate::problem::{AppError, Problem};
use axum::Json;
use axum::extract::{Extension, Path, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use chrono::{NaiveDate, Utc};
use domain::FieldError;
use domain::calendar::{local_date, parse_date};
use serde::{Deserialize, Serialize};
use store::invoices::{Invoice, Period};
use store::{Actor, Store};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

pub fn routes() -> OpenApiRouter<Store> {
    OpenApiRouter::new()
        .routes(routes!(list_invoices))
        .routes(routes!(run_invoices))
        .routes(routes!(get_invoice))
        .routes(routes!(invoice_pdf))
        .routes(routes!(invoice_ubl))
        .routes(routes!(credit_invoice))
}

/// An invoice line: hours (`unit` `minutes`: the quantity in minutes, the unit price per
/// hour) or Flex Waste visits (`unit` `visits`: the number of visits, the price per visit).
#[derive(Debug, Serialize, utoipa::ToSchema)]
struct LineOut {
    description: String,
    #[schema(example = "minutes")]
    unit: &'static str,
    quantity: i64,
    unit_price_ore: i64,
    net_ore: i64,
}

/// An issued invoice or credit note.
#[derive(Debug, Serialize, utoipa::ToSchema)]
struct InvoiceOut {
    #[schema(example = "2026-0001")]
    number: String,
    /// invoice or credit_note.
    kind: String,
    /// The invoice a credit note credits.
    credits: Option<String>,
    reason: Option<String>,
    #[schema(example = "2026-10")]
    period: String,
    company_id: i64,
    buyer_name: String,
    buyer_cvr: String,
    buyer_address: String,
    seller_name: String,
    seller_cvr: String,
    issue_date: String,
    due_date: String,
    lines: Vec<LineOut>,
    net_ore: i64,
    vat_ore: i64,
    total_incl_vat_ore: i64,
}

fn out(i: Invoice) -> InvoiceOut {
    InvoiceOut {
        number: i.number,
        kind: i.kind,
        credits: i.credits,
        reason: i.reason,
        period: i.period,
        company_id: i.company_id,
        buyer_name: i.buyer_name,
        buyer_cvr: i.buyer_cvr,
        buyer_address: i.buyer_address,
        seller_name: i.seller.name,
        seller_cvr: i.seller.cvr,
        issue_date: i.issue_date.to_string(),
        due_date: i.due_date.to_string(),
        lines: i
            .lines
            .into_iter()
            .map(|l| LineOut {
                description: l.description,
                unit: l.unit.as_str(),
                quantity: l.quantity,
                unit_price_ore: l.unit_price_ore,
                net_ore: l.net_ore,
            })
            .collect(),
        net_ore: i.totals.net_ore,
        vat_ore: i.totals.vat_ore,
        total_incl_vat_ore: i.totals.total_ore,
    }
}

/// Which month to invoice, and the issue date (default today).
#[derive(Debug, Default, Deserialize, utoipa::ToSchema)]
#[serde(default)]
struct RunRequest {
    #[schema(example = "2026-10")]
    period: String,
    date: Option<String>,
}

/// Why an invoice is credited, and the credit note's date (default today).
#[derive(Debug, Default, Deserialize, utoipa::ToSchema)]
#[serde(default)]
struct CreditRequest {
    reason: String,
    date: Option<String>,
}

/// The issue date given, or today in Copenhagen.
fn issue_date(text: Option<&str>) -> Result<NaiveDate, FieldError> {
    match text {
        Some(t) => parse_date(t).map_err(|e| FieldError::new("date", e.0)),
        None => Ok(local_date(Utc::now())),
    }
}

#[utoipa::path(post, path = "/api/invoices/run", tag = "invoices", request_body = RunRequest,
    description = "Issues the month's invoices: one per company with confirmed hours or Flex Waste visits not yet billed. A month already invoiced issues nothing.",
    responses((status = 201, body = Vec<InvoiceOut>), (status = 409, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json")))]
async fn run_invoices(
    State(store): State<Store>,
    Extension(actor): Extension<Actor>,
    JsonBody(body): JsonBody<RunRequest>,
) -> Result<(StatusCode, Json<Vec<InvoiceOut>>), AppError> {
    let mut errors = Vec::new();
    let period = Period::parse(&body.period)
        .map_err(|e| errors.push(FieldError::new("period", e)))
        .ok();
    let date = issue_date(body.date.as_deref())
        .map_err(|e| errors.push(e))
        .ok();
    let (Some(period), Some(date)) = (period, date) else {
        return Err(AppError::Invalid(errors));
    };
    let issued = store.run_invoices(period, date, &actor).await?;
    Ok((
        StatusCode::CREATED,
        Json(issued.into_iter().map(out).collect()),
    ))
}

#[utoipa::path(get, path = "/api/invoices", tag = "invoices",
    responses((status = 200, body = Vec<InvoiceOut>)))]
async fn list_invoices(
    State(store): State<Store>,
    Extension(caller): Extension<Caller>,
) -> Result<Json<Vec<InvoiceOut>>, AppError> {
    let all = store.invoices().await?.into_iter();
    Ok(Json(
        all.filter(|i| caller.sees_company(i.company_id))
            .map(out)
            .collect(),
    ))
}

/// An issued document the caller may see; another company's is not found.
async fn visible(store: &Store, caller: &Caller, number: &str) -> Result<Invoice, AppError> {
    let invoice = store.invoice(number).await?;
    if caller.sees_company(invoice.company_id) {
        Ok(invoice)
    } else {
        Err(Caller::not_found("invoice"))
    }
}

#[utoipa::path(get, path = "/api/invoices/{number}", tag = "invoices", params(("number" = String, Path)),
    responses((status = 200, body = InvoiceOut), (status = 422, body = Problem, content_type = "application/problem+json")))]
async fn get_invoice(
    State(store): State<Store>,
    Extension(caller): Extension<Caller>,
    Path(number): Path<String>,
) -> Result<Json<InvoiceOut>, AppError> {
    Ok(Json(out(visible(&store, &caller, &number).await?)))
}

/// A download: the bytes with their type and a file name.
fn download(content_type: &'static str, name: String, body: Vec<u8>) -> Response {
    (
        [
            (header::CONTENT_TYPE, content_type.to_string()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{name}\""),
            ),
        ],
        body,
    )
        .into_response()
}

#[utoipa::path(get, path = "/api/invoices/{number}/pdf", tag = "invoices", params(("number" = String, Path)),
    description = "The document as a Danish PDF.",
    responses((status = 200, content_type = "application/pdf", body = Vec<u8>),
        (status = 422, body = Problem, content_type = "application/problem+json")))]
async fn invoice_pdf(
    State(store): State<Store>,
    Extension(caller): Extension<Caller>,
    Path(number): Path<String>,
) -> Result<Response, AppError> {
    let invoice = visible(&store, &caller, &number).await?;
    let pdf = documents::pdf(&invoice).map_err(|e| AppError::Internal(e.to_string()))?;
    Ok(download(
        "application/pdf",
        documents::file_name(&invoice, "pdf"),
        pdf,
    ))
}

#[utoipa::path(get, path = "/api/invoices/{number}/ubl", tag = "invoices", params(("number" = String, Path)),
    description = "The document as Peppol BIS Billing 3.0 UBL 2.1 XML.",
    responses((status = 200, content_type = "application/xml", body = String),
        (status = 422, body = Problem, content_type = "application/problem+json")))]
async fn invoice_ubl(
    State(store): State<Store>,
    Extension(caller): Extension<Caller>,
    Path(number): Path<String>,
) -> Result<Response, AppError> {
    let invoice = visible(&store, &caller, &number).await?;
    let xml = documents::ubl(&invoice).into_bytes();
    Ok(download(
        "application/xml",
        documents::file_name(&invoice, "xml"),
        xml,
    ))
}

#[utoipa::path(post, path = "/api/invoices/{number}/credit", tag = "invoices", params(("number" = String, Path)),
    request_body = CreditRequest,
    description = "Credits an invoice in full with a credit note of its own number; the invoice is unchanged.",
    responses((status = 201, body = InvoiceOut), (status = 409, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json")))]
async fn credit_invoice(
    State(store): State<Store>,
    Extension(actor): Extension<Actor>,
    Path(number): Path<String>,
    JsonBody(body): JsonBody<CreditRequest>,
) -> Result<(StatusCode, Json<InvoiceOut>), AppError> {
    let date = issue_date(body.date.as_deref()).map_err(|e| AppError::Invalid(vec![e]))?;
    let credit = store
        .credit_invoice(&number, &body.reason, date, &actor)
        .await?;
    Ok((StatusCode::CREATED, Json(out(credit))))
}
