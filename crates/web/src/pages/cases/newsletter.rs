//! The newsletter's public pages: subscribe (`/newsletter`, a public form with its token
//! and the per-address limit), confirm by the mailed link (`/newsletter/confirm/{token}`),
//! and leave (`/newsletter/unsubscribe/{token}`): a page with one button, and the same
//! address answers a mail program's one-click POST without a form token (RFC 8058).

use crate::pages::alliance::form::{Field, FormPage, Posted, said};
use crate::pages::public::{form_token, form_token_fits, with_form_cookie};
use crate::pages::{FieldError, Message, Page, PageResult, render};
use crate::state::AppState;
use askama::Template;
use axum::Router;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::IntoResponse;
use axum::routing::get;
use service::ServiceError;
use service::cases::THEMES;
use service::cases::newsletter::{self, Links};

/// The subscription form's fields, in order.
const FIELDS: [&str; 3] = ["email", "lang", "themes"];

/// The pages: subscribing behind the public limit, confirming and leaving.
pub fn routes(state: AppState) -> Router<AppState> {
    let limited = Router::new()
        .route("/newsletter", get(form).post(subscribe))
        .layer(axum::middleware::from_fn_with_state(
            state,
            crate::pages::public::limited,
        ));
    Router::new()
        .merge(limited)
        .route("/newsletter/confirm/{token}", get(confirm))
        .route(
            "/newsletter/unsubscribe/{token}",
            get(leave_page).post(leave),
        )
}

async fn shown(page: &Page, token: String, posted: &Posted, errors: Vec<FieldError>) -> PageResult {
    let t = page.t;
    let field = |name: &'static str, kind: &'static str| {
        let mut f = Field::new(t, name, kind, posted);
        f.label = t.get(&format!("cases.newsletter_field_{name}")).to_string();
        f
    };
    let languages = vec![
        ("da".to_string(), t.get("cases.language_da").to_string()),
        ("en".to_string(), t.get("cases.language_en").to_string()),
    ];
    let themes = THEMES
        .iter()
        .map(|th| (th.to_string(), super::theme_said(t, th)))
        .collect();
    let status = if errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    let body = FormPage {
        layout: page.layout(),
        csrf: token.clone(),
        heading: t.get("cases.newsletter_title").to_string(),
        intro: t.get("cases.newsletter_form_intro").to_string(),
        action: "/newsletter".into(),
        fields: vec![
            field("email", "email"),
            field("lang", "select").options(languages, posted),
            field("themes", "checks")
                .options(themes, posted)
                .hint(t.get("cases.newsletter_hint_themes").to_string()),
        ],
        submit: t.get("cases.newsletter_submit").to_string(),
        errors,
        back: None,
    };
    Ok(with_form_cookie(
        (status, render(&body)).into_response(),
        &token,
    ))
}

/// `GET /newsletter`.
async fn form(page: Page, headers: HeaderMap) -> PageResult {
    let posted = Posted::with(&[("lang", page.t.lang.code().to_string())]);
    shown(&page, form_token(&headers), &posted, Vec::new()).await
}

/// `POST /newsletter`: the confirmation link mailed, or the form again naming what is
/// wrong.
async fn subscribe(
    State(state): State<AppState>,
    page: Page,
    headers: HeaderMap,
    body: Bytes,
) -> PageResult {
    let t = page.t;
    let posted = Posted::read(&body);
    if !form_token_fits(&headers, posted.one("csrf")) {
        let errors = vec![FieldError::new("email", t.get("sign_in.expired"))];
        let response = shown(&page, form_token(&HeaderMap::new()), &posted, errors).await?;
        return Ok((StatusCode::FORBIDDEN, response).into_response());
    }
    let links = Links::of(&state.public_url.join(""));
    match newsletter::subscribe(
        &state.store,
        posted.one("email"),
        posted.one("lang"),
        &posted.all("themes"),
        &links,
        page.now,
    )
    .await
    {
        Ok(()) => Ok(render(&Message {
            layout: page.layout(),
            title: t.get("cases.newsletter_sent_title").to_string(),
            text: t.fill(
                "cases.newsletter_sent_text",
                &[("email", posted.one("email").trim())],
            ),
        })
        .into_response()),
        Err(ServiceError::Invalid(wrong)) => {
            let errors = said(t, &wrong, &FIELDS, "email")
                .into_iter()
                .map(|e| {
                    let text = t
                        .get(&format!("cases.newsletter_bad_{}", e.field))
                        .to_string();
                    FieldError::new(e.field, text)
                })
                .collect();
            shown(&page, posted.one("csrf").to_string(), &posted, errors).await
        }
        Err(e) => Err(e.into()),
    }
}

/// `GET /newsletter/confirm/{token}`: the subscription confirmed, once.
async fn confirm(
    State(state): State<AppState>,
    page: Page,
    Path(token): Path<String>,
) -> PageResult {
    let done = newsletter::confirm(&state.store, &token, page.now)
        .await?
        .is_some();
    told(&page, done.then_some("confirmed"))
}

/// A short page: `cases.newsletter_{what}_title` and `_text`, or that the link does not
/// work (404) when there is nothing to tell.
fn told(page: &Page, what: Option<&str>) -> PageResult {
    let t = page.t;
    let (status, what) = match what {
        Some(what) => (StatusCode::OK, what),
        None => (StatusCode::NOT_FOUND, "unknown"),
    };
    let body = Message {
        layout: page.layout(),
        title: t.get(&format!("cases.newsletter_{what}_title")).to_string(),
        text: t.get(&format!("cases.newsletter_{what}_text")).to_string(),
    };
    Ok((status, render(&body)).into_response())
}

#[derive(Template)]
#[template(path = "cases/unsubscribe.html")]
struct LeavePage {
    layout: crate::pages::Layout,
    token: String,
}

/// `GET /newsletter/unsubscribe/{token}`: one button, so a link checker opening the link
/// unsubscribes nobody.
async fn leave_page(
    State(state): State<AppState>,
    page: Page,
    Path(token): Path<String>,
) -> PageResult {
    if state
        .store
        .subscriber_by_unsubscribe(&token)
        .await?
        .is_none()
    {
        return left(&page, false);
    }
    Ok(render(&LeavePage {
        layout: page.layout(),
        token,
    })
    .into_response())
}

/// `POST /newsletter/unsubscribe/{token}`: the subscriber deleted. It takes no form token:
/// the link's own token is the proof, and a mail program posts it with one click.
async fn leave(State(state): State<AppState>, page: Page, Path(token): Path<String>) -> PageResult {
    let gone = newsletter::unsubscribe(&state.store, &token).await?;
    left(&page, gone)
}

fn left(page: &Page, gone: bool) -> PageResult {
    told(page, gone.then_some("left"))
}
