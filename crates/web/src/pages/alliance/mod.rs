//! The Aalborg Alliance's pages: for coordinators the needs of every company with their
//! best candidates, the students, a company's dialogue and the skills-gap report; for a
//! company's contacts their own needs, the candidates who said yes, and their bank; and
//! for people without an account a student's registration and own profile, and a
//! candidate's answer to an introduction.
//!
//! - [`needs`]: the list, the form, a need's page with matches and introductions.
//! - [`candidate`]: the needs that fit a candidate, and what one more skill would open.
//! - [`students`]: the public registration, a student's own link, the agency's list.
//! - [`answer`]: a candidate's yes or no.
//! - [`dialogue`]: meetings with a company, candidate banks.
//! - [`gaps`]: the skills-gap report.
//! - [`form`]: the form the pages share.
//! - [`words`]: the engine's reasons in words.

pub mod answer;
pub mod candidate;
pub mod dialogue;
pub mod form;
pub mod gaps;
pub mod needs;
pub mod students;
pub mod words;

use crate::state::AppState;
use axum::Router;
use axum::routing::{get, post};

/// The coordinator's Alliance pages.
pub fn coordinator_routes() -> Router<AppState> {
    Router::new()
        .route("/alliance", get(needs::list))
        .route("/alliance/new", get(needs::new).post(needs::create))
        .route("/alliance/needs/{id}", get(needs::show))
        .route("/alliance/needs/{id}/propose", post(needs::propose))
        .route("/alliance/needs/{id}/status", post(needs::set_status))
        .route("/alliance/introductions/{id}/outcome", post(needs::outcome))
        .route("/alliance/candidates/{who}", get(candidate::show))
        .route(
            "/alliance/candidates/{who}/skills",
            post(candidate::add_skill),
        )
        .route(
            "/alliance/candidates/{who}/skills/remove",
            post(candidate::remove_skill),
        )
        .route("/alliance/students", get(students::list))
        .route("/alliance/gaps", get(gaps::show))
        .route("/alliance/gaps.csv", get(gaps::csv))
        .route("/alliance/companies/{id}", get(dialogue::show))
        .route(
            "/alliance/companies/{id}/meetings",
            post(dialogue::add_meeting),
        )
}

/// A company contact's Alliance pages.
pub fn company_routes() -> Router<AppState> {
    Router::new()
        .route("/company/needs", get(needs::list))
        .route("/company/needs/new", get(needs::new).post(needs::create))
        .route("/company/needs/{id}", get(needs::show))
        .route("/company/needs/{id}/status", post(needs::set_status))
        .route("/company/needs/{id}/bank", post(dialogue::keep))
        .route("/company/introductions/{id}/outcome", post(needs::outcome))
        .route("/company/bank", get(dialogue::bank))
}

/// The pages for people without an account; their POSTs count against the per-address
/// limit of [`crate::pages::public`].
pub fn public_routes(state: AppState) -> Router<AppState> {
    Router::new()
        .route(
            "/students/register",
            get(students::register_page).post(students::register),
        )
        .route(
            "/students/me/{token}",
            get(students::me).post(students::change),
        )
        .route("/students/me/{token}/export", get(students::export))
        .route("/students/me/{token}/delete", post(students::delete))
        .route(
            "/introductions/{token}",
            get(answer::show).post(answer::answer),
        )
        .layer(axum::middleware::from_fn_with_state(
            state,
            crate::pages::public::limited,
        ))
}
