//! Competence needs on the pages: the list, the form that registers one (for a company's
//! contact their own company's; for coordinators any company's), and a need's page — for
//! coordinators with its best candidates and their reasons, a button to propose each, and
//! the introductions with their outcomes; for the company only the candidates who said yes.

use super::form::{Field, FormPage, Posted, said};
use super::words;
use crate::pages::i18n::Tr;
use crate::pages::{Layout, Page, PageError, PageResult, locale, render};
use askama::Template;
use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect};
use service::ServiceError;
use service::alliance::introductions::{self, IntroductionOut, OutcomeRequest};
use service::alliance::matches::{self, Ranked};
use service::alliance::{self, NEED_KINDS, NeedOut, NeedRequest};
use std::collections::BTreeMap;
use store::accounts::Role;
use store::alliance::dialogue::CandidateRef;
use store::companies::CompanyFilter;
use store::{PageRequest, Store};

/// The need form's fields, in order.
const NEED_FIELDS: [&str; 13] = [
    "company_id",
    "site_id",
    "title",
    "occupation",
    "description",
    "hours_per_week",
    "start_on",
    "kind",
    "positions",
    "must",
    "nice",
    "lift_kg",
    "standing",
];

/// Where a role's Alliance pages live.
fn base(role: Role) -> &'static str {
    if role == Role::Company {
        "/company/needs"
    } else {
        "/alliance"
    }
}

/// A need kind in words.
pub fn kind_said(t: Tr, kind: &str) -> String {
    t.get(&format!("alliance.kind_{kind}")).to_string()
}

/// A need status in words.
pub fn status_said(t: Tr, status: &str) -> String {
    t.get(&format!("alliance.status_{status}")).to_string()
}

#[derive(Template)]
#[template(path = "alliance/needs.html")]
struct NeedsPage {
    layout: Layout,
    heading: String,
    new_href: String,
    base: &'static str,
    /// Each need with its kind and status in words.
    needs: Vec<(NeedOut, String, String)>,
    coordinator: bool,
}

/// `GET /alliance` and `GET /company/needs`: the needs, newest first.
pub async fn list(
    State(store): State<Store>,
    page: Page,
    Query(query): Query<BTreeMap<String, String>>,
) -> PageResult {
    let caller = page.caller()?;
    let t = page.t;
    let role = caller.role();
    // `?company=ID` narrows a coordinator's list to one company's needs.
    let company = query.get("company").and_then(|c| c.parse().ok());
    let found = alliance::needs(
        &store,
        &caller.actor(),
        company,
        None,
        PageRequest::new(1, 200).unwrap_or_default(),
        locale(t),
    )
    .await?;
    let body = NeedsPage {
        layout: page.layout(),
        heading: t
            .get(if role == Role::Company {
                "alliance.company_title"
            } else {
                "alliance.title"
            })
            .to_string(),
        new_href: format!("{}/new", base(role)),
        base: base(role),
        needs: found
            .items
            .into_iter()
            .map(|n| {
                let kind = kind_said(t, &n.kind);
                let status = status_said(t, &n.status);
                (n, kind, status)
            })
            .collect(),
        coordinator: role == Role::Coordinator,
    };
    Ok(render(&body).into_response())
}

