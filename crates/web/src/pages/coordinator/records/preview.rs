//! `/invoices/preview`: what a month's run would issue — per company, its lines and totals
//! — before anything is issued; the coordinator issues from there. Issued invoices never
//! change, so a run is looked at first.

use super::invoices::{RunForm, requested};
use super::{coordinator, hours, money};
use crate::pages::i18n::Tr;
use crate::pages::{FieldError, Layout, Page, PageResult, names, refusal_said, render};
use crate::state::AppState;
use askama::Template;
use axum::Router;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::IntoResponse;
use axum::routing::get;
use domain::invoice::{Line, Unit};
use service::{ServiceError, billing};
use store::{Store, StoreError};

pub fn routes() -> Router<AppState> {
    Router::new().route("/invoices/preview", get(preview))
}

/// One line as the preview shows it.
struct LineRow {
    description: String,
    quantity: String,
    unit_price: String,
    net: String,
}

/// One company's invoice-to-be.
struct Draft {
    company_id: i64,
    company: String,
    /// The seller it names: the agency for Small Jobs, Flex Waste for its visits.
    seller: String,
    lines: Vec<LineRow>,
    net: String,
    vat: String,
    total: String,
}

#[derive(Template)]
#[template(path = "coordinator/invoice_preview.html")]
struct Preview {
    layout: Layout,
    csrf: String,
    period: String,
    open_month: bool,
    drafts: Vec<Draft>,
    /// "3 fakturaer, i alt 12.345,00 kr."
    summary: String,
    errors: Vec<FieldError>,
}

impl Preview {
    fn has_error(&self, field: &str) -> bool {
        names(&self.errors, field)
    }
}

fn line_row(t: Tr, line: &Line) -> LineRow {
    let quantity = match line.unit {
        Unit::Minutes => hours(u32::try_from(line.quantity).unwrap_or(u32::MAX), t),
        Unit::Visits => t.fill(
            "coordinator.preview_visits",
            &[("n", &line.quantity.to_string())],
        ),
        Unit::Months => t.fill(
            "coordinator.preview_months",
            &[("n", &line.quantity.to_string())],
        ),
    };
    LineRow {
        description: line.description.clone(),
        quantity,
        unit_price: money(line.unit_price_ore, t),
        net: money(line.net_ore, t),
    }
}

async fn preview(
    State(store): State<Store>,
    page: Page,
    Query(form): Query<RunForm>,
) -> PageResult {
    let caller = coordinator(&page)?;
    let t = page.t;
    let today = page.today();
    let shown = |drafts: Vec<Draft>, summary: String, errors: Vec<FieldError>| {
        let status = if errors.is_empty() {
            StatusCode::OK
        } else {
            StatusCode::UNPROCESSABLE_ENTITY
        };
        let body = Preview {
            layout: page.layout(),
            csrf: caller.csrf.clone(),
            period: form.period.trim().to_string(),
            open_month: form.open_month.is_some(),
            drafts,
            summary,
            errors,
        };
        Ok((status, render(&body)).into_response())
    };
    let request = match requested(&form, t, today) {
        Ok(request) => request,
        Err(message) => {
            return shown(
                Vec::new(),
                String::new(),
                vec![FieldError::new("period", message)],
            );
        }
    };
    let previews = match billing::preview(&store, &request, today, &caller.actor()).await {
        Ok(previews) => previews,
        Err(ServiceError::Store(refusal @ StoreError::Refused(_))) => {
            let reason = refusal_said(t, &refusal);
            let message = t.fill("coordinator.run_refused", &[("reason", &reason)]);
            return shown(
                Vec::new(),
                String::new(),
                vec![FieldError::new("period", message)],
            );
        }
        Err(e) => return Err(e.into()),
    };
    let grand = previews
        .iter()
        .try_fold(0i64, |sum, p| sum.checked_add(p.totals.total_ore));
    let summary = match (previews.len(), grand) {
        (0, _) => t.fill(
            "coordinator.preview_none",
            &[("period", &request.period.label())],
        ),
        (n, Some(total)) => t.fill(
            "coordinator.preview_summary",
            &[("count", &n.to_string()), ("total", &money(total, t))],
        ),
        (n, None) => t.fill("coordinator.preview_count", &[("count", &n.to_string())]),
    };
    let drafts = previews
        .iter()
        .map(|p| Draft {
            company_id: p.company,
            company: p.company_name.clone(),
            seller: p.seller_name.clone(),
            lines: p.lines.iter().map(|l| line_row(t, l)).collect(),
            net: money(p.totals.net_ore, t),
            vat: money(p.totals.vat_ore, t),
            total: money(p.totals.total_ore, t),
        })
        .collect();
    shown(drafts, summary, Vec::new())
}
