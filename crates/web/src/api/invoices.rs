//! `/api/invoices`: monthly invoice runs, issued documents, credit notes — the same as
//! `kommune invoice …`.

use crate::access::{self, Caller};
use crate::extract::JsonBody;
use crate::problem::{AppError, Problem};
use crate::state::AppState;
use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use domain::invoice::CreditReason;
use serde::{Deserialize, Serialize};
use service::billing::{self, DocumentFile, Format};
use store::Store;
use store::invoices::Invoice;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

/// Coordinators run invoices and credit them; a company contact reads its own.
pub fn routes() -> OpenApiRouter<AppState> {
    let coordinators = OpenApiRouter::new()
        .routes(routes!(run_invoices))
        .routes(routes!(preview_invoices))
        .routes(routes!(credit_invoice));
    let readers = OpenApiRouter::new()
        .routes(routes!(list_invoices))
        .routes(routes!(get_invoice))
        .routes(routes!(invoice_pdf))
        .routes(routes!(invoice_ubl));
    access::api_for(coordinators, access::COORDINATOR)
        .merge(access::api_for(readers, access::COMPANY_OR_COORDINATOR))
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

/// One shift an invoice bills, as its annex keeps it.
#[derive(Debug, Serialize, utoipa::ToSchema)]
struct ShiftOut {
    #[schema(example = "2026-10-06")]
    day: String,
    task: String,
    worker: String,
    /// Minutes worked (the line applies the minimum per visit).
    minutes: i64,
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
    /// The shifts billed, written when the invoice was issued; empty on a credit note.
    annex: Vec<ShiftOut>,
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
        lines: i.lines.iter().map(line_out).collect(),
        net_ore: i.totals.net_ore,
        vat_ore: i.totals.vat_ore,
        total_incl_vat_ore: i.totals.total_ore,
        annex: i
            .annex
            .iter()
            .map(|a| ShiftOut {
                day: a.day.to_string(),
                task: a.task.clone(),
                worker: a.worker.clone(),
                minutes: a.minutes,
            })
            .collect(),
    }
}

/// Which month to invoice, and the issue date (default today).
#[derive(Debug, Default, Deserialize, utoipa::ToSchema)]
#[serde(default)]
struct RunRequest {
    /// A month that has ended, unless `open_month`.
    #[schema(example = "2026-10")]
    period: String,
    /// On or after the month's first day, and never before the year's last issued document.
    date: Option<String>,
    /// Invoice the current month before it has ended.
    open_month: bool,
}

/// Why an invoice is credited, and the credit note's date (default today).
#[derive(Debug, Default, Deserialize, utoipa::ToSchema)]
#[serde(default)]
struct CreditRequest {
    reason: String,
    date: Option<String>,
}

