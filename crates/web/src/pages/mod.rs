//! The pages: server-rendered HTML (askama templates in `templates/`) that works without
//! JavaScript, in Danish and English, for each role.
//!
//! - [`i18n`]: the catalogues of words, and the language a page is shown in.
//! - [`sign_in`]: signing in and out.
//! - [`worker`]: a worker's tasks, check-in and out, hours and pay, calendar feed.
//! - [`company`]: a company contact's requests, hours to confirm, invoices.
//! - [`coordinator`]: the week board, people, confirmations, invoice runs.
//! - [`driver`]: a driver's route sheet: today's stops, pickups weighed, unloadings.
//!
//! Every page gets a [`Page`] (language, who is signed in, the role's menu) and renders
//! through [`render`]; a failure becomes a page too, never a JSON problem. What several
//! roles' pages show alike lives here too: clock times, hours, catalogue labels, records
//! deleted since, and invoice downloads.

pub mod company;
pub mod coordinator;
pub mod driver;
pub mod i18n;
pub mod sign_in;
pub mod worker;

use crate::state::AppState;
use crate::access::{self, Caller};
use crate::problem::AppError;
use askama::Template;
use axum::Router;
use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::http::{StatusCode, Uri, header};
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::get;
use chrono::{DateTime, Utc};
use domain::calendar::TIME_ZONE;
use domain::contact::Locale;
use i18n::{Lang, Tr};
use store::accounts::Role;
use service::billing::{self, Format};
use store::invoices::Invoice;
use store::StoreError;

/// The page routes of every role, each role's behind its gate; the front page, the
/// style sheet, signing in and calendar feeds are public.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/", get(home))
        .route("/static/kommune.css", get(style))
        .merge(sign_in::routes())
        .merge(worker::calendar::feed_routes())
        .merge(access::pages_for(sign_in::sign_out_routes(), &Role::ALL))
        .merge(access::pages_for(worker::routes(), access::WORKER))
        .merge(access::pages_for(company::routes(), access::COMPANY))
        .merge(access::pages_for(coordinator::routes(), access::COORDINATOR))
        .merge(access::pages_for(driver::routes(), access::DRIVER))
        .layer(axum::middleware::from_fn(show_failures))
}

/// One entry of the role's menu.
#[derive(Debug, Clone)]
pub struct NavLink {
    pub href: &'static str,
    /// The catalogue key of its text.
    pub key: &'static str,
    pub current: bool,
}

/// The signed-in person as the layout shows them, with the form token for sign-out.
#[derive(Debug, Clone)]
pub struct Me {
    pub email: String,
    pub csrf: String,
    /// "Signed in as …" in the page's language.
    pub label: String,
}

/// What every page's layout needs: the words, who is signed in, and the menu.
#[derive(Debug, Clone)]
pub struct Layout {
    pub t: Tr,
    pub me: Option<Me>,
    pub nav: Vec<NavLink>,
}

/// Each role's menu: where its pages are.
fn menu(role: Role) -> &'static [(&'static str, &'static str)] {
    match role {
        Role::Coordinator => coordinator::MENU,
        Role::Worker => worker::MENU,
        Role::Company => company::MENU,
        Role::Driver => driver::MENU,
    }
}

/// A page request: its language, the caller (if signed in), the path for the menu, and
/// the time it came in by the application's clock.
#[derive(Debug, Clone)]
pub struct Page {
    pub t: Tr,
    pub caller: Option<Caller>,
    pub path: String,
    pub now: DateTime<Utc>,
}

impl Page {
    /// The layout for this request; the menu marks the page the path is under.
    pub fn layout(&self) -> Layout {
        let me = self.caller.as_ref().map(|c| Me {
            email: c.account.email.clone(),
            csrf: c.csrf.clone(),
            label: self
                .t
                .fill("common.signed_in_as", &[("email", &c.account.email)]),
        });
        let nav = self
            .caller
            .as_ref()
            .map(|c| {
                menu(c.role())
                    .iter()
                    .map(|(href, key)| NavLink {
                        href,
                        key,
                        current: self.path == *href,
                    })
                    .collect()
            })
            .unwrap_or_default();
        Layout { t: self.t, me, nav }
    }

