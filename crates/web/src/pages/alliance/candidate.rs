//! A candidate seen from the agency: the open needs that fit them, with the reasons, and
//! what one more skill would open ("with a forklift certificate, 6 more needs fit"); for
//! an agency person, the catalogue's skills added beyond the planner's twelve codes.

use super::form::Posted;
use super::words;
use crate::pages::{FieldError, Layout, Page, PageError, PageResult, locale, render};
use askama::Template;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect};
use matching::CandidateKind;
use service::ServiceError;
use service::alliance::candidates;
use service::alliance::matches::{self, ForCandidate};
use store::Store;
use store::accounts::Role;

#[derive(Template)]
#[template(path = "alliance/candidate.html")]
struct CandidatePage {
    layout: Layout,
    csrf: String,
    who: String,
    found: ForCandidate,
    /// Each need's reasons in words, in the order of `found.needs`.
    reasons: Vec<Vec<String>>,
    /// For an agency person: the skills added for the Alliance, (name, code).
    added: Option<Vec<(String, String)>>,
    skill: String,
    errors: Vec<FieldError>,
}

/// `GET /alliance/candidates/{kind}:{id}`.
pub async fn show(State(store): State<Store>, page: Page, Path(who): Path<String>) -> PageResult {
    shown(&store, &page, &who, String::new(), Vec::new()).await
}

async fn shown(
    store: &Store,
    page: &Page,
    who: &str,
    skill: String,
    errors: Vec<FieldError>,
) -> PageResult {
    let caller = page.as_role(Role::Coordinator)?;
    let t = page.t;
    let key = matches::parse_candidate(who).map_err(|_| PageError::NotFound)?;
    let found = matches::for_candidate(store, &caller.actor(), &key, 20, locale(t)).await?;
    let reasons = found
        .needs
        .iter()
        .map(|n| n.reasons.iter().map(|r| words::reason(t, r)).collect())
        .collect();
    let added = match key.kind {
        CandidateKind::Person => {
            Some(candidates::person_skills(store, &caller.actor(), key.id, locale(t)).await?)
        }
        CandidateKind::Student => None,
    };
    let status = if errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    let body = CandidatePage {
        layout: page.layout(),
        csrf: caller.csrf.clone(),
        who: who.to_string(),
        found,
        reasons,
        added,
        skill,
        errors,
    };
    Ok((status, render(&body)).into_response())
}

/// The agency person a path names, or not found.
fn person_of(who: &str) -> Result<i64, PageError> {
    match matches::parse_candidate(who) {
        Ok(key) if key.kind == CandidateKind::Person => Ok(key.id),
        _ => Err(PageError::NotFound),
    }
}

/// `POST /alliance/candidates/{who}/skills`: a catalogue skill added to an agency person.
pub async fn add_skill(
    State(store): State<Store>,
    page: Page,
    Path(who): Path<String>,
    body: Bytes,
) -> PageResult {
    let caller = page.as_role(Role::Coordinator)?;
    let person = person_of(&who)?;
    let posted = Posted::read(&body);
    match candidates::add_person_skill(
        &store,
        &caller.actor(),
        person,
        posted.one("skill"),
        page.now,
    )
    .await
    {
        Ok(_) => Ok(Redirect::to(&format!("/alliance/candidates/{who}")).into_response()),
        Err(ServiceError::Invalid(_)) => {
            let errors = vec![FieldError::new("skill", page.t.get("alliance.bad_skill"))];
            shown(&store, &page, &who, posted.one("skill").to_string(), errors).await
        }
        Err(e) => Err(e.into()),
    }
}

/// `POST /alliance/candidates/{who}/skills/remove`: an added skill taken away.
pub async fn remove_skill(
    State(store): State<Store>,
    page: Page,
    Path(who): Path<String>,
    body: Bytes,
) -> PageResult {
    let caller = page.as_role(Role::Coordinator)?;
    let person = person_of(&who)?;
    let posted = Posted::read(&body);
    candidates::remove_person_skill(&store, &caller.actor(), person, posted.one("skill")).await?;
    Ok(Redirect::to(&format!("/alliance/candidates/{who}")).into_response())
}
