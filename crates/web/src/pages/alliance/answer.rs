//! A candidate's answer to an introduction, through the link e-mailed to them: the job,
//! and yes or no. Nothing about them reaches the company before a yes.

use crate::pages::public::{form_token, form_token_fits, with_form_cookie};
use crate::pages::{Layout, Page, PageError, PageResult, render};
use askama::Template;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::HeaderMap;
use axum::response::IntoResponse;
use service::ServiceError;
use service::alliance::introductions::{self, Invitation};
use store::{Store, StoreError};

#[derive(Template)]
#[template(path = "alliance/answer.html")]
struct AnswerPage {
    layout: Layout,
    csrf: String,
    token: String,
    invitation: Invitation,
    kind_said: String,
}

/// `GET /introductions/{token}`: the job, and the buttons to say yes or no.
pub async fn show(
    State(store): State<Store>,
    page: Page,
    headers: HeaderMap,
    Path(token): Path<String>,
) -> PageResult {
    let invitation = introductions::invitation(&store, &token)
        .await
        .map_err(|_| PageError::NotFound)?;
    let csrf = form_token(&headers);
    let body = AnswerPage {
        layout: page.layout(),
        csrf: csrf.clone(),
        kind_said: page
            .t
            .get(&format!("alliance.intro_{}", invitation.status))
            .to_string(),
        token,
        invitation,
    };
    Ok(with_form_cookie(render(&body), &csrf))
}

/// `POST /introductions/{token}`: yes or no, once.
pub async fn answer(
    State(store): State<Store>,
    page: Page,
    headers: HeaderMap,
    Path(token): Path<String>,
    body: Bytes,
) -> PageResult {
    let posted = super::form::Posted::read(&body);
    if !form_token_fits(&headers, posted.one("csrf")) {
        return Err(PageError::Forbidden);
    }
    let yes = match posted.one("answer") {
        "yes" => true,
        "no" => false,
        _ => return Err(PageError::NotFound),
    };
    let t = page.t;
    let (title, text) = match introductions::answer(&store, &token, yes, page.now).await {
        Ok(()) if yes => ("alliance.answer_yes_title", "alliance.answer_yes_text"),
        Ok(()) => ("alliance.answer_no_title", "alliance.answer_no_text"),
        Err(ServiceError::Store(StoreError::Conflict(_))) => (
            "alliance.answer_before_title",
            "alliance.answer_before_text",
        ),
        Err(ServiceError::NotFound(_)) => return Err(PageError::NotFound),
        Err(e) => return Err(e.into()),
    };
    let body = crate::pages::Message {
        layout: page.layout(),
        title: t.get(title).to_string(),
        text: t.get(text).to_string(),
    };
    Ok(render(&body).into_response())
}