    /// Today in Copenhagen, when the request came in.
    pub fn today(&self) -> chrono::NaiveDate {
        domain::calendar::local_date(self.now)
    }

    /// The caller, who is always there past the access check on a non-public page.
    pub fn caller(&self) -> Result<&Caller, PageError> {
        self.caller.as_ref().ok_or(PageError::NotFound)
    }

    /// The caller if their role is `role`; other roles get the not-found page.
    pub fn as_role(&self, role: Role) -> Result<&Caller, PageError> {
        self.caller().and_then(|c| {
            if c.role() == role {
                Ok(c)
            } else {
                Err(PageError::Forbidden)
            }
        })
    }
}

impl<S: Send + Sync> FromRequestParts<S> for Page {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Self::Rejection> {
        let caller = parts.extensions.get::<Caller>().cloned();
        let from_browser = || {
            parts
                .headers
                .get(header::ACCEPT_LANGUAGE)
                .and_then(|v| v.to_str().ok())
                .and_then(Lang::from_accept)
        };
        let lang = caller
            .as_ref()
            .and_then(|c| Lang::parse(&c.account.language))
            .or_else(from_browser)
            .unwrap_or(Lang::Da);
        let now = parts
            .extensions
            .get::<access::RequestTime>()
            .map_or_else(Utc::now, |at| at.0);
        Ok(Page {
            t: Tr::new(lang),
            caller,
            path: parts.uri.path().to_string(),
            now,
        })
    }
}

/// Why a page could not be shown; each becomes a page in the reader's language. A
/// handler returns it with `?`; [`show_failures`] renders it for the request it failed.
#[derive(Debug, Clone)]
pub enum PageError {
    NotFound,
    Forbidden,
    Internal(String),
}

impl From<AppError> for PageError {
    fn from(e: AppError) -> Self {
        match e {
            AppError::NotFound(_) | AppError::Invalid(_) => PageError::NotFound,
            AppError::Forbidden(_) | AppError::Unauthorized => PageError::Forbidden,
            other => PageError::Internal(other.to_string()),
        }
    }
}

impl From<service::ServiceError> for PageError {
    fn from(e: service::ServiceError) -> Self {
        AppError::from(e).into()
    }
}

impl From<store::StoreError> for PageError {
    fn from(e: store::StoreError) -> Self {
        AppError::from(e).into()
    }
}

/// A page of one heading and one paragraph: errors and short notices.
#[derive(Template)]
#[template(path = "message.html")]
pub struct Message {
    pub layout: Layout,
    pub title: String,
    pub text: String,
}

impl PageError {
    /// The error as a page for this request.
    pub fn page(self, page: &Page) -> Response {
        let t = page.t;
        let (status, title, text) = match self {
            PageError::NotFound => (
                StatusCode::NOT_FOUND,
                "common.not_found_title",
                "common.not_found_text",
            ),
            PageError::Forbidden => (
                StatusCode::FORBIDDEN,
                "common.forbidden_title",
                "common.not_found_text",
            ),
            PageError::Internal(message) => {
                tracing::error!(%message, "page failed");
                (
                    StatusCode::INTERNAL_SERVER_ERROR,
                    "common.error_title",
                    "common.error_text",
                )
            }
        };
        let body = Message {
            layout: page.layout(),
            title: t.get(title).into(),
            text: t.get(text).into(),
        };
        (status, render(&body)).into_response()
    }
}

/// A page handler's answer: the page, or the error as a page.
pub type PageResult = Result<Response, PageError>;

impl IntoResponse for PageError {
    /// A marker the [`show_failures`] layer turns into the page, in the language of the
    /// request that failed.
    fn into_response(self) -> Response {
        let mut response = StatusCode::INTERNAL_SERVER_ERROR.into_response();
        response.extensions_mut().insert(self);
        response
    }
}

