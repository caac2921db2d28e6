//! A candidate seen from the agency: the open needs that fit them, with the reasons, and
//! what one more skill would open ("with a forklift certificate, 6 more needs fit").

use super::words;
use crate::pages::{Layout, Page, PageError, PageResult, locale, render};
use askama::Template;
use axum::extract::{Path, State};
use axum::response::IntoResponse;
use service::alliance::matches::{self, ForCandidate};
use store::Store;
use store::accounts::Role;

#[derive(Template)]
#[template(path = "alliance/candidate.html")]
struct CandidatePage {
    layout: Layout,
    found: ForCandidate,
    /// Each need's reasons in words, in the order of `found.needs`.
    reasons: Vec<Vec<String>>,
}

/// `GET /alliance/candidates/{kind}:{id}`.
pub async fn show(State(store): State<Store>, page: Page, Path(who): Path<String>) -> PageResult {
    let caller = page.as_role(Role::Coordinator)?;
    let t = page.t;
    let key = matches::parse_candidate(&who).map_err(|_| PageError::NotFound)?;
    let found = matches::for_candidate(&store, &caller.actor(), &key, 20, locale(t)).await?;
    let reasons = found
        .needs
        .iter()
        .map(|n| n.reasons.iter().map(|r| words::reason(t, r)).collect())
        .collect();
    Ok(render(&CandidatePage {
        layout: page.layout(),
        found,
        reasons,
    })
    .into_response())
}
