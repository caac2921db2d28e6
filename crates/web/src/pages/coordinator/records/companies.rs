//! The companies list and one company with its sites, contacts and agreements.

use super::{Pager, coordinator, money, page_number, record_id, yes_no};
use crate::pages::i18n::Tr;
use crate::pages::{Layout, Page, PageResult, locale, render};
use crate::state::AppState;
use askama::Template;
use axum::Router;
use axum::extract::{Path, Query, State};
use axum::routing::get;
use domain::agreement::InvoicingPeriod;
use domain::company::Company;
use service::records::companies;
use std::collections::BTreeMap;
use store::agreements::AgreementFilter;
use store::companies::CompanyFilter;
use store::{PageRequest, Store};

/// The company routes.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/companies", get(list))
        .route("/companies/{id}", get(one))
}

struct SiteRow {
    name: String,
    p_number: String,
    address: String,
}

struct ContactRow {
    name: String,
    role: String,
    email: String,
    phone: String,
}

/// A company as its pages show it.
struct CompanyView {
    id: i64,
    name: String,
    cvr: String,
    billing_email: String,
    einvoice: String,
    task_force: &'static str,
    sites: Vec<SiteRow>,
    contacts: Vec<ContactRow>,
}

fn view(id: i64, c: &Company, t: Tr) -> CompanyView {
    CompanyView {
        id,
        name: c.name.clone(),
        cvr: c.cvr.as_str().to_string(),
        billing_email: c.billing_email.as_str().to_string(),
        einvoice: c
            .einvoice_address
            .as_ref()
            .map(ToString::to_string)
            .unwrap_or_else(|| t.get("coordinator.none").to_string()),
        task_force: yes_no(c.task_force, t),
        sites: c
            .sites
            .iter()
            .map(|s| SiteRow {
                name: s.name.clone(),
                p_number: s.p_number.as_str().to_string(),
                address: s.address.line.clone(),
            })
            .collect(),
        contacts: c
            .contacts
            .iter()
            .map(|k| ContactRow {
                name: k.name.clone(),
                role: k.role.clone(),
                email: k.email.as_str().to_string(),
                phone: k
                    .phone
                    .as_ref()
                    .map(|p| p.as_str().to_string())
                    .unwrap_or_default(),
            })
            .collect(),
    }
}

#[derive(Template)]
#[template(path = "coordinator/companies.html")]
struct CompaniesList {
    layout: Layout,
    companies: Vec<CompanyView>,
    count: String,
    pager: Pager,
}

async fn list(
    State(store): State<Store>,
    page: Page,
    Query(query): Query<BTreeMap<String, String>>,
) -> PageResult {
    let caller = coordinator(&page)?;
    let t = page.t;
    let (number, request) = page_number(&query);
    let filter = CompanyFilter::default();
    let found = companies::list(&store, &caller.actor(), &filter, request).await?;
    Ok(render(&CompaniesList {
        layout: page.layout(),
        companies: found
            .items
            .iter()
            .map(|c| view(c.meta.id, &c.value.company, t))
            .collect(),
        count: t.fill(
            "coordinator.companies_count",
            &[("count", &found.total.to_string())],
        ),
        pager: Pager::new(t, "/companies", "", number, found.total),
    }))
}

struct AgreementRow {
    id: i64,
    task_type: &'static str,
    price: String,
    wage: String,
    minimum: String,
    period: &'static str,
}

#[derive(Template)]
#[template(path = "coordinator/company.html")]
struct CompanyPage {
    layout: Layout,
    company: CompanyView,
    agreements: Vec<AgreementRow>,
    /// Said after the company or an agreement was saved.
    notice: Option<String>,
}

async fn one(
    State(store): State<Store>,
    page: Page,
    Path(id): Path<String>,
    Query(query): Query<BTreeMap<String, String>>,
) -> PageResult {
    let by = coordinator(&page)?.actor();
    let t = page.t;
    let stored = companies::get(&store, &by, record_id(&id)?).await?;
    let filter = AgreementFilter {
        company_id: Some(stored.meta.id),
    };
    let agreements = companies::agreements(&store, &by, &filter, PageRequest::all())
        .await?
        .items
        .into_iter()
        .map(|stored| {
            let a = stored.value;
            AgreementRow {
                id: stored.meta.id,
                task_type: a.task_type.label(locale(t)),
                price: money(a.price_per_hour.ore(), t),
                wage: money(a.wage_per_hour.ore(), t),
                minimum: t.fill(
                    "coordinator.minutes_value",
                    &[("minutes", &a.min_billable_minutes.to_string())],
                ),
                period: match a.invoicing_period {
                    InvoicingPeriod::Monthly => t.get("coordinator.period_monthly"),
                },
            }
        })
        .collect();
    Ok(render(&CompanyPage {
        layout: page.layout(),
        company: view(stored.meta.id, &stored.value.company, t),
        agreements,
        notice: query
            .contains_key("saved")
            .then(|| t.get("coordinator.person_form.saved").to_string()),
    }))
}