/// Renders a page handler's error as a page for the request: its language, who is
/// signed in and their menu.
pub async fn show_failures(request: axum::extract::Request, next: axum::middleware::Next) -> Response {
    let (mut parts, body) = request.into_parts();
    let Ok(page) = Page::from_request_parts(&mut parts, &()).await;
    let mut response = next
        .run(axum::extract::Request::from_parts(parts, body))
        .await;
    match response.extensions_mut().remove::<PageError>() {
        Some(failure) => failure.page(&page),
        None => response,
    }
}

/// The template as HTML; a template that fails to render is logged and answered 500.
pub fn render(template: &impl Template) -> Response {
    match template.render() {
        Ok(html) => Html(html).into_response(),
        Err(e) => {
            tracing::error!(error = %e, "a template failed to render");
            (
                StatusCode::INTERNAL_SERVER_ERROR,
                "the page could not be shown",
            )
                .into_response()
        }
    }
}

/// The front page sends each role to its first page.
async fn home(page: Page) -> Response {
    match &page.caller {
        Some(c) => Redirect::to(menu(c.role())[0].0).into_response(),
        None => Redirect::to("/sign-in").into_response(),
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

/// Not found: a JSON problem under `/api`, a page elsewhere.
pub async fn not_found(page: Page, uri: Uri) -> Response {
    if uri.path().starts_with("/api/") {
        AppError::NotFound("no such route".into()).into_response()
    } else {
        PageError::NotFound.page(&page)
    }
}

/// One wrong field of a form, linked from the error summary by the field's id.
#[derive(Debug, Clone)]
pub struct FormError {
    pub field: &'static str,
    pub message: String,
}

/// Whether `errors` names `field`: templates mark that field invalid.
pub fn names(errors: &[FormError], field: &str) -> bool {
    errors.iter().any(|e| e.field == field)
}

/// A cookie for the pages: only over this site's own requests, never to scripts.
pub fn cookie(name: &str, value: &str, max_age_seconds: i64) -> String {
    format!("{name}={value}; Path=/; HttpOnly; SameSite=Lax; Max-Age={max_age_seconds}")
}

/// The catalogues' locale for a page language: task types and skills carry their own labels.
pub fn locale(t: Tr) -> Locale {
    match t.lang {
        Lang::Da => Locale::Da,
        Lang::En => Locale::En,
    }
}

/// An instant's clock time in Copenhagen, `09:00`.
pub fn clock(at: DateTime<Utc>) -> String {
    at.with_timezone(&TIME_ZONE).format("%H:%M").to_string()
}

/// Minutes as hours and minutes, `2:05`.
pub fn hours_minutes(minutes: i64) -> String {
    format!("{}:{:02}", minutes / 60, minutes % 60)
}

/// A record a page names, or `None` when it has been deleted since: the page shows what
/// is left rather than failing.
pub fn live<T>(found: Result<T, StoreError>) -> Result<Option<T>, StoreError> {
    match found {
        Ok(value) => Ok(Some(value)),
        Err(StoreError::NotFound { .. }) => Ok(None),
        Err(e) => Err(e),
    }
}

/// A file to save rather than show.
pub fn download(content_type: &'static str, name: &str, body: Vec<u8>) -> Response {
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

/// An invoice's file from a page's path, `2027-0001.pdf` or `2027-0001.xml`: the number
/// and the extension. Any other name is no file.
pub fn invoice_file(file: &str) -> Result<(&str, &str), PageError> {
    match file.rsplit_once('.') {
        Some((number, extension)) if matches!(extension, "pdf" | "xml") => Ok((number, extension)),
        _ => Err(PageError::NotFound),
    }
}

/// The invoice or credit note as the buyer receives it, to save: its PDF, or for `xml`
/// its Peppol UBL.
pub fn invoice_download(invoice: &Invoice, extension: &str) -> PageResult {
    let format = if extension == "pdf" {
        Format::Pdf
    } else {
        Format::Ubl
    };
    let file = billing::file(invoice, format)?;
    Ok(download(file.content_type, &file.name, file.bytes))
}