#[utoipa::path(post, path = "/api/invoices/run", tag = "invoices", request_body = RunRequest,
    description = "Issues the month's invoices: one per company with confirmed hours or Flex Waste visits not yet billed. A month already invoiced issues nothing.",
    responses((status = 201, body = Vec<InvoiceOut>), (status = 409, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json")))]
async fn run_invoices(
    State(state): State<AppState>,
    caller: Caller,
    JsonBody(body): JsonBody<RunRequest>,
) -> Result<(StatusCode, Json<Vec<InvoiceOut>>), AppError> {
    let today = state.clock.today();
    let (period, date) = (&body.period, body.date.as_deref());
    let (open, by) = (body.open_month, caller.actor());
    let issued = billing::run(&state.store, period, date, open, today, &by).await?;
    Ok((
        StatusCode::CREATED,
        Json(issued.into_iter().map(out).collect()),
    ))
}

fn line_out(l: &domain::invoice::Line) -> LineOut {
    LineOut {
        description: l.description.clone(),
        unit: l.unit.as_str(),
        quantity: l.quantity,
        unit_price_ore: l.unit_price_ore,
        net_ore: l.net_ore,
    }
}

/// One company's invoice as a run would issue it now.
#[derive(Debug, Serialize, utoipa::ToSchema)]
struct PreviewOut {
    company_id: i64,
    company: String,
    lines: Vec<LineOut>,
    net_ore: i64,
    vat_ore: i64,
    total_incl_vat_ore: i64,
}

#[utoipa::path(post, path = "/api/invoices/preview", tag = "invoices", request_body = RunRequest,
    description = "What `POST /api/invoices/run` would issue now, per company, with the same lines and totals and the same refusals; nothing is written and no number is taken.",
    responses((status = 200, body = Vec<PreviewOut>), (status = 409, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json")))]
async fn preview_invoices(
    State(state): State<AppState>,
    caller: Caller,
    JsonBody(body): JsonBody<RunRequest>,
) -> Result<Json<Vec<PreviewOut>>, AppError> {
    let today = state.clock.today();
    let request = billing::requested(&body.period, body.date.as_deref(), body.open_month, today)?;
    let previews = billing::preview(&state.store, &request, today, &caller.actor()).await?;
    Ok(Json(
        previews
            .into_iter()
            .map(|p| PreviewOut {
                company_id: p.company,
                company: p.company_name,
                lines: p.lines.iter().map(line_out).collect(),
                net_ore: p.totals.net_ore,
                vat_ore: p.totals.vat_ore,
                total_incl_vat_ore: p.totals.total_ore,
            })
            .collect(),
    ))
}

#[utoipa::path(get, path = "/api/invoices", tag = "invoices",
    responses((status = 200, body = Vec<InvoiceOut>)))]
async fn list_invoices(
    State(store): State<Store>,
    caller: Caller,
) -> Result<Json<Vec<InvoiceOut>>, AppError> {
    let all = billing::invoices(&store, &caller.actor()).await?;
    Ok(Json(all.into_iter().map(out).collect()))
}

#[utoipa::path(get, path = "/api/invoices/{number}", tag = "invoices", params(("number" = String, Path)),
    description = "An issued document; a number no document has, or another company's, is a 404.",
    responses((status = 200, body = InvoiceOut), (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json")))]
async fn get_invoice(
    State(store): State<Store>,
    caller: Caller,
    Path(number): Path<String>,
) -> Result<Json<InvoiceOut>, AppError> {
    Ok(Json(out(billing::invoice(
        &store,
        &caller.actor(),
        &number,
    )
    .await?)))
}

/// A download: the bytes with their type and a file name.
fn download(file: DocumentFile) -> Response {
    crate::pages::download(file.content_type, &file.name, file.bytes)
}

#[utoipa::path(get, path = "/api/invoices/{number}/pdf", tag = "invoices", params(("number" = String, Path)),
    description = "The document as a Danish PDF.",
    responses((status = 200, content_type = "application/pdf", body = Vec<u8>),
        (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json")))]
async fn invoice_pdf(
    State(store): State<Store>,
    caller: Caller,
    Path(number): Path<String>,
) -> Result<Response, AppError> {
    let file = billing::document(&store, &caller.actor(), &number, Format::Pdf).await?;
    Ok(download(file))
}

#[utoipa::path(get, path = "/api/invoices/{number}/ubl", tag = "invoices", params(("number" = String, Path)),
    description = "The document as Peppol BIS Billing 3.0 UBL 2.1 XML.",
    responses((status = 200, content_type = "application/xml", body = String),
        (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json")))]
async fn invoice_ubl(
    State(store): State<Store>,
    caller: Caller,
    Path(number): Path<String>,
) -> Result<Response, AppError> {
    let file = billing::document(&store, &caller.actor(), &number, Format::Ubl).await?;
    Ok(download(file))
}

#[utoipa::path(post, path = "/api/invoices/{number}/credit", tag = "invoices", params(("number" = String, Path)),
    request_body = CreditRequest,
    description = "Credits an invoice in full with a credit note of its own number; the invoice is unchanged.",
    responses((status = 201, body = InvoiceOut), (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 409, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json")))]
async fn credit_invoice(
    State(state): State<AppState>,
    caller: Caller,
    Path(number): Path<String>,
    JsonBody(body): JsonBody<CreditRequest>,
) -> Result<(StatusCode, Json<InvoiceOut>), AppError> {
    let date = billing::issue_date(body.date.as_deref(), state.clock.today())?;
    let by = caller.actor();
    let reason =
        CreditReason::parse_said(&body.reason).map_err(|e| AppError::invalid("reason", e.0))?;
    let credit = billing::credit(&state.store, &number, &reason, date, &by).await?;
    Ok((StatusCode::CREATED, Json(out(credit))))
}
