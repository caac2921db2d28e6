//! The dialogue with one company, for the agency: its meetings with the follow-ups agreed,
//! a form for the next, and its candidate bank. A company's contacts see their bank too.

use super::form::{Field, Posted, said};
use crate::pages::{FieldError, Layout, Page, PageError, PageResult, locale, render};
use askama::Template;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect};
use service::ServiceError;
use service::alliance::dialogue::{self, FollowUpRequest, MeetingRequest};
use service::alliance::{self};
use store::accounts::Role;
use store::alliance::dialogue::{Banked, CandidateRef, Meeting};
use store::{PageRequest, Store};

/// The meeting form's fields, in order.
const FIELDS: [&str; 7] = [
    "held_on",
    "attendees",
    "needs",
    "notes",
    "what",
    "owner",
    "due_on",
];

#[derive(Template)]
#[template(path = "alliance/company.html")]
struct CompanyPage {
    layout: Layout,
    csrf: String,
    company_id: i64,
    company: String,
    meetings: Vec<Meeting>,
    bank: Vec<(Banked, String)>,
    fields: Vec<Field>,
    errors: Vec<FieldError>,
}

impl CompanyPage {
    fn has_error(&self, field: &str) -> bool {
        crate::pages::names(&self.errors, field)
    }
}

/// Who a banked candidate is, by name.
async fn named(store: &Store, who: &CandidateRef) -> String {
    match who.kind.as_str() {
        "person" => store
            .person(who.id)
            .await
            .map(|p| p.value.name)
            .unwrap_or_default(),
        _ => store
            .student(who.id)
            .await
            .map(|s| s.name)
            .unwrap_or_default(),
    }
}

async fn company_page(
    store: &Store,
    page: &Page,
    id: i64,
    posted: &Posted,
    errors: Vec<FieldError>,
) -> PageResult {
    let caller = page.as_role(Role::Coordinator)?;
    let t = page.t;
    let by = caller.actor();
    let company = store::live(store.company(id).await)?
        .ok_or(PageError::NotFound)?
        .value
        .company
        .name;
    let meetings = dialogue::meetings(store, &by, id).await?;
    let mut bank = Vec::new();
    for b in dialogue::banked(store, &by, id).await? {
        let name = named(store, &b.candidate).await;
        bank.push((b, name));
    }
    let needs = alliance::needs(store, &by, Some(id), None, PageRequest::all(), locale(t))
        .await?
        .items
        .into_iter()
        .map(|n| (n.id.to_string(), n.title))
        .collect();
    let fields = vec![
        Field::new(t, "held_on", "date", posted),
        Field::new(t, "attendees", "text", posted),
        Field::new(t, "needs", "checks", posted).options(needs, posted),
        Field::new(t, "notes", "textarea", posted),
        Field::new(t, "what", "text", posted).hint(t.get("alliance.hint_follow_up").to_string()),
        Field::new(t, "owner", "text", posted),
        Field::new(t, "due_on", "date", posted),
    ];
    let status = if errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    let body = CompanyPage {
        layout: page.layout(),
        csrf: caller.csrf.clone(),
        company_id: id,
        company,
        meetings,
        bank,
        fields,
        errors,
    };
    Ok((status, render(&body)).into_response())
}

/// `GET /alliance/companies/{id}`.
pub async fn show(State(store): State<Store>, page: Page, Path(id): Path<String>) -> PageResult {
    let id: i64 = id.parse().map_err(|_| PageError::NotFound)?;
    let posted = Posted::with(&[("held_on", page.today().to_string())]);
    company_page(&store, &page, id, &posted, Vec::new()).await
}

/// `POST /alliance/companies/{id}/meetings`: a meeting kept, checked whole.
pub async fn add_meeting(
    State(store): State<Store>,
    page: Page,
    Path(id): Path<String>,
    body: Bytes,
) -> PageResult {
    let caller = page.as_role(Role::Coordinator)?;
    let id: i64 = id.parse().map_err(|_| PageError::NotFound)?;
    let posted = Posted::read(&body);
    let follow_up = FollowUpRequest {
        what: posted.one("what").to_string(),
        owner: posted.one("owner").to_string(),
        due_on: posted.one("due_on").to_string(),
    };
    let typed = !(follow_up.what.trim().is_empty()
        && follow_up.owner.trim().is_empty()
        && follow_up.due_on.trim().is_empty());
    let request = MeetingRequest {
        company_id: Some(id),
        held_on: posted.one("held_on").to_string(),
        attendees: posted.one("attendees").to_string(),
        needs: posted
            .all("needs")
            .iter()
            .filter_map(|n| n.parse().ok())
            .collect(),
        notes: posted.one("notes").to_string(),
        follow_ups: if typed { vec![follow_up] } else { Vec::new() },
    };
    match dialogue::add_meeting(&store, &caller.actor(), &request, page.now).await {
        Ok(_) => Ok(Redirect::to(&format!("/alliance/companies/{id}")).into_response()),
        Err(ServiceError::Invalid(wrong)) => {
            let wrong: Vec<domain::FieldError> = wrong
                .into_iter()
                .map(|e| {
                    // A follow-up's fields are the form's own.
                    let field = e.field.rsplit('.').next().unwrap_or_default().to_string();
                    domain::FieldError::new(field, e.reason)
                })
                .collect();
            let errors = said(page.t, &wrong, &FIELDS, "held_on");
            company_page(&store, &page, id, &posted, errors).await
        }
        Err(e) => Err(e.into()),
    }
}

#[derive(Template)]
#[template(path = "alliance/bank.html")]
struct BankPage {
    layout: Layout,
    bank: Vec<(Banked, String)>,
}

/// `GET /company/bank`: the company's candidate bank.
pub async fn bank(State(store): State<Store>, page: Page) -> PageResult {
    let caller = page.as_role(Role::Company)?;
    let by = caller.actor();
    let company = by.company().ok_or(PageError::NotFound)?;
    let mut bank = Vec::new();
    for b in dialogue::banked(&store, &by, company).await? {
        let name = named(&store, &b.candidate).await;
        bank.push((b, name));
    }
    Ok(render(&BankPage {
        layout: page.layout(),
        bank,
    })
    .into_response())
}

/// `POST /company/needs/{id}/bank`: a candidate who said yes kept in the bank.
pub async fn keep(
    State(store): State<Store>,
    page: Page,
    Path(need): Path<String>,
    body: Bytes,
) -> PageResult {
    let caller = page.as_role(Role::Company)?;
    let by = caller.actor();
    let company = by.company().ok_or(PageError::NotFound)?;
    let posted = Posted::read(&body);
    let key = service::alliance::matches::parse_candidate(posted.one("candidate"))
        .map_err(|_| PageError::NotFound)?;
    let who = CandidateRef {
        kind: super::words::kind_code(key.kind).to_string(),
        id: key.id,
    };
    dialogue::bank(&store, &by, company, &who, posted.one("note"), page.now).await?;
    Ok(Redirect::to(&format!("/company/needs/{need}?saved=1")).into_response())
}