/// The form, for the caller's role, filled from `posted`.
async fn need_form(
    store: &Store,
    page: &Page,
    posted: &Posted,
    errors: Vec<crate::pages::FieldError>,
) -> PageResult {
    let caller = page.caller()?;
    let t = page.t;
    let role = caller.role();
    let companies = store
        .companies(&CompanyFilter::default(), PageRequest::all())
        .await?
        .items;
    let own = caller.actor().company();
    let mut fields = Vec::new();
    let mut sites = vec![(String::new(), t.get("alliance.no_site").to_string())];
    for c in &companies {
        if own.is_some() && own != Some(c.meta.id) {
            continue;
        }
        for (id, site) in c.value.site_ids.iter().zip(&c.value.company.sites) {
            let label = if own.is_some() {
                site.name.clone()
            } else {
                format!("{} – {}", c.value.company.name, site.name)
            };
            sites.push((id.to_string(), label));
        }
    }
    if role == Role::Coordinator {
        let choices = companies
            .iter()
            .map(|c| (c.meta.id.to_string(), c.value.company.name.clone()))
            .collect();
        fields.push(Field::new(t, "company_id", "select", posted).options(choices, posted));
    }
    fields.push(Field::new(t, "site_id", "select", posted).options(sites, posted));
    fields.push(Field::new(t, "title", "text", posted));
    fields.push(
        Field::new(t, "occupation", "text", posted)
            .hint(t.get("alliance.hint_occupation").to_string()),
    );
    fields.push(Field::new(t, "description", "textarea", posted));
    fields.push(
        Field::new(t, "hours_per_week", "number", posted)
            .hint(t.get("alliance.hint_hours").to_string()),
    );
    fields.push(Field::new(t, "start_on", "date", posted));
    let kinds = NEED_KINDS
        .iter()
        .map(|k| (k.to_string(), kind_said(t, k)))
        .collect();
    fields.push(Field::new(t, "kind", "select", posted).options(kinds, posted));
    fields.push(Field::new(t, "positions", "number", posted));
    let skills = super::form::skill_choices(store, t).await?;
    fields.push(Field::new(t, "must", "checks", posted).options(skills.clone(), posted));
    fields.push(Field::new(t, "nice", "checks", posted).options(skills, posted));
    fields.push(
        Field::new(t, "esco_must", "text", posted).hint(t.get("alliance.hint_esco").to_string()),
    );
    fields.push(Field::new(t, "lift_kg", "number", posted));
    fields.push(Field::new(t, "standing", "checkbox", posted));
    fields.push(Field::new(t, "outdoors", "checkbox", posted));
    let status = if errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    let body = FormPage {
        layout: page.layout(),
        csrf: caller.csrf.clone(),
        heading: t.get("alliance.new_title").to_string(),
        intro: t.get("alliance.new_intro").to_string(),
        action: base(role).to_string() + "/new",
        fields,
        submit: t.get("alliance.new_submit").to_string(),
        errors,
        back: Some((base(role).to_string(), t.get("alliance.back").to_string())),
    };
    Ok((status, render(&body)).into_response())
}

/// `GET …/new`: the empty form, starting in four weeks.
pub async fn new(State(store): State<Store>, page: Page) -> PageResult {
    let start = (page.today() + chrono::Duration::days(28)).to_string();
    let posted = Posted::with(&[
        ("start_on", start),
        ("positions", "1".into()),
        ("kind", "ordinary".into()),
    ]);
    need_form(&store, &page, &posted, Vec::new()).await
}

/// `POST …/new`: the form read into the API's request, so the same rules decide.
pub async fn create(State(store): State<Store>, page: Page, body: Bytes) -> PageResult {
    let caller = page.caller()?;
    let t = page.t;
    let posted = Posted::read(&body);
    let mut unread = Vec::new();
    let mut number = |name: &'static str| {
        posted.number(name).unwrap_or_else(|f| {
            unread.push(domain::FieldError::new(f, "is no number"));
            None
        })
    };
    let request = NeedRequest {
        company_id: number("company_id"),
        site_id: number("site_id"),
        hours_per_week: number("hours_per_week"),
        positions: number("positions"),
        lift_kg: number("lift_kg"),
        occupation: Some(posted.one("occupation").to_string()),
        title: posted.one("title").to_string(),
        description: posted.one("description").to_string(),
        start_on: posted.one("start_on").to_string(),
        kind: posted.one("kind").to_string(),
        must: posted
            .all("must")
            .into_iter()
            .chain(posted.listed("esco_must"))
            .collect(),
        nice: posted.all("nice"),
        standing: posted.ticked("standing"),
        outdoors: posted.ticked("outdoors"),
    };
    let result = if unread.is_empty() {
        alliance::create_need(&store, &caller.actor(), &request, page.now, locale(t)).await
    } else {
        Err(ServiceError::Invalid(unread))
    };
    match result {
        Ok(need) => {
            Ok(Redirect::to(&format!("{}/needs/{}", base(caller.role()), need.id)).into_response())
        }
        Err(ServiceError::Invalid(wrong)) => {
            let errors = said(t, &wrong, &NEED_FIELDS, "title");
            need_form(&store, &page, &posted, errors).await
        }
        Err(e) => Err(e.into()),
    }
}

/// A candidate's row on a need's page: the match and its reasons in words.
struct Row {
    ranked: Ranked,
    kind: String,
    reasons: Vec<String>,
    value: String,
    proposed: bool,
}

#[derive(Template)]
#[template(path = "alliance/need.html")]
struct NeedPage {
    layout: Layout,
    csrf: String,
    base: &'static str,
    need: NeedOut,
    kind: String,
    status: String,
    coordinator: bool,
    rows: Vec<Row>,
    introductions: Vec<(IntroductionOut, String)>,
    kinds: Vec<(String, String)>,
    notice: Option<String>,
    refused: Option<String>,
}

