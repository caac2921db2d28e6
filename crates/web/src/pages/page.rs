//! A page request and its answer: who is asking, in which language, the layout every
//! page shares, and a failure shown as a page in the reader's language.

use super::i18n::{Lang, Tr};
use crate::access::{self, Caller};
use crate::problem::AppError;
use askama::Template;
use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::http::{StatusCode, header};
use axum::response::{Html, IntoResponse, Response};
use chrono::{DateTime, Utc};
use store::accounts::Role;

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
pub(super) fn menu(role: Role) -> &'static [(&'static str, &'static str)] {
    match role {
        Role::Coordinator => super::coordinator::MENU,
        Role::Worker => super::worker::MENU,
        Role::Company => super::company::MENU,
        Role::Driver => super::driver::MENU,
        Role::Editor => super::indicators::EDITOR_MENU,
        Role::GreenAgent => super::festival::MENU,
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
        // `access::identify` stamps every request with the application clock's time; only
        // a request built outside the application (none is) would go without.
        let now = parts
            .extensions
            .get::<access::RequestTime>()
            .map_or_else(|| service::Clock::system().now(), |at| at.0);
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
    /// Every planner is busy: try again in this many seconds.
    Busy(u64),
    Internal(String),
}

impl From<AppError> for PageError {
    fn from(e: AppError) -> Self {
        match e {
            AppError::NotFound(_) | AppError::Invalid(_) => PageError::NotFound,
            AppError::Forbidden(_) | AppError::Unauthorized => PageError::Forbidden,
            AppError::Busy {
                retry_after_seconds,
            } => PageError::Busy(retry_after_seconds),
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
            PageError::Busy(seconds) => {
                let body = Message {
                    layout: page.layout(),
                    title: t.get("common.busy_title").into(),
                    text: t.fill("common.busy_text", &[("seconds", &seconds.to_string())]),
                };
                let mut response = (StatusCode::SERVICE_UNAVAILABLE, render(&body)).into_response();
                response
                    .headers_mut()
                    .insert(axum::http::header::RETRY_AFTER, seconds.into());
                return response;
            }
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
pub async fn show_failures(
    request: axum::extract::Request,
    next: axum::middleware::Next,
) -> Response {
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

/// The longest value a page's form field may carry, in characters: the longest text a
/// page takes (a task's description) with room to spare. A longer one is refused before
/// a handler can store it or echo it back into the form.
pub const MAX_FIELD_CHARS: usize = 5_000;

/// Refuses a form whose values hold a control character (see
/// [`domain::problem::plain_text`]) or run past [`MAX_FIELD_CHARS`], with a page that says
/// so, before any handler reads it: no page stores or repeats one, whichever field it came in.
pub async fn refuse_unfit_forms(
    request: axum::extract::Request,
    next: axum::middleware::Next,
) -> Response {
    if !access::is_form(request.headers()) {
        return next.run(request).await;
    }
    let (mut parts, body) = request.into_parts();
    let Ok(bytes) = axum::body::to_bytes(body, access::FORM_LIMIT).await else {
        return AppError::PayloadTooLarge.into_response();
    };
    let fields: Vec<_> = form_urlencoded::parse(&bytes).collect();
    let plain = fields.iter().all(|(name, value)| {
        domain::problem::plain_text(name).is_ok() && domain::problem::plain_text(value).is_ok()
    });
    let short = fields.iter().all(|(name, value)| {
        name.chars().count() <= MAX_FIELD_CHARS && value.chars().count() <= MAX_FIELD_CHARS
    });
    let unfit = match (plain, short) {
        (true, true) => None,
        (false, _) => Some((
            "common.control_characters_title",
            "common.control_characters_text",
        )),
        (true, false) => Some(("common.too_long_title", "common.too_long_text")),
    };
    if let Some((title, text)) = unfit {
        let Ok(page) = Page::from_request_parts(&mut parts, &()).await;
        let body = Message {
            layout: page.layout(),
            title: page.t.get(title).into(),
            text: page.t.fill(text, &[("max", &MAX_FIELD_CHARS.to_string())]),
        };
        return (StatusCode::UNPROCESSABLE_ENTITY, render(&body)).into_response();
    }
    let request = axum::extract::Request::from_parts(parts, axum::body::Body::from(bytes));
    next.run(request).await
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
