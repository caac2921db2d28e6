//! The pages: server-rendered HTML (askama templates in `templates/`) that works without
//! JavaScript, in Danish and English, for each role.
//!
//! - [`i18n`]: the catalogues of words, and the language a page is shown in.
//! - [`chart`]: bar charts drawn on the server as SVG.
//! - [`map`]: SVG maps drawn from coordinates: Flex Waste's routes, the communities' places.
//! - [`public`]: what pages for people without an account share: form tokens, and a
//!   limit per client address on public POSTs.
//! - [`sign_in`]: signing in and out.
//! - [`cases`]: the best-practice exchange's public cases and its feeds.
//! - [`indicators`]: the public pages of goals, indicators and initiatives.
//! - [`alliance`]: the Aalborg Alliance — needs, matches, introductions, the gap report,
//!   and the students' and candidates' own public pages.
//! - [`festival`]: the Sustainability Festival — programme, registration, the agents'
//!   pages and the door.
//! - [`green`]: the green agents' communities, activities, overview with map and
//!   charts, and the public "Making us greener" pledge page.
//! - [`password`]: anyone signed in changes their own password.
//! - [`worker`]: a worker's tasks, check-in and out, hours and pay, calendar feed.
//! - [`company`]: a company contact's requests, hours to confirm, invoices.
//! - [`coordinator`]: the week board, people, confirmations, invoice runs.
//! - [`driver`]: a driver's route sheet: today's stops, pickups weighed, unloadings.
//! - [`page`]: every page gets a [`Page`] (language, who is signed in, the role's menu)
//!   and renders through [`render`]; a failure becomes a page too, never a JSON problem.
//! - [`shared`]: what several roles' pages show alike: form errors, clock times, hours,
//!   catalogue labels, records deleted since, and invoice downloads.

pub mod alliance;
pub mod cases;
pub mod chart;
pub mod company;
pub mod coordinator;
pub mod driver;
pub mod festival;
pub mod green;
pub mod i18n;
pub mod indicators;
pub mod map;
pub mod page;
pub mod password;
pub mod public;
pub mod reset;
pub mod shared;
pub mod sign_in;
pub mod worker;

use crate::access::{self};
use crate::problem::AppError;
use crate::state::AppState;
use axum::Router;
use axum::extract::State;
use axum::http::{Uri, header};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::get;
use store::accounts::Role;

use page::menu;
pub use page::{Layout, Me, Message, NavLink, Page, PageError, PageResult, render, show_failures};
pub use shared::{
    Errors, FieldError, clock, cookie, day_label, directions, download, geo_link, holiday_pay_rate,
    hours_minutes, invoice_download, invoice_file, locale, names, refusal_said, weekday_name,
};

/// The page routes of every role, each role's behind its gate; the front page, the
/// style sheet, signing in, resetting a forgotten password, calendar feeds, and the
/// Alliance's pages for students and candidates are public.
pub fn router(state: AppState) -> Router<AppState> {
    Router::new()
        .route("/", get(home))
        .route("/static/kommune.css", get(style))
        .route("/static/refresh.js", get(refresh))
        .merge(sign_in::routes())
        .merge(reset::routes().layer(axum::middleware::from_fn_with_state(
            state.clone(),
            public::limited,
        )))
        .merge(alliance::public_routes(state.clone()))
        .merge(indicators::routes())
        .merge(cases::routes())
        .merge(cases::newsletter::routes(state.clone()))
        .merge(festival::routes(state.clone()))
        .merge(green::public_routes(state.clone()))
        .merge(worker::calendar::feed_routes())
        .merge(access::pages_for(sign_in::sign_out_routes(), &Role::ALL))
        .merge(access::pages_for(password::routes(), &Role::ALL))
        .merge(access::pages_for(worker::routes(), access::WORKER))
        .merge(access::pages_for(company::routes(), access::COMPANY))
        .merge(access::pages_for(
            alliance::company_routes(),
            access::COMPANY,
        ))
        .merge(access::pages_for(
            coordinator::routes(),
            access::COORDINATOR,
        ))
        .merge(access::pages_for(
            alliance::coordinator_routes(),
            access::COORDINATOR,
        ))
        .merge(access::pages_for(driver::routes(), access::DRIVER))
        .merge(access::pages_for(
            indicators::manage_routes(),
            access::EDITORS,
        ))
        .merge(access::pages_for(cases::manage::routes(), access::EDITORS))
        .merge(access::pages_for(cases::feeds::routes(), access::EDITORS))
        .merge(access::pages_for(
            festival::manage::routes(),
            access::GREEN_AGENTS,
        ))
        .merge(access::pages_for(green::routes(), access::GREEN_AGENTS))
        .layer(axum::middleware::from_fn(page::refuse_unfit_forms))
        .layer(axum::middleware::from_fn(show_failures))
}

/// The front page sends each role to its first page; a visitor who is not signed in
/// sees the public front page.
async fn home(State(state): State<AppState>, page: Page) -> Response {
    match &page.caller {
        Some(c) => Redirect::to(menu(c.role())[0].0).into_response(),
        None => match cases::front::front(&state, &page).await {
            Ok(response) => response,
            Err(e) => e.page(&page),
        },
    }
}

async fn style() -> Response {
    let css = include_str!("../../static/kommune.css");
    (
        [
            (header::CONTENT_TYPE, "text/css; charset=utf-8"),
            (header::CACHE_CONTROL, "max-age=3600"),
        ],
        css,
    )
        .into_response()
}

/// The script that loads a waiting page again until its background work is done (axe
/// refuses a timed `<meta http-equiv="refresh">`: a reader cannot stop it).
async fn refresh() -> Response {
    (
        [
            (header::CONTENT_TYPE, "text/javascript; charset=utf-8"),
            (header::CACHE_CONTROL, "max-age=3600"),
        ],
        include_str!("../../static/refresh.js"),
    )
        .into_response()
}

/// Not found: a JSON problem under `/api`, a page elsewhere.
pub async fn not_found(page: Page, uri: Uri) -> Response {
    if uri.path().starts_with("/api/") {
        AppError::NotFound("no such route".into()).into_response()
    } else {
        PageError::NotFound.page(&page)
    }
}