/// `GET …/needs/{id}`: the need; for coordinators its candidates, for both the
/// introductions the caller may see.
pub async fn show(
    State(store): State<Store>,
    page: Page,
    Path(id): Path<String>,
    Query(query): Query<BTreeMap<String, String>>,
) -> PageResult {
    let caller = page.caller()?;
    let t = page.t;
    let id: i64 = id.parse().map_err(|_| PageError::NotFound)?;
    let by = caller.actor();
    let need = alliance::need_out(&store, &by, id, locale(t)).await?;
    let coordinator = caller.role() == Role::Coordinator;
    let intros = introductions::of_need(&store, &by, id, page.now, locale(t)).await?;
    let rows = if coordinator && need.status == "open" {
        matches::for_need(&store, &by, id, 10, locale(t))
            .await?
            .into_iter()
            .map(|r| Row {
                kind: t
                    .get(&format!(
                        "alliance.candidate_{}",
                        words::kind_code(r.candidate.kind)
                    ))
                    .to_string(),
                reasons: r.reasons.iter().map(|x| words::reason(t, x)).collect(),
                value: format!("{}:{}", words::kind_code(r.candidate.kind), r.candidate.id),
                proposed: intros.iter().any(|i| {
                    i.candidate_kind == words::kind_code(r.candidate.kind)
                        && i.candidate_id == r.candidate.id
                }),
                ranked: r,
            })
            .collect()
    } else {
        Vec::new()
    };
    let body = NeedPage {
        layout: page.layout(),
        csrf: caller.csrf.clone(),
        base: base(caller.role()),
        kind: kind_said(t, &need.kind),
        status: status_said(t, &need.status),
        coordinator,
        rows,
        introductions: intros
            .into_iter()
            .map(|i| {
                let s = t.get(&format!("alliance.intro_{}", i.status)).to_string();
                (i, s)
            })
            .collect(),
        kinds: NEED_KINDS
            .iter()
            .map(|k| (k.to_string(), kind_said(t, k)))
            .collect(),
        notice: query
            .get("saved")
            .map(|_| t.get("alliance.saved").to_string()),
        refused: query
            .get("refused")
            .map(|_| t.get("alliance.outcome_refused").to_string()),
        need,
    };
    Ok(render(&body).into_response())
}

/// `POST /alliance/needs/{id}/propose`: a candidate proposed; they are e-mailed.
pub async fn propose(
    State(state): State<crate::state::AppState>,
    page: Page,
    Path(id): Path<String>,
    body: Bytes,
) -> PageResult {
    let caller = page.as_role(Role::Coordinator)?;
    let id: i64 = id.parse().map_err(|_| PageError::NotFound)?;
    let posted = Posted::read(&body);
    let key = matches::parse_candidate(posted.one("candidate")).map_err(|_| PageError::NotFound)?;
    let who = CandidateRef {
        kind: words::kind_code(key.kind).to_string(),
        id: key.id,
    };
    let link = state.public_url.join("/introductions/");
    introductions::propose(&state.store, &caller.actor(), id, &who, &link, page.now).await?;
    Ok(Redirect::to(&format!("/alliance/needs/{id}?saved=1")).into_response())
}

/// `POST …/introductions/{id}/outcome`: interview, hired or not, from the need's page.
pub async fn outcome(
    State(store): State<Store>,
    page: Page,
    Path(id): Path<String>,
    body: Bytes,
) -> PageResult {
    let caller = page.caller()?;
    let id: i64 = id.parse().map_err(|_| PageError::NotFound)?;
    let posted = Posted::read(&body);
    let request = OutcomeRequest {
        outcome: posted.one("outcome").to_string(),
        hours: posted.number("hours").ok().flatten(),
        kind: posted.one("kind").to_string(),
        why: posted.one("why").to_string(),
    };
    let intro = store::live(store.introduction(id).await)?.ok_or(PageError::NotFound)?;
    match introductions::decide(&store, &caller.actor(), id, &request, page.now).await {
        Ok(()) => Ok(Redirect::to(&format!(
            "{}/needs/{}?saved=1",
            base(caller.role()),
            intro.need_id
        ))
        .into_response()),
        // The form is a row of the page: what is wrong is said at its top.
        Err(ServiceError::Invalid(_) | ServiceError::Store(store::StoreError::Conflict(_))) => {
            Ok(Redirect::to(&format!(
                "{}/needs/{}?refused=1",
                base(caller.role()),
                intro.need_id
            ))
            .into_response())
        }
        Err(e) => Err(e.into()),
    }
}

/// `POST …/needs/{id}/status`: filled, withdrawn or open again.
pub async fn set_status(
    State(store): State<Store>,
    page: Page,
    Path(id): Path<String>,
    body: Bytes,
) -> PageResult {
    let caller = page.caller()?;
    let id: i64 = id.parse().map_err(|_| PageError::NotFound)?;
    let posted = Posted::read(&body);
    alliance::set_status(&store, &caller.actor(), id, posted.one("status"), page.now).await?;
    Ok(Redirect::to(&format!("{}/needs/{id}?saved=1", base(caller.role()))).into_response())
}
